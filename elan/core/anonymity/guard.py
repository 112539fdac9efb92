# SPDX-License-Identifier: EUPL-1.2
"""The anonymity guard: which aggregate figures may be shown, and which must be hidden.

Why this exists. A minimum group size on its own does not protect anyone: if a parent unit of 13
people and two of its three teams (5 and 5) are shown, anyone can subtract and read the third team
of 3. The same goes for "the team minus the Dutch speakers", for two rounds of the same survey, and
for any other pair of overlapping groups. So the guard looks at *every* group that could be visible
in a context (units, subtrees, filtered groups, every round, for every role at once), lets those
groups cut the respondents into cells (people who belong to exactly the same visible groups), and
requires every cell to be empty or to hold at least the minimum. A group that is too small on its
own is hidden (``TOO_FEW``); when a cell is still too small, more groups are hidden until none is
(``WOULD_REVEAL_OTHER``, the "secondary suppression" of statistical disclosure control).

This module is plain Python plus numpy on purpose: no Django, no database. The Django layer builds
the candidate groups (from the group keys snapshotted when a campaign opened) and renders the
outcome; the rule itself can then be tested exhaustively and benchmarked on its own.

This module holds the interface (the thresholds, the candidate groups, the outcomes, ``guard``)
and the rule's first step, primary suppression. The numpy engine behind secondary suppression has
modules of its own: ``suppression`` (groups with the same people as one column, and the passes
until a fresh partition is clean), ``partitions`` (the cells), ``unit_step`` (the per-unit step)
and ``greedy``.

Determinism matters as much as correctness: if the same data gave different suppressions on two
page loads, comparing the two pages would leak what one of them hid. Every choice below is made by
explicit, total sort keys (group size, depth in the chart, group key); nothing depends on the
iteration order of sets or on ``hash()`` of arbitrary objects.
"""

from __future__ import annotations

import enum
import itertools
import operator
from collections.abc import Hashable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

import numpy as np

from elan.core.anonymity.suppression import secondary_suppression

__all__ = [
    "CandidateGroup",
    "GroupKind",
    "GuardContext",
    "GuardResult",
    "Outcome",
    "RaterMerge",
    "Released",
    "Suppressed",
    "SuppressionReason",
    "guard",
    "merge_small_rater_groups",
]


class GroupKind(enum.StrEnum):
    """What a group's figures are; decides which threshold applies.

    Each kind is checked as its own family: score groups are differenced against score groups,
    comment groups against comment groups, rater groups against rater groups. A comment group does
    not reveal a score, so mixing families would only hide more without protecting anyone.

    A comment group's members are the group's respondents, whether or not they wrote a comment
    (docs/adr/0014): a comment is shown only among at least ``min_comments`` people who answered,
    and no difference of comment groups narrows that down. Its ``figures`` carry ``comments``, how
    many of them wrote one (``grouping.build_comment_groups``).
    """

    SCORES = "scores"  # scores, counts, response rates
    COMMENTS = "comments"  # free-text comments, counted in the group's respondents
    RATERS = "raters"  # one 360 rater category (peers, direct reports, others...)


class SuppressionReason(enum.StrEnum):
    """Why a group is hidden. The values are stable codes, used in the API and for translation."""

    TOO_FEW = "too_few"  # the group itself holds fewer people than the threshold
    WOULD_REVEAL_OTHER = "would_reveal_other"  # shown together with other groups, it would
    # let someone compute the figures of fewer people than the threshold (secondary suppression)


_NO_FIGURES: Mapping[str, Any] = MappingProxyType({})


@dataclass(frozen=True, slots=True)
class GuardContext:
    """The thresholds in force for one report context.

    The Django layer fills these from the campaign, where they are locked when the campaign opens:
    a threshold that could be lowered after the answers came in would protect nobody.
    """

    min_group: int = 5  # scores, counts and response rates
    min_comments: int = 10  # free-text comments, counted in the respondents of the group
    min_raters: int = 3  # each 360 rater category

    def __post_init__(self) -> None:
        for name in ("min_group", "min_comments", "min_raters"):
            value = getattr(self, name)
            if type(value) is not int or value < 1:
                raise ValueError(f"{name} must be a positive integer, not {value!r}")

    def threshold_for(self, kind: GroupKind | str) -> int:
        """The minimum number of people a group and every cell of its family must hold."""
        kind = GroupKind(kind)
        if kind is GroupKind.COMMENTS:
            return self.min_comments
        if kind is GroupKind.RATERS:
            return self.min_raters
        return self.min_group


