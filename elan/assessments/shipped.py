# SPDX-License-Identifier: EUPL-1.2
"""The instruments Elan ships (elan/assessments/content/*.yaml), loaded idempotently."""

from __future__ import annotations

from pathlib import Path

from django.db import transaction

from elan.assessments.models import Instrument
from elan.assessments.services import instrument_import
from elan.core.content import load_content
from elan.skills.models import Framework
from elan.skills.shipped import load_shipped_frameworks

CONTENT_DIR = Path(__file__).resolve().parent / "content"
SHIPPED_FILES = ("elan-innovation-self-assessment.yaml",)


@transaction.atomic
def load_shipped_instruments() -> list[Instrument]:
    instruments = []
    for name in SHIPPED_FILES:
        data = load_content(CONTENT_DIR / name)
        reference = data["framework"]
        if not Framework.objects.filter(
            slug=reference["slug"], version=reference["version"]
        ).exists():
            load_shipped_frameworks()
        instruments.append(instrument_import(data=data))
    return instruments
