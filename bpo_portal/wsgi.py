"""WSGI entry point (gunicorn bpo_portal.wsgi; gunicorn.conf.py holds the server's own settings)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bpo_portal.settings.production")

application = get_wsgi_application()
