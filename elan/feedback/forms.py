# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

import datetime
import uuid

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from elan.assessments.forms import ColleagueByEmailForm, add_statement_fields
from elan.core.widgets import DateInput
from elan.feedback.constants import MAX_OPEN_DAYS, Relationship

# The rater's scale: the instrument's points, worded for someone describing another person.
RATER_ANCHORS = {
    1: _("Not at all"),
    2: _("A little"),
    3: _("Partly"),
    4: _("Mostly"),
    5: _("Very much"),
}


class RoundForm(forms.Form):
    """Carries the idempotency token: one form, one round, however often it is sent."""

    token = forms.UUIDField(widget=forms.HiddenInput)
    closes_on = forms.DateField(
        label=_("Raters can answer until"),
        widget=DateInput(),
        error_messages={"invalid": _("Enter a date, for example 2026-12-31.")},
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Filled in here, in the request's language: "%" on a lazy text at class level would
        # translate it once, at import, for every language (issue 14).
        self.fields["closes_on"].help_text = gettext("At most %(days)s days from today.") % {
            "days": MAX_OPEN_DAYS
        }

    @classmethod
    def fresh(cls) -> RoundForm:
        return cls(
            initial={
                "token": uuid.uuid4(),
                "closes_on": timezone.localdate() + datetime.timedelta(days=14),
            }
        )


class InviteForm(forms.Form):
    relationship = forms.ChoiceField(
        label=_("This person is your"),
        choices=Relationship.choices,
        initial=Relationship.PEER,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how this person knows you.")},
        help_text=_(
            "Peers, direct reports and other colleagues answer anonymously, in groups. Your line "
            "manager and people outside the organisation answer with their role shown."
        ),
    )
    email = forms.EmailField(
        label=_("E-mail address"),
        help_text=_(
            "A colleague's address in the organisation, or, for someone outside it, any address: "
            "no account is needed to answer."
        ),
        max_length=254,
        error_messages={"invalid": _("Enter a valid e-mail address, like name@example.org.")},
    )
    name = forms.CharField(
        label=_("Name (optional)"),
        help_text=_("Used only to greet them in the e-mail."),
        max_length=200,
        required=False,
    )
    language = forms.ChoiceField(
        label=_("Language of the e-mail"),
        help_text=_("Colleagues get it in the language of their account."),
        choices=settings.LANGUAGES,
    )


class ReviewForm(forms.Form):
    """The reviewer approves the rater list or sends it back; sending back needs a note."""

    APPROVE = "approve"
    SEND_BACK = "send_back"

    decision = forms.ChoiceField(
        choices=[(APPROVE, _("Approve")), (SEND_BACK, _("Send back"))],
        widget=forms.HiddenInput,
    )
    note = forms.CharField(
        label=_("Note to the owner"),
        help_text=_(
            "Needed when you send the list back: say whom to add, remove or move to another group."
        ),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        required=False,
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == self.SEND_BACK and not (cleaned.get("note") or "").strip():
            self.add_error("note", _("Say what the owner should change."))
        return cleaned


class RaterForm(forms.Form):
    """One radio group per statement, on the instrument's scale; a statement may be left out."""

    def __init__(
        self,
        *args,
        items,
        scale,
        language: str,
        is_manager: bool,
        min_raters: int,
        is_external: bool = False,
        **kwargs,
    ) -> None:
        super().__init__(*args, **kwargs)
        choices = [
            (value, RATER_ANCHORS.get(value) or scale.anchor(value, language).text)
            for value in scale.values
        ]
        self.items = items
        add_statement_fields(self, items=items, choices=choices, language=language)
        self.fields["comment"] = forms.CharField(
            label=_("Anything you want to add? (optional)"),
            help_text=(
                _("Shown with your role, as the line manager's comment.")
                if is_manager
                else _("Shown as a comment from someone outside the organisation, not anonymous.")
                if is_external
                else _(
                    "Shown without your name, and only if at least %(count)s colleagues write one."
                )
                % {"count": min_raters}
            ),
            widget=forms.Textarea(attrs={"rows": 4}),
            max_length=4000,
            required=False,
        )

    def answers(self) -> dict[str, int]:
        return {
            code: value
            for code, value in self.cleaned_data.items()
            if code != "comment" and value not in (None, "")
        }

    def statement_fields(self):
        return [self[name] for name in self.fields if name != "comment"]


class ShareForm(ColleagueByEmailForm):
    email = forms.EmailField(
        label=_("E-mail address of a colleague"),
        help_text=_("Someone with an Elan account. They can read this report, not change it."),
        max_length=254,
    )
