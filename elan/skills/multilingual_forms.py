# SPDX-License-Identifier: EUPL-1.2
"""Back-office forms that show a multilingual JSON text as one field per language.

Editors should never type JSON: each language gets its own labelled field, English required
(the fallback), the others optional. The frameworks' screens and the evaluation cycle's
templates and holidays (elan.goals) use the same builder.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.functional import lazy
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


def _field_in_language(field, language) -> str:
    return _("%(field)s (%(language)s)") % {"field": field, "language": language}


# The form classes are built once, when the back office's URLs are; the labels are read in the
# language of each request.
_language_label = lazy(_field_in_language, str)


def multilingual_model_form(
    model,
    *,
    fields: list[str],
    multilingual: dict[str, bool | tuple[bool, int | None]],
    long_text: tuple[str, ...] = (),
    base: type[MultilingualModelForm] = MultilingualModelForm,
) -> type[MultilingualModelForm]:
    """A ModelForm for ``fields`` plus one field per language for each ``multilingual`` field.

    ``multilingual`` maps a JSONField name to whether it is required (in English), or to
    (required, most characters).
    """
    attrs: dict = {}
    order: list[str] = []
    for name, rule in multilingual.items():
        required, max_length = rule if isinstance(rule, tuple) else (rule, None)
        verbose = capfirst(model._meta.get_field(name).verbose_name)
        for code, language_name in settings.LANGUAGES:
            key = f"{name}__{code}"
            attrs[key] = forms.CharField(
                label=_language_label(verbose, language_name),
                required=required and code == fallback_language(),
                max_length=max_length,
                widget=(
                    forms.Textarea(attrs={"rows": 3}) if name in long_text else forms.TextInput()
                ),
            )
            order.append(key)
    attrs["Meta"] = type("Meta", (), {"model": model, "fields": fields})
    attrs["multilingual_fields"] = tuple(multilingual)
    attrs["field_order"] = [*fields, *order]
    return type(f"{model.__name__}AdminForm", (base,), attrs)
