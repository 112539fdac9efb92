# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _


class PreferredLanguageForm(forms.Form):
    preferred_language = forms.ChoiceField(
        label=_("Language for pages and e-mails"),
        choices=settings.LANGUAGES,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose a language."),
            "invalid_choice": _("Choose one of the languages in the list."),
        },
    )


class PersonSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Name, e-mail address or HR person id"),
        required=False,
        max_length=200,
        error_messages={"max_length": _("Search with at most %(limit_value)d characters.")},
    )


class ConfirmForm(forms.Form):
    """A POST with a CSRF token is the confirmation; the form has no fields of its own."""
