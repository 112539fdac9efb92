# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

import uuid

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from elan.assessments.constants import StepStatus
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
