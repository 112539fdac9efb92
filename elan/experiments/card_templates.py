# SPDX-License-Identifier: EUPL-1.2
"""The four card templates: what each is for, and per field a hint and an example.

A template fills nothing in for the person (docs/experiments.md, "The card"): it changes the
help beside each field, so that the card stays theirs. Written in our own words; every text is
translated, and the examples are made-up public services cases.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from elan.experiments.constants import Template


@dataclass(frozen=True)
class Guidance:
    hint: Promise
    example: Promise


@dataclass(frozen=True)
class CardTemplate:
    code: str
    description: Promise
    guidance: dict[str, Guidance]

    @property
    def label(self) -> str:
        return Template(self.code).label


TEST_CARD = CardTemplate(
    code=Template.TEST_CARD,
    description=_(
        "One belief, one small test, one measure and the result you decide on in advance: the "
        "lightest way to find out whether an idea holds before anyone invests in it."
    ),
    guidance={
        "problem": Guidance(
            _("What goes wrong today, and for whom? Describe what you see, not the solution."),
            _("Half of the application forms we receive come back incomplete."),
        ),
        "audience": Guidance(
            _("The people who feel the problem, as precisely as you can."),
            _("Self-employed people who apply for the first time."),
        ),
        "belief": Guidance(
            _("The change you think would help."),
            _("a checklist at the top of the form"),
        ),
        "expected_outcome": Guidance(
            _("What would change, in something you can observe or count."),
            _("fewer incomplete forms"),
        ),
        "what_we_try": Guidance(
            _("The change itself, concretely."),
            _("A checklist of five points at the top of the online form."),
        ),
        "smallest_test": Guidance(
            _("The quickest, cheapest way to see whether the belief holds."),
            _(
                "The checklist on the online form for two weeks, compared with the two weeks "
                "before."
            ),
        ),
        "success_criterion": Guidance(
            _("A number or an observation, decided before you start."),
            _("Incomplete forms fall from half to a third or less."),
        ),
        "stop_criterion": Guidance(
            _("What would tell you to stop early."),
            _("Applications fall by more than a tenth."),
        ),
        "guardrails": Guidance(
            _("What must not get worse while you test."),
            _("Handling a complete form takes no longer than today."),
        ),
        "people_involved": Guidance(
            _("Who does the work, and who else must know."),
            _("Two case handlers and the web team."),
        ),
    },
)

PILOT = CardTemplate(
    code=Template.PILOT,
    description=_(
        "A change tried for real, in one place and for a limited time, before anyone decides to "
        "spread it: long enough to see a trend, short enough to stop without harm."
    ),
    guidance={
        "problem": Guidance(
            _("What goes wrong today, and where? Give the figure you start from."),
            _("Citizens wait three weeks for an appointment at the counter."),
        ),
        "audience": Guidance(
            _("Who takes part in the pilot, and where."),
            _("People who book an appointment at one regional office."),
        ),
        "belief": Guidance(
            _("The change you want to try for real."),
            _("opening one counter on Saturday mornings"),
        ),
        "expected_outcome": Guidance(
            _("The result you expect, in something you can count."),
            _("a shorter wait for an appointment"),
        ),
        "what_we_try": Guidance(
            _("How the pilot works, day to day."),
            _("One counter opens on Saturday mornings, staffed by two volunteers of the team."),
        ),
        "smallest_test": Guidance(
            _("Keep it to one place and a few weeks before it spreads."),
            _("One office, six Saturdays; the other offices stay as they are."),
        ),
        "success_criterion": Guidance(
            _("The figure that would make you scale it up."),
            _("The wait for an appointment in that office falls below ten days."),
        ),
        "stop_criterion": Guidance(
            _("The sign that it does not work and should end early."),
            _("Fewer than five people come on two Saturdays in a row."),
        ),
        "guardrails": Guidance(
            _("What the pilot must not cost others."),
            _("Weekday service and the team's days off stay as they are."),
        ),
        "people_involved": Guidance(
            _("Who runs it, and who must agree."),
            _("The office manager, two volunteers and the planning service."),
        ),
        "ends_on": Guidance(
            _("A pilot often runs six to twelve weeks."),
            _("Six Saturdays from the first one."),
        ),
    },
)

AB_LETTERS = CardTemplate(
    code=Template.AB_LETTERS,
    description=_(
        "Two versions of a letter, sent at the same time to two comparable groups, and compared "
        "on one outcome you can count, such as the share of citizens who call back."
    ),
    guidance={
        "problem": Guidance(
            _("What the current letter causes that you want to change."),
            _("Many people call us after the reminder letter because they do not see what to do."),
        ),
        "audience": Guidance(
            _("Who receives the letter."),
            _("People who receive a reminder to pay their contribution."),
        ),
        "belief": Guidance(
            _("What is different in the new version."),
            _("a letter that starts with what to do and by when"),
        ),
        "expected_outcome": Guidance(
            _("The one outcome on which you compare both versions."),
            _("a smaller share of citizens who call back about the letter"),
        ),
        "what_we_try": Guidance(
            _("Describe both versions: A is usually the current letter."),
            _(
                "A: the current letter. B: one page, the action and the deadline first, in "
                "plain words."
            ),
        ),
        "smallest_test": Guidance(
            _(
                "Split the people alternately or at random, so that both groups are alike, and "
                "change one thing at a time."
            ),
            _(
                "The next 400 reminders, A and B in turn, 200 each; calls about the letter "
                "counted for three weeks."
            ),
        ),
        "success_criterion": Guidance(
            _("How much better B must do, decided before you send anything."),
            _("The share of citizens who call back is at least a third lower with B than with A."),
        ),
        "stop_criterion": Guidance(
            _("What would make you stop sending B."),
            _("More people miss the deadline with B than with A."),
        ),
        "guardrails": Guidance(
            _("What no version may lose."),
            _("Every legal mention stays in both versions; nobody learns less about their rights."),
        ),
        "people_involved": Guidance(
            _("Who writes, sends and counts."),
            _("Two writers of the team, the print shop and the call centre that counts the calls."),
        ),
    },
)

PROTOTYPE_FIVE = CardTemplate(
    code=Template.PROTOTYPE_FIVE,
    description=_(
        "A rough version, on paper or on screen, tried by five people who would use it: five are "
        "enough to find most of the big problems, long before anything is built."
    ),
    guidance={
        "problem": Guidance(
            _("What people struggle with today."),
            _("People do not find the form to ask for a copy of a certificate on our site."),
        ),
        "audience": Guidance(
            _("Who would use it. Include people who find it hardest."),
            _("Citizens who need a certificate, including people who rarely go online."),
        ),
        "belief": Guidance(
            _("The idea the prototype shows."),
            _("one page that asks three questions and leads to the right form"),
        ),
        "expected_outcome": Guidance(
            _("What people would manage that they cannot today."),
            _("more people reaching the right form without calling"),
        ),
        "what_we_try": Guidance(
            _("What the prototype is: as rough as still makes sense."),
            _("A paper mock-up of the new page, or a few clickable screens."),
        ),
        "smallest_test": Guidance(
            _("Five people, one task each; watch and take notes, do not explain."),
            _(
                "Five people try to find the form with the mock-up while we note where they "
                "hesitate. No real cases, no real data."
            ),
        ),
        "success_criterion": Guidance(
            _("What you must see to go on."),
            _("At least four of the five reach the right form on their own."),
        ),
        "stop_criterion": Guidance(
            _("What would send you back to the drawing board."),
            _("Three of the five cannot say what the page is for."),
        ),
        "guardrails": Guidance(
            _("How the people who help you are protected."),
            _("No personal data is collected; nobody uses their own case."),
        ),
        "people_involved": Guidance(
            _("Who guides, who takes notes, who takes part."),
            _("One colleague guides, one takes notes; five volunteers."),
        ),
    },
)

CARD_TEMPLATES: dict[str, CardTemplate] = {
    template.code: template for template in (TEST_CARD, PILOT, AB_LETTERS, PROTOTYPE_FIVE)
}


def card_template(code: str | None) -> CardTemplate | None:
    """The template of that code, or None for a blank card or an unknown code."""
    return CARD_TEMPLATES.get(code or "")


def all_templates() -> list[CardTemplate]:
    return [CARD_TEMPLATES[code] for code in Template.values]
