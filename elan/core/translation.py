# SPDX-License-Identifier: EUPL-1.2
"""Translated text with values filled in, worded when it is shown.

``gettext_lazy("…%(limit)d…") % {...}`` translates at once: a form field's message written at
import would then read in whichever language was active at start-up, for everyone
(tests/test_form_texts_translated.py). ``interpolated`` defers both the translation and the
filling in until the text is rendered, in the reader's language.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.utils.functional import Promise, lazy


def _fill(message: str | Promise, params: Mapping[str, object]) -> str:
    return str(message) % params


def interpolated(message: str | Promise, params: Mapping[str, object]) -> str:
    """``message % params``, translated and filled in only when shown."""
    return lazy(_fill, str)(message, params)
