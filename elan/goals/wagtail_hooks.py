# SPDX-License-Identifier: EUPL-1.2
"""The evaluation cycle's settings in the Wagtail back office, the one back office.

Three screens under "Evaluation cycle", for HR and administrators (elan/goals/rules.py):

- goal templates, shared by every organisation: HR keep them as data, in four languages;
- public holidays: the federal days Elan ships (no organisation) are listed for everyone and
  changed by nobody here (a new version of Elan brings them: elan/goals/shipped.py); HR add and
  keep the days of the organisations their role covers;
- cycle rules: an organisation's own cycle length, gap between talks and reminders, which the
  units below it follow.

Wagtail asks this module's permission policy, which asks the rules; an organisation's row is
HR's only within their scope. Everyone else is turned away before any of this
(``BackOfficeAccessMiddleware``, ``wagtailadmin.access_admin``).
"""

from __future__ import annotations

import rules
from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from elan.core.back_office import ScopedCreateView, ScopedDeleteView, ScopedEditView
from elan.core.vocabulary import InnovationSkill
from elan.goals.constants import InnovationKind
from elan.goals.models import CycleRules, GoalTemplate, PublicHoliday
from elan.organisations.constants import Role
from elan.organisations.models import Unit
from elan.organisations.selectors import coverage_of
from elan.skills.multilingual_forms import MultilingualModelForm, multilingual_model_form

# Templates are shared by every organisation; holidays and cycle rules are an organisation's.
MANAGE_RULE = "goals.manage_cycle_settings"
MANAGE_FOR_UNIT_RULE = "goals.manage_unit_cycle_settings"
_KEEPERS = (Role.HR, Role.ADMINISTRATOR)


def _organisation_of(instance) -> Unit | None:
    return getattr(instance, "organisation", None)


def is_shipped(instance) -> bool:
    """A holiday Elan ships: it applies everywhere, and only a new version of Elan changes it."""
    return isinstance(instance, PublicHoliday) and instance.organisation_id is None


class CycleSettingsPolicy(ModelPermissionPolicy):
    """Asks the rules (never Django's backends, which let a superuser through everything)."""

    def user_has_permission(self, user, action) -> bool:
        return rules.has_perm(MANAGE_RULE, user)

    def user_has_any_permission(self, user, actions) -> bool:
        return bool(actions) and rules.has_perm(MANAGE_RULE, user)

    def user_has_permission_for_instance(self, user, action, instance) -> bool:
        if not self.user_has_permission(user, action):
            return False
        if action == "view" or isinstance(instance, GoalTemplate):
            return True
        if is_shipped(instance):
            return False
        return rules.has_perm(MANAGE_FOR_UNIT_RULE, user, _organisation_of(instance))


# Registered before the viewsets below, which would otherwise create Wagtail's default policy.
for _model in (GoalTemplate, PublicHoliday, CycleRules):
    register_permission_policy(_model, CycleSettingsPolicy(_model), exact_class=True)


# --- forms: one field per language, never JSON ----------------------------------------------


class MultilingualForm(MultilingualModelForm):
    """The skills screens' form (one field per language, English required), which also
    offers only the organisations the person keeps."""

    def scope_organisations(self, user) -> None:
        """Offer only the units the person's HR (or administrator) role covers."""
        field = self.fields.get("organisation")
        if field is not None:
            field.queryset = coverage_of(user=user, role=_KEEPERS).units().order_by("path")
            field.required = True


def multilingual_form(model, *, base: type[MultilingualForm] = MultilingualForm, **options):
    """``multilingual`` maps a JSON field to (required in English, most characters)."""
    return multilingual_model_form(model, base=base, **options)


class GoalTemplateFormBase(MultilingualForm):
    skill = forms.ChoiceField(
        label=_("Innovation skill"),
        choices=[("", _("None")), *InnovationSkill.choices],
        required=False,
        help_text=_("The OPSI skill an applied-skill goal applies; none for the other kinds."),
    )

    def clean(self) -> dict:
        cleaned = super().clean()
        applies_a_skill = cleaned.get("innovation") == InnovationKind.APPLIED_SKILL
        if applies_a_skill and not cleaned.get("skill"):
            self.add_error("skill", _("Choose the innovation skill this goal applies."))
        if not applies_a_skill and cleaned.get("skill"):
            self.add_error("skill", _("Only an applied-skill goal names an innovation skill."))
        return cleaned


