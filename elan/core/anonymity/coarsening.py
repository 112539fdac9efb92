# SPDX-License-Identifier: EUPL-1.2
"""Coarsen the group keys stored with an anonymous answer, so that no stored key points to fewer
than the minimum of invited people.

Why: the guard protects what reports show, not what the database holds. A response row that
carries "team X, French, level A" where only one invited person is French and level A in team X
is that person's answer to anyone who can read the table. So, when a round opens, the keys each
invited person's answer will be stored with are worked out from the whole list of invited
people, and every stored combination (unit, then each attribute) is shared by at least
``minimum`` of them:

1. **Unit.** From the deepest units up, a unit whose people (its own, plus those of small units
   merged into it) number fewer than ``minimum`` is merged into its parent: its people are
   stored with the parent's code. So each answer is stored at the lowest level that is large
   enough. If the people stored at the top of the tree are still too few, the smallest pool just
   below is pulled up into it. A merged unit has no unit group of its own, and neither it nor any
   unit whose people were stored above it has a whole subtree group (``partial``): a group is
   only ever formed from keys that exist.
2. **Attributes, one after the other** (the order given, language before level in insights).
   Within each stored unit, an attribute value held by fewer than ``minimum`` people is not
   stored (left blank); if the people left blank are then between 1 and ``minimum`` - 1, the
   next smallest value is blanked too, until they are none or enough. The next attribute is
   settled the same way inside each group so formed.

Plain Python, no Django: the caller passes each invited person's precise key (unit code and
attribute values) and the chart as child -> parent codes, and gets a mapping from precise keys to
stored keys. People with the same precise key always get the same stored key, so the mapping can
be applied to rows written earlier as well.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

# (unit code, (attribute value, ...)); "" for an attribute not recorded or not stored.
Key = tuple[str, tuple[str, ...]]


@dataclass(frozen=True)
class Coarsening:
    """What a round stores: the stored key of every precise key, and which groups exist.

    ``pooled``: units that answers are stored with (each holds at least ``minimum`` invited
    people). ``partial``: units whose subtree is not stored whole, because some of its people are
    stored with a unit above it; no group is formed for their subtree (nor for their own people,
    unless they are pooled).
    """

    stored: Mapping[Key, Key]
    pooled: frozenset[str]
    partial: frozenset[str]


def coarsen_keys(
    people: Iterable[Key], parent_of: Mapping[str, str | None], minimum: int
) -> Coarsening:
    """The stored key of each precise key so that every stored combination holds >= ``minimum``.

    ``people`` holds one precise key per invited person. ``parent_of`` maps each unit code of the
    chart to its parent's code (``None`` for the top). When all the people together are fewer
    than ``minimum``, no coarsening can protect them: everyone is stored at the top with no
    attribute, and callers should refuse to collect answers (insights refuses to open the round).
    """
    if type(minimum) is not int or minimum < 1:
        raise ValueError(f"minimum must be a positive integer, not {minimum!r}")
    counts = Counter(people)
    unknown = {unit for unit, _values in counts} - set(parent_of)
    if unknown:
        raise ValueError(f"units not in the chart: {sorted(unknown)}")
    depth = _depths(parent_of)
    own: Counter[str] = Counter()
    for (unit, _values), count in counts.items():
        own[unit] += count

    # Where each unit's people are stored, resolved after the walk (a pool can move twice).
    moved_to: dict[str, str] = {}
    pool: dict[str, int] = {}
    partial: set[str] = set()
    incoming: Counter[str] = Counter()
    # Deepest first, then by code: the walk, hence the result, never depends on input order.
    for unit in sorted(parent_of, key=lambda code: (-depth[code], code)):
        size = own[unit] + incoming[unit]
        parent = parent_of[unit]
        if 0 < size < minimum and parent is not None:
            moved_to[unit] = parent
            incoming[parent] += size
            partial.add(unit)
        else:
            pool[unit] = size
    for top in sorted(code for code, parent in parent_of.items() if parent is None):
        _fill_the_top(top, pool, moved_to, partial, parent_of, depth, minimum)

    def stored_unit(unit: str) -> str:
        while unit in moved_to:
            unit = moved_to[unit]
        return unit

    by_pool: dict[str, Counter[tuple[str, ...]]] = defaultdict(Counter)
    unit_of: dict[Key, str] = {}
    for key, count in counts.items():
        target = stored_unit(key[0])
        unit_of[key] = target
        by_pool[target][key[1]] += count
    stored_values: dict[tuple[str, tuple[str, ...]], tuple[str, ...]] = {}
    for target, values in by_pool.items():
        for precise, kept in _settle_attributes(values, minimum).items():
            stored_values[(target, precise)] = kept
    stored = {key: (unit_of[key], stored_values[(unit_of[key], key[1])]) for key in counts}
    pooled = frozenset(unit for unit, size in pool.items() if size > 0)
    return Coarsening(stored=stored, pooled=pooled, partial=frozenset(partial))


def _depths(parent_of: Mapping[str, str | None]) -> dict[str, int]:
    depth: dict[str, int] = {}
    for unit in parent_of:
        chain = []
        current: str | None = unit
        while current is not None and current not in depth:
            chain.append(current)
            current = parent_of.get(current)
            if len(chain) > len(parent_of):
                raise ValueError("the chart has a cycle")
        base = -1 if current is None else depth[current]
        for code in reversed(chain):
            base += 1
            depth[code] = base
    return depth


def _fill_the_top(
    top: str,
    pool: dict[str, int],
    moved_to: dict[str, str],
    partial: set[str],
    parent_of: Mapping[str, str | None],
    depth: Mapping[str, int],
    minimum: int,
) -> None:
    """People stored at the top but too few there: pull the nearest, smallest pools up into it.

    They cannot go any higher, and storing them with a unit they are not in would put them in
    the wrong subtree; so a pool just below (the shallowest, then the smallest, then by code)
    joins them instead.
    """
    below = {}
    for unit, size in pool.items():
        if unit == top or size == 0:
            continue
        ancestor: str | None = parent_of[unit]
        while ancestor is not None and ancestor != top:
            ancestor = parent_of[ancestor]
        if ancestor == top:
            below[unit] = size
    for unit in sorted(below, key=lambda code: (depth[code], below[code], code)):
        if not 0 < pool[top] < minimum:
            break
        pool[top] += pool.pop(unit)
        moved_to[unit] = top
        ancestor = unit
        while ancestor is not None and ancestor != top:
            partial.add(ancestor)
            ancestor = parent_of[ancestor]


def _settle_attributes(
    values: Counter[tuple[str, ...]], minimum: int
) -> dict[tuple[str, ...], tuple[str, ...]]:
    """Within one stored unit: the stored attribute values of each precise combination."""
    width = len(next(iter(values)))
    result: dict[tuple[str, ...], tuple[str, ...]] = dict.fromkeys(values, ())
    groups = [list(values)]  # precise combinations that share the stored values so far
    for position in range(width):
        next_groups: list[list[tuple[str, ...]]] = []
        for group in groups:
            count: Counter[str] = Counter()
            for precise in group:
                count[precise[position]] += values[precise]
            kept = _kept_values(count, minimum)
            split: dict[str, list[tuple[str, ...]]] = defaultdict(list)
            for precise in group:
                value = precise[position] if precise[position] in kept else ""
                result[precise] = (*result[precise], value)
                split[value].append(precise)
            next_groups.extend(split[value] for value in sorted(split))
        groups = next_groups
    return result


def _kept_values(count: Counter[str], minimum: int) -> frozenset[str]:
    """The values held by enough people that they can be stored, with the blank kept >= minimum."""
    kept = {value: n for value, n in count.items() if value and n >= minimum}
    blank = sum(count.values()) - sum(kept.values())
    # Smallest first, then by value: the least informative value goes first.
    for value in sorted(kept, key=lambda v: (kept[v], v)):
        if not 0 < blank < minimum:
            break
        blank += kept.pop(value)
    return frozenset(kept)