@dataclass(frozen=True, slots=True, eq=False)
class CandidateGroup:
    """One group whose figures someone could see in this context.

    ``members`` are respondent ids: integers such as anonymous response row ids. They only need to
    be stable within one call, so that the same respondent has the same id in every group (two
    rounds of a survey use different rows, hence different ids, unless the caller links them).
    ``depth`` is the group's depth in the organisation chart (0 = the top); a group filtered by an
    attribute should get its unit's depth + 1, so that it is hidden before its unit. ``figures``
    are opaque to the guard and are passed through untouched when the group is released.
    ``priority`` ranks above everything else when the guard chooses what to hide: a group with a
    higher priority is hidden only when no choice among lower ones will do. Give it to figures
    already published, which hiding now would not take back (an earlier round of a survey), so
    that the guard hides the new round's groups instead.
    """

    key: Hashable
    members: frozenset[int]
    kind: GroupKind = GroupKind.SCORES
    depth: int = 0
    figures: Mapping[str, Any] = field(default_factory=lambda: _NO_FIGURES)
    priority: int = 0

    def __post_init__(self) -> None:
        hash(self.key)  # an unhashable key fails here, not deep inside the guard
        members = self.members
        if type(members) is not frozenset:
            members = frozenset(members)
            object.__setattr__(self, "members", members)
        if members and not set(map(type, members)) <= {int}:
            # bool and float are refused too: True == 1 and 1.0 == 1 would silently merge people.
            raise TypeError(f"group {self.key!r}: respondent ids must be int")
        object.__setattr__(self, "kind", GroupKind(self.kind))
        if type(self.depth) is not int or self.depth < 0:
            raise ValueError(f"group {self.key!r}: depth must be a non-negative int")
        if type(self.priority) is not int or self.priority < 0:
            raise ValueError(f"group {self.key!r}: priority must be a non-negative int")
        if self.kind is GroupKind.COMMENTS and self.figures.get("comments", 0) > len(members):
            # More comments than members: the members were not the group's respondents.
            raise ValueError(f"group {self.key!r}: more comments than respondents")

    @property
    def size(self) -> int:
        return len(self.members)


@dataclass(frozen=True, slots=True)
class Released:
    """A group whose figures may be shown. ``n`` is the number of respondents behind them."""

    key: Hashable
    figures: Mapping[str, Any]
    n: int


@dataclass(frozen=True, slots=True)
class Suppressed:
    """A hidden group. It deliberately carries no number at all: not the count, not a hint."""

    key: Hashable
    reason: SuppressionReason


Outcome = Released | Suppressed


_RELEASED, _TOO_FEW, _WOULD_REVEAL = 0, 1, 2
_KEY_OF = operator.attrgetter("key")
_KIND_OF = operator.attrgetter("kind")
_MEMBERS_OF = operator.attrgetter("members")
_DEPTH_OF = operator.attrgetter("depth")
_PRIORITY_OF = operator.attrgetter("priority")
_REASON = {_TOO_FEW: SuppressionReason.TOO_FEW, _WOULD_REVEAL: SuppressionReason.WOULD_REVEAL_OTHER}


