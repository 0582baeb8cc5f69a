import os

from django.core.wsgi import get_wsgi_application

from config.local_folders import make_local_folders

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

make_local_folders()
application = get_wsgi_application()
