# SPDX-License-Identifier: EUPL-1.2
"""Forms of the network profile and of peer help: they read and type the input; the services
decide.

The choices are the selectors': strengths only among the skills of the owner's own
self-assessment (``selectors.strength_choices``), wishes among the published frameworks' skills
(``selectors.wish_choices``). A value outside them gets its message beside its field, and the
services check it again for every other caller.
"""

from __future__ import annotations

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from elan.network import selectors
from elan.network.constants import (
    INTRO_MESSAGE_MAX,
    MAX_CAPACITY,
    WISH_SENTENCE_MAX,
    WORKING_LANGUAGES,
    Availability,
)
from elan.network.models import NetworkProfile
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


WISH_FIELDS = ("wish_1", "wish_2", "wish_3")
WISH_LABELS = (_("First wish"), _("Second wish"), _("Third wish"))


def _grouped(competencies) -> list:
    """Skills grouped by framework, so that two frameworks' skills of one name stay apart."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for competency in competencies:
        groups.setdefault(str(competency.framework), []).append(
            (str(competency.pk), str(competency))
        )
    return list(groups.items())


def _skill_field(label, *, required: bool = False, help_text="") -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        required=required,
        help_text=help_text,
        error_messages={
            "invalid_choice": _("Choose a skill from the list."),
            "required": _("Choose a skill."),
        },
    )


class ProfileForm(forms.Form):
    strengths = forms.MultipleChoiceField(
        label=_("Strengths I show"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Only skills of your own self-assessment, and only those you tick. Colleagues find "
            "you by these when they ask for help."
        ),
        error_messages={
            "invalid_choice": _("A strength must be a skill of your own self-assessment profile.")
        },
    )
    wish_1 = _skill_field(WISH_LABELS[0])
    wish_2 = _skill_field(WISH_LABELS[1])
    wish_3 = _skill_field(WISH_LABELS[2])
    wish_sentence = forms.CharField(
        label=_("What I would like to learn, in a sentence"),
        required=False,
        max_length=WISH_SENTENCE_MAX,
        validators=[no_control_characters],
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Shown to the mentors of a programme you join, not to peer help."),
        error_messages=LENGTH_ERRORS,
    )
    languages = forms.MultipleChoiceField(
        label=_("Working languages"),
        choices=WORKING_LANGUAGES,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Choose at least one working language."),
            "invalid_choice": _("Choose among the listed languages."),
        },
    )
    availability = forms.ChoiceField(
        label=_("Availability"),
        choices=Availability.choices,
        initial=Availability.MONTHLY,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Say how much time you have."),
            "invalid_choice": _("Choose one of the listed options."),
        },
    )
    offers_mentoring = forms.BooleanField(label=_("I am willing to mentor"), required=False)
    mentor_capacity = forms.IntegerField(
        label=_("How many mentees at once"),
        required=False,
        initial=1,
        min_value=1,
        max_value=MAX_CAPACITY,
        help_text=_("Only counts if you are willing to mentor."),
        error_messages={
            "invalid": _("Give a whole number, for example 2."),
            "min_value": _("At least one mentee."),
            "max_value": _("At most %(limit_value)s mentees at once."),
        },
    )

    def __init__(self, *args, owner, **kwargs):
        super().__init__(*args, **kwargs)
        self.strength_options = selectors.strength_choices(owner=owner)
        self.fields["strengths"].choices = [
            (str(competency.pk), str(competency)) for competency in self.strength_options
        ]
        wish_options = list(selectors.wish_choices())
        self._wish_by_pk = {str(competency.pk): competency for competency in wish_options}
        grouped = [("", _("No wish"))] + _grouped(wish_options)
        for name in WISH_FIELDS:
            self.fields[name].choices = grouped

    @classmethod
    def initial_of(cls, profile: NetworkProfile | None) -> dict:
        if profile is None:
            return {}
        wishes = [str(wish.competency_id) for wish in profile.wishes.order_by("rank")]
        return {
            "strengths": [str(s.competency_id) for s in profile.strengths.all()],
            **{name: wishes[i] if i < len(wishes) else "" for i, name in enumerate(WISH_FIELDS)},
            "wish_sentence": profile.wish_sentence,
            "languages": list(profile.languages),
            "availability": profile.availability,
            "offers_mentoring": profile.offers_mentoring,
            "mentor_capacity": profile.mentor_capacity,
        }

    def clean(self):
        data = super().clean()
        chosen = [data.get(name) for name in WISH_FIELDS if data.get(name)]
        if len(set(chosen)) != len(chosen):
            raise ValidationError(_("Choose three different learning wishes, or leave some blank."))
        return data

    def service_arguments(self) -> dict:
        """The cleaned input as ``services.profile_save`` takes it: competencies, first wish
        first, blanks closed up."""
        data = self.cleaned_data
        by_pk = {str(competency.pk): competency for competency in self.strength_options}
        return {
            "wish_sentence": data["wish_sentence"],
            "languages": data["languages"],
            "availability": data["availability"],
            "offers_mentoring": data["offers_mentoring"],
            "mentor_capacity": data.get("mentor_capacity") or 1,
            "strengths": [by_pk[pk] for pk in data["strengths"]],
            "wishes": [self._wish_by_pk[data[name]] for name in WISH_FIELDS if data.get(name)],
        }


class HelpForm(forms.Form):
    """The question of peer help: "who can help me with …?"."""

    skill = _skill_field(_("Who can help me with"), required=True)

    def __init__(self, *args, skills, **kwargs):
        """``skills`` are those one may ask about (``selectors.wish_choices``)."""
        super().__init__(*args, **kwargs)
        options = list(skills)
        self._by_pk = {str(competency.pk): competency for competency in options}
        self.fields["skill"].choices = [("", _("Choose a skill"))] + _grouped(options)

    def competency(self) -> Competency:
        return self._by_pk[self.cleaned_data["skill"]]


class IntroductionForm(forms.Form):
    message = forms.CharField(
        label=_("Your message"),
        max_length=INTRO_MESSAGE_MAX,
        validators=[no_control_characters],
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Say who you are, what you are working on and what you would like to ask."),
        error_messages={
            **LENGTH_ERRORS,
            "required": _("Write a short message to introduce yourself."),
        },
    )
