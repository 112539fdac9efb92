# SPDX-License-Identifier: EUPL-1.2
"""Run the anonymity guard over a campaign and store its decisions (called when a round closes).

Every group anyone could see is handed to the guard at once: for every closed round, every unit
of the chart snapshot (its own people and its subtree), each split by every allowlisted filter
value, for scores, and every unit and subtree for comments. Groups are formed from the keys the
answers were stored with (unit codes, coarsened when the round opened), never from keys that no
answer carries: a small unit merged into its parent has no group of its own, and nor has a
subtree some of whose people are stored above it. What the guard releases gets its figures,
computed from the raw rows for those groups only; what it hides gets a marker and no number.
Score groups pass the guard twice: first over the people invited to them (``Invitee``, the same
person under one pseudonym in every round), which protects counts, rates and trends from joiners
and leavers and reads no answer; then over the respondents of the groups that passed. Comment
groups count the group's respondents, not its comment writers (docs/adr/0014): a comment is
shown among at least the comment minimum of people who answered, and the count stored with it
is the number of comments.

Decisions only ever get stricter. When a later round closes, the guard runs again over all
rounds; a group of an earlier round that was shown stays shown only if the guard still releases
it, and a group that was hidden is never shown afterwards. Someone who kept last month's export
therefore learns nothing new by comparing it with today's pages.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import replace

from django.db import transaction
from django.db.models import Count, Q, Sum

from elan.core.anonymity import (
    CandidateGroup,
    GroupKind,
    GuardContext,
    GuardResult,
    Outcome,
    Released,
    Suppressed,
    SuppressionReason,
    guard,
)
from elan.core.anonymity.grouping import (
    TREE_STEP,
    AnonymousRow,
    ChartUnit,
    build_candidate_groups,
    build_comment_groups,
)
from elan.insights.constants import FAVOURABLE_FROM, FILTER_ATTRIBUTES, GroupFamily
from elan.insights.instruments import SCALE, instrument_for
from elan.insights.models import Answer, Campaign, GroupResult, Invitee, Response, Round

# A leaf cell: the finest grain reports need (round, stored unit code, language, grade band).
Cell = tuple[int, str, str, str]


def chart_of(round_: Round) -> list[ChartUnit]:
    return [ChartUnit(code=code, path=path) for code, path in round_.chart]


def _groups_of_cell(
    cell: Cell,
    path_of: dict[str, str],
    code_by_path: dict[str, str],
    partial: frozenset[str],
    filters: Iterable[str] = FILTER_ATTRIBUTES,
) -> list[tuple]:
    """The keys of every group a leaf cell belongs to: the same walk as the guard's grouping."""
    round_number, unit_code, language, grade_band = cell
    path = path_of.get(unit_code, "")
    attributes = {"language": language, "grade_band": grade_band}
    keys = []
    for end in range(TREE_STEP, len(path) + 1, TREE_STEP):
        code = code_by_path.get(path[:end])
        if code is None:
            continue
        scopes = [] if code in partial else ["subtree"]
        if end == len(path):
            scopes.append("unit")
        for scope in scopes:
            keys.append((round_number, scope, code, "", ""))
            for attribute in filters:
                value = attributes.get(attribute) or ""
                if value:
                    keys.append((round_number, scope, code, attribute, value))
    return keys


