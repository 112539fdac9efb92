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
from collections import Counter
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
    """

    key: Hashable
    members: frozenset[int]
    kind: GroupKind = GroupKind.SCORES
    depth: int = 0
    figures: Mapping[str, Any] = field(default_factory=lambda: _NO_FIGURES)

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


class GuardResult(Mapping[Hashable, Outcome]):
    """The guard's decision per group key.

    Iterates in the canonical key order (the order the guard decided in), which does not depend on
    the order the groups were passed in. Callers that want their own row order index by key.
    """

    __slots__ = ("_outcomes",)

    def __init__(self, outcomes: dict[Hashable, Outcome]) -> None:
        self._outcomes = outcomes

    def __getitem__(self, key: Hashable) -> Outcome:
        return self._outcomes[key]

    def __iter__(self) -> Iterator[Hashable]:
        return iter(self._outcomes)

    def __len__(self) -> int:
        return len(self._outcomes)

    def __repr__(self) -> str:
        released = sum(isinstance(o, Released) for o in self._outcomes.values())
        return f"<GuardResult {released} released, {len(self) - released} suppressed>"

    def released(self) -> Iterator[Released]:
        return (o for o in self._outcomes.values() if isinstance(o, Released))

    def suppressed(self) -> Iterator[Suppressed]:
        return (o for o in self._outcomes.values() if isinstance(o, Suppressed))


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
    seen: set[Hashable] = set()
    for candidate in candidates:
        if not isinstance(candidate, CandidateGroup):
            raise TypeError(f"expected CandidateGroup, got {type(candidate).__name__}")
        if candidate.key in seen:
            raise ValueError(f"duplicate group key {candidate.key!r}")
        seen.add(candidate.key)
    ordered = _in_canonical_order(candidates)
    outcomes: dict[Hashable, Outcome] = {}
    for kind in GroupKind:
        family = [c for c in ordered if c.kind is kind]
        if family:
            outcomes.update(_guard_family(family, context.threshold_for(kind)))
    return GuardResult({c.key: outcomes[c.key] for c in ordered})


# --- 360 rater groups ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RaterMerge:
    """Rater categories after folding the small ones into the catch-all category.

    ``groups`` maps each category still shown on its own, then the catch-all (if it has anyone),
    to its raters. ``merged`` names the categories folded into the catch-all. The merged group is
    not exempt from anything: build ``CandidateGroup(kind=RATERS)`` from these groups (with the
    all-raters total if it is shown) and run :func:`guard`, which hides the catch-all when it is
    still too small and hides more when a difference would isolate a small category.
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
    keys = [c.key for c in candidates]
    order = list(range(len(keys)))
    try:
        order.sort(key=keys.__getitem__)
        strict = all(bool(keys[a] < keys[b]) for a, b in itertools.pairwise(order))
    except TypeError:
        strict = False
    if not strict:
        tokens = [(type(k).__module__, type(k).__qualname__, repr(k)) for k in keys]
        if len(set(tokens)) != len(tokens):
            raise ValueError("group keys must be mutually comparable or have distinct reprs")
        order.sort(key=tokens.__getitem__)
    return [candidates[i] for i in order]


