# SPDX-License-Identifier: EUPL-1.2
"""The organiser's forms: the event and its rules, the status moves, a swap between teams, and
a unit's challenge. They read and type the input; the services decide."""

from __future__ import annotations

import re

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from elan.core.translation import interpolated
from elan.core.widgets import DateInput
from elan.events.constants import PLACE_MAX, TEAM_SIZE_MAX, TEXT_MAX, TITLE_MAX, Kind, Status
from elan.organisations.selectors import colleague_by_email
from elan.organisations.widgets import UnitChoiceField, UnitPickerForm
from elan.skills.models import Competency

DATE_ERRORS = {
    "required": _("Enter a date, for example 2027-03-31."),
    "invalid": _("Enter a real date, for example 2027-03-31."),
}
LENGTH_ERRORS = {
    "max_length": _("At most %(limit_value)d characters: this text has %(show_value)d."),
}
# The services' keyword arguments the event form gives.
EVENT_FIELDS = (
    "kind",
    "title",
    "description",
    "starts_on",
    "ends_on",
    "place",
    "online",
    "languages",
    "min_team_size",
    "max_team_size",
    "max_per_unit",
    "required_skills",
)
ADDRESS_SEPARATORS = re.compile(r"[\s,;]+")


def _size_errors(low: int, high: int) -> dict:
    message = interpolated(
        _("Enter a whole number from %(low)d to %(high)d."), {"low": low, "high": high}
    )
    return dict.fromkeys(("required", "invalid", "min_value", "max_value"), message)


class SkillChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, competency: Competency) -> str:
        return str(competency)


def _addresses(text: str) -> list[str]:
    return [address for address in ADDRESS_SEPARATORS.split(text or "") if address]


class EventForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind of event"),
        choices=Kind.choices,
        initial=Kind.HACKATHON,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the kind of event.")},
    )
    title = forms.CharField(
        label=_("Title"),
        max_length=TITLE_MAX,
        error_messages={**LENGTH_ERRORS, "required": _("Give the event a title.")},
    )
    description = forms.CharField(
        label=_("What the event is for"),
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Colleagues read this before they register."),
        error_messages=LENGTH_ERRORS,
    )
    starts_on = forms.DateField(label=_("Starts on"), widget=DateInput, error_messages=DATE_ERRORS)
    ends_on = forms.DateField(label=_("Ends on"), widget=DateInput, error_messages=DATE_ERRORS)
    place = forms.CharField(
        label=_("Place"),
        required=False,
        max_length=PLACE_MAX,
        help_text=_("The building and room. Leave it empty for an event held online only."),
        error_messages=LENGTH_ERRORS,
    )
    online = forms.BooleanField(label=_("Held online, or online too"), required=False)
    languages = forms.MultipleChoiceField(
        label=_("Working languages the teams may use"),
        choices=settings.LANGUAGES,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Each team works in one of them, spoken by all its members."),
        error_messages={
            "required": _("Choose at least one working language."),
            "invalid_choice": _("Choose among the languages listed."),
        },
    )
    min_team_size = forms.IntegerField(
        label=_("Smallest team"),
        min_value=1,
        max_value=TEAM_SIZE_MAX,
        initial=4,
        error_messages=_size_errors(1, TEAM_SIZE_MAX),
    )
    max_team_size = forms.IntegerField(
        label=_("Largest team"),
        min_value=1,
        max_value=TEAM_SIZE_MAX,
        initial=6,
        error_messages=_size_errors(1, TEAM_SIZE_MAX),
    )
    max_per_unit = forms.IntegerField(
        label=_("At most this many members of one unit in a team"),
        min_value=1,
        max_value=TEAM_SIZE_MAX,
        initial=2,
        error_messages=_size_errors(1, TEAM_SIZE_MAX),
    )
    required_skills = SkillChoices(
        label=_("Skills every team needs"),
        queryset=Competency.objects.none(),
        to_field_name="slug",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("At least one member of each team brings each of them as a strength."),
        error_messages={"invalid_choice": _("Choose among the skills listed.")},
    )
    co_organisers = forms.CharField(
        label=_("Other organisers (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Their work e-mail addresses, separated by commas or one a line. You stay an organiser."
        ),
    )

    def __init__(self, *args, skills, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["required_skills"].queryset = skills

    def clean_co_organisers(self) -> list:
        people, unknown = [], []
        for address in _addresses(self.cleaned_data.get("co_organisers", "")):
            person = colleague_by_email(address)
            if person is None:
                unknown.append(address)
            elif person not in people:
                people.append(person)
        if unknown:
            raise forms.ValidationError(
                _(
                    "We found no active colleague with the address %(addresses)s. Check the "
                    "spelling, or leave it out."
                )
                % {"addresses": ", ".join(unknown)},
                code="unknown_address",
            )
        return people

    def clean(self):
        data = super().clean()
        starts_on, ends_on = data.get("starts_on"), data.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("The event cannot end before the day it starts."))
        low, high = data.get("min_team_size"), data.get("max_team_size")
        if low is not None and high is not None and low > high:
            self.add_error(
                "max_team_size", _("The largest team cannot be smaller than the smallest.")
            )
        if not data.get("online") and not (data.get("place") or "").strip():
            self.add_error("place", _("Give a place, or hold the event online."))
        return data

    def event_fields(self) -> dict:
        fields = {name: self.cleaned_data.get(name) for name in EVENT_FIELDS}
        fields["place"] = fields["place"] or ""
        fields["description"] = fields["description"] or ""
        fields["required_skills"] = list(fields["required_skills"] or [])
        fields["organisers"] = self.cleaned_data.get("co_organisers") or []
        return fields

    @staticmethod
    def initial_of(event, *, reader) -> dict:
        initial = {name: getattr(event, name) for name in EVENT_FIELDS if name != "required_skills"}
        initial["required_skills"] = list(event.required_skills.values_list("slug", flat=True))
        initial["co_organisers"] = "\n".join(
            event.organisers.exclude(pk=reader.pk).order_by("email").values_list("email", flat=True)
        )
        return initial


