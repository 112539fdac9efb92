# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

import factory

from elan.skills.constants import CompetencyKind, CrosswalkKind
from elan.skills.models import (
    BehaviouralIndicator,
    Competency,
    CompetencyGroup,
    CrosswalkLink,
    Framework,
    ProficiencyLevel,
)


def texts(english: str, **others: str) -> dict[str, str]:
    return {"en": english, **others}


class FrameworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Framework
        django_get_or_create = ("slug", "version")

    slug = factory.Sequence(lambda n: f"framework-{n}")
    version = "1.0"
    title = factory.LazyAttribute(lambda f: texts(f"Framework {f.slug}", nl=f"Kader {f.slug}"))
    description = factory.LazyAttribute(lambda f: texts(f"About {f.slug}"))
    source_title = "Elan tests"
    source_url = "https://example.org/source"

    class Params:
        unpublished = factory.Trait(is_published=False)


class CompetencyGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CompetencyGroup

    framework = factory.SubFactory(FrameworkFactory)
    slug = factory.Sequence(lambda n: f"group-{n}")
    name = factory.LazyAttribute(lambda g: texts(f"Group {g.slug}"))


class CompetencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Competency

    framework = factory.SubFactory(FrameworkFactory)
    group = None
    slug = factory.Sequence(lambda n: f"competency-{n}")
    kind = CompetencyKind.SKILL
    name = factory.LazyAttribute(lambda c: texts(f"Competency {c.slug}"))

    class Params:
        attitude = factory.Trait(kind=CompetencyKind.ATTITUDE)


class ProficiencyLevelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProficiencyLevel

    competency = factory.SubFactory(CompetencyFactory)
    rank = factory.Sequence(lambda n: n + 1)
    slug = factory.LazyAttribute(lambda level: f"level-{level.rank}")
    name = factory.LazyAttribute(lambda level: texts(f"Level {level.rank}"))


class BehaviouralIndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BehaviouralIndicator

    level = factory.SubFactory(ProficiencyLevelFactory)
    position = factory.Sequence(lambda n: n)
    text = factory.LazyAttribute(lambda i: texts(f"Does thing {i.position}"))


class CrosswalkLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CrosswalkLink

    source = factory.SubFactory(CompetencyFactory)
    target = factory.SubFactory(CompetencyFactory)
    kind = CrosswalkKind.CLOSE
