# SPDX-License-Identifier: EUPL-1.2
import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "elan.settings.production")
application = get_asgi_application()
