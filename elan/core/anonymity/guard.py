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

Determinism matters as much as correctness: if the same data gave different suppressions on two
page loads, comparing the two pages would leak what one of them hid. Every choice below is made by
explicit, total sort keys (group size, depth in the chart, group key); nothing depends on the
iteration order of sets or on ``hash()`` of arbitrary objects.
"""

from __future__ import annotations

import enum
import heapq
import itertools
import operator
from collections.abc import Hashable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

import numpy as np

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
    comment groups against comment groups (their members are the people who wrote a comment), rater
    groups against rater groups. A comment group does not reveal a score, so mixing families would
    only hide more without protecting anyone.
    """

    SCORES = "scores"  # scores, counts, response rates
    COMMENTS = "comments"  # free-text comments
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
    min_comments: int = 10  # free-text comments
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
) -> RaterMerge:
    """Fold every rater category below ``min_raters`` into ``others``.

    Why: a 360 report with "peers: 2" lets the subject guess who said what, but the answers of those
    two peers are still worth having, so (as most 360 tools do) they count towards a broader
    "others" category instead of being thrown away. ``exempt`` names categories that are shown
    attributed anyway (the line manager, whose answers the form says are not anonymous) and so are
    never merged. Categories are processed in name order, so the result is deterministic.
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
    keep = _secondary_suppression(sets, depths, threshold, priorities)
    status[positions[large][~keep]] = _WOULD_REVEAL


_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
_MIX_1 = np.uint64(0xBF58476D1CE4E5B9)
_MIX_2 = np.uint64(0x94D049BB133111EB)
_SEED = np.uint64(0x456C616E416E6F6E)  # "ElanAnon"


def _splitmix64(counter: np.ndarray) -> np.ndarray:
    """SplitMix64 outputs for the given counters: fixed, version-independent pseudo-random words."""
    with np.errstate(over="ignore"):
        z = _SEED + (counter + np.uint64(1)) * _GOLDEN
        z = (z ^ (z >> np.uint64(30))) * _MIX_1
        z = (z ^ (z >> np.uint64(27))) * _MIX_2
    return z ^ (z >> np.uint64(31))


def _group_tokens(count: int) -> tuple[np.ndarray, np.ndarray]:
    """A 128-bit token per group, as (high, low) words.

    A respondent's signature is the XOR of the tokens of the released groups they belong to, so
    equal signatures mean equal memberships (two different membership sets collide with
    probability about 2**-128 per pair), and hiding a group is one XOR per member. SplitMix64 is
    a bijection, so the high words are distinct and non-zero: no two groups share a token.
    """
    counters = np.arange(count, dtype=np.uint64) * np.uint64(2)
    return _splitmix64(counters), _splitmix64(counters + np.uint64(1))


def _incidence(sets: list[frozenset[int]]) -> tuple[np.ndarray, np.ndarray, int]:
    """Membership as flat arrays: compact respondent index per (group, member), group offsets."""
    lengths = np.fromiter(map(len, sets), dtype=np.int64, count=len(sets))
    offsets = np.zeros(len(sets) + 1, dtype=np.int64)
    np.cumsum(lengths, out=offsets[1:])
    total = int(offsets[-1])
    try:
        raw = np.fromiter(itertools.chain.from_iterable(sets), dtype=np.int64, count=total)
    except OverflowError:  # ids beyond 64 bits: map them through a dictionary instead
        universe = sorted(set().union(*sets))
        position = dict(zip(universe, range(len(universe)), strict=True))
        flat = map(position.__getitem__, itertools.chain.from_iterable(sets))
        return np.fromiter(flat, dtype=np.int64, count=total), offsets, len(universe)
    low, high = int(raw.min()), int(raw.max())
    if high - low < 4 * total + 1024:
        # Dense ids (row ids usually are): index directly; unused slots keep a zero signature.
        return raw - low, offsets, high - low + 1
    universe_ids, index = np.unique(raw, return_inverse=True)
    return index.astype(np.int64, copy=False), offsets, len(universe_ids)


def _secondary_suppression(
    sets: list[frozenset[int]],
    depths: list[int],
    threshold: int,
    priorities: list[int] | None = None,
) -> np.ndarray:
    """Which of these groups (each already >= threshold) may be released together.

    Groups with the same respondents (a leaf unit and its subtree, a filter value everyone in a
    unit shares) are one column of the partition: they are released or hidden together, and
    valued as the highest of them in the chart. They are found by a 128-bit hash of their member
    set (the same assumption as the partition's signatures: a collision has a probability of
    about 2**-128 per pair) rather than by hashing Python sets, which dominated at federal scale.
    """
    if not sets:
        return np.zeros(0, dtype=bool)
    index, offsets, respondents = _incidence(sets)
    slot, first_of_slot = _same_sets(index, offsets, respondents)
    depth_of_group = np.asarray(depths, dtype=np.int64)
    slot_depth = np.full(first_of_slot.size, np.iinfo(np.int64).max, dtype=np.int64)
    np.minimum.at(slot_depth, slot, depth_of_group)
    slot_priority = np.zeros(first_of_slot.size, dtype=np.int64)
    if priorities is not None and any(priorities):
        # Groups with the same people are one column: it has the highest priority of them.
        np.maximum.at(slot_priority, slot, np.asarray(priorities, dtype=np.int64))
    if first_of_slot.size < len(sets):
        lengths = np.diff(offsets)
        distinct = np.zeros(len(sets), dtype=bool)
        distinct[first_of_slot] = True
        index = index[np.repeat(distinct, lengths)]
        offsets = np.zeros(first_of_slot.size + 1, dtype=np.int64)
        np.cumsum(lengths[first_of_slot], out=offsets[1:])
    keep = _suppress_distinct(index, offsets, respondents, slot_depth, threshold, slot_priority)
    return keep[slot]


def _same_sets(
    index: np.ndarray, offsets: np.ndarray, respondents: int
) -> tuple[np.ndarray, np.ndarray]:
    """Slot per group (equal member sets share one) and each slot's first group, in input order.

    Slots are numbered in the order of their first group, and the groups come in canonical key
    order, so the numbering does not depend on the order the caller passed the groups in.
    """
    count = offsets.size - 1
    counters = np.arange(respondents, dtype=np.uint64) * np.uint64(2) + np.uint64(1 << 40)
    member_high, member_low = _splitmix64(counters), _splitmix64(counters + np.uint64(1))
    starts = offsets[:-1]
    set_high = np.bitwise_xor.reduceat(member_high[index], starts)
    set_low = np.bitwise_xor.reduceat(member_low[index], starts)
    sizes = np.diff(offsets)
    order = _signature_order(set_high, set_low, sizes)  # stable: ties stay in input order
    new_run = np.r_[
        True,
        (np.diff(sizes[order]) != 0)
        | (set_high[order][1:] != set_high[order][:-1])
        | (set_low[order][1:] != set_low[order][:-1]),
    ]
    run = np.cumsum(new_run) - 1
    first_in_run = order[new_run]  # the stable sort makes it the run's earliest group
    slot_of_run = np.empty(first_in_run.size, dtype=np.int64)
    slot_of_run[np.argsort(first_in_run, kind="stable")] = np.arange(first_in_run.size)
    slot = np.empty(count, dtype=np.int64)
    slot[order] = slot_of_run[run]
    return slot, np.sort(first_in_run)


def _suppress_distinct(
    index: np.ndarray,
    offsets: np.ndarray,
    respondents: int,
    depth_of: np.ndarray,
    threshold: int,
    priority_of: np.ndarray | None = None,
) -> np.ndarray:
    """Which of these distinct groups (each already >= threshold) may be released together."""
    count = offsets.size - 1
    sizes = np.diff(offsets)
    group_of_entry = np.repeat(np.arange(count, dtype=np.int64), sizes)
    token_high, token_low = _group_tokens(count)
    # Cost of hiding a group: smaller first, then deeper in the chart, then key order (the sets
    # arrive in canonical key order, so the slot number is the key rank).
    ranked = np.lexsort((np.arange(count), -depth_of, sizes))
    cost = np.empty(count, dtype=np.int64)
    cost[ranked] = np.arange(count, dtype=np.int64)
    # The presolve finds each group's host (the smallest group above it) by this order, whatever
    # the priorities; only the choice of what to hide weighs them.
    host_ranked, host_cost = ranked, cost
    if priority_of is not None and priority_of.any():
        ranked = np.lexsort((np.arange(count), -depth_of, sizes, priority_of))
        cost = np.empty(count, dtype=np.int64)
        cost[ranked] = np.arange(count, dtype=np.int64)
    released = np.ones(count, dtype=bool)
    by_respondent = _ByRespondent(index, group_of_entry, respondents)
    presolved = False
    while True:
        # The partition is computed from scratch on every pass, independently of the presolve's
        # and the greedy's bookkeeping: the pass after the greedy is the verification, and a
        # further pass only runs if it found a small cell, which would be a bug. Each pass must
        # hide at least one group, so this ends.
        partition = _Partition(released, token_high, token_low, by_respondent)
        if partition.smallest() >= threshold:
            return released  # the common path ends here on the first pass
        if not presolved:
            presolved = True
            # Thousands of small cells: settle the local ones in bulk first (units crossed with
            # several filters). With fewer (a chart's remainders, one filter), the greedy alone is
            # as quick; both paths give the same guarantees.
            if int(np.count_nonzero(partition.sizes < threshold)) > _PRESOLVE_FROM_SMALL_CELLS:
                hide = _local_presolve(
                    index,
                    offsets,
                    group_of_entry,
                    depth_of,
                    cost,
                    ranked,
                    threshold,
                    respondents,
                    host_cost=host_cost,
                    host_ranked=host_ranked,
                )
                if hide.any():
                    released &= ~hide
                    continue
        suppressor = _Suppressor(
            threshold=threshold,
            cost=cost.tolist(),
            released=released,
            index=index,
            offsets=offsets,
            group_of_entry=group_of_entry,
            tokens=_as_python_ints(token_high, token_low),
            partition=partition,
        )
        still_released = int(released.sum())
        released = np.frombuffer(suppressor.run(partition.work(cost, threshold)), dtype=bool)
        if int(released.sum()) == still_released:  # fail closed rather than loop or leak
            raise RuntimeError("anonymity guard: a small cell is left and nothing more was hidden")


_CELL_BITS = 32  # a queue entry is priority << _CELL_BITS | cell
_CELL_MASK = (1 << _CELL_BITS) - 1
_PRESOLVE_FROM_SMALL_CELLS = 2048  # below this, the greedy alone is as quick or quicker
_PRESOLVE_MAX_HOST = 4096  # members; larger hosts are left to the greedy (memory of the masks)


def _local_presolve(
    index: np.ndarray,
    offsets: np.ndarray,
    group_of_entry: np.ndarray,
    depth_of: np.ndarray,
    cost: np.ndarray,
    ranked: np.ndarray,
    threshold: int,
    respondents: int,
    *,
    host_cost: np.ndarray | None = None,
    host_ranked: np.ndarray | None = None,
) -> np.ndarray:
    """Settle the small local problems (a unit crossed with its filters) before the greedy.

    Why: with several filters, most small cells lie inside one unit (the people who share one
    language, grade, age band and contract in a team of 40). They cannot merge with anything
    outside that unit, so they can be fixed unit by unit; doing that here in bulk, rather than one
    hidden group at a time in the greedy, is what keeps the guard fast at federal scale.

    The structure is read from the sets and depths only, never from the keys. A group's *host* is
    the smallest group (by cost order) that holds it and sits higher in the chart, provided every
    member agrees on it: the host then contains the whole group. A *leaf host* is a host none of
    whose inner groups is a host itself; in a chart that is a unit with its filtered groups. The
    cells that a leaf host's inner groups cut out of it (and the rest of the host, people in none
    of them) are what the local rule checks: each must be empty or hold at least ``threshold``.
    A cell with an inner group in its signature lies inside the host, so no group outside can
    merge it away; and a small rest would be a small cell whenever the host is shown. So every
    local problem found here is a real one: some inner group (or the host) has to go.

    Each leaf host keeps its inner groups from the most valuable down (larger, then higher, then
    key order) as long as every local cell stays empty or >= ``threshold``; the others are
    hidden. This only ever hides groups, which coarsens the partition and cannot create a small
    cell; the greedy then handles what is left (cells across units and subtrees) and the
    partition is verified from scratch. Returns the groups to hide.
    """
    count = offsets.size - 1
    hide = np.zeros(count, dtype=bool)
    if not count:
        return hide
    host_cost = cost if host_cost is None else host_cost
    host_ranked = ranked if host_ranked is None else host_ranked
    # Only the order of depths matters here, so they are ranked first: a caller's depths can be
    # any non-negative ints, and the table below has a row per level.
    level_of = np.unique(depth_of, return_inverse=True)[1].reshape(-1)
    levels = int(level_of.max()) + 1
    if levels < 2:
        return hide
    sentinel = count
    entry_level = level_of[group_of_entry]
    # best[d, r]: the cheapest group holding respondent r at level <= d (any member's choice
    # will do: the host is only accepted when every member of the group agrees on it). The
    # deepest level never hosts anything, so its memberships (the most numerous) are left out.
    hosting = entry_level < levels - 1
    best = np.full((levels - 1) * respondents, sentinel, dtype=np.int64)
    np.minimum.at(
        best,
        entry_level[hosting] * respondents + index[hosting],
        host_cost[group_of_entry[hosting]],
    )
    best = np.minimum.accumulate(best.reshape(levels - 1, respondents), axis=0).ravel()
    shallower = best.take((entry_level - 1) * respondents + index, mode="clip")
    shallower[entry_level == 0] = sentinel
    starts = offsets[:-1]
    lowest = np.minimum.reduceat(shallower, starts)
    highest = np.maximum.reduceat(shallower, starts)
    has_host = (lowest == highest) & (lowest < sentinel)
    host = np.full(count, -1, dtype=np.int64)
    host[has_host] = host_ranked[lowest[has_host]]
    sizes = np.diff(offsets)
    is_host = np.zeros(count, dtype=bool)
    is_host[host[has_host]] = True
    # A host whose inner groups are hosts too (a subtree over units) is left to the greedy.
    leaf = is_host & (sizes <= _PRESOLVE_MAX_HOST)
    leaf[host[has_host & is_host]] = False
    # Each respondent's position inside its leaf host; a respondent in two leaf hosts (possible
    # with arbitrary groups, never in a chart) takes both hosts out of the presolve.
    host_entry = leaf[group_of_entry]
    member = index[host_entry]
    shared = np.bincount(member, minlength=respondents) > 1
    if shared.any():
        clash = np.zeros(count, dtype=bool)
        clash[group_of_entry[host_entry][shared[member]]] = True
        leaf &= ~clash
        host_entry = leaf[group_of_entry]
        member = index[host_entry]
    inner = has_host & (host >= 0)
    inner[inner] = leaf[host[inner]]
    # An inner group that leaves fewer than ``threshold`` of its host outside it is hidden
    # whatever else is kept: some cell would have to lie partly outside it, and that part is
    # too small. Hiding it changes no cell, so settling these first gives the same outcome as
    # the loop below, which then only weighs the groups that could stay.
    candidates = np.flatnonzero(inner)
    doomed = candidates[sizes[host[candidates]] - sizes[candidates] < threshold]
    hide[doomed] = True
    inner[doomed] = False
    if not inner.any():
        return hide
    # The most valuable inner group of a host is always kept: it holds at least ``threshold`` and
    # so does the rest of its host (it is not doomed). From then on the host's cells only get
    # finer than {that group, the rest}. An inner group that cuts fewer than ``threshold`` people
    # off either side (inside it or outside it) therefore cuts a piece that small off some finer
    # cell too, and the loop below would hide it; settling those in bulk leaves the loop only
    # the groups that really have to be weighed against each other.
    candidates = np.flatnonzero(inner)
    most_valuable = np.full(count, -1, dtype=np.int64)
    np.maximum.at(most_valuable, host[candidates], cost[candidates])
    first = ranked[most_valuable[host[candidates]]]
    in_first = np.zeros(respondents, dtype=bool)
    in_first_group = np.zeros(count, dtype=bool)
    in_first_group[first] = True
    in_first[index[in_first_group[group_of_entry]]] = True
    shared_with_first = np.add.reduceat(in_first[index].astype(np.int64), starts)[candidates]
    pieces = (
        shared_with_first,
        sizes[candidates] - shared_with_first,
        sizes[first] - shared_with_first,
        sizes[host[candidates]] - sizes[first] - (sizes[candidates] - shared_with_first),
    )
    cuts_small = np.zeros(candidates.size, dtype=bool)
    for piece in pieces:
        cuts_small |= (piece > 0) & (piece < threshold)
    hide[candidates[cuts_small]] = True
    inner[candidates[cuts_small]] = False
    position = np.full(respondents, -1, dtype=np.int64)
    position[member] = np.flatnonzero(host_entry) - offsets[group_of_entry[host_entry]]
    # Inner groups as bit masks over their host's members, built in numpy, then one Python int
    # each: intersecting and counting local cells is then a few big-int operations.
    inner_groups = np.flatnonzero(inner)
    row_of = np.full(count, -1, dtype=np.int64)
    row_of[inner_groups] = np.arange(inner_groups.size)
    words = (int(sizes[leaf].max()) + 63) // 64
    masks = np.zeros((inner_groups.size, words), dtype=np.uint64)
    inner_entry = inner[group_of_entry]
    bit = position[index[inner_entry]]
    np.bitwise_or.at(
        masks,
        (row_of[group_of_entry[inner_entry]], bit >> 6),
        np.left_shift(np.uint64(1), (bit & 63).astype(np.uint64)),
    )
    mask_of = masks[:, 0].tolist()  # most hosts hold at most 64 people: one word is the mask
    if words > 1:
        raw = masks.tobytes()
        stride = words * 8
        for row in np.flatnonzero(masks[:, 1:].any(axis=1)).tolist():
            mask_of[row] = int.from_bytes(raw[row * stride : (row + 1) * stride], "little")
    # Per host, its inner groups from the most valuable down.
    order = np.lexsort((-cost[inner_groups], host[inner_groups]))
    by_host = inner_groups[order].tolist()
    hosts = host[inner_groups][order].tolist()
    rows = row_of[inner_groups][order].tolist()
    host_size = sizes.tolist()
    hidden: list[int] = []
    position_in_list = 0
    total = len(by_host)
    while position_in_list < total:
        current = hosts[position_in_list]
        cells = [(1 << host_size[current]) - 1]
        while position_in_list < total and hosts[position_in_list] == current:
            group_mask = mask_of[rows[position_in_list]]
            refined = []
            for cell in cells:
                inside = cell & group_mask
                if not inside or inside == cell:
                    refined.append(cell)
                    continue
                if inside.bit_count() < threshold:
                    break
                outside = cell ^ inside
                if outside.bit_count() < threshold:
                    break
                refined.append(inside)
                refined.append(outside)
            else:
                cells = refined
                position_in_list += 1
                continue
            hidden.append(by_host[position_in_list])
            position_in_list += 1
    hide[hidden] = True
    return hide


def _positions_of_runs(starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """The positions start, start + 1, ..., start + length - 1 of every run, concatenated."""
    run_start_in_output = np.cumsum(lengths) - lengths
    within = np.arange(int(lengths.sum()), dtype=np.int64) - np.repeat(run_start_in_output, lengths)
    return np.repeat(starts, lengths) + within


def _radix_order(values: np.ndarray, bound: int) -> np.ndarray:
    """A stable argsort of non-negative ints below ``bound``, by 16-bit digits.

    numpy sorts 16-bit keys with a radix sort, several times faster than its comparison sort on
    64-bit ones; a few digits cover any number of respondents.
    """
    order = np.argsort((values & 0xFFFF).astype(np.uint16), kind="stable")
    shift = 16
    while bound > 1 << shift:
        digit = ((values[order] >> shift) & 0xFFFF).astype(np.uint16)
        order = order[np.argsort(digit, kind="stable")]
        shift += 16
    return order


class _ByRespondent:
    """The memberships reordered by respondent, once per call, for the partitions.

    XOR-reducing each respondent's run of memberships with ``reduceat`` is several times faster
    than scattering with ``bitwise_xor.at``, and hiding a group only zeroes its token, so the
    layout never changes between partitions.
    """

    def __init__(self, index: np.ndarray, group_of_entry: np.ndarray, respondents: int) -> None:
        order = _radix_order(index, respondents)
        self.groups = group_of_entry[order]
        memberships = np.bincount(index, minlength=respondents)
        self.respondent_at_start = np.flatnonzero(memberships)
        ends = np.cumsum(memberships[self.respondent_at_start])
        self.starts = ends - memberships[self.respondent_at_start]
        self.respondents = respondents
        self._scratch: np.ndarray | None = None

    def cheapest(
        self, respondents: np.ndarray, released: np.ndarray, cost: np.ndarray
    ) -> np.ndarray:
        """For each of these respondents (each in some released group), the cost of the cheapest
        released group holding them. Reads only their own memberships."""
        if not respondents.size:
            return np.zeros(0, dtype=np.int64)
        runs = np.searchsorted(self.respondent_at_start, respondents)
        starts = self.starts[runs]
        ends = np.r_[self.starts[1:], self.groups.size][runs]
        lengths = ends - starts
        groups = self.groups[_positions_of_runs(starts, lengths)]
        shown_cost = np.where(released[groups], cost[groups], len(cost))
        return np.minimum.reduceat(shown_cost, np.cumsum(lengths) - lengths)

    def signatures(
        self, released: np.ndarray, token_high: np.ndarray, token_low: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        high = np.zeros(self.respondents, dtype=np.uint64)
        low = np.zeros(self.respondents, dtype=np.uint64)
        if self.groups.size:
            zero = np.uint64(0)
            # One scratch buffer for every pass: fresh multi-megabyte arrays each time cost
            # page faults that showed up as a tenth of the guard's time.
            if self._scratch is None:
                self._scratch = np.empty(self.groups.size, dtype=np.uint64)
            shown = np.take(np.where(released, token_high, zero), self.groups, out=self._scratch)
            high[self.respondent_at_start] = np.bitwise_xor.reduceat(shown, self.starts)
            shown = np.take(np.where(released, token_low, zero), self.groups, out=self._scratch)
            low[self.respondent_at_start] = np.bitwise_xor.reduceat(shown, self.starts)
        return high, low


class _Partition:
    """The cells that the released groups cut out of their respondents, computed with numpy.

    A respondent's signature is the XOR of the tokens of the released groups holding them;
    respondents sorted by signature form runs, and each run is a cell. Respondents in no released
    group have a zero signature and are in no cell: nobody can see them.
    """

    def __init__(
        self,
        released: np.ndarray,
        token_high: np.ndarray,
        token_low: np.ndarray,
        by_respondent: _ByRespondent,
    ) -> None:
        self._released = released
        self._by_respondent = by_respondent
        respondents = by_respondent.respondents
        high, low = by_respondent.signatures(released, token_high, token_low)
        # Which member comes first in a cell does not matter (all hold the same groups).
        order = _signature_order(high, low, stable=False)
        high, low = high[order], low[order]
        covered = (high != 0) | (low != 0)
        order, high, low = order[covered], high[covered], low[covered]
        first = np.r_[high.size > 0, (high[1:] != high[:-1]) | (low[1:] != low[:-1])]
        first = first[: high.size]  # no respondent left in any group: no cell at all
        starts = np.flatnonzero(first)
        self.respondents = respondents
        self.order, self.first = order, first
        self.sizes = np.diff(np.r_[starts, high.size])
        self.starts_high, self.starts_low = high[starts], low[starts]
        self.representatives = order[starts]

    def hashes(self) -> list[int]:
        """Each cell's signature as one 128-bit Python int, for the greedy's dictionaries."""
        return _as_python_ints(self.starts_high, self.starts_low)

    def smallest(self) -> int:
        return int(self.sizes.min()) if self.sizes.size else 0x7FFFFFFF

    def cell_of(self) -> np.ndarray:
        """Cell number per respondent (-1: in no cell). Cells are numbered in signature order."""
        cell_of = np.full(self.respondents, -1, dtype=np.int64)
        cell_of[self.order] = np.cumsum(self.first) - 1
        return cell_of

    def work(self, cost: np.ndarray, threshold: int) -> list[int]:
        """The small cells with the cost of their cheapest group, sorted, as queue entries."""
        small = np.flatnonzero(self.sizes < threshold)
        cheapest = np.zeros(self.sizes.size, dtype=np.int64)
        # Everyone in a cell is in the same groups, so its representative answers for it.
        cheapest[small] = self._by_respondent.cheapest(
            self.representatives[small], self._released, cost
        )
        if self.sizes.size > _CELL_MASK:
            raise ValueError("anonymity guard: more cells than a queue entry can number")
        return np.sort((cheapest[small] << _CELL_BITS) | small).tolist()


def _signature_order(high: np.ndarray, *rest: np.ndarray, stable: bool = True) -> np.ndarray:
    """The order by ``high``, then each of ``rest``, as ``np.lexsort((*rest[::-1], high))`` gives.

    With ``stable``, equal items also keep their input order, as in the lexsort; without it,
    their order among themselves is arbitrary (but still the same on every call).

    Sorting one 64-bit word is about three times faster than a lexsort of two. ``high`` is a
    random hash word, and equal items (the members of one cell, the copies of one member set)
    share every key, so the order by ``high`` alone is already the full order unless two
    different items share a high word (odds about 2**-64 per pair). That is checked, and the
    full sort done then.
    """
    order = np.argsort(high, kind="stable" if stable else "quicksort")
    sorted_high = high[order]
    same_high = sorted_high[1:] == sorted_high[:-1]
    for key in rest:
        sorted_key = key[order]
        if not np.array_equal(sorted_key[1:][same_high], sorted_key[:-1][same_high]):
            return np.lexsort((*rest[::-1], high))
    return order


def _as_python_ints(high: np.ndarray, low: np.ndarray) -> list[int]:
    """(high << 64) | low per pair, as Python ints (mapped in C: no bytecode per element)."""
    shifted = map(operator.lshift, high.tolist(), itertools.repeat(64))
    return list(map(operator.or_, shifted, low.tolist()))


class _Suppressor:
    """Greedy secondary suppression over the cell partition.

    Cells are kept in a union-find structure: hiding a group moves every cell inside it to the
    signature without that group, and a cell that lands on an existing signature merges with it.
    Cells never shrink, so a cell that is large enough stays so.

    While a cell holds between 1 and threshold-1 people, it is merged with another cell by hiding
    the groups that tell the two apart (their symmetric difference). Targets tried: every cell
    that shares the small cell's smallest group (this finds "hide the smallest sibling" for
    13 = 5 + 5 + 3, and "hide a small leaf team" when a manager's own unit is tiny), the cell
    without that smallest group, and the empty signature (hide every group holding the cell). The
    cheapest set of groups wins, compared by its most valuable group first, then the next, so that
    large groups and groups high in the chart survive. Every step hides at least one group, so the
    loop ends; at worst with everything hidden, which trivially satisfies the rule.
    """

    def __init__(
        self,
        *,
        threshold: int,
        cost: list[int],
        released: np.ndarray,
        index: np.ndarray,
        offsets: np.ndarray,
        group_of_entry: np.ndarray,
        tokens: list[int],
        partition: _Partition,
    ) -> None:
        self.threshold = threshold
        self.cost = cost
        self.released = bytearray(released.tobytes())
        self.index = index
        self.offsets = offsets.tolist()
        self.tokens = tokens
        self.group_of_token = dict(zip(tokens, range(len(tokens)), strict=True))
        # Union-find over cells; only roots carry a meaningful hash, size and representative.
        hashes = partition.hashes()
        self.cell_parent = list(range(len(hashes)))
        self.cell_hash = hashes
        self.cell_size = partition.sizes.tolist()
        self.cell_by_hash = dict(zip(hashes, range(len(hashes)), strict=True))
        self.cell_of = partition.cell_of()
        cells = len(hashes)
        # Cell -> the groups holding it (CSR), cheapest first, read off the cell's representative:
        # everyone in a cell is in the same groups, and a root keeps its row through moves and
        # merges (its members keep the same groups as everyone merged into it).
        row_of_representative = np.full(len(self.cell_of), -1, dtype=np.int64)
        row_of_representative[partition.representatives] = np.arange(cells, dtype=np.int64)
        row_of_entry = row_of_representative[index]
        asked = row_of_entry >= 0
        cell_asked, groups_asked = row_of_entry[asked], group_of_entry[asked]
        self.cost_array = np.asarray(cost, dtype=np.int64)
        by_cell = np.argsort(cell_asked * len(cost) + self.cost_array[groups_asked])
        self.groups_by_cell_array = groups_asked[by_cell]
        self.groups_by_cell = self.groups_by_cell_array.tolist()
        bounds = np.zeros(cells + 1, dtype=np.int64)
        np.cumsum(np.bincount(cell_asked, minlength=cells), out=bounds[1:])
        self.cell_bounds_array = bounds
        self.cell_bounds = bounds.tolist()
        self.cells_inside: dict[int, set[int]] = {}
        # A signature always stands for the same set of groups, so this cache never goes stale.
        self.groups_by_hash: dict[int, list[int]] = {}
        # Per cell, where its cheapest released group is in its row. Groups are only ever
        # hidden, so the position only moves forward: finding a cell's cheapest group costs
        # nothing per call beyond the groups hidden since the last.
        self.cheapest_at = self.cell_bounds[:-1]

    def run(self, work: list[int]) -> bytearray:
        """Fix the small cells of ``work``: sorted (cost of cheapest group, cell) queue entries."""
        threshold = self.threshold
        size = self.cell_size
        parent = self.cell_parent
        cost = self.cost
        # Small cells are fixed in order of the cheapest group holding them (then cell number):
        # fixing the cells inside small, deep groups first hides little and often fixes the
        # cells around them too. A cell that a step leaves small is queued at the current
        # priority and given its own when it comes up (lazily: most are merged away before).
        # The initial work is already sorted; only the cells queued later need a heap. Entries
        # are (priority, cell) packed into one int, which the heap compares several times
        # faster than a tuple, in the same order.
        queue: list[int] = []
        position, end = 0, len(work)
        while True:
            if queue and (position == end or queue[0] < work[position]):
                entry = heapq.heappop(queue)
            elif position < end:
                entry = work[position]
                position += 1
            else:
                break
            priority, cell = entry >> _CELL_BITS, entry & _CELL_MASK
            if parent[cell] != cell:
                cell = self._root(cell)
            if not 0 < size[cell] < threshold or not self.cell_hash[cell]:
                continue  # merged into a large enough cell, or no longer visible
            own = cost[self._cheapest_group(cell)]
            if own > priority:
                heapq.heappush(queue, own << _CELL_BITS | cell)
                continue
            touched: set[int] = set()
            for group in self._cheapest_merge(cell):
                touched |= self._hide(group)
            base = priority << _CELL_BITS
            for other in touched:
                if size[other] < threshold:
                    heapq.heappush(queue, base | other)
        return self.released

    def _cheapest_group(self, cell: int) -> int:
        """The cheapest released group holding a cell (a root that is still visible)."""
        at = self.cheapest_at[cell]
        groups = self.groups_by_cell
        released = self.released
        while not released[groups[at]]:
            at += 1
        self.cheapest_at[cell] = at
        return groups[at]

    def _root(self, cell: int) -> int:
        parent = self.cell_parent
        root = cell
        while parent[root] != root:
            root = parent[root]
        while parent[cell] != root:
            parent[cell], cell = root, parent[cell]
        return root

    def _cells_inside(self, group: int) -> set[int]:
        """The cells inside a released group.

        A released group holds whole cells, and a cell only ever merges with a cell on the same
        side of every other released group; so once the cells inside a group are known, their
        current roots are exactly the cells inside it. Members are scanned once per group.
        """
        known = self.cells_inside.get(group)
        if known is None:
            members = self.index[self.offsets[group] : self.offsets[group + 1]]
            known = set(np.unique(self.cell_of[members]).tolist())
        parent = self.cell_parent
        roots = {c if parent[c] == c else self._root(c) for c in known}
        self.cells_inside[group] = roots
        return roots

    def _groups(self, cell: int) -> list[int]:
        """The groups holding a cell (all released), cheapest first."""
        signature = self.cell_hash[cell]
        groups = self.groups_by_hash.get(signature)
        if groups is None:
            bounds = self.cell_bounds
            candidates = self.groups_by_cell[bounds[cell] : bounds[cell + 1]]
            released = self.released
            groups = [g for g in candidates if released[g]]
            self.groups_by_hash[signature] = groups
        return groups

    def _cheapest_merge(self, cell: int) -> list[int]:
        cost = self.cost
        cell_hash = self.cell_hash
        signature = cell_hash[cell]
        holding = self._groups(cell)
        # Target "no group at all": hide every group holding the cell. Always possible.
        best = holding
        best_cost = tuple(cost[g] for g in reversed(holding))
        smallest = holding[0]
        if len(holding) > 1 and (signature ^ self.tokens[smallest]) in self.cell_by_hash:
            best, best_cost = [smallest], (cost[smallest],)
        holding_set: set[int] | None = None
        inside = self._cells_inside(smallest)
        # Inside a large subtree, thousands of cells are candidates; the most valuable group
        # that tells each apart from this cell is computed for all of them at once, so that the
        # loop below skips, without building a set, every cell that cannot beat the best so far.
        # The skip is the loop's own test, done earlier: the choice is the same.
        # Only the cells that pass that test against the best so far are visited (the order of
        # the visits does not matter: two candidates of equal cost are the same set of groups).
        bound: dict[int, int] | None = None
        others: Iterable[int] = inside
        if len(inside) > 64:
            listed, most = self._most_valuable_differences(inside, holding)
            could_win = most <= best_cost[0]
            others = listed[could_win].tolist()
            bound = dict(zip(others, most[could_win].tolist(), strict=True))
        for other in others:
            if other == cell:
                continue
            if bound is not None and bound[other] > best_cost[0]:
                continue
            group = self.group_of_token.get(signature ^ cell_hash[other])
            if group is not None:
                if (cost[group],) < best_cost:
                    best, best_cost = [group], (cost[group],)
                continue
            if holding_set is None:
                holding_set = set(holding)
            difference = holding_set.symmetric_difference(self._groups(other))
            if not difference:
                continue  # only on a 128-bit signature collision; never in practice
            if max(map(cost.__getitem__, difference)) > best_cost[0]:
                continue  # its most valuable group already costs more than the best so far
            candidate_cost = tuple(sorted(map(cost.__getitem__, difference), reverse=True))
            if candidate_cost < best_cost:
                best, best_cost = sorted(difference, key=cost.__getitem__), candidate_cost
        return list(best)

    def _most_valuable_differences(
        self, cells: set[int], holding: list[int]
    ) -> tuple[np.ndarray, np.ndarray]:
        """The cells, and per cell the cost of the most valuable group in which it differs from
        ``holding`` (-1 when it differs in none).

        Both sides are read as ``_groups`` reads them: the released groups in the cell's row.
        """
        rows = np.fromiter(cells, dtype=np.int64, count=len(cells))
        bounds = self.cell_bounds_array
        starts = bounds[rows]
        lengths = bounds[rows + 1] - starts
        cell_number = np.repeat(np.arange(rows.size, dtype=np.int64), lengths)
        groups = self.groups_by_cell_array[_positions_of_runs(starts, lengths)]
        released = np.frombuffer(self.released, dtype=bool)[groups]
        in_holding = np.zeros(len(self.cost), dtype=bool)
        in_holding[holding] = True
        extra = released & ~in_holding[groups]
        most = np.full(rows.size, -1, dtype=np.int64)
        np.maximum.at(most, cell_number[extra], self.cost_array[groups[extra]])
        for group in holding:  # a cell holds only a few groups
            has = np.zeros(rows.size, dtype=bool)
            has[cell_number[released & (groups == group)]] = True
            most[~has] = np.maximum(most[~has], self.cost[group])
        return rows, most

    def _hide(self, group: int) -> set[int]:
        """Hide one group; return the cells its members moved into."""
        inside = self._cells_inside(group)
        del self.cells_inside[group]
        self.released[group] = 0
        token = self.tokens[group]
        parent = self.cell_parent
        cell_hash = self.cell_hash
        cell_by_hash = self.cell_by_hash
        size = self.cell_size
        touched: set[int] = set()
        for cell in sorted(inside):
            old = cell_hash[cell]
            new = old ^ token
            del cell_by_hash[old]
            target = cell_by_hash.get(new)
            if target is None:
                cell_hash[cell] = new
                if new:
                    cell_by_hash[new] = cell
                    touched.add(cell)
            else:
                parent[cell] = target
                size[target] += size[cell]
                touched.add(target)
        return touched
