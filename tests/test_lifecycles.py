# SPDX-License-Identifier: EUPL-1.2
"""Every lifecycle is a table of the same shape, named the same way, checked by one helper
(elan/core/lifecycle.py)."""

from __future__ import annotations

import importlib
import pkgutil

import pytest

import elan
from elan.assessments.constants import StepStatus
from elan.cohorts.constants import Status as CohortStatus
from elan.core.lifecycle import TransitionNotAllowed, ensure_transition
from elan.events.constants import HelpStatus
from elan.events.constants import Status as EventStatus
from elan.experiments.constants import PermissionStatus
from elan.experiments.constants import Status as ExperimentStatus
from elan.feedback.constants import RoundStatus
from elan.goals.constants import Agreement, CycleStatus, GoalProgress, TalkStatus
from elan.ideas.constants import CampaignStatus as IdeaCampaignStatus
from elan.ideas.constants import Status as IdeaStatus
from elan.insights.constants import CampaignStatus
from elan.network.constants import MatchStatus, ProgrammeStatus
from elan.organisations.constants import ImportStatus
from elan.retrospectives.constants import BoardStatus

STATUS_OF = {
    "elan.retrospectives.constants.BOARD_TRANSITIONS": BoardStatus,
    "elan.assessments.constants.STEP_TRANSITIONS": StepStatus,
    "elan.feedback.constants.ROUND_TRANSITIONS": RoundStatus,
    "elan.insights.constants.CAMPAIGN_TRANSITIONS": CampaignStatus,
    "elan.organisations.constants.IMPORT_TRANSITIONS": ImportStatus,
    "elan.goals.constants.CYCLE_TRANSITIONS": CycleStatus,
    "elan.goals.constants.TALK_TRANSITIONS": TalkStatus,
    "elan.goals.constants.AGREEMENT_TRANSITIONS": Agreement,
    "elan.goals.constants.PROGRESS_TRANSITIONS": GoalProgress,
    "elan.experiments.constants.TRANSITIONS": ExperimentStatus,
    "elan.experiments.constants.PERMISSION_TRANSITIONS": PermissionStatus,
    "elan.network.constants.PROGRAMME_TRANSITIONS": ProgrammeStatus,
    "elan.network.constants.MATCH_TRANSITIONS": MatchStatus,
    "elan.events.constants.EVENT_TRANSITIONS": EventStatus,
    "elan.events.constants.HELP_TRANSITIONS": HelpStatus,
    "elan.cohorts.constants.COHORT_TRANSITIONS": CohortStatus,
    "elan.ideas.constants.IDEA_TRANSITIONS": IdeaStatus,
    "elan.ideas.constants.CAMPAIGN_TRANSITIONS": IdeaCampaignStatus,
}


def transition_tables() -> dict[str, dict]:
    """Every module-level ``*_TRANSITIONS`` of every app's constants."""
    found = {}
    for app in pkgutil.iter_modules(elan.__path__):
        try:
            constants = importlib.import_module(f"elan.{app.name}.constants")
        except ModuleNotFoundError:
            continue
        for name, value in vars(constants).items():
            if name.endswith("TRANSITIONS") and isinstance(value, dict):
                found[f"{constants.__name__}.{name}"] = value
    return found


def test_every_lifecycle_table_is_named_and_shaped_alike():
    tables = transition_tables()
    assert set(tables) == set(STATUS_OF), "a new lifecycle table: add it to STATUS_OF"
    for name, table in tables.items():
        status = STATUS_OF[name]
        # Every status is listed, a final one with an empty set, and nothing else.
        assert set(table) == set(status), name
        for moves in table.values():
            assert isinstance(moves, frozenset) and moves <= set(status), name


def test_the_helper_refuses_what_the_table_does_not_list():
    table = {StepStatus.PLANNED: frozenset({StepStatus.DONE}), StepStatus.DONE: frozenset()}
    ensure_transition(table, StepStatus.PLANNED, StepStatus.DONE)
    for current, to in (
        (StepStatus.DONE, StepStatus.PLANNED),
        (StepStatus.PLANNED, StepStatus.DROPPED),
        ("unknown", StepStatus.DONE),
    ):
        with pytest.raises(TransitionNotAllowed) as refused:
            ensure_transition(table, current, to)
        assert (refused.value.current, refused.value.to) == (current, to)
