# SPDX-License-Identifier: EUPL-1.2
"""The cells that released groups cut out of their respondents, computed with numpy.

Part of the guard's engine (see ``guard.py`` for the rule): the guard itself, the per-unit step
and the greedy all read cells from here, and the same partition, recomputed from scratch, is what
verifies their result. Nothing outside ``elan.core.anonymity`` imports this module.

A group gets a random 128-bit token; a respondent's *signature* is the XOR of the tokens of the
released groups holding them, so respondents with equal signatures belong to exactly the same
released groups and form one cell. Hiding a group is one XOR per member. Every pseudo-random word
comes from a fixed SplitMix64 stream, never from ``hash()`` or a seeded generator whose output
could change between numpy versions: the cells, and so the guard's decisions, must be the same on
every run.
"""

from __future__ import annotations

import itertools
import operator

import numpy as np

__all__ = [
    "ByRespondent",
    "Partition",
    "as_python_ints",
    "group_tokens",
    "positions_of_runs",
    "signature_order",
    "splitmix64",
]

_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
_MIX_1 = np.uint64(0xBF58476D1CE4E5B9)
_MIX_2 = np.uint64(0x94D049BB133111EB)
_SEED = np.uint64(0x456C616E416E6F6E)  # "ElanAnon"


def splitmix64(counter: np.ndarray) -> np.ndarray:
    """SplitMix64 outputs for the given counters: fixed, version-independent pseudo-random words."""
    with np.errstate(over="ignore"):
        z = _SEED + (counter + np.uint64(1)) * _GOLDEN
        z = (z ^ (z >> np.uint64(30))) * _MIX_1
        z = (z ^ (z >> np.uint64(27))) * _MIX_2
    return z ^ (z >> np.uint64(31))


def group_tokens(count: int) -> tuple[np.ndarray, np.ndarray]:
    """A 128-bit token per group, as (high, low) words.

    A respondent's signature is the XOR of the tokens of the released groups they belong to, so
    equal signatures mean equal memberships (two different membership sets collide with
    probability about 2**-128 per pair), and hiding a group is one XOR per member. SplitMix64 is
    a bijection, so the high words are distinct and non-zero: no two groups share a token.
    """
    counters = np.arange(count, dtype=np.uint64) * np.uint64(2)
    return splitmix64(counters), splitmix64(counters + np.uint64(1))


def signature_order(high: np.ndarray, *rest: np.ndarray, stable: bool = True) -> np.ndarray:
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


def as_python_ints(high: np.ndarray, low: np.ndarray) -> list[int]:
    """(high << 64) | low per pair, as Python ints (mapped in C: no bytecode per element)."""
    shifted = map(operator.lshift, high.tolist(), itertools.repeat(64))
    return list(map(operator.or_, shifted, low.tolist()))


def positions_of_runs(starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
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


class ByRespondent:
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
        groups = self.groups[positions_of_runs(starts, lengths)]
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


class Partition:
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
        by_respondent: ByRespondent,
    ) -> None:
        self.released = released
        self.by_respondent = by_respondent
        respondents = by_respondent.respondents
        high, low = by_respondent.signatures(released, token_high, token_low)
        # Which member comes first in a cell does not matter (all hold the same groups).
        order = signature_order(high, low, stable=False)
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
        return as_python_ints(self.starts_high, self.starts_low)

    def smallest(self) -> int:
        return int(self.sizes.min()) if self.sizes.size else 0x7FFFFFFF

    def cell_of(self) -> np.ndarray:
        """Cell number per respondent (-1: in no cell). Cells are numbered in signature order."""
        cell_of = np.full(self.respondents, -1, dtype=np.int64)
        cell_of[self.order] = np.cumsum(self.first) - 1
        return cell_of
