# SPDX-License-Identifier: EUPL-1.2
"""The organisation import in the back office; wagtail_hooks mounts these under /admin/."""

from django.urls import path

from elan.organisations import admin_views

app_name = "organisations_admin"

urlpatterns = [
    path("", admin_views.import_upload, name="import"),
    path("<uuid:run_id>/", admin_views.import_preview, name="import_preview"),
    path("<uuid:run_id>/apply/", admin_views.import_apply, name="import_apply"),
    path("<uuid:run_id>/discard/", admin_views.import_discard, name="import_discard"),
]
