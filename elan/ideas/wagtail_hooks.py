# SPDX-License-Identifier: EUPL-1.2
"""An organisation's idea rules in the Wagtail back office, the one back office.

One screen, "Idea rules", for HR and administrators: per organisation (a unit at the top of the
chart), the response clock's numbers (docs/ideas.md): how many worked days an idea's owner has
to answer it, and how many worked days before that deadline the owner is reminded. An
organisation without a row uses the defaults, 20 and 3 worked days (``selectors.rules_for``).
The time to answer sets the deadline of each idea posted from then on (and of a "not now" when
it comes back); a deadline already set keeps its day. The reminder is read at each run of the
clock, so it applies to every idea still waiting.

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
from elan.ideas.models import IdeaRules
from elan.organisations.constants import Role
from elan.organisations.rules import is_administrator, is_hr, is_hr_for_unit
from elan.organisations.selectors import coverage_of

_KEEPERS = (Role.HR, Role.ADMINISTRATOR)
# The screen is HR's and administrators'; a row is HR's within their scope.
may_keep_rules = is_hr | is_administrator
may_keep_rules_of = is_hr_for_unit | is_administrator
FIELDS = ["organisation", "answer_worked_days", "reminder_worked_days"]


class IdeaRulesPolicy(ModelPermissionPolicy):
    def user_has_permission(self, user, action) -> bool:
        return may_keep_rules.test(user)

    def user_has_any_permission(self, user, actions) -> bool:
        return bool(actions) and may_keep_rules.test(user)

    def user_has_permission_for_instance(self, user, action, instance) -> bool:
        if not self.user_has_permission(user, action):
            return False
        return may_keep_rules_of.test(user, getattr(instance, "organisation", None))


# Registered before the viewset below, which would otherwise create Wagtail's default policy.
register_permission_policy(IdeaRules, IdeaRulesPolicy(IdeaRules), exact_class=True)


def organisations_kept_by(user):
    """The organisations (units at the top of the chart) the person's role covers."""
    return coverage_of(user=user, role=_KEEPERS).units().filter(depth=1).order_by("path")


class IdeaRulesForm(forms.ModelForm):
    class Meta:
        model = IdeaRules
        fields = FIELDS
        help_texts = {
            "answer_worked_days": _(
                "Weekends and public holidays do not count. A deadline already set keeps its day."
            ),
            "reminder_worked_days": _(
                "The owner is reminded this many worked days before the deadline, once."
            ),
        }

    def scope_organisations(self, user) -> None:
        field = self.fields["organisation"]
        field.queryset = organisations_kept_by(user)
        field.required = True
        field.error_messages["invalid_choice"] = _(
            "You do not keep the rules of that organisation. Choose one in the list."
        )
        field.help_text = _("The rules apply to every unit below it.")

    def clean(self) -> dict:
        cleaned = super().clean()
        answer, reminder = cleaned.get("answer_worked_days"), cleaned.get("reminder_worked_days")
        if answer is not None and reminder is not None and reminder >= answer:
            self.add_error(
                "reminder_worked_days",
                _(
                    "The reminder comes before the deadline: give it fewer worked days than the "
                    "time to answer."
                ),
            )
        return cleaned


class ScopedIndexView(generic.IndexView):
    def get_base_queryset(self):
        coverage = coverage_of(user=self.request.user, role=_KEEPERS)
        return (
            super()
            .get_base_queryset()
            .filter(coverage.unit_filter("organisation__"))
            .select_related("organisation")
        )


class IdeaRulesViewSet(ModelViewSet):
    model = IdeaRules
    icon = "cogs"
    menu_label = _("Idea rules")
    menu_order = 340
    add_to_admin_menu = True
    index_view_class = ScopedIndexView
    add_view_class = ScopedCreateView
    edit_view_class = ScopedEditView
    delete_view_class = ScopedDeleteView
    copy_view_enabled = False
    form_fields = FIELDS
    list_display = ["__str__", "answer_worked_days", "reminder_worked_days"]

    def get_form_class(self, for_update: bool = False):
        return IdeaRulesForm


@hooks.register("register_admin_viewset")
def register_idea_rules_viewset():
    return IdeaRulesViewSet("ideas_rules")
