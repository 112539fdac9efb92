# SPDX-License-Identifier: EUPL-1.2
"""Text in several languages, stored as one JSON object ``{"nl": "...", "fr": "...", ...}``.

Why JSON and not a column per language: frameworks and item banks come from outside (JSON,
CASE) with whatever languages their authors wrote; one object per text keeps import, export and
the back office the same for every language, and adding a language needs no migration.

English is the fallback language and is required, so that a text is never blank. When a page
shows the fallback instead of the person's language, it must say so to assistive technology:
``localize`` tells the caller which language it used, and the ``localized`` template tag wraps
the text in ``lang="en"``.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


def language_codes() -> tuple[str, ...]:
    return tuple(code for code, _name in settings.LANGUAGES)


def fallback_language() -> str:
    return getattr(settings, "FALLBACK_LANGUAGE", "en")


@dataclass(frozen=True, slots=True)
class LocalizedText:
    text: str
    language: str
    is_fallback: bool

    def __str__(self) -> str:
        return self.text


def localize(value: dict | None, language: str | None = None) -> LocalizedText:
    """The text in ``language`` (default: the active one), else in the fallback languages.

    Fallback order: English, then the platform's languages in their configured order.
    """
    wanted = (language or get_language() or fallback_language())[:2]
    value = value or {}
    text = (value.get(wanted) or "").strip()
    if text:
        return LocalizedText(text, wanted, False)
    for candidate in (fallback_language(), *language_codes()):
        text = (value.get(candidate) or "").strip()
        if text:
            return LocalizedText(text, candidate, True)
    return LocalizedText("", wanted, False)


def text_in(value: dict | None, language: str | None = None) -> str:
    """Just the text, for places that cannot carry a ``lang`` attribute (CASE, e-mail subject)."""
    return localize(value, language).text


def validate_multilingual(value) -> None:
    if not isinstance(value, dict):
        raise ValidationError(_("Give the text as an object of language codes and texts."))
    unknown = sorted(set(value) - set(language_codes()))
    if unknown:
        raise ValidationError(
            _("Unknown language codes: %(codes)s."), params={"codes": ", ".join(unknown)}
        )
    if any(not isinstance(text, str) for text in value.values()):
        raise ValidationError(_("Every translation must be text."))
    if not (value.get(fallback_language()) or "").strip():
        raise ValidationError(_("The English text is required: it is the fallback."))


def validate_optional_multilingual(value) -> None:
    """As ``validate_multilingual``, but an empty text (no language at all) is allowed."""
    if value in (None, {}):
        return
    if isinstance(value, dict) and not any((text or "").strip() for text in value.values()):
        return
    validate_multilingual(value)
