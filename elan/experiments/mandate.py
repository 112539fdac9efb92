# SPDX-License-Identifier: EUPL-1.2
""" "Within my mandate?": four questions and what their answers mean (docs/experiments.md).

Kept free of the database so that each outcome is one small test. In order of weight:

- a test that changes a legal obligation or a citizen's rights is not a small, safe test:
  **shrink it** (the suggestions say how to test the idea without that change);
- personal data: **ask the data protection officer first**;
- spending beyond what HR set for the organisation, or needing another unit: **ask the line
  manager first**;
- none of these: **go ahead**, it is within your mandate.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from elan.experiments.constants import AskWhom, MandateOutcome

SHRINK_SUGGESTIONS = (
    _("Test the idea on an internal step, before anything a citizen is entitled to changes."),
    _("Simulate it: walk five colleagues or volunteers through a mock-up instead."),
    _("Keep the rule as it is and test how you explain it: a letter, a form, a phone script."),
)


@dataclass(frozen=True)
class MandateAnswers:
    changes_rights: bool
    personal_data: bool
    spend_euros: int
    other_unit: bool


@dataclass(frozen=True)
class MandateResult:
    outcome: str
    ask: tuple[str, ...] = ()
    reasons: tuple = ()
    suggestions: tuple = field(default_factory=tuple)


def check_mandate(answers: MandateAnswers, *, spend_limit_euros: int) -> MandateResult:
    if answers.changes_rights:
        return MandateResult(
            outcome=MandateOutcome.SHRINK,
            reasons=(
                _(
                    "It would change a legal obligation or a citizen's rights: that is a "
                    "decision for the rule-maker, not a test."
                ),
            ),
            suggestions=SHRINK_SUGGESTIONS,
        )
    ask: list[str] = []
    reasons: list = []
    if answers.personal_data:
        ask.append(AskWhom.DATA_PROTECTION)
        reasons.append(_("It handles personal data: the data protection officer checks it first."))
    if answers.spend_euros > spend_limit_euros:
        reasons.append(
            _("It costs more than %(limit)s euros, the amount you may spend without asking.")
            % {"limit": spend_limit_euros}
        )
    if answers.other_unit:
        reasons.append(_("It needs another unit: your line manager agrees it with them."))
    if answers.spend_euros > spend_limit_euros or answers.other_unit:
        ask.insert(0, AskWhom.LINE_MANAGER)
    if ask:
        return MandateResult(outcome=MandateOutcome.ASK, ask=tuple(ask), reasons=tuple(reasons))
    return MandateResult(
        outcome=MandateOutcome.GO,
        reasons=(_("It stays within your mandate: small, safe, and yours to try."),),
    )
