# SPDX-License-Identifier: EUPL-1.2
import json

from django.core.management.base import BaseCommand, CommandError

from elan.skills.case import case_package
from elan.skills.interchange import export_framework
from elan.skills.selectors import framework_by_slug


class Command(BaseCommand):
    help = (
        "Write a framework as Elan JSON (default) or as a CASE 1.1 package (--case, one language "
        "per package) to standard output or --output."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("slug")
        parser.add_argument("--framework-version", dest="framework_version", default=None)
        parser.add_argument("--case", action="store_true", help="a 1EdTech CASE 1.1 package")
        parser.add_argument("--language", default="en")
        parser.add_argument("--output", "-o", default=None)

    def handle(self, *args, slug, framework_version, case, language, output, **options) -> None:
        framework = framework_by_slug(slug=slug, version=framework_version)
        if framework is None:
            raise CommandError(f"No published framework {slug!r}.")
        payload = (
            case_package(framework, language=language) if case else export_framework(framework)
        )
        text = json.dumps(payload, ensure_ascii=False, indent=2)
        if output:
            with open(output, "w", encoding="utf-8") as handle:
                handle.write(text + "\n")
        else:
            self.stdout.write(text)
