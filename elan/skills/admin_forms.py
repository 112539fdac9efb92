# SPDX-License-Identifier: EUPL-1.2
"""The framework import's back-office forms (the multilingual text fields are in
``elan.skills.multilingual_forms``)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class FrameworkUploadForm(forms.Form):
    """One framework file: Elan JSON, or the same document in YAML."""

    file = forms.FileField(
        label=_("Framework file"),
        help_text=_(
            "Elan JSON, as the framework pages and the export command write it, or the same "
            "document in YAML (.yaml or .yml). At most 5 MB."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".json,.yaml,.yml"}),
        error_messages={
            "required": _("Choose the framework file to import."),
            "empty": _("The file is empty."),
            "invalid": _("Choose a file to upload."),
        },
    )


class FrameworkApplyForm(forms.Form):
    """The previewed document, signed, so that what is applied is what was previewed."""

    document = forms.CharField(widget=forms.HiddenInput)