class PublicHolidayFormBase(MultilingualForm):
    def clean(self) -> dict:
        cleaned = super().clean()
        on = cleaned.get("on")
        if on and PublicHoliday.objects.filter(organisation__isnull=True, on=on).exists():
            self.add_error(
                "on", _("This day is already a federal holiday, which applies everywhere.")
            )
        return cleaned


class CycleRulesFormBase(MultilingualForm):
    def clean(self) -> dict:
        cleaned = super().clean()
        first, last = cleaned.get("first_reminder_days"), cleaned.get("last_reminder_days")
        if first is not None and last is not None and first < last:
            self.add_error(
                "first_reminder_days",
                _("The first reminder comes before the last one: give it at least as many days."),
            )
        return cleaned


# --- views: an organisation's rows within HR's scope, shipped holidays read-only -------------


class ScopedIndexView(generic.IndexView):
    def get_base_queryset(self):
        queryset = super().get_base_queryset()
        if self.model is GoalTemplate:
            return queryset
        coverage = coverage_of(user=self.request.user, role=_KEEPERS)
        visible = queryset.filter(coverage.unit_filter("organisation__"))
        if self.model is PublicHoliday:
            visible = visible | queryset.filter(organisation__isnull=True)
        return visible.select_related("organisation")

    def _may(self, action: str, instance) -> bool:
        return self.permission_policy.user_has_permission_for_instance(
            self.request.user, action, instance
        )

    def get_edit_url(self, instance):
        return super().get_edit_url(instance) if self._may("change", instance) else None

    def get_delete_url(self, instance):
        return super().get_delete_url(instance) if self._may("delete", instance) else None


class CycleSettingsViewSet(ModelViewSet):
    add_to_admin_menu = False
    index_view_class = ScopedIndexView
    add_view_class = ScopedCreateView
    edit_view_class = ScopedEditView
    delete_view_class = ScopedDeleteView
    copy_view_enabled = False
    form_base: type[MultilingualForm] = MultilingualForm
    form_fields: list[str] = []
    multilingual: dict[str, tuple[bool, int]] = {}
    long_text: tuple[str, ...] = ()

    def get_form_class(self, for_update: bool = False):
        return multilingual_form(
            self.model,
            base=self.form_base,
            fields=self.form_fields,
            multilingual=self.multilingual,
            long_text=self.long_text,
        )


def _kept_by(holiday: PublicHoliday) -> str:
    if holiday.organisation is None:
        return str(_("Elan: federal, for everyone"))
    return str(holiday.organisation)


class GoalTemplateViewSet(CycleSettingsViewSet):
    model = GoalTemplate
    icon = "clipboard-list"
    menu_label = _("Goal templates")
    # A variant of a template is its most common start.
    copy_view_enabled = True
    form_base = GoalTemplateFormBase
    form_fields = ["code", "kind", "innovation", "audience", "skill", "sort_order", "is_active"]
    multilingual = {
        "title": (True, 200),
        "indicator": (True, 1000),
        "target": (True, 300),
        "guidance": (False, 1000),
    }
    long_text = ("indicator", "guidance")
    list_display = ["__str__", "innovation", "audience", "sort_order", "is_active"]
    list_filter = ["innovation", "audience", "is_active"]
    search_fields = ["code"]


class PublicHolidayViewSet(CycleSettingsViewSet):
    model = PublicHoliday
    icon = "date"
    menu_label = _("Public holidays")
    form_base = PublicHolidayFormBase
    form_fields = ["organisation", "on"]
    multilingual = {"name": (True, 200)}
    list_display = ["__str__", Column("kept_by", label=_("applies to"), accessor=_kept_by)]


class CycleRulesViewSet(CycleSettingsViewSet):
    model = CycleRules
    icon = "cogs"
    menu_label = _("Cycle rules")
    form_base = CycleRulesFormBase
    form_fields = [
        "organisation",
        "length_months",
        "minimum_gap_worked_days",
        "planning_due_days",
        "first_reminder_days",
        "last_reminder_days",
    ]
    list_display = ["__str__", "length_months", "minimum_gap_worked_days", "planning_due_days"]


class EvaluationCycleViewSetGroup(ModelViewSetGroup):
    menu_label = _("Evaluation cycle")
    menu_icon = "calendar-check"
    menu_order = 320
    items = (
        GoalTemplateViewSet("goals_templates"),
        PublicHolidayViewSet("goals_holidays"),
        CycleRulesViewSet("goals_rules"),
    )


@hooks.register("register_admin_viewset")
def register_evaluation_cycle_viewsets():
    return EvaluationCycleViewSetGroup()
