# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class BarrierReportForm(forms.Form):
    page_url = forms.CharField(
        label=_("Which page or feature?"),
        max_length=500,
        help_text=_("The address of the page, or a description such as “the search results”."),
        error_messages={"required": _("Tell us which page or feature the barrier is on.")},
    )
    description = forms.CharField(
        label=_("What went wrong?"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What you tried to do, what happened, and any assistive technology you use."),
        error_messages={"required": _("Describe the barrier so that we can fix it.")},
    )
    contact_email = forms.EmailField(
        label=_("Your e-mail address (optional)"),
        required=False,
        help_text=_("Only if you would like an answer. We use it for nothing else."),
        error_messages={"invalid": _("Enter an e-mail address like name@example.be.")},
    )
