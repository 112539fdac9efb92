# SPDX-License-Identifier: EUPL-1.2
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from elan.skills.framework_files import read_framework_file
from elan.skills.services import FrameworkImportError, framework_import


class Command(BaseCommand):
    help = (
        "Import a framework from an Elan JSON file (the format export_framework writes) or the "
        "same document in YAML. The framework is matched on its slug and version and updated in "
        "place; --prune deletes what the file no longer lists. Nothing is written if the file "
        "has any problem; the back office's import checks files the same way."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("path", type=Path)
        parser.add_argument("--prune", action="store_true")

    def handle(self, *args, path: Path, prune: bool, **options) -> None:
        try:
            content = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error}") from error
        read = read_framework_file(content, name=path.name)
        if not read.is_valid:
            raise CommandError(
                "The file was not imported:\n" + "\n".join(f"  {p}" for p in read.problems)
            )
        try:
            result = framework_import(data=read.data, prune=prune)
        except FrameworkImportError as error:
            raise CommandError(
                "The file was not imported:\n" + "\n".join(f"  {p}" for p in error.problems)
            ) from error
        verb = "Created" if result.created else "Updated"
        self.stdout.write(
            self.style.SUCCESS(f"{verb} {result.framework.slug} {result.framework.version}.")
        )
        for link in result.unresolved_crosswalks:
            self.stdout.write(self.style.WARNING(f"  crosswalk not resolved yet: {link}"))
