# SPDX-License-Identifier: EUPL-1.2
"""Classical test statistics for a scale, in NumPy: whether an instrument measures anything.

Plain NumPy, no Django, so that the formulas can be checked against published worked examples
(tests/test_psychometrics.py) and benchmarked on their own (bench/feedback_psychometrics.py).

Everything derives from the scale's *moments*: the number of complete answer sets n, the sum of
each item and the sum of every product of two items. Those can be added up by the database
(``quality.py``) or from a matrix here, and they hold all that alpha, the item-total correlations
and alpha-if-item-deleted need. From them, with the sample covariance matrix C of k items:

- Cronbach's alpha = k / (k - 1) · (1 - trace(C) / sum(C));
- corrected item-total correlation of item i: its correlation with the sum of the *other* items,
  (sum_j C_ij - C_ii) / sqrt(C_ii · V_rest), V_rest = sum(C) - 2 sum_j C_ij + C_ii;
- alpha if item i is deleted: alpha of C without row and column i. An item whose deletion would
  raise alpha weakens its scale and is flagged.

The scale score is the mean of its items (as on a person's profile), so its mean is the mean of
the item means and its variance sum(C) / k².
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True, slots=True)
class Moments:
    """Sufficient statistics of k items over n complete answer sets."""

    n: int
    sums: np.ndarray  # (k,) sum of each item
    products: np.ndarray  # (k, k) sum of x_i · x_j over the answer sets

    @classmethod
    def from_matrix(cls, matrix: np.ndarray) -> Moments:
        """Moments of an (n, k) matrix of complete answer sets (one row per respondent)."""
        data = np.asarray(matrix, dtype=np.float64)
        if data.ndim != 2:
            raise ValueError("expected an (n, k) matrix")
        return cls(n=data.shape[0], sums=data.sum(axis=0), products=data.T @ data)

    def covariance(self) -> np.ndarray:
        """The sample covariance matrix (denominator n - 1), like R's cov() and SPSS."""
        if self.n < 2:
            raise ValueError("a covariance needs at least two answer sets")
        mean = self.sums / self.n
        return (self.products - self.n * np.outer(mean, mean)) / (self.n - 1)


@dataclass(frozen=True, slots=True)
class ItemStatistics:
    code: str
    mean: float
    sd: float
    item_total: float | None  # corrected: the item against the sum of the other items
    alpha_if_deleted: float | None

    def weakens(self, alpha: float | None) -> bool:
        """Deleting this item would raise the scale's alpha."""
        return (
            alpha is not None
            and self.alpha_if_deleted is not None
            and self.alpha_if_deleted > alpha + 1e-9
        )


@dataclass(frozen=True, slots=True)
class ScaleStatistics:
    n: int
    k: int
    mean: float  # of the scale score (mean of the items)
    sd: float
    alpha: float | None  # None for a single item or a scale with no variance
    items: tuple[ItemStatistics, ...]

    @property
    def weak_items(self) -> list[ItemStatistics]:
        return [item for item in self.items if item.weakens(self.alpha)]


def alpha_from_covariance(covariance: np.ndarray) -> float | None:
    k = covariance.shape[0]
    total = float(covariance.sum())
    if k < 2 or total <= 0:
        return None
    return k / (k - 1) * (1 - float(np.trace(covariance)) / total)


def cronbach_alpha(matrix: np.ndarray) -> float | None:
    """Cronbach's alpha of an (n, k) matrix of complete answer sets."""
    return alpha_from_covariance(Moments.from_matrix(matrix).covariance())


def _alpha_if_deleted(covariance: np.ndarray) -> np.ndarray:
    """Alpha of the scale without each item, all at once (no loop over items)."""
    k = covariance.shape[0]
    diagonal = np.diag(covariance)
    row_sums = covariance.sum(axis=1)
    total = covariance.sum()
    rest_total = total - 2 * row_sums + diagonal  # sum of C without row and column i
    rest_trace = diagonal.sum() - diagonal
    with np.errstate(divide="ignore", invalid="ignore"):
        alphas = (k - 1) / (k - 2) * (1 - rest_trace / rest_total) if k > 2 else None
    if alphas is None:
        return np.full(k, np.nan)
    return np.where(rest_total > 0, alphas, np.nan)


def _item_total(covariance: np.ndarray) -> np.ndarray:
    diagonal = np.diag(covariance)
    row_sums = covariance.sum(axis=1)
    rest_variance = covariance.sum() - 2 * row_sums + diagonal
    with np.errstate(divide="ignore", invalid="ignore"):
        correlation = (row_sums - diagonal) / np.sqrt(diagonal * rest_variance)
    return np.where((diagonal > 0) & (rest_variance > 0), correlation, np.nan)


def _clean(value: float) -> float | None:
    return None if value is None or math.isnan(value) else float(value)


def scale_statistics(moments: Moments, codes: Sequence[str]) -> ScaleStatistics:
    """n, mean, SD, alpha and the item statistics of one scale, from its moments."""
    k = len(codes)
    if moments.sums.shape != (k,) or moments.products.shape != (k, k):
        raise ValueError("the moments do not match the items")
    covariance = moments.covariance()
    item_means = moments.sums / moments.n
    item_sds = np.sqrt(np.clip(np.diag(covariance), 0, None))
    scale_variance = max(float(covariance.sum()) / (k * k), 0.0)
    item_total = _item_total(covariance) if k > 1 else np.full(k, np.nan)
    if_deleted = _alpha_if_deleted(covariance) if k > 1 else np.full(k, np.nan)
    items = tuple(
        ItemStatistics(
            code=code,
            mean=float(item_means[i]),
            sd=float(item_sds[i]),
            item_total=_clean(item_total[i]),
            alpha_if_deleted=_clean(if_deleted[i]),
        )
        for i, code in enumerate(codes)
    )
    return ScaleStatistics(
        n=moments.n,
        k=k,
        mean=float(item_means.mean()),
        sd=math.sqrt(scale_variance),
        alpha=alpha_from_covariance(covariance),
        items=items,
    )


def statistics_from_matrix(matrix: np.ndarray, codes: Sequence[str]) -> ScaleStatistics:
    return scale_statistics(Moments.from_matrix(matrix), codes)
