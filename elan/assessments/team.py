# SPDX-License-Identifier: EUPL-1.2
"""The team's skill mix: only aggregates, and only what the anonymity guard releases.

A team lead (or HR, within their scope) sees which innovation skills a unit is strong in and
which it lacks, never one person's scores. Every figure passes ``elan.core.anonymity.guard``:
the candidate groups are the subtrees of *every* unit in the organisation the unit belongs to,
whoever is looking, so that the same data always gives the same suppressions and no pair of
pages can be subtracted from each other to reveal a small group.

Respondents are the people whose latest self-assessment scored all six skills; each counts once.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _

from elan.assessments.constants import AssessmentStatus
from elan.assessments.models import Assessment
from elan.assessments.selectors import INSTRUMENT_SLUG, active_instrument
from elan.core.anonymity import GuardContext, Released, Suppressed, SuppressionReason, guard
from elan.core.anonymity.chart import chart_units
from elan.core.anonymity.grouping import TREE_STEP, AnonymousRow, build_candidate_groups, group_key
from elan.core.charts import Chart, Series, bar_chart
from elan.organisations.constants import Role
from elan.organisations.models import Unit
from elan.organisations.selectors import units_in_scope
from elan.skills.multilingual import LocalizedText, localize

STRONG_COUNT = 2


@dataclass
class GroupRow:
    unit: Unit
    outcome: Released | Suppressed


@dataclass
class TeamMix:
    unit: Unit
    skills: list[tuple[str, LocalizedText]]
    main: Released | Suppressed
    subgroups: list[GroupRow]
    strong: list[tuple[LocalizedText, float]]
    lacking: list[tuple[LocalizedText, float]]
    chart: Chart | None
    min_group: int


def units_for_viewer(*, viewer) -> list[Unit]:
    """Units whose skill mix the viewer may see: their team-lead and HR scopes."""
    units: dict[int, Unit] = {}
    for role in (Role.TEAM_LEAD, Role.HR):
        for unit in units_in_scope(user=viewer, role=role).order_by("path"):
            units[unit.pk] = unit
    return sorted(units.values(), key=lambda unit: unit.path)


def can_view_team(*, viewer, unit: Unit) -> bool:
    return any(u.pk == unit.pk for u in units_for_viewer(viewer=viewer))


def _latest_complete_scores(root_path: str, instrument) -> dict[int, tuple[str, dict]]:
    """owner id -> (unit path, means) for each person's latest, fully scored assessment."""
    rows = (
        Assessment.objects.filter(
            instrument__slug=instrument.slug,
            status=AssessmentStatus.SUBMITTED,
            owner__is_active=True,
            owner__staff_record__unit__path__startswith=root_path,
        )
        .order_by("owner_id", "-submitted_at")
        .values_list("owner_id", "owner__staff_record__unit__path", "scores")
    )
    latest: dict[int, tuple[str, dict]] = {}
    for owner_id, path, scores in rows:
        if owner_id in latest:
            continue
        means = {slug: entry.get("mean") for slug, entry in (scores or {}).items()}
        latest[owner_id] = (path, means)
    # Only people with every skill scored: otherwise each skill would have its own, smaller
    # group of respondents, and the guard's guarantee is about one group per figure.
    return {
        owner: (path, means)
        for owner, (path, means) in latest.items()
        if means and all(value is not None for value in means.values())
    }


def team_skill_mix(*, unit: Unit, language: str | None = None) -> TeamMix | None:
    instrument = active_instrument()
    if instrument is None:
        return None
    competencies = list(
        instrument.framework.competencies.filter(subscales__instrument__slug=INSTRUMENT_SLUG)
        .order_by("position")
        .distinct()
    )
    skills = [(c.slug, localize(c.name, language)) for c in competencies]
    root_path = unit.path[:TREE_STEP]
    people = _latest_complete_scores(root_path, instrument)
    rows = [
        AnonymousRow(id=owner_id, round=0, unit_path=path)
        for owner_id, (path, _means) in sorted(people.items())
    ]
    groups = build_candidate_groups(rows, chart_units(root_path=root_path), include_direct=False)
    context = GuardContext(
        min_group=settings.ANONYMITY_MIN_GROUP,
        min_comments=settings.ANONYMITY_MIN_COMMENTS,
        min_raters=settings.ANONYMITY_MIN_RATERS,
    )
    result = guard(context, groups)
    members = {group.key: group.members for group in groups}

    def outcome_for(target: Unit) -> Released | Suppressed:
        key = group_key(0, "subtree", target.code)
        outcome = result.get(key)
        if outcome is None:
            return Suppressed(key, SuppressionReason.TOO_FEW)
        if isinstance(outcome, Suppressed):
            return outcome
        figures = {
            slug: round(sum(people[m][1][slug] for m in members[key]) / len(members[key]), 2)
            for slug, _name in skills
        }
        return Released(key, figures, outcome.n)

    main = outcome_for(unit)
    subgroups = [
        GroupRow(child, outcome_for(child)) for child in unit.get_children().order_by("code")
    ]
    strong: list[tuple[LocalizedText, float]] = []
    lacking: list[tuple[LocalizedText, float]] = []
    chart = None
    if isinstance(main, Released):
        ordered = sorted(skills, key=lambda pair: -main.figures[pair[0]])
        strong = [(name, main.figures[slug]) for slug, name in ordered[:STRONG_COUNT]]
        lacking = [(name, main.figures[slug]) for slug, name in reversed(ordered[-STRONG_COUNT:])]
        summary = _(
            "Across %(count)s people, the team is strongest in %(strong)s and has the most room "
            "to grow in %(lacking)s."
        ) % {
            "count": main.n,
            "strong": strong[0][0].text,
            "lacking": lacking[0][0].text,
        }
        scale = instrument.scale
        chart = bar_chart(
            chart_id=f"team-mix-{unit.pk}",
            title=_("Skill mix of %(unit)s") % {"unit": unit.name},
            summary=summary,
            labels=[name.text for _slug, name in skills],
            series=[Series(_("Team average"), tuple(main.figures[slug] for slug, _n in skills))],
            minimum=scale.minimum,
            maximum=scale.maximum,
            caption=_("Average score per skill, from %(minimum)s to %(maximum)s")
            % {"minimum": scale.minimum, "maximum": scale.maximum},
            first_column=_("Skill"),
        )
    return TeamMix(
        unit=unit,
        skills=skills,
        main=main,
        subgroups=subgroups,
        strong=strong,
        lacking=lacking,
        chart=chart,
        min_group=settings.ANONYMITY_MIN_GROUP,
    )
