# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from elan.organisations import importing


class Command(BaseCommand):
    help = (
        "Import the organisation chart and its staff from one XLSX workbook (sheets 'units' and "
        "'people') or two CSV files (docs/import.md). Without --apply nothing is written: the "
        "command checks every row and prints what would change. With --apply it applies the "
        "changes all or nothing, for the whole organisation. Exits non-zero on any problem."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("files", nargs="+", help="An XLSX workbook, or two CSV files.")
        parser.add_argument(
            "--apply", action="store_true", help="Apply the changes (default: preview only)."
        )
        parser.add_argument(
            "--language", default="en", help="Language of the messages (nl, fr, de, en)."
        )

    def handle(self, *args, files: list[str], apply: bool, language: str, **options) -> None:
        translation.activate(language)
        contents = []
        for name in files:
            path = Path(name)
            if not path.is_file():
                raise CommandError(f"No such file: {name}")
            contents.append((path.name, path.read_bytes()))
        parsed, result = importing.preview(contents, scope=importing.WHOLE_ORGANISATION)
        if result.problems:
            for problem in result.problems:
                self.stderr.write(self._describe(problem))
            raise CommandError(
                f"{len(result.problems)} problem(s); nothing was imported. Fix the file and "
                "run the command again."
            )
        self._print_plan(result.plan)
        if not apply:
            self.stdout.write("Preview only: nothing was written. Add --apply to import.")
            return
        importing.apply_plan(
            parsed=parsed,
            scope=importing.WHOLE_ORGANISATION,
            expected_fingerprint=result.fingerprint,
        )
        self.stdout.write(self.style.SUCCESS("The import was applied."))

    def _describe(self, problem: dict) -> str:
        location = importing.problem_location(problem)
        message = importing.problem_message(problem)
        return f"{location}: {message}" if location else message

    def _print_plan(self, plan: dict) -> None:
        for group in ("units", "people", "roles"):
            for action, items in plan[group].items():
                self.stdout.write(f"{group} {action}: {len(items)}")
                for item in items[: importing.PREVIEW_LIMIT]:
                    self.stdout.write(f"  {self._summarise(item)}")
                if len(items) > importing.PREVIEW_LIMIT:
                    self.stdout.write(f"  … and {len(items) - importing.PREVIEW_LIMIT} more")

    @staticmethod
    def _summarise(item: dict) -> str:
        key = item.get("code") or item.get("external_id")
        if "role" in item:
            return f"{key}: {item['role']}" + (f"@{item['unit']}" if item["unit"] else "")
        if "changes" in item:
            changes = ", ".join(
                f"{k}: {old!r} → {new!r}" for k, (old, new) in item["changes"].items()
            )
            return f"{key}: {changes}"
        if "from" in item:
            return f"{key}: {item['from'] or '(top)'} → {item['to'] or '(top)'}"
        return str(key)
