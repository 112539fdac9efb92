# SPDX-License-Identifier: EUPL-1.2
"""The learning wall's filters and the yearly report's choice of year, both read from GET.

A value that is not in a list (a slug, a unit code, a year typed into the address) gets a
message that repeats it, since a list cannot show a value it does not hold.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from elan.core.vocabulary import InnovationSkill, Principle
from elan.experiments.constants import Decision
from elan.experiments.wall import WALL_STATUSES, WallFilters
from elan.organisations.models import Unit

QUERY_MAX = 200


class UnitField(forms.ModelChoiceField):
    def label_from_instance(self, unit: Unit) -> str:
        return f"{unit.name} ({unit.code})"


class WallFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search the experiments"),
        help_text=_("Words from the problem, the hypothesis, what was tried or what was learnt."),
        max_length=QUERY_MAX,
        required=False,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
        error_messages={"max_length": _("Use at most %(limit_value)d characters.")},
    )
    principle = forms.ChoiceField(
        label=_("Principle"),
        required=False,
        choices=[("", _("All principles")), *Principle.choices],
        error_messages={
            "invalid_choice": _(
                "There is no principle “%(value)s”. Choose a principle from the list."
            )
        },
    )
    skill = forms.ChoiceField(
        label=_("Innovation skill"),
        required=False,
        choices=[("", _("All skills")), *InnovationSkill.choices],
        error_messages={
            "invalid_choice": _("There is no skill “%(value)s”. Choose a skill from the list.")
        },
    )
    unit = UnitField(
        label=_("Unit"),
        help_text=_("The unit and the units below it."),
        queryset=Unit.objects.none(),
        to_field_name="code",
        required=False,
        empty_label=_("All units"),
        error_messages={
            "invalid_choice": _(
                "No experiment you can read comes from a unit with the code “%(value)s”. "
                "Choose one of the units in the list."
            )
        },
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All statuses")), *((s.value, s.label) for s in WALL_STATUSES)],
        error_messages={
            "invalid_choice": _(
                "The wall has no experiment with the status “%(value)s”. "
                "Choose a status from the list."
            )
        },
    )
    decision = forms.ChoiceField(
        label=_("Decision"),
        required=False,
        choices=[("", _("All decisions")), *Decision.choices],
        error_messages={
            "invalid_choice": _(
                "There is no decision “%(value)s”. Choose a decision from the list."
            )
        },
    )

    def __init__(self, *args, units, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units

    def clean(self):
        cleaned = super().clean()
        # The page number comes from the pagination links, not from a field of the form: a
        # wrong one is said above the form, with the number as it was given.
        raw = (self.data.get("page") or "").strip()
        cleaned["page"] = 1
        if raw:
            try:
                number = int(raw)
            except ValueError:
                number = 0
            if number < 1:
                self.add_error(
                    None,
                    _("There is no page “%(page)s”. Pages are numbered from 1.")
                    % {"page": raw[:20]},
                )
            else:
                cleaned["page"] = number
        return cleaned

    def filters(self) -> WallFilters:
        """What to narrow the wall to: nothing when the form is unbound."""
        if not self.is_bound:
            return WallFilters()
        data = self.cleaned_data
        return WallFilters(
            query=data.get("q") or "",
            principle=data.get("principle") or "",
            skill=data.get("skill") or "",
            unit=data.get("unit"),
            status=data.get("status") or "",
            decision=data.get("decision") or "",
        )

    @property
    def page_number(self) -> int:
        return self.cleaned_data.get("page", 1) if self.is_bound else 1

    def has_criteria(self) -> bool:
        return self.is_bound and any(
            self.cleaned_data.get(name)
            for name in ("q", "principle", "skill", "unit", "status", "decision")
        )


class ReportYearForm(forms.Form):
    year = forms.TypedChoiceField(
        label=_("Decided in"),
        coerce=int,
        error_messages={
            "invalid_choice": _(
                "There is no report for “%(value)s”: no experiment shared with your "
                "organisation was decided then. Choose one of the years in the list."
            ),
            "required": _("Choose a year."),
        },
    )

    def __init__(self, *args, years: list[int], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(year, str(year)) for year in years]
