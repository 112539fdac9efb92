# SPDX-License-Identifier: EUPL-1.2
"""The cohorts' forms. They read and type the input; the services decide, and what a service
refuses comes back on the form beside what was typed (``elan.core.form_errors``)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from elan.cohorts.constants import (
    DEFAULT_MAX_PER_UNIT,
    MAX_PER_UNIT_LIMIT,
    PLACE_MAX,
    TEXT_MAX,
    TITLE_MAX,
    Column,
)
from elan.core.translation import interpolated
from elan.core.widgets import DateInput
from elan.experiments.models import Experiment

DATE_ERRORS = {
    "required": _("Enter a date, for example 2027-03-31."),
    "invalid": _("Enter a real date, for example 2027-03-31."),
}
DATETIME_ERRORS = {
    "required": _("Enter a date and a time, for example 2027-03-31 14:00."),
    "invalid": _("Enter a real date and time, for example 2027-03-31 14:00."),
}
PER_UNIT_ERROR = interpolated(
    _("Enter a whole number from 1 to %(limit)d."), {"limit": MAX_PER_UNIT_LIMIT}
)
LENGTH_ERRORS = {
    "max_length": _("At most %(limit_value)d characters: this text has %(show_value)d."),
}


class DateTimeInput(forms.DateTimeInput):
    """The browser's own date and time picker, which reads and writes ISO values whatever the
    language; shown in the site's time zone."""

    input_type = "datetime-local"

    def __init__(self, attrs=None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%dT%H:%M")


DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"]


class CohortForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=TITLE_MAX,
        error_messages={**LENGTH_ERRORS, "required": _("Give the cohort a title.")},
    )
    description = forms.CharField(
        label=_("What the cohort is for"),
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Members read this on the cohort's page."),
        error_messages=LENGTH_ERRORS,
    )
    starts_on = forms.DateField(label=_("Starts on"), widget=DateInput, error_messages=DATE_ERRORS)
    ends_on = forms.DateField(label=_("Ends on"), widget=DateInput, error_messages=DATE_ERRORS)
    max_per_unit = forms.IntegerField(
        label=_("Members of one unit before Elan tells you"),
        min_value=1,
        max_value=MAX_PER_UNIT_LIMIT,
        initial=DEFAULT_MAX_PER_UNIT,
        help_text=_(
            "A fellowship brings people of different units together. Adding more members of "
            "one unit than this is allowed, and Elan tells you when it happens."
        ),
        error_messages=dict.fromkeys(
            ("required", "invalid", "min_value", "max_value"), PER_UNIT_ERROR
        ),
    )

    @classmethod
    def initial_of(cls, cohort) -> dict:
        return {name: getattr(cohort, name) for name in cls.base_fields}


class MoveForm(forms.Form):
    to = forms.CharField()


class MemberAddForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address of the new member"),
        help_text=_("Their work address, as on their Elan account."),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
        error_messages={
            "required": _("Enter the person's e-mail address."),
            "invalid": _("Enter an e-mail address, for example name@example.be."),
        },
    )


class SessionForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=TITLE_MAX,
        error_messages={**LENGTH_ERRORS, "required": _("Give the session a title.")},
    )
    starts_at = forms.DateTimeField(
        label=_("Starts at"),
        widget=DateTimeInput,
        input_formats=DATETIME_FORMATS,
        error_messages=DATETIME_ERRORS,
    )
    ends_at = forms.DateTimeField(
        label=_("Ends at"),
        widget=DateTimeInput,
        input_formats=DATETIME_FORMATS,
        error_messages=DATETIME_ERRORS,
    )
    place = forms.CharField(
        label=_("Place"),
        required=False,
        max_length=PLACE_MAX,
        help_text=_("The building and room. Leave it empty for a session held online only."),
        error_messages=LENGTH_ERRORS,
    )
    online = forms.BooleanField(label=_("Held online"), required=False)
    agenda = forms.CharField(
        label=_("Agenda"),
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages=LENGTH_ERRORS,
    )

    @classmethod
    def initial_of(cls, session) -> dict:
        return {name: getattr(session, name) for name in cls.base_fields}


class ExperimentField(forms.ModelChoiceField):
    def label_from_instance(self, experiment: Experiment) -> str:
        return f"{experiment.title} ({experiment.get_status_display()})"


class BoardItemForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=TITLE_MAX,
        error_messages={**LENGTH_ERRORS, "required": _("Give your item a title.")},
    )
    work = forms.CharField(
        label=_("What I work on"),
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages=LENGTH_ERRORS,
    )
    column = forms.ChoiceField(
        label=_("Where it stands"),
        choices=Column.choices,
        initial=Column.EXPLORING,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose where the work stands."),
            "invalid_choice": _("Choose where the work stands."),
        },
    )
    next_step = forms.CharField(
        label=_("Next step"),
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages=LENGTH_ERRORS,
    )
    experiment = ExperimentField(
        label=_("Linked experiment"),
        queryset=Experiment.objects.none(),
        to_field_name="public_id",
        required=False,
        empty_label=_("No experiment"),
        help_text=_(
            "One of your own experiment cards. The cohort sees its title and status; the card "
            "itself stays shared as you chose on it."
        ),
        error_messages={"invalid_choice": _("Link one of your own experiments.")},
    )

    def __init__(self, *args, experiments, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["experiment"]
        assert isinstance(field, ExperimentField)
        field.queryset = experiments

    @classmethod
    def initial_of(cls, item) -> dict:
        initial = {name: getattr(item, name) for name in cls.base_fields if name != "experiment"}
        initial["experiment"] = item.experiment.public_id if item.experiment else None
        return initial


class RetrospectiveForm(forms.Form):
    went_well = forms.CharField(
        label=_("What went well"),
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages=LENGTH_ERRORS,
    )
    to_change = forms.CharField(
        label=_("What to change"),
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages=LENGTH_ERRORS,
    )
    next_step = forms.CharField(
        label=_("My next step"),
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages=LENGTH_ERRORS,
    )

    @classmethod
    def initial_of(cls, retrospective) -> dict:
        if retrospective is None:
            return {}
        return {name: getattr(retrospective, name) for name in cls.base_fields}