class GuardResult(Mapping[Hashable, Outcome]):
    """The guard's decision per group key.

    Iterates in the canonical key order (the order the guard decided in), which does not depend on
    the order the groups were passed in. Callers that want their own row order index by key.

    The outcome objects are made when first asked for: a report reads the few hundred groups it
    shows out of the tens of thousands the guard had to weigh against each other.
    """

    __slots__ = ("_candidates", "_made", "_position", "_status")

    def __init__(
        self, candidates: list[CandidateGroup], status: list[int], position: dict[Hashable, int]
    ) -> None:
        self._candidates = candidates
        self._status = status
        self._position = position
        self._made: dict[int, Outcome] = {}

    def __getitem__(self, key: Hashable) -> Outcome:
        position = self._position[key]
        outcome = self._made.get(position)
        if outcome is None:
            outcome = self._made[position] = self._outcome(position)
        return outcome

    def _outcome(self, position: int) -> Outcome:
        candidate = self._candidates[position]
        status = self._status[position]
        if status == _RELEASED:
            return Released(candidate.key, candidate.figures, len(candidate.members))
        return Suppressed(candidate.key, _REASON[status])

    def __iter__(self) -> Iterator[Hashable]:
        return (candidate.key for candidate in self._candidates)

    def __len__(self) -> int:
        return len(self._candidates)

    def __contains__(self, key: object) -> bool:
        return key in self._position

    def __repr__(self) -> str:
        released = self._status.count(_RELEASED)
        return f"<GuardResult {released} released, {len(self) - released} suppressed>"

    def released(self) -> Iterator[Released]:
        return (
            self[candidate.key]  # type: ignore[misc]
            for candidate, status in zip(self._candidates, self._status, strict=True)
            if status == _RELEASED
        )

    def suppressed(self) -> Iterator[Suppressed]:
        return (
            self[candidate.key]  # type: ignore[misc]
            for candidate, status in zip(self._candidates, self._status, strict=True)
            if status != _RELEASED
        )


def guard(context: GuardContext, groups: Iterable[CandidateGroup]) -> GuardResult:
    """Decide, for every candidate group, whether its figures may be shown.

    ``groups`` must hold every group that anyone could see in the context (all roles, all rounds),
    because the protection is only as good as the attacker model: a group left out is a group the
    guard cannot check others against. Keys must be unique; they should be mutually comparable
    (tuples of str and int are ideal), otherwise they are ordered by type name and ``repr``.

    Guarantees, per kind: every released group has at least the kind's threshold of members, and
    every cell of the partition that the released groups make of their respondents holds either no
    one or at least the threshold. The result depends only on the set of groups, never on the order
    they came in.
    """
    candidates = list(groups)
    for candidate_type in set(map(type, candidates)):
        if not issubclass(candidate_type, CandidateGroup):
            raise TypeError(f"expected CandidateGroup, got {candidate_type.__name__}")
    ordered = _in_canonical_order(candidates)
    status = np.full(len(ordered), _RELEASED, dtype=np.int8)
    kinds = list(map(_KIND_OF, ordered))
    for kind in GroupKind:
        in_family = kinds.count(kind)
        if not in_family:
            continue
        if in_family == len(kinds):  # the usual case: one family
            positions = np.arange(len(kinds), dtype=np.int64)
        else:
            positions = np.flatnonzero(np.fromiter(map(kind.__eq__, kinds), dtype=bool))
        _guard_family(ordered, positions, context.threshold_for(kind), status)
    keys = list(map(_KEY_OF, ordered))
    position = dict(zip(keys, range(len(keys)), strict=True))
    if len(position) != len(keys):  # keys that compare strictly but are equal: refuse, never merge
        _refuse_duplicate_keys(keys)
    return GuardResult(ordered, status.tolist(), position)


# --- 360 rater groups ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RaterMerge:
    """Rater categories after folding the small ones into the catch-all category.

    ``groups`` maps each category still shown on its own, then the catch-all (when it has raters
    or was given), to its raters. ``merged`` names the categories folded into the catch-all. The
    merged group is not exempt from anything: build ``CandidateGroup(kind=RATERS)`` from these
    groups (with the all-raters total if it is shown) and run :func:`guard`, which hides the
    catch-all when it is still too small and hides more when a difference would isolate a small
    category.
    """

    groups: Mapping[str, frozenset[int]]
    merged: tuple[str, ...]


