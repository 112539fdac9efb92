# SPDX-License-Identifier: EUPL-1.2
"""The framework import in the back office; wagtail_hooks mounts these under /admin/."""

from django.urls import path

from elan.skills import admin_views

app_name = "skills_admin"

urlpatterns = [
    path("", admin_views.framework_import_upload, name="framework_import"),
    path("apply/", admin_views.framework_import_apply, name="framework_import_apply"),
]
