# SPDX-License-Identifier: EUPL-1.2
"""An organisation's experiment rules in the Wagtail back office, the one back office.

One screen, "Experiment rules", for HR and administrators: per organisation (a unit at the top
of the chart), the spend a test may cost before the line manager is asked, the data protection
officer's address, and how many days before a time box ends its owners are reminded. An
organisation without a row uses the defaults (``selectors.rules_for``).

Wagtail asks this module's permission policy, which asks the organisation's role predicates
(never Django's backends, which let a superuser through everything): HR keep the rows of the
organisations their role covers, administrators every row. Everyone else is turned away before
any of this (``BackOfficeAccessMiddleware``, ``wagtailadmin.access_admin``), and an editor or
moderator who may enter the back office does not reach this screen.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from elan.core.back_office import ScopedCreateView, ScopedDeleteView, ScopedEditView
from elan.experiments.models import ExperimentRules
from elan.organisations.constants import Role
from elan.organisations.rules import is_administrator, is_hr, is_hr_for_unit
from elan.organisations.selectors import coverage_of

_KEEPERS = (Role.HR, Role.ADMINISTRATOR)
# The screen is HR's and administrators'; a row is HR's within their scope.
may_keep_rules = is_hr | is_administrator
may_keep_rules_of = is_hr_for_unit | is_administrator
# Days before the end of a time box: beyond a quarter, a reminder is no longer about the end.
MAX_REMINDER_DAYS = 90


class ExperimentRulesPolicy(ModelPermissionPolicy):
    def user_has_permission(self, user, action) -> bool:
        return may_keep_rules.test(user)

    def user_has_any_permission(self, user, actions) -> bool:
        return bool(actions) and may_keep_rules.test(user)

    def user_has_permission_for_instance(self, user, action, instance) -> bool:
        if not self.user_has_permission(user, action):
            return False
        return may_keep_rules_of.test(user, getattr(instance, "organisation", None))


# Registered before the viewset below, which would otherwise create Wagtail's default policy.
register_permission_policy(
    ExperimentRules, ExperimentRulesPolicy(ExperimentRules), exact_class=True
)


def organisations_kept_by(user):
    """The organisations (units at the top of the chart) the person's role covers."""
    return coverage_of(user=user, role=_KEEPERS).units().filter(depth=1).order_by("path")


class ExperimentRulesForm(forms.ModelForm):
    class Meta:
        model = ExperimentRules
        fields = ["organisation", "spend_limit_euros", "data_protection_email", "reminder_days"]

    def scope_organisations(self, user) -> None:
        field = self.fields["organisation"]
        field.queryset = organisations_kept_by(user)
        field.required = True
        field.error_messages["invalid_choice"] = _(
            "You do not keep the rules of that organisation. Choose one in the list."
        )
        field.help_text = _("The rules apply to every unit below it.")

    def clean_reminder_days(self) -> int:
        days = self.cleaned_data["reminder_days"]
        if days is not None and days > MAX_REMINDER_DAYS:
            raise forms.ValidationError(
                _("Remind at most %(max)s days before the time box ends.")
                % {"max": MAX_REMINDER_DAYS}
            )
        return days


class ScopedIndexView(generic.IndexView):
    def get_base_queryset(self):
        coverage = coverage_of(user=self.request.user, role=_KEEPERS)
        return (
            super()
            .get_base_queryset()
            .filter(coverage.unit_filter("organisation__"))
            .select_related("organisation")
        )


class ExperimentRulesViewSet(ModelViewSet):
    model = ExperimentRules
    icon = "cogs"
    menu_label = _("Experiment rules")
    menu_order = 330
    add_to_admin_menu = True
    index_view_class = ScopedIndexView
    add_view_class = ScopedCreateView
    edit_view_class = ScopedEditView
    delete_view_class = ScopedDeleteView
    copy_view_enabled = False
    form_fields = ["organisation", "spend_limit_euros", "data_protection_email", "reminder_days"]
    list_display = ["__str__", "spend_limit_euros", "data_protection_email", "reminder_days"]

    def get_form_class(self, for_update: bool = False):
        return ExperimentRulesForm


@hooks.register("register_admin_viewset")
def register_experiment_rules_viewset():
    return ExperimentRulesViewSet("experiments_rules")
