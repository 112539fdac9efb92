# SPDX-License-Identifier: EUPL-1.2
"""Settings for bench/assessment_submit.py: the base profile, no debug, plus one bare view.

Static files use the plain storage so that pages render without ``collectstatic``; nothing
else differs from what a deployment runs (middleware, sessions, CSRF, database).
"""

import os

os.environ.setdefault("DEBUG", "false")

from elan.settings.base import *  # noqa: F403

ROOT_URLCONF = "bench_assessment_urls"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
LOGGING = {"version": 1, "disable_existing_loggers": True, "root": {"level": "ERROR"}}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
