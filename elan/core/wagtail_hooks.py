# SPDX-License-Identifier: EUPL-1.2
"""Elan's name and colours in the back office (the templates in core/templates/wagtailadmin/)."""

from __future__ import annotations

from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks


@hooks.register("insert_global_admin_css")
def elan_admin_colours() -> str:
    # A stylesheet, not a <style> element: Elan's own pages allow no inline style, and the
    # back office's relaxation of that rule is Wagtail's need, not ours.
    return format_html('<link rel="stylesheet" href="{}">', static("elan/css/admin.css"))
