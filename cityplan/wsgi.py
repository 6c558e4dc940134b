"""WSGI entry point: gunicorn serves ``cityplan.wsgi:application``.

Without DJANGO_SETTINGS_MODULE a server runs the production settings (which refuse to start
without DJANGO_SECRET_KEY), never the development ones; `manage.py` keeps `dev` locally.
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cityplan.settings.production")

application = get_wsgi_application()
