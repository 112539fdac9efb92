# SPDX-License-Identifier: EUPL-1.2
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "elan.settings.production")

application = get_wsgi_application()

# gunicorn does not run system checks; a bad environment must still stop the process.
from django.core import checks  # noqa: E402
from django.core.management.base import SystemCheckError  # noqa: E402

from elan.checks import CONFIG_TAG  # noqa: E402

_errors = [message for message in checks.run_checks(tags=[CONFIG_TAG]) if message.is_serious()]
if _errors:
    raise SystemCheckError("\n".join(str(message) for message in _errors))
