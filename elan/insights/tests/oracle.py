# SPDX-License-Identifier: EUPL-1.2
"""The attacker's arithmetic, written from scratch for the tests: no code of the guard or of the
app's grouping is used here.

Given the raw anonymous rows and every released figure an attacker collected (from pages,
exports and the API, for every role), each figure's group is rebuilt by the obvious rule
(a unit's own people, or its subtree by path prefix, optionally one attribute value). The
released groups of one kind cut the respondents into cells: people who belong to exactly the
same released groups. Any sum or difference of released counts and totals is a sum over whole
cells, so no combination can isolate fewer people than the smallest non-empty cell.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from dataclasses import dataclass

from elan.insights.models import Response, Round


@dataclass(frozen=True)
class RawRow:
    id: str
    round: int
    unit_path: str
    language: str
    grade_band: str
    commented: bool


def raw_rows(campaign) -> list[RawRow]:
    """The stored rows, each placed in its round's snapshot of the chart by its unit code."""
    rounds = Round.objects.filter(campaign=campaign)
    number = {r.pk: r.number for r in rounds}
    path_of = {r.pk: dict(r.chart) for r in rounds}
    return [
        RawRow(
            str(pk),
            number[round_id],
            path_of[round_id][code],
            language,
            grade,
            bool(comment.strip()),
        )
        for pk, round_id, code, language, grade, comment in Response.objects.filter(
            round__campaign=campaign
        ).values_list("pk", "round_id", "unit_code", "language", "grade_band", "comment")
    ]


def members(key: tuple, rows: list[RawRow], path_of: dict[tuple[int, str], str]) -> set[str]:
    round_number, scope, code, attribute, value = key
    path = path_of[(round_number, code)]
    found = set()
    for row in rows:
        if row.round != round_number:
            continue
        inside = row.unit_path == path if scope == "unit" else row.unit_path.startswith(path)
        if not inside:
            continue
        if attribute and getattr(row, attribute) != value:
            continue
        found.add(row.id)
    return found


def smallest_cell(groups: dict[tuple, set[str]]) -> int | None:
    """The size of the smallest non-empty cell the groups make; None without any group."""
    if not groups:
        return None
    signature: dict[str, set[tuple]] = defaultdict(set)
    for key, people in groups.items():
        for person in people:
            signature[person].add(key)
    cells: dict[frozenset, int] = defaultdict(int)
    for keys in signature.values():
        cells[frozenset(keys)] += 1
    return min(cells.values())


@dataclass
class Collected:
    """Every released figure seen, by kind: key -> n (the count the output showed)."""

    scores: dict[tuple, int]
    comments: dict[tuple, int]

    @classmethod
    def empty(cls) -> Collected:
        return cls({}, {})

    def add(self, kind: str, key, n: int) -> None:
        store = self.scores if kind == "scores" else self.comments
        key = tuple(key)
        assert store.get(key, n) == n, f"two outputs disagree on {key}"
        store[key] = n


def collect_api_rows(collected: Collected, rows: list[dict], kind: str = "scores") -> None:
    for row in rows:
        figure = row["figure"]
        if row["status"] == "released":
            collected.add(kind, figure["key"], figure["n"])
        elif row["status"] == "suppressed":
            assert set(figure) == {"key", "suppressed", "reason"}, figure
        else:
            assert figure is None


def collect_csv(collected: Collected, text: str) -> None:
    for record in csv.DictReader(io.StringIO(text)):
        n = record["n"]
        if n.startswith("["):
            # A hidden or unshared row: every figure cell is a marker, never a number.
            figure_columns = [
                c
                for c in record
                if c not in ("round", "unit_code", "unit", "scope", "filter", "filter_value")
            ]
            assert all(record[c].startswith("[") for c in figure_columns), record
            continue
        key = (
            int(record["round"]),
            record["scope"],
            record["unit_code"],
            record["filter"],
            record["filter_value"],
        )
        collected.add("scores", key, int(n))


def assert_no_combination_isolates_a_small_group(
    collected: Collected,
    rows: list[RawRow],
    path_of: dict[tuple[int, str], str],
    *,
    min_group: int,
    min_comments: int,
) -> tuple[int | None, int | None]:
    score_groups = {key: members(key, rows, path_of) for key in collected.scores}
    for key, people in score_groups.items():
        assert len(people) == collected.scores[key], f"{key}: shown n differs from the rows"
    # A comment group is its respondents, writers or not (docs/adr/0014); the count it shows is
    # how many of them wrote.
    comment_groups = {key: members(key, rows, path_of) for key in collected.comments}
    wrote = {row.id for row in rows if row.commented}
    for key, people in comment_groups.items():
        assert len(people & wrote) == collected.comments[key], f"{key}: comments differ from rows"
    smallest_scores = smallest_cell(score_groups)
    smallest_comments = smallest_cell(comment_groups)
    assert smallest_scores is None or smallest_scores >= min_group, (
        f"a combination of released figures isolates {smallest_scores} people"
    )
    assert smallest_comments is None or smallest_comments >= min_comments, (
        f"a combination of released comment groups narrows a comment to {smallest_comments} "
        "respondents"
    )
    return smallest_scores, smallest_comments


