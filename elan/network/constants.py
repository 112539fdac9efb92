# SPDX-License-Identifier: EUPL-1.2
"""The learning network's vocabulary: statuses, their allowed moves, and the defaults
(docs/network.md)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from elan.core.lifecycle import Transitions
from elan.network.matching import MAX_PREFERENCES, MAX_WISHES

__all__ = ["MAX_PREFERENCES", "MAX_WISHES"]

WISH_SENTENCE_MAX = 300
MEETING_NOTE_MAX = 200
INTRO_MESSAGE_MAX = 600
REASON_MAX = 500
TITLE_MAX = 200
TEXT_MAX = 2000
MAX_CAPACITY = 8
# A mentor has this long to answer a mentee's request in a programme where mentees choose.
DEFAULT_ANSWER_DAYS = 5
# How many mentors a mentee choosing among suggestions is shown at once.
SUGGESTIONS_SHOWN = 3
# Introductions a person may send through peer help per day: enough to ask, too few to spam.
INTRODUCTIONS_PER_DAY = 5
# Levels A (most senior) to D, as the numbers the matching compares.
SENIORITY = {"A": 4, "B": 3, "C": 2, "D": 1}
WORKING_LANGUAGES = (
    ("nl", _("Dutch")),
    ("fr", _("French")),
    ("de", _("German")),
    ("en", _("English")),
)


class Availability(models.TextChoices):
    MONTHLY = "monthly", _("About an hour a month")
    FORTNIGHTLY = "fortnightly", _("About an hour every two weeks")
    WEEKLY = "weekly", _("About an hour a week")


class Department(models.TextChoices):
    """The programme's rule on departments (matching.DepartmentRule, by the same values)."""

    REQUIRED = "required", _("Mentor and mentee always from different departments")
    PREFERRED = "preferred", _("Different departments preferred")
    NONE = "none", _("Departments do not matter")


class Mode(models.TextChoices):
    ORGANISER = "organiser", _("The organiser matches the whole cohort and reviews it")
    CHOICE = "choice", _("Mentees choose among suggestions; mentors accept or decline")


class Role(models.TextChoices):
    MENTEE = "mentee", _("Mentee")
    MENTOR = "mentor", _("Mentor")


class ProgrammeStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Open for sign-up")
    RUNNING = "running", _("Running")
    CLOSED = "closed", _("Closed")


PROGRAMME_TRANSITIONS: Transitions[ProgrammeStatus] = {
    ProgrammeStatus.DRAFT: frozenset({ProgrammeStatus.OPEN}),
    # Matching happens while the programme is open; publishing the pairs starts it.
    ProgrammeStatus.OPEN: frozenset({ProgrammeStatus.RUNNING, ProgrammeStatus.CLOSED}),
    ProgrammeStatus.RUNNING: frozenset({ProgrammeStatus.CLOSED}),
    ProgrammeStatus.CLOSED: frozenset(),
}


class MatchStatus(models.TextChoices):
    # Made by the matching, seen by the organiser only until published.
    PROPOSED = "proposed", _("Proposed, not yet published")
    # Published, or requested by a mentee: waiting for both to accept.
    OFFERED = "offered", _("Waiting for answers")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    # Withdrawn before publishing, or by a profile paused or deleted.
    WITHDRAWN = "withdrawn", _("Withdrawn")
    ENDED = "ended", _("Ended")


MATCH_TRANSITIONS: Transitions[MatchStatus] = {
    MatchStatus.PROPOSED: frozenset({MatchStatus.OFFERED, MatchStatus.WITHDRAWN}),
    MatchStatus.OFFERED: frozenset(
        {MatchStatus.ACCEPTED, MatchStatus.DECLINED, MatchStatus.WITHDRAWN}
    ),
    MatchStatus.ACCEPTED: frozenset({MatchStatus.ENDED, MatchStatus.WITHDRAWN}),
    MatchStatus.DECLINED: frozenset(),
    MatchStatus.WITHDRAWN: frozenset(),
    MatchStatus.ENDED: frozenset(),
}
LIVE_MATCH_STATUSES = (MatchStatus.PROPOSED, MatchStatus.OFFERED, MatchStatus.ACCEPTED)


class Answer(models.TextChoices):
    WAITING = "waiting", _("Not answered yet")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


class CheckInKind(models.TextChoices):
    MIDPOINT = "midpoint", _("Midpoint check-in")
    END = "end", _("End check-in")


class Progress(models.TextChoices):
    GOING_WELL = "going_well", _("Going well")
    MIXED = "mixed", _("Some of it works")
    NOT_WORKING = "not_working", _("Not working for me")


class EventKind(models.TextChoices):
    STATUS = "status", _("Status changed")
    MATCHED = "matched", _("Matching run")
    PUBLISHED = "published", _("Pairs published")
    REMATCHED = "rematched", _("Re-matched after a decline")
    EDITED = "edited", _("Programme edited")


# The end survey's questions, each on a five-point scale (docs/network.md, "The end survey").
SURVEY_QUESTIONS = (
    ("useful", _("The programme was useful for my work.")),
    ("learnt", _("I learnt something I now use.")),
    ("across", _("I now know someone in another part of the organisation I can ask.")),
    ("recommend", _("I would recommend the programme to a colleague.")),
)
SURVEY_SCALE = (1, 5)
# The end survey takes answers for this many days after the programme closes; its results are
# shown only after that, all at once, so that reading them before and after one answer never
# tells that answer apart (as insights and 360 reports open when their round closes).
SURVEY_OPEN_DAYS = 21
SURVEY_ANCHORS = (
    (1, _("Strongly disagree")),
    (2, _("Disagree")),
    (3, _("Neither agree nor disagree")),
    (4, _("Agree")),
    (5, _("Strongly agree")),
)
