# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

from elan.core.vocabulary import LoopStep, Principle


def home_context(*, user) -> dict:
    return {"loop_steps": LoopStep.choices, "principles": Principle.choices}
