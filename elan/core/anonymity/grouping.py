# SPDX-License-Identifier: EUPL-1.2
"""Build the guard's candidate groups from anonymous rows and the organisation chart.

Plain Python, like the guard: the caller (a survey, the skills team view, a 360 report) reads
its rows with one query and passes what each row was snapshotted with when the campaign opened:
the unit path (treebeard's materialised path) and the few allowlisted attributes. From those,
this module derives *every* group that some role could see in the context, which is what the
guard needs to stop differencing: each unit's subtree, each unit's own members, and each of those
split by every allowlisted attribute, in every round.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from elan.core.anonymity.guard import CandidateGroup, GroupKind

# Filters a report may offer. Anything else (age, gender, exact grade, job title) is refused:
# each extra attribute multiplies the cells and makes people easier to single out.
ALLOWED_FILTERS = frozenset({"language", "grade_band", "tenure_band", "contract_type"})
TREE_STEP = 4  # treebeard's default steplen: every level adds four characters to the path


@dataclass(frozen=True, slots=True)
class AnonymousRow:
    """One anonymous answer set as the guard sees it: an id, a round, a place, a few attributes."""

    id: int
    round: int
    unit_path: str
    attributes: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ChartUnit:
    code: str
    path: str

    @property
    def depth(self) -> int:
        return len(self.path) // TREE_STEP - 1


def group_key(round_: int, scope: str, code: str, attribute: str = "", value: str = "") -> tuple:
    """Keys are tuples of str and int so the guard can order them totally and stably."""
    return (round_, scope, code, attribute, value)


def build_candidate_groups(
    rows: Iterable[AnonymousRow],
    units: Sequence[ChartUnit],
    *,
    filters: Iterable[str] = (),
    kind: GroupKind = GroupKind.SCORES,
    include_direct: bool = True,
    figures: Callable[[frozenset[int]], Mapping[str, Any]] | None = None,
    partial: Iterable[str] = (),
) -> list[CandidateGroup]:
    """Every group visible in the context, for every round.

    ``scope`` in the key is ``"subtree"`` (a unit and everything below it, the roll-up of a
    heatmap) or ``"unit"`` (the people placed directly in the unit, a team's own results).
    ``figures`` is called for each group with its members; pass ``None`` and compute figures only
    for the groups the guard releases, which is much cheaper at federal scale. ``partial`` names
    units whose subtree the rows do not hold whole (some of its people are stored with a unit
    above it, ``coarsening``): no subtree group is formed for them, as it would be a different
    group under the unit's name.
    """
    filters = tuple(sorted(set(filters)))
    refused = set(filters) - ALLOWED_FILTERS
    if refused:
        raise ValueError(f"filters not on the allowlist: {sorted(refused)}")
    code_by_path = {unit.path: unit.code for unit in units}
    partial_codes = frozenset(partial)

    members: dict[tuple, set[int]] = defaultdict(set)
    depth_by_key: dict[tuple, int] = {}
    for row in rows:
        path = row.unit_path
        direct_code = code_by_path.get(path)
        for end in range(TREE_STEP, len(path) + 1, TREE_STEP):
            code = code_by_path.get(path[:end])
            if code is None:
                continue
            depth = end // TREE_STEP - 1
            scopes = [] if code in partial_codes else [("subtree", code, depth)]
            if include_direct and end == len(path) and direct_code is not None:
                scopes.append(("unit", code, depth))
            for scope, scope_code, scope_depth in scopes:
                key = group_key(row.round, scope, scope_code)
                members[key].add(row.id)
                depth_by_key[key] = scope_depth
                for attribute in filters:
                    value = row.attributes.get(attribute)
                    if value is None or value == "":
                        continue
                    filtered = group_key(row.round, scope, scope_code, attribute, str(value))
                    members[filtered].add(row.id)
                    # A filtered group sits below its unit, so it is hidden before its unit.
                    depth_by_key[filtered] = scope_depth + 1

    groups = []
    for key in sorted(members):
        frozen = frozenset(members[key])
        groups.append(
            CandidateGroup(
                key=key,
                members=frozen,
                kind=kind,
                depth=depth_by_key[key],
                figures=figures(frozen) if figures else {},
            )
        )
    return groups


def build_comment_groups(
    rows: Iterable[AnonymousRow],
    units: Sequence[ChartUnit],
    *,
    wrote: Iterable[int],
    partial: Iterable[str] = (),
) -> list[CandidateGroup]:
    """Every comment group of the context, counted in the group's respondents (docs/adr/0014).

    ``rows`` are all the respondents, whether or not they wrote; ``wrote`` names those who did.
    A comment group's members are its respondents, so the comment minimum and the cells of the
    comments family count the people a comment could have come from, not the few who wrote:
    a team of ten that answered reads its comments even when only one of them wrote. Each
    group's figures carry ``comments``, how many of its members wrote one; that is the count to
    show beside the comments, never the number of respondents, which belongs to the score
    family and is guarded there with the filters.
    """
    writers = frozenset(wrote)
    return build_candidate_groups(
        rows,
        units,
        kind=GroupKind.COMMENTS,
        partial=partial,
        figures=lambda members: {"comments": len(members & writers)},
    )
