# SPDX-License-Identifier: EUPL-1.2
"""The per-unit step: settle in bulk the small cells that lie inside one unit, before the greedy.

Part of the guard's engine (see ``guard.py`` for the rule, ``suppression.py`` for when this step
runs). It only ever hides groups; the greedy (``greedy.py``) fixes what is left and a fresh
partition verifies the whole. Nothing outside ``elan.core.anonymity`` imports this module.
"""

from __future__ import annotations

import bisect

import numpy as np

__all__ = ["settle_units"]

_PRESOLVE_MAX_HOST = 4096  # members; larger hosts are left to the greedy (memory of the masks)


def settle_units(
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
    hosts = _hosts(
        index=index,
        offsets=offsets,
        group_of_entry=group_of_entry,
        depth_of=depth_of,
        host_cost=cost if host_cost is None else host_cost,
        host_ranked=ranked if host_ranked is None else host_ranked,
        respondents=respondents,
    )
    if hosts is None:
        return hide
    host, has_host = hosts
    sizes = np.diff(offsets)
    leaf, host_entry, member = _leaf_hosts(
        index=index,
        group_of_entry=group_of_entry,
        host=host,
        has_host=has_host,
        sizes=sizes,
        respondents=respondents,
    )
    inner = has_host & (host >= 0)
    inner[inner] = leaf[host[inner]]
    doomed = _groups_leaving_too_few_outside(
        inner=inner, host=host, sizes=sizes, threshold=threshold
    )
    hide[doomed] = True
    inner[doomed] = False
    if not inner.any():
        return hide
    cutting = _groups_cutting_small_pieces(
        inner=inner,
        host=host,
        index=index,
        offsets=offsets,
        group_of_entry=group_of_entry,
        cost=cost,
        ranked=ranked,
        sizes=sizes,
        threshold=threshold,
        respondents=respondents,
    )
    hide[cutting] = True
    inner[cutting] = False
    inner_groups = np.flatnonzero(inner)
    mask_of = _masks_over_hosts(
        inner=inner,
        inner_groups=inner_groups,
        leaf=leaf,
        host_entry=host_entry,
        member=member,
        index=index,
        offsets=offsets,
        group_of_entry=group_of_entry,
        sizes=sizes,
        respondents=respondents,
    )
    hidden = _groups_hidden_host_by_host(
        inner_groups=inner_groups,
        mask_of=mask_of,
        host=host,
        cost=cost,
        sizes=sizes,
        threshold=threshold,
    )
    hide[hidden] = True
    return hide


def _hosts(
    *,
    index: np.ndarray,
    offsets: np.ndarray,
    group_of_entry: np.ndarray,
    depth_of: np.ndarray,
    host_cost: np.ndarray,
    host_ranked: np.ndarray,
    respondents: int,
) -> tuple[np.ndarray, np.ndarray] | None:
    """Each group's host (-1 for none) and which groups have one; None when the groups all sit
    at one level, where nothing can host anything."""
    count = offsets.size - 1
    # Only the order of depths matters here, so they are ranked first: a caller's depths can be
    # any non-negative ints, and the table below has a row per level.
    level_of = np.unique(depth_of, return_inverse=True)[1].reshape(-1)
    levels = int(level_of.max()) + 1
    if levels < 2:
        return None
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
    return host, has_host


def _leaf_hosts(
    *,
    index: np.ndarray,
    group_of_entry: np.ndarray,
    host: np.ndarray,
    has_host: np.ndarray,
    sizes: np.ndarray,
    respondents: int,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The leaf hosts this step settles, the memberships in them, and the members of those.

    Each respondent is in at most one leaf host, so the memberships in leaf hosts give each
    respondent at most one position inside a host.
    """
    count = sizes.size
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
    return leaf, host_entry, member


def _groups_leaving_too_few_outside(
    *, inner: np.ndarray, host: np.ndarray, sizes: np.ndarray, threshold: int
) -> np.ndarray:
    """The inner groups that leave fewer than ``threshold`` of their host outside them.

    Such a group is hidden whatever else is kept: some cell would have to lie partly outside it,
    and that part is too small. Hiding it changes no cell, so settling these first gives the same
    outcome as the host-by-host loop, which then only weighs the groups that could stay.
    """
    candidates = np.flatnonzero(inner)
    return candidates[sizes[host[candidates]] - sizes[candidates] < threshold]


def _groups_cutting_small_pieces(
    *,
    inner: np.ndarray,
    host: np.ndarray,
    index: np.ndarray,
    offsets: np.ndarray,
    group_of_entry: np.ndarray,
    cost: np.ndarray,
    ranked: np.ndarray,
    sizes: np.ndarray,
    threshold: int,
    respondents: int,
) -> np.ndarray:
    """The inner groups that cut fewer than ``threshold`` people off their host's first group.

    The most valuable inner group of a host is always kept: it holds at least ``threshold`` and
    so does the rest of its host (it is not doomed). From then on the host's cells only get
    finer than {that group, the rest}. An inner group that cuts fewer than ``threshold`` people
    off either side (inside it or outside it) therefore cuts a piece that small off some finer
    cell too, and the host-by-host loop would hide it; settling those in bulk leaves the loop
    only the groups that really have to be weighed against each other.
    """
    count = sizes.size
    starts = offsets[:-1]
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
    return candidates[cuts_small]


def _masks_over_hosts(
    *,
    inner: np.ndarray,
    inner_groups: np.ndarray,
    leaf: np.ndarray,
    host_entry: np.ndarray,
    member: np.ndarray,
    index: np.ndarray,
    offsets: np.ndarray,
    group_of_entry: np.ndarray,
    sizes: np.ndarray,
    respondents: int,
) -> list[int]:
    """Each inner group (in the order of ``inner_groups``) as a bit mask over its host's members.

    Built in numpy, then one Python int each: intersecting and counting local cells is then a
    few big-int operations.
    """
    count = sizes.size
    position = np.full(respondents, -1, dtype=np.int64)
    position[member] = np.flatnonzero(host_entry) - offsets[group_of_entry[host_entry]]
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
    return mask_of


def _groups_hidden_host_by_host(
    *,
    inner_groups: np.ndarray,
    mask_of: list[int],
    host: np.ndarray,
    cost: np.ndarray,
    sizes: np.ndarray,
    threshold: int,
) -> list[int]:
    """Per host, its inner groups from the most valuable down; those that must go."""
    order = np.lexsort((-cost[inner_groups], host[inner_groups]))
    by_host = inner_groups[order].tolist()
    hosts = host[inner_groups][order].tolist()
    rows = order.tolist()  # an inner group's mask is at its place in ``inner_groups``
    host_size = sizes.tolist()
    hidden: list[int] = []
    start, total = 0, len(by_host)
    while start < total:
        current = hosts[start]
        end = bisect.bisect_right(hosts, current, start)
        hidden += _hidden_in_host(
            everyone=(1 << host_size[current]) - 1,
            groups=by_host[start:end],
            masks=[mask_of[row] for row in rows[start:end]],
            threshold=threshold,
        )
        start = end
    return hidden


def _hidden_in_host(
    *, everyone: int, groups: list[int], masks: list[int], threshold: int
) -> list[int]:
    """Keep a host's inner groups, most valuable first, while every local cell (``everyone``
    to start with) stays empty or >= ``threshold``; return the groups that could not be kept."""
    cells = [everyone]
    hidden: list[int] = []
    for group, group_mask in zip(groups, masks, strict=True):
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
            continue
        hidden.append(group)
    return hidden
