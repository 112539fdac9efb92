# SPDX-License-Identifier: EUPL-1.2
"""Elan's own suggestions per innovation skill: a practice for this week and an experiment.

They are the fallback when the knowledge hub has nothing tagged for a skill yet, and they stay
useful next to hub items: small, concrete, doable inside one's own mandate. Keys are stable
(stored in plan steps); the texts are translated, so a step reads in the reader's language.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from elan.core.vocabulary import InnovationSkill as S

PRACTICES = {
    S.ITERATION: _(
        "Pick one piece of work due this month and share a rough first version with two "
        "colleagues by Friday. Write down what you change because of their comments."
    ),
    S.DATA_LITERACY: _(
        "Choose one thing your team does every week and write down how you would know it "
        "got better. Find one figure you already have that shows it."
    ),
    S.USER_CENTRICITY: _(
        "Spend thirty minutes this week with someone who uses your service: watch them do "
        "one task and note where they hesitate, without helping."
    ),
    S.CURIOSITY: _(
        "Ask a colleague from another service how they handle a problem you also have. "
        "Note one idea you could try."
    ),
    S.STORYTELLING: _(
        "Explain a change you are working on in three sentences to someone outside your "
        "team, then ask them to tell it back to you. Rewrite what did not land."
    ),
    S.INSURGENCY: _(
        "List one rule or habit that slows your work down. Find out this week whether it is a "
        "law, a policy or just a habit, and who could change it."
    ),
}

EXPERIMENTS = {
    S.ITERATION: _(
        "Run a two-week test: change one step of a process for a small group, agree in "
        "advance what would make you stop or continue, and decide at the end."
    ),
    S.DATA_LITERACY: _(
        "Before changing something, measure it for two weeks; change it; measure two more "
        "weeks, and compare with your team."
    ),
    S.USER_CENTRICITY: _(
        "Rewrite one letter or web page with five users, testing each version with them, "
        "and compare how many questions it raises before and after."
    ),
    S.CURIOSITY: _(
        "Borrow a method from another field for one meeting (a design sprint exercise, a "
        "pre-mortem) and ask the group afterwards whether to keep it."
    ),
    S.STORYTELLING: _(
        "Present the same proposal to two groups, once as figures and once as a user's story, "
        "and note which questions each version raises."
    ),
    S.INSURGENCY: _(
        "Propose a time-boxed exception to one internal rule for a small pilot, with clear "
        "guardrails, and report what happened."
    ),
}

PERSON_PLACEHOLDER = _(
    "Ask a colleague who is strong in %(skill)s to tell you about a time they used it. The "
    "learning network will soon suggest people by name."
)

FRAMEWORK_READING = _("Read what the next level of %(skill)s looks like, with examples")