def assert_no_cell_of_invited_people_across_rounds_is_small(
    collected: Collected, campaign, *, min_group: int
) -> int | None:
    """The same cells, over the people invited to each released group in every round.

    A person is one person in every round (their pseudonym in the invitation snapshots), so the
    cells include the joiners, leavers and stayers of each group: with a released group in two
    rounds, its two means differ by what the joiners and leavers answered, which must be at least
    ``min_group`` people or none.
    """
    from elan.insights.models import Invitee

    rounds = {r.pk: r for r in Round.objects.filter(campaign=campaign)}
    where: dict[tuple[int, int], tuple[str, str, str]] = {}
    for pseudonym, round_id, code, language, grade in Invitee.objects.filter(
        round__in=rounds
    ).values_list("pseudonym", "round_id", "unit_code", "language", "grade_band"):
        round_ = rounds[round_id]
        where[(round_.number, pseudonym)] = (dict(round_.chart)[code], language, grade)
    path_of = {(r.number, code): path for r in rounds.values() for code, path in r.chart}
    groups: dict[tuple, set[int]] = {}
    for key in collected.scores:
        round_number, scope, code, attribute, value = key
        path = path_of[(round_number, code)]
        people = set()
        for (number, pseudonym), (unit_path, language, grade) in where.items():
            if number != round_number:
                continue
            inside = unit_path == path if scope == "unit" else unit_path.startswith(path)
            values = {"language": language, "grade_band": grade}
            if inside and (not attribute or values[attribute] == value):
                people.add(pseudonym)
        groups[key] = people
    smallest = smallest_cell(groups)
    assert smallest is None or smallest >= min_group, (
        f"released groups of several rounds isolate {smallest} invited people"
    )
    return smallest


def assert_no_two_released_groups_differ_by_fewer_than_the_minimum(
    collected: Collected, campaign, *, min_group: int, min_comments: int
) -> None:
    """The before-and-after and the twin-world moves in their plainest form: for any two
    released figures, subtracting one from the other isolates the people in one and not the
    other. Within a round those are respondents (stored rows); across rounds they are invited
    people followed by their pseudonym, whose answers move a trend. Each difference must be
    empty or hold at least the minimum (cells imply this; this says which pair, when not)."""
    from elan.insights.models import Invitee

    rounds = {r.pk: r for r in Round.objects.filter(campaign=campaign)}
    path_of = {(r.number, code): path for r in rounds.values() for code, path in r.chart}
    rows = raw_rows(campaign)
    invited: list[tuple[int, int, str, str, str]] = []
    for pseudonym, round_id, code, language, grade in Invitee.objects.filter(
        round__in=rounds
    ).values_list("pseudonym", "round_id", "unit_code", "language", "grade_band"):
        number = rounds[round_id].number
        invited.append((number, pseudonym, path_of[(number, code)], language, grade))

    def invited_to(key: tuple) -> set[int]:
        round_number, scope, code, attribute, value = key
        path = path_of[(round_number, code)]
        found = set()
        for number, pseudonym, unit_path, language, grade in invited:
            inside = unit_path == path if scope == "unit" else unit_path.startswith(path)
            values = {"language": language, "grade_band": grade}
            if number == round_number and inside and (not attribute or values[attribute] == value):
                found.add(pseudonym)
        return found

    families = (
        (collected.scores, rows, min_group),
        (collected.comments, rows, min_comments),  # respondents, writers or not (ADR 14)
    )
    for figures, family_rows, minimum in families:
        answered = {key: members(key, family_rows, path_of) for key in figures}
        people = {key: invited_to(key) for key in figures} if figures is collected.scores else {}
        keys = sorted(figures)
        for position, first in enumerate(keys):
            for second in keys[position + 1 :]:
                if first[0] == second[0]:
                    apart = len(answered[first] ^ answered[second])
                    assert not 0 < apart < minimum, (
                        f"{first} and {second} differ by {apart} respondents"
                    )
                if people:
                    apart = len(people[first] ^ people[second])
                    assert not 0 < apart < minimum, (
                        f"{first} and {second} differ by {apart} invited people"
                    )


def assert_stored_rows_point_to_enough_invited_people(campaign) -> None:
    """What the database rows alone reveal. Every stored answer's keys (round, unit, language,
    level) are shared by at least the minimum of invited people; no column of a response or
    an answer points to a person, a participation or an invitation, or holds a time finer
    than the day; and once a round is closed, the day people took part is the closing day for
    all of them, so it pairs no participation with a response's day."""
    from collections import Counter

    from django.db import models

    from elan.insights.models import Answer, Invitee, Participation

    allowed = {
        Response: {"id", "round", "unit_code", "language", "grade_band", "answered_on", "comment"},
        Answer: {"id", "response", "item", "measure", "value", "score"},
        Invitee: {"id", "round", "pseudonym", "unit_code", "language", "grade_band"},
    }
    for model, names in allowed.items():
        concrete = {f.name: f for f in model._meta.get_fields() if f.concrete}
        assert set(concrete) == names, (model.__name__, sorted(set(concrete) ^ names))
        assert not any(isinstance(f, models.DateTimeField) for f in concrete.values())
    assert isinstance(Response._meta.pk, models.UUIDField)
    assert isinstance(Answer._meta.pk, models.UUIDField)
    for round_ in Round.objects.filter(campaign=campaign):
        invited = Counter(
            Invitee.objects.filter(round=round_).values_list("unit_code", "language", "grade_band")
        )
        stored = Response.objects.filter(round=round_).values_list(
            "unit_code", "language", "grade_band"
        )
        for key in stored:
            assert invited[key] >= campaign.min_group, (round_.number, key, invited[key])
        if round_.closed_on is not None:
            days = set(
                Participation.objects.filter(round=round_, responded_on__isnull=False)
                .values_list("responded_on", flat=True)
                .distinct()
            )
            assert days <= {round_.closed_on}, (round_.number, days)
