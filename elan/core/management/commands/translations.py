# SPDX-License-Identifier: EUPL-1.2
"""Keep the message catalogues current and complete: ``update``, ``check`` and ``compile``.

Each app keeps its own catalogue in ``elan/<app>/locale`` so that work on one module never
conflicts with another's; strings outside the apps (the layout, settings) live in ``locale/``.
``check`` is what CI runs: it fails when a catalogue is stale (the code has strings the
catalogue lacks, or the catalogue keeps strings the code dropped) or incomplete.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import polib
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
IGNORED = ["var/*", "node_modules/*", "tests/*", "bench/*", "*/tests/*", "docs/*", "scripts/*"]


def catalogue_units() -> list[tuple[Path, list[str]]]:
    """(working directory, extra ignore patterns) for every catalogue we keep."""
    base = Path(settings.BASE_DIR)
    app_dirs = sorted(p.parent for p in (base / "elan").glob("*/locale") if p.is_dir())
    root_ignores = [f"{path.relative_to(base)}/*" for path in app_dirs]
    return [(base, root_ignores), *[(path, []) for path in app_dirs]]


def entries(po_path: Path) -> set[tuple[str | None, str]]:
    if not po_path.exists():
        return set()
    return {
        (entry.msgctxt, entry.msgid) for entry in polib.pofile(str(po_path)) if not entry.obsolete
    }


def run_makemessages(directory: Path, ignores: list[str]) -> None:
    previous = Path.cwd()
    os.chdir(directory)
    try:
        call_command(
            "makemessages",
            locale=LANGUAGE_CODES,
            ignore_patterns=IGNORED + ignores,
            no_obsolete=True,
            add_location="file",
            verbosity=0,
        )
    finally:
        os.chdir(previous)


class Command(BaseCommand):
    help = "update: extract strings; check: fail on stale or incomplete catalogues; compile."

    def add_arguments(self, parser) -> None:
        parser.add_argument("action", choices=["update", "check", "compile"])

    def handle(self, *args, action: str, **options) -> None:
        getattr(self, f"_{action}")()

    def _update(self) -> None:
        for directory, ignores in catalogue_units():
            run_makemessages(directory, ignores)
            english = directory / "locale" / "en" / "LC_MESSAGES" / "django.po"
            if english.exists():
                # English is the source language: its catalogue mirrors the source strings.
                catalogue = polib.pofile(str(english))
                for entry in catalogue:
                    # Always overwritten, never merged: gettext's fuzzy matching would otherwise
                    # leave a neighbouring string's wording behind once the flag is cleared.
                    if entry.msgid_plural:
                        entry.msgstr_plural = {0: entry.msgid, 1: entry.msgid_plural}
                    else:
                        entry.msgstr = entry.msgid
                    if "fuzzy" in entry.flags:
                        entry.flags.remove("fuzzy")
                catalogue.save()
        self.stdout.write("Catalogues updated. Translate the new entries, then run check.")

    def _check(self) -> None:
        problems: list[str] = []
        for directory, ignores in catalogue_units():
            locale = directory / "locale"
            with tempfile.TemporaryDirectory() as backup:
                backup_locale = Path(backup) / "locale"
                if locale.exists():
                    shutil.copytree(locale, backup_locale)
                try:
                    run_makemessages(directory, ignores)
                    for code in LANGUAGE_CODES:
                        relative = Path(code) / "LC_MESSAGES" / "django.po"
                        fresh = entries(locale / relative)
                        committed = entries(backup_locale / relative)
                        for _context, msgid in sorted(fresh - committed, key=str)[:5]:
                            problems.append(f"{locale / relative}: missing {msgid!r}")
                        for _context, msgid in sorted(committed - fresh, key=str)[:5]:
                            problems.append(f"{locale / relative}: no longer used {msgid!r}")
                finally:
                    shutil.rmtree(locale, ignore_errors=True)
                    if backup_locale.exists():
                        shutil.copytree(backup_locale, locale)
            for code in LANGUAGE_CODES:
                po_path = locale / code / "LC_MESSAGES" / "django.po"
                if not po_path.exists():
                    continue
                catalogue = polib.pofile(str(po_path))
                for entry in catalogue.untranslated_entries()[:5]:
                    problems.append(f"{po_path}: untranslated {entry.msgid!r}")
                for entry in catalogue.fuzzy_entries()[:5]:
                    problems.append(f"{po_path}: fuzzy {entry.msgid!r}")
        if problems:
            raise CommandError(
                "Message catalogues are stale or incomplete; run `make messages` and translate:\n"
                + "\n".join(f"  {problem}" for problem in problems)
            )
        self.stdout.write("Every catalogue is current and complete.")

    def _compile(self) -> None:
        previous = Path.cwd()
        os.chdir(settings.BASE_DIR)
        try:
            call_command("compilemessages", ignore_patterns=[".venv", "var"], verbosity=0)
        finally:
            os.chdir(previous)
