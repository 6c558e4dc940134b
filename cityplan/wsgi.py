"""WSGI entry point: gunicorn serves ``cityplan.wsgi:application`` (cityplan/gunicorn.py)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cityplan.settings.production")

application = get_wsgi_application()