def _figures(
    rounds: list[Round],
    released_keys: set[tuple],
    measures: tuple[str, ...],
    agreement: frozenset[str] = frozenset(),
) -> dict[tuple, dict]:
    """Means per measure, response rates and, for the measures on the agreement scale
    (``agreement``), the share of favourable answers, for the released score groups only, from
    leaf cells. The shares are summed over exactly the cells the means are: same groups, same
    answers, so they are published and hidden together."""
    number_of = {r.pk: r.number for r in rounds}
    code_by_path = {number_of[r.pk]: {path: code for code, path in r.chart} for r in rounds}
    path_of = {number_of[r.pk]: dict(r.chart) for r in rounds}
    partial = {number_of[r.pk]: frozenset(r.partial_units) for r in rounds}
    sums: dict[tuple, dict[str, list[float]]] = defaultdict(
        lambda: defaultdict(lambda: [0.0, 0, 0])
    )
    answer_cells = (
        Answer.objects.filter(response__round__in=rounds)
        .values_list(
            "response__round_id",
            "response__unit_code",
            "response__language",
            "response__grade_band",
            "measure",
        )
        .annotate(
            total=Sum("score"),
            count=Count("id"),
            favourable=Count("id", filter=Q(score__gte=FAVOURABLE_FROM)),
        )
        .order_by()
    )
    keys_of: dict[Cell, list[tuple]] = {}

    def released_groups_of(cell: Cell) -> list[tuple]:
        # Each leaf cell appears once per measure and again for the invitations: walk it once.
        keys = keys_of.get(cell)
        if keys is None:
            number = cell[0]
            keys = keys_of[cell] = [
                key
                for key in _groups_of_cell(
                    cell, path_of[number], code_by_path[number], partial[number]
                )
                if key in released_keys
            ]
        return keys

    for round_id, code, language, grade, measure, total, count, favourable in answer_cells:
        for key in released_groups_of((number_of[round_id], code, language, grade)):
            slot = sums[key][measure]
            slot[0] += total
            slot[1] += count
            slot[2] += favourable

    invited: dict[tuple, int] = defaultdict(int)
    invitation_cells = (
        Invitee.objects.filter(round__in=rounds)
        .values_list("round_id", "unit_code", "language", "grade_band")
        .annotate(count=Count("id"))
        .order_by()
    )
    for round_id, code, language, grade, count in invitation_cells:
        for key in released_groups_of((number_of[round_id], code, language, grade)):
            invited[key] += count

    figures: dict[tuple, dict] = {}
    for key in released_keys:
        per_measure = sums.get(key, {})
        values: dict[str, object] = {}
        shares: dict[str, float | None] = {}
        for measure in measures:
            total, count, favourable = per_measure.get(measure, (0.0, 0, 0))
            values[measure] = round(total / count, 3) if count else None
            if measure in agreement:
                shares[measure] = round(favourable / count, 3) if count else None
        figures[key] = values
        figures[key]["_invited"] = invited.get(key, 0)
        figures[key]["_favourable"] = shares
    return figures


def _invited_outcomes(rounds: list[Round], context: GuardContext, published: set[tuple]):
    """The guard over the invited people of every round: who could be counted, not who was.

    Counts and response rates are figures about invited people as well as respondents: a rate of
    6 out of 6 for the Dutch speakers next to 6 out of 7 for their team says that the one French
    speaker did not answer. So every group is first guarded over the people invited to it, taken
    from the invitation snapshots (``Invitee``), never from the answers; only the groups this
    releases go on to the guard over the respondents. As nothing here depends on who answered,
    whether someone in a small group answered cannot change what it hides.

    A person has one id across all rounds (their pseudonym), so the cells also follow people
    from round to round: the joiners, leavers and stayers of a group are cells like any other
    (docs/adr/0011). Groups in ``published`` were shown when an earlier round closed; hiding
    them now would take nothing back, so the guard hides the new round's groups first.
    """
    number_of = {r.pk: r.number for r in rounds}
    path_of = {r.number: dict(r.chart) for r in rounds}
    person: dict[int, int] = {}
    rows: dict[int, list[AnonymousRow]] = defaultdict(list)
    invitees = (
        Invitee.objects.filter(round__in=rounds)
        .order_by("pseudonym", "round_id")
        .values_list("pseudonym", "round_id", "unit_code", "language", "grade_band")
    )
    for pseudonym, round_id, code, language, grade in invitees.iterator():
        number = number_of[round_id]
        rows[number].append(
            AnonymousRow(
                id=person.setdefault(pseudonym, len(person)),
                round=number,
                unit_path=path_of[number].get(code, ""),
                attributes={"language": language, "grade_band": grade},
            )
        )
    groups: list[CandidateGroup] = []
    for round_ in rounds:
        groups += build_candidate_groups(
            rows[round_.number],
            chart_of(round_),
            filters=FILTER_ATTRIBUTES,
            kind=GroupKind.SCORES,
            partial=round_.partial_units,
        )
    groups = [replace(g, priority=1) if g.key in published else g for g in groups]
    return _keeping_published(context, groups)


def _keeping_published(context: GuardContext, groups: list[CandidateGroup]) -> GuardResult:
    """The guard's decision, never taking back a group already published (priority 1).

    The guard ranks published groups last when it chooses what to hide, but its greedy search
    weighs only a few ways of merging each small cell and can still pick one of them: a round
    whose stayers moved on (issue 13, point 7, ``test_attacker_end_to_end``). Whoever read the
    published figure keeps it, so next to the new round's groups it isolates the stayers. So,
    for the smallest published group it took back, the new groups that cut into it are left
    out (as if hidden; or, if none does, every new group touching it) and the guard runs again.
    A new group with the very people of a published one changes no cell and stays. Hiding
    every new group always works when the published ones pass together, so this ends.
    """
    published = {g.members for g in groups if g.priority}
    outcomes = guard(context, groups)
    while True:
        taken_back = [g for g in groups if g.priority and not isinstance(outcomes[g.key], Released)]
        if not taken_back:
            return outcomes
        smallest = min(g.size for g in taken_back)
        first = [g for g in taken_back if g.size == smallest]
        new = [g for g in groups if not g.priority and g.members not in published]
        left_out = {
            g.key for g in new for p in first if 0 < len(g.members & p.members) < p.size
        } or {g.key for g in new for p in first if g.members & p.members}
        if not left_out:
            return outcomes  # published groups that fail on their own: nothing to keep them with
        groups = [g for g in groups if g.key not in left_out]
        outcomes = guard(context, groups)


