# SPDX-License-Identifier: EUPL-1.2
"""Forms of a programme's participants: joining, ranking mentors, answering a pair, the pair's
meeting log and check-ins, and the anonymous end survey. They read and type the input; the
services decide, and check everything again for every other caller.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from elan.core.widgets import DateInput
from elan.network.constants import (
    MAX_CAPACITY,
    MAX_PREFERENCES,
    MEETING_NOTE_MAX,
    REASON_MAX,
    SURVEY_ANCHORS,
    SURVEY_QUESTIONS,
    SURVEY_SCALE,
    TEXT_MAX,
    Progress,
    Role,
)
from elan.network.forms_profile import LENGTH_ERRORS, no_control_characters
from elan.network.models import NetworkProfile, Participant

DATE_ERRORS = {
    "invalid": _("Enter a real date, for example 2027-03-31."),
    "required": _("Give the date of the meeting."),
}


class JoinForm(forms.Form):
    """Join a programme as a mentee or, for someone willing to mentor, as a mentor with up to
    their profile's number of mentees."""

    role = forms.ChoiceField(
        label=_("I join as"),
        choices=Role.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose whether you join as a mentee or as a mentor."),
            "invalid_choice": _("Choose whether you join as a mentee or as a mentor."),
        },
    )
    capacity = forms.IntegerField(
        label=_("How many mentees at once in this programme"),
        required=False,
        initial=1,
        min_value=1,
        max_value=MAX_CAPACITY,
        error_messages={
            "invalid": _("Give a whole number, for example 2."),
            "min_value": _("At least one mentee."),
            "max_value": _("At most %(limit_value)s mentees at once."),
        },
    )

    def __init__(self, *args, profile: NetworkProfile, **kwargs):
        super().__init__(*args, **kwargs)
        self.profile = profile
        if profile.offers_mentoring:
            self.fields["capacity"].widget.attrs["max"] = profile.mentor_capacity
            self.fields["capacity"].help_text = _(
                "Only for mentors: from 1 to %(count)s, the number in your profile."
            ) % {"count": profile.mentor_capacity}
        else:
            # Mentoring is offered in the profile first; the form does not tempt with a choice
            # the service refuses.
            self.fields["role"].choices = [(Role.MENTEE, Role.MENTEE.label)]
            self.fields["role"].initial = Role.MENTEE
            self.fields["role"].help_text = _(
                "To mentor, say in your profile that you are willing to."
            )
            del self.fields["capacity"]

    def clean_capacity(self):
        capacity = self.cleaned_data.get("capacity") or 1
        if capacity > self.profile.mentor_capacity:
            raise ValidationError(
                _("Your profile says at most %(count)s mentees at once."),
                params={"count": self.profile.mentor_capacity},
            )
        return capacity


PREFERENCE_LABELS = (
    _("First choice"),
    _("Second choice"),
    _("Third choice"),
    _("Fourth choice"),
    _("Fifth choice"),
)[:MAX_PREFERENCES]
PREFERENCE_FIELDS = tuple(f"choice_{number + 1}" for number in range(len(PREFERENCE_LABELS)))


class PreferencesForm(forms.Form):
    """Up to five mentors of the programme, first choice first; blanks are closed up."""

    def __init__(self, *args, mentors: list[tuple[Participant, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self._by_pk = {str(mentor.pk): mentor for mentor, _label in mentors}
        choices = [("", _("No choice"))] + [(str(mentor.pk), label) for mentor, label in mentors]
        for name, label in zip(PREFERENCE_FIELDS, PREFERENCE_LABELS, strict=True):
            self.fields[name] = forms.ChoiceField(
                label=label,
                required=False,
                choices=choices,
                error_messages={"invalid_choice": _("Choose a mentor from the list.")},
            )

    @staticmethod
    def initial_of(preferences) -> dict:
        ranked = [str(preference.mentor_id) for preference in preferences]
        return {name: ranked[i] for i, name in enumerate(PREFERENCE_FIELDS) if i < len(ranked)}

    def clean(self):
        data = super().clean()
        chosen = [data.get(name) for name in PREFERENCE_FIELDS if data.get(name)]
        if len(set(chosen)) != len(chosen):
            raise ValidationError(_("Choose each mentor once, or leave a choice blank."))
        return data

    def mentors(self) -> list[Participant]:
        return [
            self._by_pk[self.cleaned_data[name]]
            for name in PREFERENCE_FIELDS
            if self.cleaned_data.get(name)
        ]


class AnswerForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("Your answer"),
        choices=[("accept", _("I accept this pair")), ("decline", _("I decline this pair"))],
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Say whether you accept or decline."),
            "invalid_choice": _("Say whether you accept or decline."),
        },
    )
    reason = forms.CharField(
        label=_("Why you decline (optional)"),
        required=False,
        max_length=REASON_MAX,
        validators=[no_control_characters],
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Only if you decline. The other person reads it."),
        error_messages=LENGTH_ERRORS,
    )

    @property
    def accepts(self) -> bool:
        return self.cleaned_data["answer"] == "accept"


class MeetingForm(forms.Form):
    held_on = forms.DateField(label=_("Date"), widget=DateInput, error_messages=DATE_ERRORS)
    note = forms.CharField(
        label=_("What you discussed, in one line"),
        max_length=MEETING_NOTE_MAX,
        validators=[no_control_characters],
        help_text=_("Only the two of you read it."),
        error_messages={
            **LENGTH_ERRORS,
            "required": _("Write a line about what you discussed."),
        },
    )

    def clean_held_on(self):
        held_on = self.cleaned_data["held_on"]
        if held_on > timezone.localdate():
            raise ValidationError(_("Log a meeting once it has taken place."), code="future")
        return held_on


class CheckInForm(forms.Form):
    """One check-in (midpoint or end); the page prefixes each form with its kind."""

    progress = forms.ChoiceField(
        label=_("How is it going?"),
        choices=Progress.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Say how it is going."),
            "invalid_choice": _("Choose one of the listed answers."),
        },
    )
    note = forms.CharField(
        label=_("A note (optional)"),
        required=False,
        max_length=MEETING_NOTE_MAX,
        validators=[no_control_characters],
        help_text=_("Only you read your check-in: your partner does not see it."),
        error_messages=LENGTH_ERRORS,
    )


class SurveyForm(forms.Form):
    """The end survey's statements on the five-point agreement scale, and a comment."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        low, high = SURVEY_SCALE
        scale = [(str(value), label) for value, label in SURVEY_ANCHORS if low <= value <= high]
        for code, text in SURVEY_QUESTIONS:
            field = forms.TypedChoiceField(
                label=text,
                choices=scale,
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": _("Choose a point on the scale for this statement.")},
            )
            # Shown as a numbered statement with its scale (core/includes/statement.html).
            field.is_statement = True  # type: ignore[attr-defined]
            self.fields[code] = field
        self.fields["comment"] = forms.CharField(
            label=_("Anything else you would like to say (optional)"),
            required=False,
            max_length=TEXT_MAX,
            validators=[no_control_characters],
            widget=forms.Textarea(attrs={"rows": 4}),
            help_text=_("Leave out anything that points to you or to someone else."),
            error_messages=LENGTH_ERRORS,
        )

    def scores(self) -> dict[str, int]:
        return {code: self.cleaned_data[code] for code, _text in SURVEY_QUESTIONS}
