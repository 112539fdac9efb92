# SPDX-License-Identifier: EUPL-1.2
"""Secondary suppression: which groups, each large enough on its own, may be shown together.

The guard's engine (see ``guard.py`` for the rule it applies). Groups with the same people are
made one column; then, until a partition computed from scratch finds no cell between 1 and
threshold-1 people: the per-unit step (``unit_step.py``) when there are thousands of small cells,
the greedy (``greedy.py``) for the rest. Nothing outside ``elan.core.anonymity`` imports this
module.
"""

from __future__ import annotations

import itertools
from typing import NamedTuple

import numpy as np

from elan.core.anonymity.greedy import Suppressor, small_cells_queue
from elan.core.anonymity.partitions import (
    ByRespondent,
    Partition,
    as_python_ints,
    group_tokens,
    signature_order,
    splitmix64,
)
from elan.core.anonymity.unit_step import settle_units

__all__ = ["secondary_suppression"]

_PRESOLVE_FROM_SMALL_CELLS = 2048  # below this, the greedy alone is as quick or quicker


def secondary_suppression(
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


def _same_sets(
    index: np.ndarray, offsets: np.ndarray, respondents: int
) -> tuple[np.ndarray, np.ndarray]:
    """Slot per group (equal member sets share one) and each slot's first group, in input order.

    Slots are numbered in the order of their first group, and the groups come in canonical key
    order, so the numbering does not depend on the order the caller passed the groups in.
    """
    count = offsets.size - 1
    counters = np.arange(respondents, dtype=np.uint64) * np.uint64(2) + np.uint64(1 << 40)
    member_high, member_low = splitmix64(counters), splitmix64(counters + np.uint64(1))
    starts = offsets[:-1]
    set_high = np.bitwise_xor.reduceat(member_high[index], starts)
    set_low = np.bitwise_xor.reduceat(member_low[index], starts)
    sizes = np.diff(offsets)
    order = signature_order(set_high, set_low, sizes)  # stable: ties stay in input order
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


class _Costs(NamedTuple):
    """The order in which groups are hidden, as a rank per group (``cost``) and its inverse."""

    cost: np.ndarray  # rank of each group: the lower, the sooner it is hidden
    ranked: np.ndarray  # the groups, cheapest first
    host_cost: np.ndarray  # the same without priorities, for finding hosts in the per-unit step
    host_ranked: np.ndarray


def _hiding_costs(
    *, sizes: np.ndarray, depth_of: np.ndarray, priority_of: np.ndarray | None
) -> _Costs:
    """Cost of hiding a group: smaller first, then deeper in the chart, then key order (the sets
    arrive in canonical key order, so the slot number is the key rank); priorities above all."""
    count = sizes.size
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
    return _Costs(cost=cost, ranked=ranked, host_cost=host_cost, host_ranked=host_ranked)


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
    token_high, token_low = group_tokens(count)
    costs = _hiding_costs(sizes=sizes, depth_of=depth_of, priority_of=priority_of)
    released = np.ones(count, dtype=bool)
    by_respondent = ByRespondent(index, group_of_entry, respondents)
    presolved = False
    while True:
        # The partition is computed from scratch on every pass, independently of the presolve's
        # and the greedy's bookkeeping: the pass after the greedy is the verification, and a
        # further pass only runs if it found a small cell, which would be a bug. Each pass must
        # hide at least one group, so this ends.
        partition = Partition(released, token_high, token_low, by_respondent)
        if partition.smallest() >= threshold:
            return released  # the common path ends here on the first pass
        if not presolved:
            presolved = True
            # Thousands of small cells: settle the local ones in bulk first (units crossed with
            # several filters). With fewer (a chart's remainders, one filter), the greedy alone is
            # as quick; both paths give the same guarantees.
            if int(np.count_nonzero(partition.sizes < threshold)) > _PRESOLVE_FROM_SMALL_CELLS:
                hide = settle_units(
                    index,
                    offsets,
                    group_of_entry,
                    depth_of,
                    costs.cost,
                    costs.ranked,
                    threshold,
                    respondents,
                    host_cost=costs.host_cost,
                    host_ranked=costs.host_ranked,
                )
                if hide.any():
                    released &= ~hide
                    continue
        released = _greedy_pass(
            released=released,
            partition=partition,
            cost=costs.cost,
            threshold=threshold,
            index=index,
            offsets=offsets,
            group_of_entry=group_of_entry,
            tokens=as_python_ints(token_high, token_low),
        )


def _greedy_pass(
    *,
    released: np.ndarray,
    partition: Partition,
    cost: np.ndarray,
    threshold: int,
    index: np.ndarray,
    offsets: np.ndarray,
    group_of_entry: np.ndarray,
    tokens: list[int],
) -> np.ndarray:
    """The groups still released after the greedy fixed the partition's small cells."""
    suppressor = Suppressor(
        threshold=threshold,
        cost=cost.tolist(),
        released=released,
        index=index,
        offsets=offsets,
        group_of_entry=group_of_entry,
        tokens=tokens,
        partition=partition,
    )
    still_released = int(released.sum())
    work = small_cells_queue(partition, cost, threshold)
    released = np.frombuffer(suppressor.run(work), dtype=bool)
    if int(released.sum()) == still_released:  # fail closed rather than loop or leak
        raise RuntimeError("anonymity guard: a small cell is left and nothing more was hidden")
    return released
