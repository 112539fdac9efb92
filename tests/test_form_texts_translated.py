# SPDX-License-Identifier: EUPL-1.2
"""Issue 14, point 10: every form speaks the page's language.

A form's label, help text or error message written as ``_("…") % {…}`` at class level is
translated once, when the module is imported, in whatever language was active then: the 360
invitation form showed "At most 60 days from today." in English on Dutch pages. Two checks:

- every plain (not lazy) text on a field declared on a form class of ours is compared with our
  message catalogues; a match means it was translated at import time;
- every form that can be built without arguments is built in English and in Dutch, and a help
  text whose English has a Dutch translation in the catalogues must come out differently.
"""

from __future__ import annotations

import importlib
import re
from functools import cache
from pathlib import Path

import polib
from django import forms
from django.conf import settings
from django.utils import translation
from django.utils.functional import Promise

ROOT = Path(settings.BASE_DIR)
SKIPPED_PARTS = {"tests", "migrations", "settings", "locale", "templates", "static"}
# A class statement that names a form base: the modules to import so that every form class of
# ours is defined before the walk (forms.py, admin_forms.py, Wagtail hooks, views).
FORM_CLASS = re.compile(r"^class \w+\([^)]*Form\b", re.MULTILINE)
PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|%[sdif]|\{\w*\}")
# A catalogue text made of little but placeholders ("%(count)s people") would match anything.
ENOUGH_WORDS = re.compile(r"[^\W\d_]{3,}.*[^\W\d_]{3,}", re.DOTALL)


def our_form_classes() -> list[type[forms.BaseForm]]:
    for path in sorted((ROOT / "elan").rglob("*.py")):
        relative = path.relative_to(ROOT)
        if SKIPPED_PARTS & set(relative.parts) or not FORM_CLASS.search(path.read_text("utf-8")):
            continue
        importlib.import_module(".".join(relative.with_suffix("").parts))
    found, stack = set(), [forms.BaseForm]
    while stack:
        for subclass in stack.pop().__subclasses__():
            stack.append(subclass)
            module = subclass.__module__
            if module.startswith("elan.") and ".tests" not in module:
                found.add(subclass)
    return sorted(found, key=lambda cls: (cls.__module__, cls.__qualname__))


@cache
def catalogues() -> dict[str, dict[str, str]]:
    """Per language, msgid -> msgstr of our own catalogues (the apps' and the project's)."""
    merged: dict[str, dict[str, str]] = {}
    for po_path in sorted(ROOT.glob("elan/*/locale/*/LC_MESSAGES/django.po")) + sorted(
        ROOT.glob("locale/*/LC_MESSAGES/django.po")
    ):
        language = po_path.parts[-3]
        entries = merged.setdefault(language, {})
        for entry in polib.pofile(str(po_path)):
            if entry.obsolete or "fuzzy" in entry.flags:
                continue
            texts = [(entry.msgid, entry.msgstr)]
            if entry.msgid_plural:
                texts = [
                    (entry.msgid if n == 0 else entry.msgid_plural, text)
                    for n, text in sorted(entry.msgstr_plural.items())
                ]
            for msgid, msgstr in texts:
                entries[msgid] = msgstr
    return merged


def _pattern(text: str) -> re.Pattern | None:
    if not ENOUGH_WORDS.search(PLACEHOLDER.sub("", text)):
        return None
    parts = PLACEHOLDER.split(text)
    return re.compile("(?s)" + ".+?".join(re.escape(part) for part in parts))


@cache
def catalogue_patterns() -> list[tuple[re.Pattern, str]]:
    """(a pattern of a msgid or of its translation, the msgid): placeholders match any text."""
    patterns = {}
    for entries in catalogues().values():
        for msgid, msgstr in entries.items():
            for text in (msgid, msgstr):
                if text and text not in patterns and (pattern := _pattern(text)):
                    patterns[text] = (pattern, msgid)
    return list(patterns.values())


def msgids_matching(text: str) -> set[str]:
    """The msgids of which ``text`` is the msgid or a translation, placeholders filled in."""
    text = str(text).strip()
    if not ENOUGH_WORDS.search(text):
        return set()
    return {msgid for pattern, msgid in catalogue_patterns() if pattern.fullmatch(text)}


def field_texts(field: forms.Field) -> list[tuple[str, object]]:
    texts = [("label", field.label), ("help_text", field.help_text)]
    texts += [(f"error_messages[{key}]", text) for key, text in field.error_messages.items()]
    return [(what, text) for what, text in texts if text]


def test_the_walk_finds_our_forms_wherever_they_are_defined():
    # Guards the walk: a form in forms.py, a Wagtail admin form, a form built on a mixin.
    names = {f"{cls.__module__}.{cls.__qualname__}" for cls in our_form_classes()}
    for expected in (
        "elan.feedback.forms.RoundForm",
        "elan.accounts.forms.PreferredLanguageForm",
        "elan.skills.admin_forms.FrameworkUploadForm",
        "elan.skills.multilingual_forms.MultilingualModelForm",
        "elan.accounts.back_office_users.LoginAddressFixedUserEditForm",
    ):
        assert expected in names


def test_a_text_translated_when_the_module_was_imported_is_recognised():
    # Guards the check below on the defect it exists for.
    assert msgids_matching("At most 60 days from today.") == {"At most %(days)s days from today."}
    assert msgids_matching("Choose a language.") == {"Choose a language."}
    assert msgids_matching("Something no catalogue holds, written for this test.") == set()


def test_no_form_field_text_is_translated_at_import_time():
    stale = []
    for form_class in our_form_classes():
        for name, field in form_class.base_fields.items():
            for what, text in field_texts(field):
                if isinstance(text, Promise) or not isinstance(text, str):
                    continue
                if msgids := msgids_matching(text):
                    stale.append(
                        f"{form_class.__module__}.{form_class.__qualname__}.{name} {what}: "
                        f"{text!r} is a translation of {sorted(msgids)}"
                    )
    assert not stale, (
        "Translated once at import, so every language gets that one: use gettext_lazy, or "
        "set the text in __init__ with gettext:\n" + "\n".join(stale)
    )


def _built(form_class, language: str) -> forms.BaseForm | None:
    with translation.override(language):
        try:
            return form_class()
        except (TypeError, ValueError):
            # Needs arguments (an instrument, a user, a model for a base ModelForm): its
            # class-level texts are checked above, those it sets itself are its own tests'.
            return None


def test_every_form_s_help_texts_render_in_the_page_s_language():
    dutch = catalogues()["nl"]
    checked, wrong = 0, []
    for form_class in our_form_classes():
        english_form = _built(form_class, "en")
        dutch_form = _built(form_class, "nl")
        if english_form is None or dutch_form is None:
            continue
        for name, field in english_form.fields.items():
            with translation.override("en"):
                english = str(field.help_text or "")
            with translation.override("nl"):
                in_dutch = str(dutch_form.fields[name].help_text or "")
            translated = {
                msgid
                for msgid in msgids_matching(english)
                if dutch.get(msgid) and dutch[msgid] != msgid
            }
            if not translated:
                continue
            checked += 1
            if in_dutch == english:
                where = f"{form_class.__module__}.{form_class.__qualname__}.{name}"
                wrong.append(f"{where}: {english!r}")
    assert checked >= 5, "the walk found too few translated help texts to mean anything"
    assert not wrong, "Help text in English on a Dutch page:\n" + "\n".join(wrong)
