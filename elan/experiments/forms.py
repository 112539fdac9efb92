# SPDX-License-Identifier: EUPL-1.2
"""Forms of the experiment card and its lifecycle: they read and type the input; the services
decide.

The lengths are the model's (``constants.TEXT_MAX`` and so on), so that a too long text gets its
message beside its field, and the services check them again for every other caller. Only the
title is required on the card: a card may wait half-filled.
"""

from __future__ import annotations

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from elan.core.vocabulary import InnovationSkill, Principle
from elan.core.widgets import DateInput
from elan.experiments.card_templates import CardTemplate
from elan.experiments.constants import (
    REASON_MAX,
    TEXT_MAX,
    TITLE_MAX,
    AskWhom,
    Criterion,
    Decision,
    Sharing,
    Template,
)
from elan.organisations.selectors import colleague_by_email

DATE_ERRORS = {"invalid": _("Enter a real date, for example 2027-03-31.")}
LENGTH_ERRORS = {
    "max_length": _("At most %(limit_value)d characters: this text has %(show_value)d."),
}
YES_NO = [("yes", _("Yes")), ("no", _("No"))]

# Control characters no keyboard types (NUL is refused earlier, by the malformed-input guard of
# elan/portal/middleware.py); tab and line breaks are text.
_CONTROL = re.compile(r"[\x01-\x08\x0b\x0c\x0e-\x1f\x7f]")


def no_control_characters(value: str) -> None:
    if value and _CONTROL.search(value):
        raise ValidationError(
            _("Remove the invisible control characters from this text."), code="control"
        )


TEXT = [no_control_characters]


def _text(label, *, help_text="", required=False, maximum=TEXT_MAX, rows=3, required_message=None):
    messages = {"required": required_message} if required_message else {}
    return forms.CharField(
        label=label,
        required=required,
        max_length=maximum,
        validators=TEXT,
        widget=forms.Textarea(attrs={"rows": rows}),
        help_text=help_text,
        error_messages={**LENGTH_ERRORS, **messages},
    )


def _yes_no(label, *, help_text="", required_message=None):
    return forms.TypedChoiceField(
        label=label,
        choices=YES_NO,
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        help_text=help_text,
        error_messages={
            "required": required_message or _("Answer yes or no."),
            "invalid_choice": _("Answer yes or no."),
        },
    )


# The card's text fields in the order of the page, as the services name them.
CARD_TEXT_FIELDS = (
    "problem",
    "audience",
    "belief",
    "expected_outcome",
    "what_we_try",
    "smallest_test",
    "success_criterion",
    "stop_criterion",
    "guardrails",
    "people_involved",
)


