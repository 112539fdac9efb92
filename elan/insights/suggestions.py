# SPDX-License-Identifier: EUPL-1.2
"""Actions a team can pick for its weakest measures: the hub's reading for the measure's
innovation skill or principle (``elan.knowledge.suggestions``, the engine a person's development
plan uses too), and a short built-in list written for Elan. For a skill, the built-in list is the
skills module's own practice and experiment (``elan.assessments.practices``), so a team and a
person get the same advice for a skill.

Two weak measures can lead to the same advice: psychological safety and "make room for real
conversations" share their principle, so the hub suggests the same pages for both. A suggestion is
offered once, naming every measure it answers, the weakest first."""

from __future__ import annotations

from dataclasses import dataclass, replace

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from elan.assessments.practices import EXPERIMENTS, PRACTICES
from elan.core.vocabulary import Principle
from elan.insights.instruments import Instrument
from elan.knowledge.suggestions import hub_suggestions_for


@dataclass(frozen=True)
class Suggestion:
    """One action to pick, for the measures it answers (weakest first)."""

    measures: tuple[str, ...]
    title: str | Promise
    url: str = ""
    from_hub: bool = False
    measure_labels: tuple[str | Promise, ...] = ()

    @property
    def measure(self) -> str:
        """What an action picked from it works on: the weakest of its measures."""
        return self.measures[0]

    @property
    def label(self) -> str:
        """The title with the measures it answers, as the action plan offers it."""
        if not self.measure_labels:
            return str(self.title)
        measures = "; ".join(map(str, self.measure_labels))
        return _("%(action)s (for: %(measures)s)") % {"action": self.title, "measures": measures}


BUILT_IN: dict[str, tuple[Promise, ...]] = {
    "psychological-safety": (
        _(
            "Open each team meeting with one thing that did not go well, and thank whoever "
            "speaks first."
        ),
        _("Agree as a team how you respond to mistakes, and write it down in three sentences."),
    ),
    Principle.SEE_HIDDEN_TALENT.value: (
        _("Hold a half-hour round in which each person names a skill the team does not use yet."),
        _("Once a month, give a task to someone who has not done it before, with a buddy."),
    ),
    Principle.REAL_CONVERSATIONS.value: (
        _(
            "Put a fixed “what is not working” item on the team meeting, with the team lead "
            "speaking last."
        ),
        _(
            "Collect hard topics in a question box before the meeting, so nobody has to raise "
            "them alone."
        ),
    ),
    Principle.CLOSE_TO_THE_ACTION.value: (
        _(
            "Let the people who do the work take one recurring decision that is now taken higher "
            "up."
        ),
        _("Have the team lead spend half a day a month working alongside a colleague."),
    ),
    Principle.TEST_SMALL.value: (
        _("Pick one idea and test it for two weeks with a few users before deciding."),
        _("Agree that small tests may fail, and review each one in fifteen minutes."),
    ),
    Principle.LEAD_WITH_EMPATHY.value: (
        _("Start one-to-one talks by asking how the person is doing, and give the answer time."),
        _("Agree how the team signals a peak in workload, so that others can step in."),
    ),
    Principle.LEARNING_NETWORK.value: (
        _("Once a quarter, invite someone from another team or service to share a practice."),
        _("After each project, send a short “what we learned” note to a neighbouring team."),
    ),
    "innovation-support": (
        _("Reserve a fixed hour every two weeks for improving the way the team works."),
        _("Answer every idea within a month: yes, not now and why, or no and why."),
    ),
    "introduced": (
        _("Map one procedure with the people who use it and pick one step to improve."),
        _("Ask three users what annoys them most, and test one small change."),
    ),
}


def _built_in(code: str, skill: str) -> tuple[Promise, ...]:
    if skill:
        return tuple(text for text in (PRACTICES.get(skill), EXPERIMENTS.get(skill)) if text)
    return BUILT_IN.get(code, ())


def suggestions_for(
    *, measures: list[str], instrument: Instrument, language: str
) -> list[Suggestion]:
    """The suggestions for ``measures`` (weakest first), each offered once: a hub page by its
    address, a built-in text by its wording, with every measure it answers."""
    found: dict[str, Suggestion] = {}
    for code in measures:
        measure = instrument.measure(code)
        # A skill measure asks for the skill's items, any other for its principle's.
        items = hub_suggestions_for(
            language=language, skill=measure.skill, principle=measure.principle
        )
        offered = [
            (
                f"url:{item.url}",
                Suggestion(
                    (code,),
                    _("Read and try: %(title)s") % {"title": item.title},
                    item.url,
                    from_hub=True,
                ),
            )
            for item in items
        ]
        offered += [
            (f"text:{text}", Suggestion((code,), text)) for text in _built_in(code, measure.skill)
        ]
        for key, suggestion in offered:
            earlier = found.get(key)
            if earlier is None:
                found[key] = replace(suggestion, measure_labels=(measure.label,))
            elif code not in earlier.measures:
                found[key] = replace(
                    earlier,
                    measures=(*earlier.measures, code),
                    measure_labels=(*earlier.measure_labels, measure.label),
                )
    return list(found.values())
