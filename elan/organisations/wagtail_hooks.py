# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

import rules
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from elan.organisations import admin_urls


class ImportMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return rules.has_perm("organisations.import_staff", request.user)


@hooks.register("register_admin_urls")
def register_import_urls():
    # Wagtail wraps these in its own back-office login check; each view checks the rule too.
    return [path("organisation/import/", include(admin_urls, namespace="organisations_admin"))]


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return ImportMenuItem(
        _("Organisation import"),
        reverse("organisations_admin:import"),
        name="organisation-import",
        icon_name="upload",
        order=900,
    )
