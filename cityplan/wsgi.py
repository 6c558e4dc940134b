"""WSGI entry point: gunicorn serves ``cityplan.wsgi:application``."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cityplan.settings.dev")

application = get_wsgi_application()