def _guard_family(family: list[CandidateGroup], threshold: int) -> dict[Hashable, Outcome]:
    """Primary suppression, deduplication, then secondary suppression for one kind."""
    outcomes: dict[Hashable, Outcome] = {}
    slot_of_set: dict[frozenset[int], int] = {}
    distinct_sets: list[frozenset[int]] = []
    distinct_depths: list[int] = []
    slots: list[tuple[CandidateGroup, int]] = []
    for candidate in family:
        members = candidate.members
        if len(members) < threshold:
            outcomes[candidate.key] = Suppressed(candidate.key, SuppressionReason.TOO_FEW)
            continue
        # Groups with the same respondents (a leaf unit and its subtree, a filter value everyone
        # shares) are one column of the partition: they are released or hidden together, and
        # valued as the highest of them in the chart.
        slot = slot_of_set.get(members)
        if slot is None:
            slot = slot_of_set[members] = len(distinct_sets)
            distinct_sets.append(members)
            distinct_depths.append(candidate.depth)
        elif candidate.depth < distinct_depths[slot]:
            distinct_depths[slot] = candidate.depth
        slots.append((candidate, slot))
    keep = _secondary_suppression(distinct_sets, distinct_depths, threshold)
    for candidate, slot in slots:
        if keep[slot]:
            outcomes[candidate.key] = Released(
                candidate.key, candidate.figures, len(candidate.members)
            )
        else:
            outcomes[candidate.key] = Suppressed(
                candidate.key, SuppressionReason.WOULD_REVEAL_OTHER
            )
    return outcomes


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
    sets: list[frozenset[int]], depths: list[int], threshold: int
) -> list[bool] | bytearray:
    """Which of these distinct groups (each already >= threshold) may be released together."""
    count = len(sets)
    if count == 0:
        return []
    index, offsets, respondents = _incidence(sets)
    group_of_entry = np.repeat(np.arange(count, dtype=np.int64), np.diff(offsets))
    token_high, token_low = _group_tokens(count)
    signature_high = np.zeros(respondents, dtype=np.uint64)
    signature_low = np.zeros(respondents, dtype=np.uint64)
    np.bitwise_xor.at(signature_high, index, token_high[group_of_entry])
    np.bitwise_xor.at(signature_low, index, token_low[group_of_entry])

    # The common path: count the cells and stop if none is too small.
    covered = (signature_high != 0) | (signature_low != 0)
    high, low = signature_high[covered], signature_low[covered]
    by_signature = np.lexsort((low, high))
    high, low = high[by_signature], low[by_signature]
    starts = np.flatnonzero(np.r_[True, (high[1:] != high[:-1]) | (low[1:] != low[:-1])])
    cell_sizes = np.diff(np.r_[starts, high.size])
    if cell_sizes.size == 0 or int(cell_sizes.min()) >= threshold:
        return [True] * count

    # Cost of hiding a group: smaller first, then deeper in the chart, then key order (the sets
    # arrive in canonical key order, so the slot number is the key rank).
    ranked = sorted(range(count), key=lambda g: (len(sets[g]), -depths[g], g))
    cost = [0] * count
    for rank, group in enumerate(ranked):
        cost[group] = rank
    suppressor = _Suppressor(
        threshold=threshold,
        cost=cost,
        index=index,
        offsets=offsets,
        group_of_entry=group_of_entry,
        token_high=token_high,
        token_low=token_low,
        signature_high=signature_high,
        signature_low=signature_low,
    )
    return suppressor.run()


