# SPDX-License-Identifier: EUPL-1.2
"""Back-office forms that show a multilingual JSON text as one field per language.

Editors should never type JSON: each language gets its own labelled field, English required
(the fallback), the others optional.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from elan.skills.multilingual import fallback_language


class MultilingualModelForm(forms.ModelForm):
    multilingual_fields: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name in self.multilingual_fields:
            value = getattr(self.instance, name, None) or {}
            for code, _language in settings.LANGUAGES:
                self.initial.setdefault(f"{name}__{code}", value.get(code, ""))

    def clean(self) -> dict:
        cleaned = super().clean()
        for name in self.multilingual_fields:
            value = {}
            for code, _language in settings.LANGUAGES:
                text = (cleaned.get(f"{name}__{code}") or "").strip()
                if text:
                    value[code] = text
            setattr(self.instance, name, value)
        return cleaned


def multilingual_model_form(
    model, *, fields: list[str], multilingual: dict[str, bool], long_text: tuple[str, ...] = ()
) -> type[forms.ModelForm]:
    """A ModelForm for ``fields`` plus one field per language for each ``multilingual`` field.

    ``multilingual`` maps a JSONField name to whether it is required (in English).
    """
    attrs: dict = {}
    order: list[str] = []
    for name, required in multilingual.items():
        verbose = capfirst(model._meta.get_field(name).verbose_name)
        for code, language_name in settings.LANGUAGES:
            key = f"{name}__{code}"
            attrs[key] = forms.CharField(
                label=_("%(field)s (%(language)s)") % {"field": verbose, "language": language_name},
                required=required and code == fallback_language(),
                widget=(
                    forms.Textarea(attrs={"rows": 3}) if name in long_text else forms.TextInput()
                ),
            )
            order.append(key)
    attrs["Meta"] = type("Meta", (), {"model": model, "fields": fields})
    attrs["multilingual_fields"] = tuple(multilingual)
    attrs["field_order"] = [*fields, *order]
    return type(f"{model.__name__}AdminForm", (MultilingualModelForm,), attrs)


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