class CardForm(forms.Form):
    """The card. ``version`` is the card's version when the form was opened: a save from an
    older one is refused as a conflict, never written over someone else's."""

    template = forms.CharField(required=False, widget=forms.HiddenInput, max_length=32)
    version = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=0)
    title = forms.CharField(
        label=_("Title"),
        max_length=TITLE_MAX,
        validators=TEXT,
        help_text=_(
            "A few words your colleagues will recognise. Only the title is needed to save."
        ),
        error_messages={
            **LENGTH_ERRORS,
            "required": _("Give the experiment a title: the rest can wait."),
        },
    )
    problem = _text(
        _("The problem"),
        help_text=_("What goes wrong today, and for whom? Describe it, not the solution."),
    )
    audience = _text(_("Who it is for"), help_text=_("The people who feel the problem."))
    belief = _text(
        _("We believe that"),
        rows=2,
        help_text=_("The first half of the hypothesis: the change you think would help."),
    )
    expected_outcome = _text(
        _("Will lead to"),
        rows=2,
        help_text=_("The second half: what would change, in something you can observe."),
    )
    what_we_try = _text(_("What we try"), help_text=_("The change itself, concretely."))
    smallest_test = _text(
        _("The smallest test that could show it"),
        help_text=_("The quickest, cheapest way to see whether the belief holds."),
    )
    success_criterion = _text(
        _("Success criterion"),
        rows=2,
        help_text=_("Something you can count or observe, decided before you start."),
    )
    stop_criterion = _text(
        _("Stop criterion"),
        rows=2,
        help_text=_("What would tell you to stop, also something you can count or observe."),
    )
    guardrails = _text(
        _("Guardrails (what must not get worse)"),
        rows=2,
        help_text=_("For example the time to handle a file, or what citizens are told."),
    )
    starts_on = forms.DateField(
        label=_("Starts on (optional)"),
        required=False,
        widget=DateInput(),
        error_messages=DATE_ERRORS,
        help_text=_("Left empty, it is the day you start the test."),
    )
    ends_on = forms.DateField(
        label=_("The time box ends on"),
        required=False,
        widget=DateInput(),
        error_messages=DATE_ERRORS,
        help_text=_("A test with an end is easier to start and to stop. Needed to start."),
    )
    cost_euros = forms.IntegerField(
        label=_("Cost in euros (optional)"),
        required=False,
        min_value=0,
        max_value=2_000_000_000,
        error_messages={
            "invalid": _("Give the cost as a whole number of euros, for example 250."),
            "min_value": _("Give the cost as a whole number of euros, 0 or more."),
            "max_value": _("That amount is too large for a small test."),
        },
        help_text=_("A whole number; 0 if it costs nothing but time."),
    )
    people_involved = _text(
        _("People involved"), rows=2, help_text=_("Who does the work, and who else must know.")
    )
    principles = forms.MultipleChoiceField(
        label=_("Principles it serves"),
        choices=Principle.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Choose among the listed principles.")},
    )
    skills = forms.MultipleChoiceField(
        label=_("Innovation skills it exercises"),
        choices=InnovationSkill.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Choose among the listed skills.")},
    )

    def apply_template(self, template: CardTemplate | None) -> None:
        """The template's hint and example beside each field it guides: guidance only, nothing
        is filled in."""
        if template is None:
            return
        for name, guidance in template.guidance.items():
            if name in self.fields:
                self.fields[name].help_text = format_lazy(
                    "{hint} {example}",
                    hint=guidance.hint,
                    example=format_lazy(_("For example: {}"), guidance.example),
                )

    def clean_template(self) -> str:
        code = self.cleaned_data.get("template") or ""
        return code if code in Template.values else ""

    def clean(self):
        cleaned = super().clean()
        starts_on, ends_on = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("The time box cannot end before the experiment starts."))
        return cleaned

    def card_fields(self) -> dict:
        """The fields as the services take them (the title apart)."""
        data = self.cleaned_data
        fields = {name: data.get(name) or "" for name in CARD_TEXT_FIELDS}
        fields.update(
            starts_on=data.get("starts_on"),
            ends_on=data.get("ends_on"),
            cost_euros=data.get("cost_euros"),
            principles=list(data.get("principles") or []),
            skills=list(data.get("skills") or []),
        )
        return fields


class MandateForm(forms.Form):
    """ "Within my mandate?": the four questions before a test starts."""

    changes_rights = _yes_no(
        _("Does the test change a legal obligation or a citizen's rights?"),
        help_text=_(
            "For example: a deadline set by law, the amount someone is entitled to, or what "
            "they must do to keep a right."
        ),
    )
    personal_data = _yes_no(
        _("Does the test handle personal data?"),
        help_text=_(
            "Names, national register numbers, addresses, files about people: anything that "
            "tells who someone is."
        ),
    )
    spend_euros = forms.IntegerField(
        label=_("How much will the test spend, in euros?"),
        min_value=0,
        max_value=2_000_000_000,
        help_text=_("A whole number; 0 if it costs nothing but time."),
        error_messages={
            "required": _("Give the amount, 0 if it costs nothing."),
            "invalid": _("Give the amount as a whole number of euros, for example 250."),
            "min_value": _("Give the amount as a whole number of euros, 0 or more."),
            "max_value": _("That amount is too large for a small test."),
        },
    )
    other_unit = _yes_no(
        _("Does the test need another unit?"),
        help_text=_("Their time, their data, their systems or their approval."),
    )


class AskForm(forms.Form):
    whom = forms.ChoiceField(
        choices=AskWhom.choices,
        widget=forms.HiddenInput,
        error_messages={
            "required": _("Choose whom to ask."),
            "invalid_choice": _("Choose whom to ask."),
        },
    )
    question = _text(
        _("Your question"),
        required=True,
        maximum=REASON_MAX,
        rows=5,
        help_text=_("Sent with the card's title and your name; the person answers yes or no."),
        required_message=_("Write the question you want answered."),
    )


