# SPDX-License-Identifier: EUPL-1.2
"""Forms of an event's participants and mentors: registering, offering to mentor, asking for
help, the team's result and each member's retrospective. They read and type the input; the
services decide, and check everything again for every other caller.

Strengths are offered only among the skills the person's own self-assessment shows
(``network.selectors.strength_choices``), languages only among the event's, challenges only
among the event's: a value outside them gets its message beside its field.
"""

from __future__ import annotations

import re

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from elan.events.constants import (
    GROUP_CODE_LENGTH,
    MAX_RANKING,
    MENTOR_CAPACITY_MAX,
    TEXT_MAX,
    Mode,
)
from elan.events.models import Challenge, Event
from elan.skills.models import Competency

LENGTH_ERRORS = {
    "max_length": _("At most %(limit_value)d characters: this text has %(show_value)d."),
}

# Control characters no keyboard types (NUL is refused earlier, by the malformed-input guard of
# elan/portal/middleware.py); tab and line breaks are text.
_CONTROL = re.compile(r"[\x01-\x08\x0b\x0c\x0e-\x1f\x7f]")


def no_control_characters(value: str) -> None:
    if value and _CONTROL.search(value):
        raise ValidationError(
            _("Remove the invisible control characters from this text."), code="control"
        )


def _grouped(competencies) -> list:
    """Skills grouped by framework, so that two frameworks' skills of one name stay apart."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for competency in competencies:
        groups.setdefault(str(competency.framework), []).append(
            (str(competency.pk), str(competency))
        )
    return list(groups.items())


def _language_choices(event: Event) -> list[tuple[str, str]]:
    labels = dict(settings.LANGUAGES)
    return [(code, labels[code]) for code in event.languages if code in labels]


class _Picked(forms.MultipleChoiceField):
    """Rows chosen by id among those offered; anything else is the field's own message."""

    def __init__(self, *args, rows=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = {str(row.pk): row for row in rows}

    def picked(self, values) -> list:
        return [self.rows[value] for value in values if value in self.rows]


def _strengths_field(strengths: list[Competency], *, help_text) -> _Picked:
    return _Picked(
        label=_("Strengths I bring"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=help_text,
        rows=strengths,
        choices=[(str(c.pk), str(c)) for c in strengths],
        error_messages={
            "invalid_choice": _("Choose strengths among those your self-assessment shows."),
        },
    )


def _languages_field(event: Event, *, label) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label,
        choices=_language_choices(event),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Choose at least one language you can work in."),
            "invalid_choice": _("Choose among the event's languages."),
        },
    )


RANK_LABELS = (
    _("First choice"),
    _("Second choice"),
    _("Third choice"),
    _("Fourth choice"),
    _("Fifth choice"),
)[:MAX_RANKING]
RANK_FIELDS = tuple(f"choice_{number + 1}" for number in range(len(RANK_LABELS)))
# A rank beyond the last select can only come from an old or forged form: it is refused, not
# silently dropped, so that nobody believes a sixth choice counted.
_RANK_NAME = re.compile(r"^choice_(\d{1,3})$")

# "Start a new group" and "join a group" are one mode to the services (Mode.GROUP): the form
# only tells which code to use, the one it generated or the one typed in.
FREE_AGENT = Mode.FREE_AGENT.value
GROUP_NEW = "group_new"
GROUP_JOIN = "group_join"
COMING_CHOICES = (
    (FREE_AGENT, _("On my own: put me in a team")),
    (GROUP_NEW, _("Start a new group: I get a code to share with the people I come with")),
    (GROUP_JOIN, _("Join a group with the code someone shared with me")),
)


