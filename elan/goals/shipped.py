# SPDX-License-Identifier: EUPL-1.2
"""The federal holidays and the innovation goal templates Elan ships, loaded idempotently.

Run by migration 0002 (with the historical models it passes as ``apps``) and by the demo or a
later migration with the real models. Loading again changes nothing it should not:

- holidays: a shipped day (no organisation) is matched on its date; a new year is added and a
  name corrected; HR's own days are never touched and no day is ever removed, since cycles
  already counted their worked days with it;
- templates: matched on their code; a template HR has since edited in the back office is left
  as HR wrote it, unless ``overwrite=True`` asks for the shipped text back.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from elan.core.content import load_content

CONTENT_DIR = Path(__file__).resolve().parent / "content"
HOLIDAYS_FILE = CONTENT_DIR / "holidays.yaml"
TEMPLATES_FILE = CONTENT_DIR / "templates.yaml"

_TEMPLATE_FIELDS = (
    "kind",
    "innovation",
    "audience",
    "title",
    "indicator",
    "target",
    "guidance",
    "skill",
    "sort_order",
)


@dataclass(frozen=True)
class Loaded:
    created: int = 0
    updated: int = 0


def _model(apps, name: str):
    if apps is not None:
        return apps.get_model("goals", name)
    from elan.goals import models

    return getattr(models, name)


def shipped_holidays() -> list[tuple[datetime.date, dict]]:
    """The shipped days as ``(date, name per language)``, in the file's order."""
    document = load_content(HOLIDAYS_FILE)
    return [(entry["date"], dict(entry["name"])) for entry in document["holidays"]]


def shipped_templates() -> list[dict]:
    """The shipped templates as field values, ``code`` included."""
    document = load_content(TEMPLATES_FILE)
    return [
        {
            "code": entry["code"],
            **{field: entry.get(field, _default(field)) for field in _TEMPLATE_FIELDS},
        }
        for entry in document["templates"]
    ]


def _default(field: str):
    return {"guidance": {}, "skill": "", "sort_order": 0}.get(field)


@transaction.atomic
def load_shipped_holidays(apps=None) -> Loaded:
    PublicHoliday = _model(apps, "PublicHoliday")
    created = updated = 0
    for on, name in shipped_holidays():
        holiday = PublicHoliday.objects.filter(organisation__isnull=True, on=on).first()
        if holiday is None:
            PublicHoliday.objects.create(organisation=None, on=on, name=name)
            created += 1
        elif holiday.name != name:
            holiday.name = name
            holiday.save(update_fields=["name"])
            updated += 1
    return Loaded(created=created, updated=updated)


@transaction.atomic
def load_shipped_templates(apps=None, *, overwrite: bool = False) -> Loaded:
    GoalTemplate = _model(apps, "GoalTemplate")
    created = updated = 0
    for values in shipped_templates():
        code = values.pop("code")
        template = GoalTemplate.objects.filter(code=code).first()
        if template is None:
            GoalTemplate.objects.create(code=code, **values)
            created += 1
        elif overwrite and any(getattr(template, key) != value for key, value in values.items()):
            for key, value in values.items():
                setattr(template, key, value)
            template.save()
            updated += 1
    return Loaded(created=created, updated=updated)
