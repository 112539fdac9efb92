# SPDX-License-Identifier: EUPL-1.2
"""The production profile: HTTPS only, secure cookies, HSTS. Passes ``check --deploy``."""

from elan.env import env_bool, env_int
from elan.settings.base import *  # noqa: F403

DEBUG = False
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# A load balancer probes the health endpoint over plain HTTP, behind the TLS it terminates.
SECURE_REDIRECT_EXEMPT = [r"^health/$"]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken"
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# E-mails wait in the outbox until the mail server takes them (elan/core/outbox.py).
EMAIL_BACKEND = "elan.core.outbox.OutboxBackend"
# Several gunicorn workers, and often several nodes: a cache in one process's memory would let
# each count login attempts and used one-time codes on its own (elan/core/cache.py).
if not REDIS_URL:  # noqa: F405
    CACHES["default"] = CACHES["fallback"]  # noqa: F405