def merge_small_rater_groups(
    groups: Mapping[str, Iterable[int]],
    min_raters: int = 3,
    *,
    others: str = "others",
    exempt: Iterable[str] = (),
    fold_all_while_small: bool = False,
) -> RaterMerge:
    """Fold every rater category below ``min_raters`` into ``others``.

    Why: a 360 report with "peers: 2" lets the subject guess who said what, but the answers of those
    two peers are still worth having, so (as most 360 tools do) they count towards a broader
    "others" category instead of being thrown away. ``exempt`` names categories that are shown
    attributed anyway (the line manager, whose answers the form says are not anonymous) and so are
    never merged. Categories are processed in name order, so the result is deterministic.

    ``fold_all_while_small``: when ``others`` is then non-empty but still below ``min_raters``,
    every category that is not exempt folds into it too. Where the grouping is stored with the
    answers (a closed 360 round), a small ``others`` would pair its few answers with its few
    raters; the guard could hide it, but not the stored label.
    """
    if type(min_raters) is not int or min_raters < 1:
        raise ValueError(f"min_raters must be a positive integer, not {min_raters!r}")
    exempt_names = set(exempt)
    kept: dict[str, frozenset[int]] = {}
    merged: list[str] = []
    catch_all: set[int] = set(groups.get(others, ()))
    for name in sorted(groups):
        if name == others:
            continue
        raters = frozenset(groups[name])
        if name in exempt_names or len(raters) >= min_raters:
            kept[name] = raters
        else:
            merged.append(name)
            catch_all.update(raters)
    if fold_all_while_small and 0 < len(catch_all) < min_raters:
        for name in [name for name in kept if name not in exempt_names]:
            catch_all.update(kept.pop(name))
            merged.append(name)
        merged.sort()
    if catch_all or others in groups:
        kept[others] = frozenset(catch_all)
    return RaterMerge(groups=MappingProxyType(kept), merged=tuple(merged))


# --- internals -----------------------------------------------------------------------------------


def _in_canonical_order(candidates: list[CandidateGroup]) -> list[CandidateGroup]:
    """Sort by key; fall back to (type name, repr) when keys cannot be compared.

    The natural order is used only if it is strict between every neighbour, which for built-in
    types means it is a total order and therefore the same whatever order the input came in.
    """
    try:
        ordered = sorted(candidates, key=_KEY_OF)
        ranked = list(map(_KEY_OF, ordered))
        if all(map(operator.lt, ranked, itertools.islice(ranked, 1, None))):
            return ordered
    except TypeError:
        pass
    keys = list(map(_KEY_OF, candidates))
    _refuse_duplicate_keys(keys)  # equal neighbours are the usual reason the order is not strict
    tokens = [(type(k).__module__, type(k).__qualname__, repr(k)) for k in keys]
    if len(set(tokens)) != len(tokens):
        raise ValueError("group keys must be mutually comparable or have distinct reprs")
    order = sorted(range(len(keys)), key=tokens.__getitem__)
    return [candidates[i] for i in order]


def _refuse_duplicate_keys(keys: list[Hashable]) -> None:
    seen: set[Hashable] = set()
    for key in keys:
        if key in seen:
            raise ValueError(f"duplicate group key {key!r}")
        seen.add(key)


def _guard_family(
    ordered: list[CandidateGroup], positions: np.ndarray, threshold: int, status: np.ndarray
) -> None:
    """Primary suppression, then secondary suppression for one kind.

    Writes the decision into ``status`` (aligned with ``ordered``) at ``positions``.
    """
    family = ordered if positions.size == len(ordered) else [ordered[p] for p in positions.tolist()]
    members = list(map(_MEMBERS_OF, family))
    sizes = np.fromiter(map(len, members), dtype=np.int64, count=len(members))
    large = sizes >= threshold
    status[positions[~large]] = _TOO_FEW
    kept = large.tolist()
    sets = list(itertools.compress(members, kept))
    depths = list(map(_DEPTH_OF, itertools.compress(family, kept)))
    priorities = list(map(_PRIORITY_OF, itertools.compress(family, kept)))
    keep = secondary_suppression(sets, depths, threshold, priorities)
    status[positions[large][~keep]] = _WOULD_REVEAL