class MoveForm(forms.Form):
    to = forms.ChoiceField(
        choices=Status.choices,
        error_messages={
            "required": _("Choose the status to move the event to."),
            "invalid_choice": _("Choose the status to move the event to."),
        },
    )


class SwapForm(forms.Form):
    """One member's move: to another team, alone or in exchange for one of its members. The
    member is posted beside it, as ``member``; the service checks the rules."""

    to_team = forms.TypedChoiceField(
        label=_("Move to team"),
        coerce=int,
        error_messages={
            "required": _("Choose the team to move this person to."),
            "invalid_choice": _("Choose one of the event's other teams."),
        },
    )
    with_member = forms.TypedChoiceField(
        label=_("In exchange for (optional)"),
        coerce=int,
        required=False,
        empty_value=None,
        help_text=_("Leave it empty to move the person alone."),
        error_messages={"invalid_choice": _("Choose a member of the team you move them to.")},
    )

    def __init__(self, *args, teams, member, **kwargs) -> None:
        # One form per member on the page: ids apart, names alike, as the view reads them.
        kwargs.setdefault("auto_id", f"swap-{member.pk}-%s")
        super().__init__(*args, **kwargs)
        self.member = member
        self.team_of = {m.pk: team.number for team in teams for m in team.members.all()}
        self.fields["to_team"].choices = [("", _("Choose a team"))] + [
            (team.number, _("Team %(number)s") % {"number": team.number})
            for team in teams
            if team.number != self.team_of.get(member.pk)
        ]
        self.fields["with_member"].choices = [("", _("Nobody: move alone"))] + [
            (
                _("Team %(number)s") % {"number": team.number},
                [
                    (m.pk, m.registration.user.get_full_name() or m.registration.user.email)
                    for m in team.members.all()
                ],
            )
            for team in teams
            if team.number != self.team_of.get(member.pk)
        ]

    def clean(self):
        data = super().clean()
        to_team, partner = data.get("to_team"), data.get("with_member")
        if to_team is not None and partner is not None and self.team_of.get(partner) != to_team:
            self.add_error(
                "with_member",
                _("Choose someone of team %(number)s, or nobody.") % {"number": to_team},
            )
        return data


class ChallengeForm(UnitPickerForm):
    unit = UnitChoiceField(
        label=_("Posted for the unit"),
        help_text=_("The unit whose problem this is: one your role covers."),
    )
    title = forms.CharField(
        label=_("Title"),
        max_length=TITLE_MAX,
        error_messages={**LENGTH_ERRORS, "required": _("Give the challenge a title.")},
    )
    problem = forms.CharField(
        label=_("The problem"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Who has the problem, what it costs them, and what you tried already."),
        error_messages={**LENGTH_ERRORS, "required": _("Describe the problem to solve.")},
    )
    problem_owner = forms.CharField(
        label=_("Problem owner's e-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
        help_text=_("The colleague who takes the teams' results further after the event."),
        error_messages={"required": _("Give the problem owner's work e-mail address.")},
    )
    max_teams = forms.IntegerField(
        label=_("At most this many teams (optional)"),
        required=False,
        min_value=1,
        max_value=99,
        help_text=_("Leave it empty to take as many teams as choose it."),
        error_messages=_size_errors(1, 99),
    )

    def __init__(self, *args, units, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units

    def clean_problem_owner(self):
        address = self.cleaned_data.get("problem_owner", "").strip()
        person = colleague_by_email(address)
        if person is None:
            raise forms.ValidationError(
                _(
                    "We found no active colleague with the address %(address)s. The problem "
                    "owner needs an account: check the spelling."
                )
                % {"address": address},
                code="unknown_address",
            )
        return person