class AnswerForm(forms.Form):
    granted = _yes_no(
        _("Your answer"), required_message=_("Answer yes or no: the owners are waiting.")
    )
    reason = _text(
        _("Reason"),
        required=True,
        maximum=REASON_MAX,
        rows=4,
        help_text=_("Kept with your answer and shown on the card to its owners."),
        required_message=_("Give a reason: it is kept with your answer."),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["granted"].choices = [
            ("yes", _("Yes, they may go ahead")),
            ("no", _("No, not like this")),
        ]


class IterationForm(forms.Form):
    tried_on = forms.DateField(
        label=_("Date"),
        widget=DateInput(),
        error_messages={**DATE_ERRORS, "required": _("Give the day of the iteration.")},
        help_text=_("Today or earlier."),
    )
    what_we_tried = _text(
        _("What we tried"), required=True, required_message=_("Say what you tried.")
    )
    what_we_saw = _text(
        _("What we saw"),
        required=True,
        help_text=_("Figures and observations, as they came."),
        required_message=_("Say what you saw."),
    )
    success = forms.ChoiceField(
        label=_("Against the success criterion"),
        choices=Criterion.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Say what you saw against the success criterion."),
            "invalid_choice": _("Say what you saw against the success criterion."),
        },
    )
    stop_met = forms.BooleanField(label=_("The stop criterion is met"), required=False)
    guardrail_breached = forms.BooleanField(
        label=_("A guardrail was breached: something got worse that must not"),
        required=False,
        help_text=_("Either of these two puts a decision at the top of the card."),
    )
    learnt = _text(_("What we learnt"))
    change_next = _text(_("What we change next"))
    skills = forms.MultipleChoiceField(
        label=_("Skills this iteration exercised"),
        choices=InnovationSkill.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Choose among the listed skills.")},
    )

    def clean_tried_on(self):
        day = self.cleaned_data["tried_on"]
        if day > timezone.localdate():
            raise ValidationError(_("Give the day of the iteration: today or earlier."))
        return day


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("What do you decide?"),
        choices=Decision.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose a decision: scale, iterate, park or stop."),
            "invalid_choice": _("Choose a decision: scale, iterate, park or stop."),
        },
        help_text=_(
            "Stopping or parking is a result too: what the test showed is worth as much as a "
            "success."
        ),
    )
    reason = _text(
        _("Why this decision?"),
        required=True,
        maximum=REASON_MAX,
        help_text=_("What the iterations showed against the success and stop criteria."),
        required_message=_("Give the reason for the decision."),
    )
    lessons = _text(
        _("What we learnt, and what others should know"),
        rows=5,
        help_text=_(
            "What would you tell a colleague who wants to try something similar? About the "
            "idea, the test and the circumstances."
        ),
    )


class RegulariseForm(forms.Form):
    approved_by = forms.CharField(
        label=_("Who approved the new way of working?"),
        max_length=200,
        validators=TEXT,
        help_text=_("A name and a role, or a body: for example the management committee."),
        error_messages={**LENGTH_ERRORS, "required": _("Say who approved it.")},
    )
    approved_on = forms.DateField(
        label=_("Approved on"),
        widget=DateInput(),
        error_messages={**DATE_ERRORS, "required": _("Give the day it was approved.")},
    )
    official_change = _text(
        _("What changed in the official way of working?"),
        required=True,
        rows=5,
        help_text=_("The procedure, instruction, template or rule that now says so."),
        required_message=_("Say what changed in the official way of working."),
    )

    def clean_approved_on(self):
        day = self.cleaned_data["approved_on"]
        if day > timezone.localdate():
            raise ValidationError(_("Give the day it was approved: today or earlier."))
        return day


class CloseForm(forms.Form):
    lessons = _text(
        _("What we learnt, and what others should know"),
        rows=5,
        help_text=_("Optional. What you write replaces the lessons on the card."),
    )


class ResumeForm(forms.Form):
    ends_on = forms.DateField(
        label=_("The new time box ends on"),
        widget=DateInput(),
        error_messages={**DATE_ERRORS, "required": _("Give the day the new time box ends.")},
    )

    def clean_ends_on(self):
        day = self.cleaned_data["ends_on"]
        if day < timezone.localdate():
            raise ValidationError(_("The time box ends in the past: set a later day."))
        return day


class ShareForm(forms.Form):
    sharing = forms.ChoiceField(
        label=_("Who may read it"),
        choices=Sharing.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose with whom to share it."),
            "invalid_choice": _("Choose with whom to share it."),
        },
    )


class CoOwnerForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address of a colleague"),
        max_length=254,
        help_text=_("An active colleague with an Elan account. Co-owners edit the card with you."),
        error_messages={
            "required": _("Give your colleague's e-mail address."),
            "invalid": _("Enter a valid e-mail address, like name@example.org."),
        },
    )

    def clean_email(self):
        email = self.cleaned_data["email"]
        self.colleague = colleague_by_email(email)
        if self.colleague is None:
            raise ValidationError(_("We could not find an active colleague with that address."))
        return email


class ProfileEvidenceForm(forms.Form):
    allowed = forms.BooleanField(
        label=_("Show the skills my iterations exercised on my skills profile"),
        required=False,
        help_text=_(
            "Readers of your profile see this experiment there only if they may read it here."
        ),
    )