@transaction.atomic
def publish_campaign(*, campaign: Campaign) -> int:
    """Guard every group of every closed round and store the decisions; returns groups stored."""
    instrument = instrument_for(campaign.instrument)
    rounds = list(campaign.rounds.filter(closed_on__isnull=False).order_by("number"))
    if not rounds:
        return 0
    number_of = {r.pk: r.number for r in rounds}
    context = campaign.guard_context()
    # The chart's paths only place a stored unit code in this round's snapshot of the tree.
    path_of = {r.number: dict(r.chart) for r in rounds}
    score_rows, wrote = _respondent_rows(rounds, number_of=number_of, path_of=path_of)
    score_groups, comment_groups = _candidate_groups(rounds, score_rows=score_rows, wrote=wrote)
    existing = {
        (r.round_id, r.family, r.scope, r.unit_code, r.attribute, r.value): r
        for r in GroupResult.objects.filter(round__in=rounds)
    }
    published = {
        (number_of[round_id], scope, code, attribute, value)
        for (round_id, family, scope, code, attribute, value), stored in existing.items()
        if family == GroupFamily.SCORES and stored.released
    }
    comment_groups = _comment_groups_to_decide(
        comment_groups, existing=existing, number_of=number_of
    )
    invited = _invited_outcomes(rounds, context, published)
    counted = [g for g in score_groups if g.key in invited and isinstance(invited[g.key], Released)]
    by_respondents = guard(context, counted)
    outcomes = {
        GroupFamily.SCORES: _score_outcomes(
            score_groups, by_respondents=by_respondents, min_group=context.min_group
        ),
        GroupFamily.COMMENTS: guard(context, comment_groups),
    }
    depth_of = {g.key: g.depth for g in score_groups} | {
        ("c", *g.key): g.depth for g in comment_groups
    }
    released_scores = {o.key for o in by_respondents.released()}
    agreement = frozenset(item.measure for item in instrument.items if item.kind == SCALE)
    figures = _figures(rounds, released_scores, instrument.measure_codes(), agreement)
    to_create, to_hide = _results_to_store(
        outcomes,
        rounds=rounds,
        existing=existing,
        path_of=path_of,
        depth_of=depth_of,
        figures=figures,
    )
    if to_hide:
        GroupResult.objects.filter(pk__in=to_hide).update(
            released=False,
            n=None,
            figures={},
            favourable={},
            reason=SuppressionReason.WOULD_REVEAL_OTHER.value,
        )
    GroupResult.objects.bulk_create(to_create, batch_size=2000)
    return len(to_create)


def _respondent_rows(
    rounds: list[Round], *, number_of: dict[int, int], path_of: dict[int, dict[str, str]]
) -> tuple[dict[int, list[AnonymousRow]], frozenset[int]]:
    """Every response as a row for the grouping, per round number, and the ids of those with a
    comment. Comment groups are made of the same rows as the scores (docs/adr/0014).

    Respondent ids for the guard are positions in the random UUID order, so that they carry
    nothing of the order in which people answered.
    """
    score_rows: dict[int, list[AnonymousRow]] = defaultdict(list)
    wrote: set[int] = set()
    responses = (
        Response.objects.filter(round__in=rounds)
        .order_by("id")
        .values_list("round_id", "unit_code", "language", "grade_band", "comment")
    )
    for position, (round_id, code, language, grade, comment) in enumerate(responses.iterator()):
        number = number_of[round_id]
        row = AnonymousRow(
            id=position,
            round=number,
            unit_path=path_of[number].get(code, ""),
            attributes={"language": language, "grade_band": grade},
        )
        score_rows[number].append(row)
        if comment.strip():
            wrote.add(position)
    return score_rows, frozenset(wrote)


def _candidate_groups(
    rounds: list[Round],
    *,
    score_rows: dict[int, list[AnonymousRow]],
    wrote: frozenset[int],
) -> tuple[list[CandidateGroup], list[CandidateGroup]]:
    """Every score group (each split by every filter) and every comment group of every round;
    a comment group's members are its respondents, whether or not they wrote (docs/adr/0014)."""
    score_groups = []
    comment_groups = []
    for round_ in rounds:
        units = chart_of(round_)
        partial = round_.partial_units
        score_groups += build_candidate_groups(
            score_rows[round_.number],
            units,
            filters=FILTER_ATTRIBUTES,
            kind=GroupKind.SCORES,
            partial=partial,
        )
        comment_groups += build_comment_groups(
            score_rows[round_.number], units, wrote=wrote, partial=partial
        )
    return score_groups, comment_groups