class _Suppressor:
    """Greedy secondary suppression over the cell partition.

    A cell is identified by its signature (the XOR of its released groups' tokens). While a cell
    holds between 1 and threshold-1 people, it is merged with another cell by hiding the groups
    that tell the two apart (their symmetric difference). Targets tried: every cell that shares the
    small cell's smallest group (this finds "hide the smallest sibling" for 13 = 5 + 5 + 3 and
    "hide the small leaf team" when a manager's own unit is tiny), the cell that differs only by
    that smallest group, and the empty signature (hide every group holding the cell). The cheapest
    set of groups wins, compared by its most valuable group first (then the next), so that large
    groups and groups high in the chart survive. Hiding a group only ever merges cells, cells never
    shrink, and every step hides at least one group, so the loop ends; in the worst case with
    everything hidden, which trivially satisfies the rule.
    """

    def __init__(
        self,
        *,
        threshold: int,
        cost: list[int],
        index: np.ndarray,
        offsets: np.ndarray,
        group_of_entry: np.ndarray,
        token_high: np.ndarray,
        token_low: np.ndarray,
        signature_high: np.ndarray,
        signature_low: np.ndarray,
    ) -> None:
        count = len(cost)
        self.threshold = threshold
        self.cost = cost
        self.released = bytearray(b"\x01") * count
        self.index = index
        self.offsets = offsets.tolist()
        self.tokens = [
            (h << 64) | lo for h, lo in zip(token_high.tolist(), token_low.tolist(), strict=True)
        ]
        self.group_of_token = dict(zip(self.tokens, range(count), strict=True))
        self.signature = [
            (h << 64) | lo
            for h, lo in zip(signature_high.tolist(), signature_low.tolist(), strict=True)
        ]
        self.cell_size = Counter(self.signature)
        self.cell_size.pop(0, None)  # respondents in no released group are not in any cell
        # Any member of a cell stands for all of it: members share every membership.
        self.representative = dict(zip(self.signature, range(len(self.signature)), strict=True))
        # Respondent -> groups, as a CSR structure.
        by_respondent = np.argsort(index, kind="stable")
        self.groups_by_respondent = group_of_entry[by_respondent]
        respondent_offsets = np.zeros(len(self.signature) + 1, dtype=np.int64)
        np.cumsum(np.bincount(index, minlength=len(self.signature)), out=respondent_offsets[1:])
        self.respondent_offsets = respondent_offsets
        # Cheapest group holding each respondent, to order the work.
        cheapest = np.full(len(self.signature), count, dtype=np.int64)
        np.minimum.at(cheapest, index, np.asarray(cost, dtype=np.int64)[group_of_entry])
        self.initial_cheapest = cheapest
        self.member_lists: dict[int, list[int]] = {}

    def run(self) -> bytearray:
        threshold = self.threshold
        cell_size = self.cell_size
        cheapest = self.initial_cheapest
        # Work through small cells starting with those inside the cheapest groups: they are the
        # most likely to be fixed by hiding little, and fixing them often fixes others.
        heap = [
            (int(cheapest[self.representative[cell]]), cell)
            for cell, size in cell_size.items()
            if size < threshold
        ]
        heapq.heapify(heap)
        while heap:
            _, cell = heapq.heappop(heap)
            if not 0 < cell_size.get(cell, 0) < threshold:
                continue  # merged into a large enough cell since it was queued
            touched: set[int] = set()
            for group in self._cheapest_merge(cell):
                touched |= self._hide(group)
            for other in touched:
                if 0 < cell_size.get(other, 0) < threshold:
                    groups = self._groups_of(self.representative[other])
                    heapq.heappush(heap, (min(map(self.cost.__getitem__, groups)), other))
        return self.released

    def _members(self, group: int) -> list[int]:
        members = self.member_lists.get(group)
        if members is None:
            start, end = self.offsets[group], self.offsets[group + 1]
            members = self.member_lists[group] = self.index[start:end].tolist()
        return members

    def _groups_of(self, respondent: int) -> list[int]:
        """The released groups a respondent belongs to: the cell's membership set."""
        start = int(self.respondent_offsets[respondent])
        end = int(self.respondent_offsets[respondent + 1])
        released = self.released
        return [g for g in self.groups_by_respondent[start:end].tolist() if released[g]]

    def _cheapest_merge(self, cell: int) -> list[int]:
        cost = self.cost
        signature = self.signature
        holding = self._groups_of(self.representative[cell])
        holding.sort(key=cost.__getitem__)
        # Target "no group at all": hide every group holding the cell. Always possible.
        best = holding
        best_cost = tuple(cost[g] for g in reversed(holding))
        smallest = holding[0]
        if len(holding) > 1 and (cell ^ self.tokens[smallest]) in self.cell_size:
            best, best_cost = [smallest], (cost[smallest],)
        holding_set: set[int] | None = None
        seen = {cell}
        for respondent in self._members(smallest):
            other = signature[respondent]
            if other in seen:
                continue
            seen.add(other)
            group = self.group_of_token.get(cell ^ other)
            if group is not None and self.released[group]:
                if (cost[group],) < best_cost:
                    best, best_cost = [group], (cost[group],)
                continue
            if holding_set is None:
                holding_set = set(holding)
            difference = holding_set.symmetric_difference(self._groups_of(respondent))
            if not difference:
                continue  # only on a 128-bit signature collision; never in practice
            if max(map(cost.__getitem__, difference)) > best_cost[0]:
                continue  # its most valuable group already costs more than the best so far
            candidate_cost = tuple(sorted(map(cost.__getitem__, difference), reverse=True))
            if candidate_cost < best_cost:
                best, best_cost = list(difference), candidate_cost
        best.sort(key=cost.__getitem__)
        return best

    def _hide(self, group: int) -> set[int]:
        """Hide one group; return the signatures of the cells its members moved into."""
        self.released[group] = 0
        token = self.tokens[group]
        signature = self.signature
        cell_size = self.cell_size
        representative = self.representative
        touched: set[int] = set()
        for respondent in self._members(group):
            old = signature[respondent]
            new = old ^ token
            signature[respondent] = new
            remaining = cell_size[old] - 1
            if remaining:
                cell_size[old] = remaining
            else:
                del cell_size[old]
            if new:
                cell_size[new] += 1
                representative[new] = respondent
                touched.add(new)
        return touched
