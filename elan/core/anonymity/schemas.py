# SPDX-License-Identifier: EUPL-1.2
"""The API's typed form of a guarded figure (django-ninja / pydantic).

A hidden group is its own type with no number field at all, so neither a client nor the OpenAPI
schema can mistake it for a value; ``suppressed`` discriminates the two.
"""

from __future__ import annotations

from typing import Annotated, Literal

from ninja import Schema
from pydantic import ConfigDict, Field

GroupKey = list[str | int]


class ReleasedFigure(Schema):
    model_config = ConfigDict(extra="forbid")

    key: GroupKey
    suppressed: Literal[False]
    n: int
    figures: dict[str, float | int | str | None]


class SuppressedFigure(Schema):
    # Forbidding extra fields means a count can never ride along with a hidden group.
    model_config = ConfigDict(extra="forbid")

    key: GroupKey
    suppressed: Literal[True]
    reason: Literal["too_few", "would_reveal_other"]


GuardedFigure = Annotated[ReleasedFigure | SuppressedFigure, Field(discriminator="suppressed")]