def _comment_groups_to_decide(
    comment_groups: list[CandidateGroup],
    *,
    existing: Mapping[tuple, GroupResult],
    number_of: dict[int, int],
) -> list[CandidateGroup]:
    """The comment groups to guard: all of a round decided for the first time, and of a round
    decided before only those it stored.

    Until ADR 14 a comment group counted its writers, so a round published then showed fewer
    comment groups than counting respondents does. Showing more of that round now, beside what
    was read then, could make a cell the guard does not see; so a round already decided keeps
    what it showed, or hides more, never shows more (a group it did not store stays too few).
    """
    decided_rounds = {number_of[round_id] for round_id, *_rest in existing}
    stored = {
        (number_of[round_id], scope, code, attribute, value)
        for round_id, family, scope, code, attribute, value in existing
        if family == GroupFamily.COMMENTS
    }
    return [g for g in comment_groups if g.key[0] not in decided_rounds or g.key in stored]


def _score_outcomes(
    score_groups: list[CandidateGroup], *, by_respondents: GuardResult, min_group: int
) -> dict[tuple, Outcome]:
    """The guard's decision over the respondents where it ran; a group that the guard over the
    invited people held back is hidden as too few or as revealing another, by its size."""
    score_outcomes: dict[tuple, Outcome] = {}
    for group in score_groups:
        if group.key in by_respondents:
            score_outcomes[group.key] = by_respondents[group.key]
        elif group.size < min_group:
            score_outcomes[group.key] = Suppressed(group.key, SuppressionReason.TOO_FEW)
        else:
            score_outcomes[group.key] = Suppressed(group.key, SuppressionReason.WOULD_REVEAL_OTHER)
    return score_outcomes


def _results_to_store(
    outcomes: dict[str, Mapping[tuple, Outcome]],
    *,
    rounds: list[Round],
    existing: dict[tuple, GroupResult],
    path_of: dict[int, dict[str, str]],
    depth_of: dict[tuple, int],
    figures: dict[tuple, dict],
) -> tuple[list[GroupResult], list[int]]:
    """The results to create, and the stored results to hide now (primary keys)."""
    round_by_number = {r.number: r for r in rounds}
    to_create: list[GroupResult] = []
    to_hide: list[int] = []
    for family, result in outcomes.items():
        for key, outcome in result.items():
            number, scope, code, attribute, value = key
            round_ = round_by_number[number]
            stored = existing.get((round_.pk, family, scope, code, attribute, value))
            if stored is not None:
                # Only ever stricter: hide what the guard now hides, never show what was hidden.
                if stored.released and not isinstance(outcome, Released):
                    to_hide.append(stored.pk)
                continue
            depth = depth_of[key if family == GroupFamily.SCORES else ("c", *key)]
            if attribute:
                depth -= 1  # the guard ranks filtered groups one level down; store the unit's
            new = _new_result(
                outcome,
                round_=round_,
                family=family,
                key=key,
                path=path_of[number].get(code, ""),
                depth=depth,
                figures=figures,
            )
            if new is not None:
                to_create.append(new)
    return to_create, to_hide


def _new_result(
    outcome: Outcome,
    *,
    round_: Round,
    family: str,
    key: tuple,
    path: str,
    depth: int,
    figures: dict[tuple, dict],
) -> GroupResult | None:
    """The row to store for a group decided for the first time, or None for one too small."""
    _number, scope, code, attribute, value = key
    if isinstance(outcome, Released):
        group_figures = {}
        favourable = {}
        n = outcome.n
        if family == GroupFamily.COMMENTS:
            # The number of comments shown, which anyone can count on the page; the group's
            # respondents are a score-family count, guarded there with the filters.
            n = outcome.figures["comments"]
        else:
            group_figures = dict(figures[key])
            invited = group_figures.pop("_invited", 0)
            favourable = group_figures.pop("_favourable", {})
            group_figures["rate"] = round(n / invited, 3) if invited else None
        return GroupResult(
            round=round_,
            family=family,
            scope=scope,
            unit_code=code,
            unit_path=path,
            depth=depth,
            attribute=attribute,
            value=value,
            released=True,
            n=n,
            figures=group_figures,
            favourable=favourable,
        )
    if outcome.reason is not SuppressionReason.TOO_FEW:
        # A group too small on its own is not stored at all: readers treat a missing
        # group as "too few", exactly like a group nobody answered in.
        return GroupResult(
            round=round_,
            family=family,
            scope=scope,
            unit_code=code,
            unit_path=path,
            depth=depth,
            attribute=attribute,
            value=value,
            released=False,
            reason=outcome.reason.value,
        )
    return None
