# SPDX-License-Identifier: EUPL-1.2
"""``{% localized value %}``: multilingual text with a ``lang`` attribute when it falls back."""

from __future__ import annotations

from django import template
from django.utils.html import format_html

from elan.skills.multilingual import LocalizedText, localize

register = template.Library()


@register.simple_tag(takes_context=True)
def localized(context, value, language=None):
    text = value if isinstance(value, LocalizedText) else localize(value, language)
    if text.is_fallback:
        return format_html('<span lang="{}">{}</span>', text.language, text.text)
    return text.text


@register.filter
def in_language(value, language=None) -> LocalizedText:
    """The LocalizedText itself, for ``{% with name=competency.name|in_language %}``."""
    return localize(value, language)
