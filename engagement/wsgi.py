"""WSGI entry point: `gunicorn engagement.wsgi`."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "engagement.settings")

application = get_wsgi_application()
