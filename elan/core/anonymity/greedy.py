# SPDX-License-Identifier: EUPL-1.2
"""The greedy: hide groups, cheapest first, until no cell holds between 1 and threshold-1 people.

Part of the guard's engine (see ``guard.py`` for the rule). It runs on the cells that are left
after the per-unit step (``unit_step.py``), mostly cells that lie across units and subtrees, and
its result is verified by a fresh partition (``partitions.py``) in ``suppression.py``. Nothing
outside ``elan.core.anonymity`` imports this module.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable

import numpy as np

from elan.core.anonymity.partitions import Partition, positions_of_runs

__all__ = ["Suppressor", "small_cells_queue"]

_CELL_BITS = 32  # a queue entry is priority << _CELL_BITS | cell
_CELL_MASK = (1 << _CELL_BITS) - 1


def small_cells_queue(partition: Partition, cost: np.ndarray, threshold: int) -> list[int]:
    """The small cells with the cost of their cheapest group, sorted, as queue entries."""
    small = np.flatnonzero(partition.sizes < threshold)
    cheapest = np.zeros(partition.sizes.size, dtype=np.int64)
    # Everyone in a cell is in the same groups, so its representative answers for it.
    cheapest[small] = partition.by_respondent.cheapest(
        partition.representatives[small], partition.released, cost
    )
    if partition.sizes.size > _CELL_MASK:
        raise ValueError("anonymity guard: more cells than a queue entry can number")
    return np.sort((cheapest[small] << _CELL_BITS) | small).tolist()


class Suppressor:
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
        partition: Partition,
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
        groups = self.groups_by_cell_array[positions_of_runs(starts, lengths)]
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
