# SPDX-License-Identifier: EUPL-1.2
"""The ideas' forms. They read and type the input; the services decide, and what a service
refuses comes back on the form beside what was typed (``elan.core.form_errors``)."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from elan.core.widgets import DateInput
from elan.ideas.constants import (
    COMMENT_MAX,
    LINK_MAX,
    OUTCOMES,
    REASON_MAX,
    TEXT_MAX,
    TITLE_MAX,
    Status,
)
from elan.ideas.services import is_safe_link
from elan.organisations.selectors import colleague_by_email
from elan.organisations.widgets import UnitChoiceField, UnitPickerForm

DATE_ERRORS = {
    "required": _("Enter a date, for example 2027-03-31."),
    "invalid": _("Enter a real date, for example 2027-03-31."),
}
LENGTH_ERRORS = {
    "max_length": _("At most %(limit_value)d characters: this text has %(show_value)d."),
}
MOST_OWNERS = 10


class CampaignForm(UnitPickerForm):
    # The service names the owners "owners"; here they are the other owners typed.
    service_fields = {"owners": "other_owners"}

    title = forms.CharField(
        label=_("Title"),
        max_length=TITLE_MAX,
        error_messages={**LENGTH_ERRORS, "required": _("Give the campaign a title.")},
    )
    question = forms.CharField(
        label=_("The question you ask"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Say what you want ideas about, and what you will do with them."),
        error_messages={**LENGTH_ERRORS, "required": _("Write the question you ask.")},
    )
    language = forms.ChoiceField(label=_("Written in"), choices=settings.LANGUAGES)
    unit = UnitChoiceField(
        label=_("Unit"), help_text=_("The campaign asks this unit and every unit below it.")
    )
    opens_on = forms.DateField(label=_("Opens on"), widget=DateInput, error_messages=DATE_ERRORS)
    closes_on = forms.DateField(label=_("Closes on"), widget=DateInput, error_messages=DATE_ERRORS)
    other_owners = forms.CharField(
        label=_("Other owners (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Their e-mail addresses, one per line. Owners answer the ideas; the first owner "
            "gets each new idea."
        ),
        error_messages=LENGTH_ERRORS,
    )

    def __init__(self, *args, units, editing: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        if editing:
            # Ideas were posted to the campaign's unit: it stays.
            del self.fields["unit"]

    def clean_other_owners(self) -> list:
        lines = [line.strip() for line in self.cleaned_data["other_owners"].splitlines()]
        addresses = [line for line in lines if line]
        if len(addresses) > MOST_OWNERS:
            raise ValidationError(
                _("Name at most %(count)d other owners.") % {"count": MOST_OWNERS}
            )
        owners, unknown = [], []
        for address in addresses:
            person = colleague_by_email(address)
            (owners.append(person) if person else unknown.append(address))
        if unknown:
            raise ValidationError(
                _("Nobody on Elan has these addresses: %(addresses)s. Check them, one per line.")
                % {"addresses": ", ".join(unknown)}
            )
        return owners

    def campaign_data(self) -> dict:
        data = dict(self.cleaned_data)
        data["owners"] = data.pop("other_owners")
        return data


class IdeaForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=TITLE_MAX,
        error_messages={**LENGTH_ERRORS, "required": _("Give your idea a title.")},
    )
    body = forms.CharField(
        label=_("Your idea"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What would you change, and what would it make better?"),
        error_messages={**LENGTH_ERRORS, "required": _("Say what your idea is.")},
    )
    anonymous = forms.BooleanField(
        label=_("Post it anonymously"),
        required=False,
        help_text=_(
            "No one, administrators included, can learn that you wrote it: Elan does not store "
            "it. You get a private link, shown once, to read the answer and reply."
        ),
    )


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Your comment"),
        max_length=COMMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={**LENGTH_ERRORS, "required": _("Write your comment.")},
    )


class ReplyForm(forms.Form):
    body = forms.CharField(
        label=_("Your reply"),
        max_length=COMMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("It shows under your idea as the author's reply, without your name."),
        error_messages={**LENGTH_ERRORS, "required": _("Write your reply.")},
    )


class AnswerForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Your answer"),
        choices=[(status.value, status.label) for status in OUTCOMES],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose one of the answers.")},
    )
    reason = forms.CharField(
        label=_("The reason"),
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The idea's author reads it, with your answer."),
        error_messages={
            **LENGTH_ERRORS,
            "required": _("Give the reason: the idea's author reads it."),
        },
    )
    covered_by = forms.CharField(
        label=_("What already covers it (for “already covered”)"),
        required=False,
        max_length=LINK_MAX,
        help_text=_("A link to the project, the rule or the idea that covers it."),
        error_messages=LENGTH_ERRORS,
    )
    look_again_on = forms.DateField(
        label=_("Look again on (for “not now”)"),
        required=False,
        widget=DateInput,
        help_text=_("On that day the idea comes back to you by itself."),
        error_messages=DATE_ERRORS,
    )

    def clean_covered_by(self) -> str:
        link = self.cleaned_data["covered_by"].strip()
        if any(character.isspace() for character in link):
            raise ValidationError(_("A link has no spaces. Check it and paste it again."))
        if link and not is_safe_link(link):
            raise ValidationError(
                _("Give a link that starts with https:// or with / for a page on Elan.")
            )
        return link


class HideForm(forms.Form):
    reason = forms.CharField(
        label=_("Why you hide it"),
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Its author reads this reason."),
        error_messages={
            **LENGTH_ERRORS,
            "required": _("Say why you hide it: its author reads the reason."),
        },
    )


ANSWER_LABELS = {
    Status.TAKEN_FORWARD: _("Take it forward: a draft experiment card opens for you"),
    Status.COVERED: _("Already covered"),
    Status.NOT_NOW: _("Not now: it comes back to you on the day you choose"),
    Status.NOT_FEASIBLE: _("Not feasible"),
}
AnswerForm.base_fields["outcome"].choices = [
    (status.value, label) for status, label in ANSWER_LABELS.items()
]