class RegistrationForm(forms.Form):
    """Strengths, skills to practise, up to five ranked challenges, languages, and alone or
    with a group; blank ranks are closed up."""

    practise = _Picked(
        label=_("Skills I want to practise"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The teams are formed so that people can practise these."),
        error_messages={"invalid_choice": _("Choose skills from the list.")},
    )
    coming = forms.ChoiceField(
        label=_("How I come"),
        choices=COMING_CHOICES,
        widget=forms.RadioSelect,
        initial=FREE_AGENT,
        error_messages={
            "required": _("Choose how you come."),
            "invalid_choice": _("Choose how you come."),
        },
    )
    group_code = forms.CharField(
        label=_("Group code"),
        required=False,
        max_length=32,
        validators=[no_control_characters],
        error_messages=LENGTH_ERRORS,
    )
    # The code generated for a new group, carried so that the code shown is the code saved.
    new_code = forms.CharField(required=False, max_length=32, widget=forms.HiddenInput)

    field_order = ["strengths", "practise", *RANK_FIELDS, "languages", "coming", "group_code"]

    def __init__(
        self,
        *args,
        event: Event,
        strengths: list[Competency],
        practise,
        challenges: list[Challenge],
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.event = event
        self.fields["strengths"] = _strengths_field(
            strengths,
            help_text=_("Only the skills your own self-assessment shows, and only those you tick."),
        )
        practise = list(practise)
        self.fields["practise"].rows = {str(c.pk): c for c in practise}
        self.fields["practise"].choices = [(str(c.pk), str(c)) for c in practise]
        self.fields["languages"] = _languages_field(event, label=_("Languages I can work in"))
        # Worded when the form is built, in the reader's language, not once at import.
        self.fields["group_code"].help_text = _(
            "Only to join a group: the %(length)d letters and digits the group shared with you."
        ) % {"length": GROUP_CODE_LENGTH}
        self._challenges = {str(c.pk): c for c in challenges}
        choices = [("", _("No choice"))] + [(str(c.pk), str(c)) for c in challenges]
        for name, label in zip(RANK_FIELDS, RANK_LABELS, strict=True):
            self.fields[name] = forms.ChoiceField(
                label=label,
                required=False,
                choices=choices,
                error_messages={"invalid_choice": _("Choose a challenge of this event.")},
            )
        self.order_fields(self.field_order)

    @staticmethod
    def initial_of(registration) -> dict:
        ranked = [str(c.challenge_id) for c in sorted(registration.choices.all(), key=_rank)]
        initial = {
            "strengths": [str(c.pk) for c in registration.strengths.all()],
            "practise": [str(c.pk) for c in registration.practise.all()],
            "languages": list(registration.languages),
            "coming": GROUP_JOIN if registration.mode == Mode.GROUP else FREE_AGENT,
            "group_code": registration.group_code,
        }
        initial.update({name: ranked[i] for i, name in enumerate(RANK_FIELDS) if i < len(ranked)})
        return initial

    def clean(self):
        data = super().clean()
        seen: set[str] = set()
        for name in RANK_FIELDS:
            value = data.get(name)
            if value and value in seen:
                # Beside the repeated choice, so that the summary's link lands on the one to fix.
                self.add_error(
                    name,
                    ValidationError(
                        _("You chose this challenge already: rank each challenge only once."),
                        code="repeated",
                    ),
                )
            elif value:
                seen.add(value)
        beyond = [
            name
            for name in self.data
            if (match := _RANK_NAME.match(name))
            and int(match.group(1)) > MAX_RANKING
            and self.data.get(name)
        ]
        if beyond:
            raise ValidationError(
                _("Rank at most %(count)d challenges.") % {"count": MAX_RANKING},
                code="too_many_challenges",
            )
        coming = data.get("coming")
        if coming == GROUP_JOIN and not (data.get("group_code") or "").strip():
            self.add_error("group_code", _("Give the code the group shared with you."))
        if coming == GROUP_NEW and not (data.get("new_code") or "").strip():
            raise ValidationError(_("Start the group again: its code was lost."), code="new_code")
        return data

    def registration(self) -> dict:
        """The service's keyword arguments, but the event and the person."""
        data = self.cleaned_data
        coming = data["coming"]
        code = {GROUP_NEW: data.get("new_code", ""), GROUP_JOIN: data.get("group_code", "")}
        return {
            "strengths": self.fields["strengths"].picked(data["strengths"]),
            "practise": self.fields["practise"].picked(data["practise"]),
            "challenges": [self._challenges[data[name]] for name in RANK_FIELDS if data.get(name)],
            "languages": data["languages"],
            "mode": FREE_AGENT if coming == FREE_AGENT else Mode.GROUP.value,
            "group_code": code.get(coming, ""),
        }


def _rank(choice) -> int:
    return choice.rank


class MentorForm(forms.Form):
    """A mentor's offer: approved strengths, languages and how many teams."""

    capacity = forms.IntegerField(
        label=_("How many teams I can mentor"),
        min_value=1,
        max_value=MENTOR_CAPACITY_MAX,
        initial=1,
        error_messages={
            "required": _("Give a number of teams, for example 2."),
            "invalid": _("Give a whole number, for example 2."),
            "min_value": _("At least one team."),
            "max_value": _("At most %(limit_value)s teams."),
        },
    )

    field_order = ["strengths", "languages", "capacity"]

    def __init__(self, *args, event: Event, strengths: list[Competency], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["strengths"] = _strengths_field(
            strengths,
            help_text=_(
                "Only the skills your own self-assessment shows. Teams that lack one of them "
                "get you first, and their questions on it come to you first."
            ),
        )
        self.fields["languages"] = _languages_field(event, label=_("Languages I can mentor in"))
        self.fields["capacity"].help_text = _("From 1 to %(count)d teams.") % {
            "count": MENTOR_CAPACITY_MAX
        }
        self.order_fields(self.field_order)

    @staticmethod
    def initial_of(mentor) -> dict:
        return {
            "strengths": [str(c.pk) for c in mentor.strengths.all()],
            "languages": list(mentor.languages),
            "capacity": mentor.capacity,
        }

    def offer(self) -> dict:
        data = self.cleaned_data
        return {
            "strengths": self.fields["strengths"].picked(data["strengths"]),
            "languages": data["languages"],
            "capacity": data["capacity"],
        }


class HelpRequestForm(forms.Form):
    question = forms.CharField(
        label=_("Your question"),
        max_length=TEXT_MAX,
        validators=[no_control_characters],
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The event's mentors read it, and the organisers."),
        error_messages={
            **LENGTH_ERRORS,
            "required": _("Write the question a mentor should answer."),
        },
    )
    skill = forms.ChoiceField(
        label=_("The skill it needs"),
        help_text=_("A mentor who holds this skill gets your question first."),
        error_messages={
            "required": _("Choose the skill your question needs."),
            "invalid_choice": _("Choose a skill from the list."),
        },
    )

    def __init__(self, *args, skills, **kwargs):
        super().__init__(*args, **kwargs)
        skills = list(skills)
        self._skills = {str(c.pk): c for c in skills}
        self.fields["skill"].choices = [("", _("Choose a skill")), *_grouped(skills)]

    def chosen_skill(self) -> Competency:
        return self._skills[self.cleaned_data["skill"]]


class ResultForm(forms.Form):
    summary = forms.CharField(
        label=_("What the team achieved"),
        max_length=TEXT_MAX,
        validators=[no_control_characters],
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("The team's members and the problem owner read it, and the organisers."),
        error_messages={**LENGTH_ERRORS, "required": _("Say what the team achieved.")},
    )


class ExperimentOwnerForm(forms.Form):
    """Who owns the experiment card the result opens: the problem owner or a member."""

    owner = forms.ChoiceField(
        label=_("Who takes it further"),
        widget=forms.RadioSelect,
        help_text=_("They own the draft card, and decide what to try first."),
        error_messages={
            "required": _("Choose who owns the card."),
            "invalid_choice": _("Choose the problem owner or a member of the team."),
        },
    )

    def __init__(self, *args, people: list[tuple[object, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self._people = {str(user.pk): user for user, _label in people}
        self.fields["owner"].choices = [(str(user.pk), label) for user, label in people]

    def chosen_owner(self):
        return self._people[self.cleaned_data["owner"]]


class RetrospectiveForm(forms.Form):
    went_well = forms.CharField(
        label=_("What went well"),
        required=False,
        max_length=TEXT_MAX,
        validators=[no_control_characters],
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages=LENGTH_ERRORS,
    )
    to_change = forms.CharField(
        label=_("What I would change"),
        required=False,
        max_length=TEXT_MAX,
        validators=[no_control_characters],
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages=LENGTH_ERRORS,
    )
    next_step = forms.CharField(
        label=_("My next step"),
        required=False,
        max_length=TEXT_MAX,
        validators=[no_control_characters],
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages=LENGTH_ERRORS,
    )

    def clean(self):
        data = super().clean()
        if not any((data.get(name) or "").strip() for name in self.fields):
            raise ValidationError(_("Write at least one of the three answers."), code="empty")
        return data
