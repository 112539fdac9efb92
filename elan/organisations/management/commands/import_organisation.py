# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from elan.organisations import importing
from elan.organisations.constants import ImportSource, ImportStatus

# Why an applied run failed, by the note its history ends with.
FAILURES = {
    "outdated": _(
        "The organisation changed after the file was checked, so nothing was imported. Run the "
        "command again."
    ),
    "invalid": _(
        "The file no longer passes the checks, so nothing was imported. Run the command again "
        "to see why."
    ),
    "error": _(
        "Something went wrong while importing, so nothing was imported. The log names the error."
    ),
}


class Command(BaseCommand):
    help = (
        "Import the organisation chart and its staff from one XLSX workbook (sheets 'units' and "
        "'people') or two CSV files (docs/import.md). Without --apply nothing is written: the "
        "command checks every row and prints what would change. With --apply it applies the "
        "changes all or nothing, for the whole organisation. Exits non-zero on any problem. "
        "Each run is recorded as an import run, with its history, like one from the back office. "
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
        contents = self._read(files)
        # An import run like the back office's, so the command's imports have their history
        # too; nobody comes back to a run the command did not apply, so it ends discarded.
        run = importing.import_run_create(
            actor=None, files=contents, source=ImportSource.COMMAND_LINE
        )
        if run.problems:
            importing.import_run_discard(run=run, actor=None)
            for problem in run.problems:
                self.stderr.write(self._describe(problem))
            raise CommandError(
                f"{len(run.problems)} problem(s); nothing was imported. Fix the file and "
                "run the command again."
            )
        self._print_plan(run.plan)
        required = importing.deactivations_to_confirm(run.plan)
        if required:
            self._print_deactivation_check(run.plan["deactivation_check"])
        if not apply:
            importing.import_run_discard(run=run, actor=None)
            self.stdout.write("Preview only: nothing was written. Add --apply to import.")
            return
        if required and confirm_deactivations != required:
            importing.import_run_discard(run=run, actor=None)
            raise CommandError(
                " ".join(
                    [
                        gettext("Nothing was imported."),
                        *self._deactivation_lines(run.plan["deactivation_check"]),
                        gettext("Add --confirm-deactivations %(count)s to apply it.")
                        % {"count": required},
                    ]
                )
            )
        run = importing.import_run_apply(
            run=run, actor=None, confirmed_deactivations=confirm_deactivations
        )
        if run.status != ImportStatus.APPLIED:
            note = importing.import_run_failure_note(run=run)
            raise CommandError(str(FAILURES.get(note, FAILURES["error"])))
        self.stdout.write(self.style.SUCCESS("The import was applied."))

    @staticmethod
    def _read(files: list[str]) -> list[tuple[str, bytes]]:
        contents = []
        for name in files:
            path = Path(name)
            if not path.is_file():
                raise CommandError(f"No such file: {name}")
            contents.append((path.name, path.read_bytes()))
        return contents

    def _print_deactivation_check(self, check: dict) -> None:
        for line in self._deactivation_lines(check):
            self.stdout.write(line)
        self.stdout.write(
            gettext(
                "Check that the file is complete, then apply with --confirm-deactivations "
                "%(count)s."
            )
            % check
        )

    @staticmethod
    def _deactivation_lines(check: dict) -> list[str]:
        """What the preview says about the people who leave: how many, what share of the active
        people, how many administrators, and why the number is asked for."""
        lines = [
            ngettext(
                "This import deactivates %(count)s person (%(percent)s%% of %(active)s active).",
                "This import deactivates %(count)s people (%(percent)s%% of %(active)s active).",
                check["count"],
            )
            % {**check, "percent": f"{check.get('percent', 0):g}"}
        ]
        if check.get("administrators"):
            lines.append(
                ngettext(
                    "Among them is %(administrators)s administrator.",
                    "Among them are %(administrators)s administrators.",
                    check["administrators"],
                )
                % check
            )
        if check.get("over_share", True):
            lines.append(
                gettext("That is more than %(share)s%%: a partial file looks exactly like this.")
                % check
            )
        return lines

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
