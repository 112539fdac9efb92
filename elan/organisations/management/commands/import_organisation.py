# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import ngettext

from elan.organisations import importing


class Command(BaseCommand):
    help = (
        "Import the organisation chart and its staff from one XLSX workbook (sheets 'units' and "
        "'people') or two CSV files (docs/import.md). Without --apply nothing is written: the "
        "command checks every row and prints what would change. With --apply it applies the "
        "changes all or nothing, for the whole organisation. Exits non-zero on any problem. "
        "New login addresses of existing people are not written: each owner confirms theirs "
        "by e-mail, and the current address is told."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("files", nargs="+", help="An XLSX workbook, or two CSV files.")
        parser.add_argument(
            "--apply", action="store_true", help="Apply the changes (default: preview only)."
        )
        parser.add_argument(
            "--language", default="en", help="Language of the messages (nl, fr, de, en)."
        )
        parser.add_argument(
            "--confirm-deactivations",
            type=int,
            metavar="N",
            dest="confirm_deactivations",
            help=(
                "Needed with --apply when the import deactivates more than "
                "IMPORT_DEACTIVATION_CONFIRM_SHARE percent of the active people: the number "
                "of people it deactivates, as the preview prints it."
            ),
        )

    def handle(
        self,
        *args,
        files: list[str],
        apply: bool,
        language: str,
        confirm_deactivations: int | None = None,
        **options,
    ) -> None:
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
        required = importing.deactivations_to_confirm(result.plan)
        if required:
            check = result.plan["deactivation_check"]
            self.stdout.write(
                ngettext(
                    "This import deactivates %(count)s person of %(active)s active, more than "
                    "%(share)s%%. Check that the file is complete, then apply with "
                    "--confirm-deactivations %(count)s.",
                    "This import deactivates %(count)s people of %(active)s active, more than "
                    "%(share)s%%. Check that the file is complete, then apply with "
                    "--confirm-deactivations %(count)s.",
                    required,
                )
                % check
            )
        if not apply:
            self.stdout.write("Preview only: nothing was written. Add --apply to import.")
            return
        if required and confirm_deactivations != required:
            raise CommandError(
                ngettext(
                    "Nothing was imported: the import deactivates %(count)s person. Add "
                    "--confirm-deactivations %(count)s to apply it.",
                    "Nothing was imported: the import deactivates %(count)s people. Add "
                    "--confirm-deactivations %(count)s to apply it.",
                    required,
                )
                % {"count": required}
            )
        importing.apply_plan(
            parsed=parsed,
            scope=importing.WHOLE_ORGANISATION,
            expected_fingerprint=result.fingerprint,
            confirmed_deactivations=confirm_deactivations,
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
