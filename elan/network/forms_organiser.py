# SPDX-License-Identifier: EUPL-1.2
"""The organiser's forms: the programme and its rules, and the status moves. They read and type
the input; the services decide (``services.programme_create`` / ``programme_update``)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from elan.core.widgets import DateInput
from elan.network.constants import TEXT_MAX, TITLE_MAX, Department, Mode, ProgrammeStatus
from elan.network.services import PROGRAMME_FIELDS, RULE_FIELDS
from elan.organisations.models import Unit

DATE_ERRORS = {
    "required": _("Enter a date, for example 2027-03-31."),
    "invalid": _("Enter a real date, for example 2027-03-31."),
}
LENGTH_ERRORS = {
    "max_length": _("At most %(limit_value)d characters: this text has %(show_value)d."),
}
GAP_ERRORS = {
    "invalid": _("Enter a whole number from -3 to 3, or leave it empty."),
    "min_value": _("Enter a whole number from -3 to 3, or leave it empty."),
    "max_value": _("Enter a whole number from -3 to 3, or leave it empty."),
}
GAP_HELP = _(
    "Levels A to D; 1 means the mentor is one level above the mentee, 0 the same level, -1 one "
    "level below. Leave both empty when levels do not matter."
)


class UnitField(forms.ModelChoiceField):
    def label_from_instance(self, unit: Unit) -> str:
        return f"{unit.name} ({unit.code})"


class ProgrammeForm(forms.Form):
    """A programme and its rules. ``version`` is the programme's version when the form was
    opened: a save from an older one is refused, never written over someone else's. With
    ``locked`` (pairs published), the rule fields show the saved values and cannot change."""

    version = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=0)
    title = forms.CharField(
        label=_("Title"),
        max_length=TITLE_MAX,
        error_messages={**LENGTH_ERRORS, "required": _("Give the programme a title.")},
    )
    description = forms.CharField(
        label=_("What the programme is for"),
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Participants read this when they sign up."),
        error_messages=LENGTH_ERRORS,
    )
    scope = UnitField(
        label=_("For the people of"),
        queryset=Unit.objects.none(),
        to_field_name="code",
        empty_label=_("Choose a unit"),
        help_text=_("The unit and every unit below it. Only the units your HR role covers."),
        error_messages={
            "required": _("Choose the unit whose people the programme is for."),
            "invalid_choice": _(
                "Your HR role does not cover that unit. Choose one of the units in the list."
            ),
        },
    )
    starts_on = forms.DateField(label=_("Starts on"), widget=DateInput, error_messages=DATE_ERRORS)
    ends_on = forms.DateField(label=_("Ends on"), widget=DateInput, error_messages=DATE_ERRORS)
    mode = forms.ChoiceField(
        label=_("Who makes the pairs"),
        choices=Mode.choices,
        initial=Mode.ORGANISER,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how the pairs are made.")},
    )
    department_rule = forms.ChoiceField(
        label=_("Departments"),
        choices=Department.choices,
        initial=Department.PREFERRED,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a rule on departments.")},
    )
    shared_language = forms.BooleanField(
        label=_("Mentor and mentee share a working language"), required=False, initial=True
    )
    grade_gap_min = forms.IntegerField(
        label=_("Mentor at least this many levels above the mentee"),
        required=False,
        min_value=-3,
        max_value=3,
        help_text=GAP_HELP,
        error_messages=GAP_ERRORS,
    )
    grade_gap_max = forms.IntegerField(
        label=_("Mentor at most this many levels above the mentee"),
        required=False,
        min_value=-3,
        max_value=3,
        help_text=GAP_HELP,
        error_messages=GAP_ERRORS,
    )
    wish_required = forms.BooleanField(
        label=_("The mentor shows a strength in one of the mentee's learning wishes"),
        required=False,
        initial=True,
    )
    honour_preferences = forms.BooleanField(
        label=_("Honour the mentees' ranked preferences"), required=False, initial=True
    )
    answer_days = forms.IntegerField(
        label=_("Days a mentor has to answer a request"),
        min_value=1,
        max_value=30,
        initial=5,
        help_text=_("When mentees choose: after this many days, the request counts as declined."),
        error_messages={
            "required": _("Enter a number of days from 1 to 30."),
            "invalid": _("Enter a number of days from 1 to 30."),
            "min_value": _("Enter a number of days from 1 to 30."),
            "max_value": _("Enter a number of days from 1 to 30."),
        },
    )

    def __init__(self, *args, units, locked: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["scope"].queryset = units
        self.locked = locked
        if locked:
            # A disabled field keeps its saved value whatever is posted.
            for name in RULE_FIELDS:
                self.fields[name].disabled = True

    def clean(self):
        data = super().clean()
        starts_on, ends_on = data.get("starts_on"), data.get("ends_on")
        if starts_on and ends_on and ends_on <= starts_on:
            self.add_error("ends_on", _("The programme must end after the day it starts."))
        low, high = data.get("grade_gap_min"), data.get("grade_gap_max")
        if low is not None and high is not None and low > high:
            self.add_error(
                "grade_gap_max",
                _("The largest level gap cannot be smaller than the smallest."),
            )
        return data

    def programme_fields(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in PROGRAMME_FIELDS}

    @staticmethod
    def initial_of(programme) -> dict:
        initial = {name: getattr(programme, name) for name in PROGRAMME_FIELDS}
        initial["scope"] = programme.scope.code
        initial["version"] = programme.version
        return initial


class MoveForm(forms.Form):
    to = forms.ChoiceField(
        choices=ProgrammeStatus.choices,
        error_messages={
            "required": _("Choose the status to move the programme to."),
            "invalid_choice": _("Choose the status to move the programme to."),
        },
    )


class PublishForm(forms.Form):
    """The number of pairs the organiser saw when confirming: a matching run in between
    changes them, and the organiser reviews them again."""

    pairs = forms.IntegerField(min_value=0, required=False, widget=forms.HiddenInput)
