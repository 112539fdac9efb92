# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

import datetime
import uuid

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from elan.assessments.constants import STEP_DUE_MAX_DAYS_AHEAD, StepStatus
from elan.core.widgets import DateInput
from elan.skills.multilingual import localize


class StartForm(forms.Form):
    """Carries the idempotency token: one form, one assessment, however often it is sent."""

    token = forms.UUIDField(widget=forms.HiddenInput)

    @classmethod
    def fresh(cls) -> StartForm:
        return cls(initial={"token": uuid.uuid4()})


def add_statement_fields(form: forms.Form, *, items, choices, language: str) -> None:
    """One optional radio group per statement, in the reader's language.

    A statement shown in a fallback language says so through ``text_language``, which the
    template puts in the field's ``lang``. The 360 rater form asks the same statements this way.
    """
    for item in items:
        text = localize(item.text, language)
        field = forms.TypedChoiceField(
            label=text.text,
            choices=choices,
            coerce=int,
            required=False,
            widget=forms.RadioSelect,
            error_messages={"invalid_choice": _("Choose one of the answers offered.")},
        )
        field.text_language = text.language if text.is_fallback else ""
        form.fields[item.code] = field


class StepForm(forms.Form):
    """One radio group per statement; a statement may be left out (it may not apply)."""

    def __init__(self, *args, items, scale, language: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        choices = [(value, scale.anchor(value, language).text) for value in scale.values]
        self.items = items
        add_statement_fields(self, items=items, choices=choices, language=language)

    def answers(self) -> dict[str, int]:
        return {code: value for code, value in self.cleaned_data.items() if value not in (None, "")}


class ColleagueByEmailForm(forms.Form):
    """Names an active colleague by e-mail address; after validation ``grantee`` is that person.

    Subclasses declare the ``email`` field with their own label and help text.
    """

    def clean_email(self):
        email = self.cleaned_data["email"]
        user = get_user_model().objects.filter(email__iexact=email, is_active=True).first()
        if user is None:
            raise forms.ValidationError(
                _("We could not find an active colleague with that address.")
            )
        self.grantee = user
        return email


class ShareWithMentorForm(ColleagueByEmailForm):
    email = forms.EmailField(
        label=_("E-mail address of your mentor"),
        help_text=_(
            "A colleague with an Elan account. They will see your profile and plan, read-only."
        ),
        max_length=254,
    )


class SuggestionForm(forms.Form):
    key = forms.CharField(max_length=300, widget=forms.HiddenInput)


class StepStatusForm(forms.Form):
    status = forms.ChoiceField(choices=StepStatus.choices, widget=forms.HiddenInput)


class StepDueForm(forms.Form):
    """The owner's target date for one step; empty, or the "Remove the date" button, clears it.

    The range (today to a year ahead) is the service's rule; the picker's ``min`` and ``max``
    only help, since the page sends the form without the browser's own checks. Each step's form
    has its own ids (``step-<pk>-due_on``), so that several on one page stay apart.
    """

    due_on = forms.DateField(
        label=_("Target date"),
        required=False,
        widget=DateInput(),
        help_text=_("Optional: a date within the coming year."),
        error_messages={"invalid": _("Enter a date, for example 2026-12-31.")},
    )
    # Sent by the "Remove the date" button only.
    clear = forms.BooleanField(required=False)

    def __init__(self, *args, step, **kwargs) -> None:
        kwargs.setdefault("auto_id", f"step-{step.pk}-%s")
        # A bound form shows what was sent; the initial date only shows on an unbound one.
        kwargs.setdefault("initial", {"due_on": step.due_on})
        super().__init__(*args, **kwargs)
        self.step = step
        today = timezone.localdate()
        self.fields["due_on"].widget.attrs.update(
            {
                "min": today.isoformat(),
                "max": (today + datetime.timedelta(days=STEP_DUE_MAX_DAYS_AHEAD)).isoformat(),
            }
        )

    def target(self) -> datetime.date | None:
        """The date asked for, or None to clear it."""
        if self.cleaned_data.get("clear"):
            return None
        return self.cleaned_data.get("due_on")
