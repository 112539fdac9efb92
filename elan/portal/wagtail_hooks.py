# SPDX-License-Identifier: EUPL-1.2
"""Accessibility barrier reports in the back office, for the administrators who handle them.

Each report shows whether its e-mail reached the accessibility contact, so that a report the
mail server refused is still seen and answered (docs/privacy.md). Reports come only from the
public form: nobody adds or copies one here; the handler marks it resolved, which starts its
retention period.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from elan.portal.models import BarrierReport


class BarrierReportPermissionPolicy(ModelPermissionPolicy):
    """The model permissions of elan/portal/rules.py, except adding and copying, for anyone."""

    def user_has_permission(self, user, action):
        if action in ("add", "copy"):
            return False
        return super().user_has_permission(user, action)


class BarrierReportViewSet(ModelViewSet):
    model = BarrierReport
    icon = "warning"
    menu_label = _("Accessibility reports")
    menu_order = 910
    add_to_admin_menu = True
    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = ["page_url", "created_at", "language", "delivery_state", "resolved_at"]
    list_filter = ["resolved_at", "notification_sent_at"]
    # Which account filed a report is left out: the handler answers through the address the
    # reporter chose to give, and needs no more to fix the barrier.
    inspect_view_fields = [
        "page_url",
        "description",
        "contact_email",
        "language",
        "created_at",
        "delivery_state",
        "notification_attempts",
        "notification_last_error",
        "notification_sent_at",
        "resolved_at",
    ]
    form_fields = ["resolved_at"]


register_permission_policy(BarrierReport, BarrierReportPermissionPolicy(BarrierReport))


@hooks.register("register_admin_viewset")
def register_barrier_report_viewset():
    return BarrierReportViewSet("barrier_reports")
