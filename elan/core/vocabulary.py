# SPDX-License-Identifier: EUPL-1.2
"""The stable vocabulary every module tags with: the six principles and the six OPSI skills.

The slugs are identifiers stored in the database and used in URLs, so they never change once
shipped; the labels are translated. Hub items, skills, surveys and recommendations all meet on
these slugs, which is how one module can hand a person on to the next step of the loop.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Principle(models.TextChoices):
    """The six principles of inclusive and innovative leadership (source: Nido, BOSA)."""

    SEE_HIDDEN_TALENT = "see-hidden-talent", _("See what nobody sees yet")
    REAL_CONVERSATIONS = "real-conversations", _("Make room for real conversations")
    CLOSE_TO_THE_ACTION = "close-to-the-action", _("Act close to the action")
    TEST_SMALL = "test-small-adjust-fast", _("Test small, adjust fast")
    LEAD_WITH_EMPATHY = "lead-with-empathy", _("Lead with empathy")
    LEARNING_NETWORK = "learning-network", _("Build your learning network")


class InnovationSkill(models.TextChoices):
    """The six core skills for public sector innovation (OECD OPSI, 2017)."""

    ITERATION = "iteration", _("Iteration")
    DATA_LITERACY = "data-literacy", _("Data literacy")
    USER_CENTRICITY = "user-centricity", _("User centricity")
    CURIOSITY = "curiosity", _("Curiosity")
    STORYTELLING = "storytelling", _("Storytelling")
    INSURGENCY = "insurgency", _("Insurgency")


class LoopStep(models.TextChoices):
    """The loop of PRODUCT.md: each module hands the person on to the next step."""

    LEARN = "learn", _("Learn")
    LOOK = "look", _("Look at yourself and your team")
    PLAN = "plan", _("Plan")
    TRY = "try", _("Try")
    CONNECT = "connect", _("Connect")
    SPEAK_UP = "speak-up", _("Speak up")
