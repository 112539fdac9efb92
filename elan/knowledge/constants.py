# SPDX-License-Identifier: EUPL-1.2
"""The hub's fixed vocabularies: kinds of item, resource types and the navigator's intentions."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

from elan.core.vocabulary import InnovationSkill, Principle


class HubKind(models.TextChoices):
    """What a hub page is; stored in the search index and used as the search filter."""

    DEFINITION = "definition", _("Definition")
    PRINCIPLE = "principle", _("Principle")
    CASE = "case", _("Case")
    TOOL = "tool", _("Tool")
    RESOURCE = "resource", _("Book, article or talk")
    PARTNER = "partner", _("Partner")
    PRESENTATION = "presentation", _("Presentation")
    RECORDING = "recording", _("Recording")
    TIP = "tip", _("Tip")
    QUESTION = "question", _("Question and answer")
    QUOTE = "quote", _("Quote")


# Section headings, plural, for the index pages and the kind filter's group labels.
KIND_PLURALS = {
    HubKind.DEFINITION: _("Definitions"),
    HubKind.PRINCIPLE: _("Principles"),
    HubKind.CASE: _("Cases"),
    HubKind.TOOL: _("Tools"),
    HubKind.RESOURCE: _("Books, articles and talks"),
    HubKind.PARTNER: _("Partners"),
    HubKind.PRESENTATION: _("Presentations"),
    HubKind.RECORDING: _("Recordings"),
    HubKind.TIP: _("Tips"),
    HubKind.QUESTION: _("Questions and answers"),
    HubKind.QUOTE: _("Quotes"),
}

# The order in which kinds appear in listings and recommendations.
KIND_ORDER = [kind.value for kind in HubKind]


class ResourceType(models.TextChoices):
    BOOK = "book", _("Book")
    ARTICLE = "article", _("Article")
    CHAPTER = "chapter", _("Book chapter")
    REPORT = "report", _("Report")
    FRAMEWORK = "framework", _("Framework")
    GUIDE = "guide", _("Guide")
    TALK = "talk", _("Talk")


class Intention(models.TextChoices):
    """What a person wants to do; the navigator turns each into a principle and skills."""

    TEST_AN_IDEA = "test-an-idea", _("Test an idea")
    INVOLVE_USERS = "involve-users", _("Involve users")
    CONVINCE_MY_MANAGER = "convince-my-manager", _("Convince my manager")
    START_A_TEAM_CONVERSATION = "start-a-team-conversation", _("Start a team conversation")
    FIND_A_MENTOR = "find-a-mentor", _("Find a mentor")
    MEASURE_WHETHER_IT_WORKED = "measure-whether-it-worked", _("Measure whether it worked")
    MAKE_ROOM_FOR_MY_TEAM = "make-room-for-my-team", _("Give my team room to try things")


@dataclass(frozen=True)
class IntentionRoute:
    """Where an intention leads: the principle that frames it and the skills it exercises."""

    principle: str
    skills: tuple[str, ...]
    why: str


INTENTION_ROUTES: dict[str, IntentionRoute] = {
    Intention.TEST_AN_IDEA: IntentionRoute(
        Principle.TEST_SMALL,
        (InnovationSkill.ITERATION, InnovationSkill.CURIOSITY),
        _("Try the idea in a small, safe way first, learn from the feedback, then adjust."),
    ),
    Intention.INVOLVE_USERS: IntentionRoute(
        Principle.SEE_HIDDEN_TALENT,
        (InnovationSkill.USER_CENTRICITY,),
        _("The people who use a service see what the core team misses: give them a voice."),
    ),
    Intention.CONVINCE_MY_MANAGER: IntentionRoute(
        Principle.CLOSE_TO_THE_ACTION,
        (InnovationSkill.STORYTELLING, InnovationSkill.DATA_LITERACY),
        _("A small result from the work floor and a clear story persuade more than a plan."),
    ),
    Intention.START_A_TEAM_CONVERSATION: IntentionRoute(
        Principle.REAL_CONVERSATIONS,
        (InnovationSkill.STORYTELLING, InnovationSkill.CURIOSITY),
        _("Make it safe for everyone to speak, and listen to what you hear."),
    ),
    Intention.FIND_A_MENTOR: IntentionRoute(
        Principle.LEARNING_NETWORK,
        (InnovationSkill.CURIOSITY,),
        _("Mentors and peers in other services speed up what you learn."),
    ),
    Intention.MEASURE_WHETHER_IT_WORKED: IntentionRoute(
        Principle.TEST_SMALL,
        (InnovationSkill.DATA_LITERACY, InnovationSkill.ITERATION),
        _("Decide beforehand what success looks like, then measure and adjust."),
    ),
    Intention.MAKE_ROOM_FOR_MY_TEAM: IntentionRoute(
        Principle.LEAD_WITH_EMPATHY,
        (InnovationSkill.INSURGENCY, InnovationSkill.ITERATION),
        _("People try new things when their leader listens, gives clear feedback and backs them."),
    ),
}

# Paths under the hub that belong to our own views, so no page may take these slugs.
RESERVED_HUB_SLUGS = frozenset({"navigator", "search"})

# Languages a resource can be written in; any language the platform offers plus a few more.
RESOURCE_LANGUAGES = [
    ("en", _("English")),
    ("nl", _("Dutch")),
    ("fr", _("French")),
    ("de", _("German")),
    ("es", _("Spanish")),
    ("no", _("Norwegian")),
    ("sv", _("Swedish")),
]
