import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ghnt_portal.settings")
application = get_wsgi_application()

# What the app loaded lives as long as the worker: out of the cyclic collector's sight, so
# a full collection during a request walks the request's objects, not all of Django's.
gc.freeze()
