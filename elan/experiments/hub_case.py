# SPDX-License-Identifier: EUPL-1.2
"""A finished experiment proposed as a case for the knowledge hub (issue 17, point 6).

The owners propose it once it is decided (or made official, or closed after a decision). It
becomes a draft case page in the back office, written in the card's language from the card:
the problem, what was tried, the decision and its result, the lessons; tagged with the card's
principles and the skills it exercised. The hub's editors complete and submit it, a moderator
publishes it (docs/knowledge-hub.md, "Editing"); nothing reaches visitors before that.

The case credits "a colleague of <unit>", never a name, unless the person proposing it chooses
to be named; only they are ever named, since a co-owner's consent is not theirs to give.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.translation import gettext as _
from wagtail.models import Page

from elan.core.vocabulary import InnovationSkill, Principle
from elan.experiments import selectors
from elan.experiments.constants import Decision, EventKind
from elan.experiments.models import Experiment, ExperimentEvent
from elan.experiments.services import ExperimentError
from elan.knowledge.service import case_draft_create
from elan.organisations.models import Unit

# The hub's summary is one or two sentences, shown in listings and recommendations.
SUMMARY_MAX = 300
# Stored untranslated in the history: how the case credits its author.
CREDIT_NAMED = "named"
CREDIT_COLLEAGUE = "colleague"


def _paragraphs(text: str) -> list[str]:
    """A person's text as the hub's rich text: escaped, a blank line between paragraphs, a
    single line break kept as one."""
    blocks = [block.strip() for block in (text or "").replace("\r\n", "\n").split("\n\n")]
    return ["<br/>".join(escape(line) for line in block.split("\n")) for block in blocks if block]


def _labelled(label: str, text: str) -> str:
    paragraphs = _paragraphs(text)
    if not paragraphs:
        return ""
    first, *rest = paragraphs
    return f"<p><b>{escape(label)}</b> {first}</p>" + "".join(f"<p>{part}</p>" for part in rest)


def _summary(experiment: Experiment) -> str:
    text = " ".join((experiment.problem or experiment.what_we_try or experiment.title).split())
    if len(text) <= SUMMARY_MAX:
        return text
    cut = text[:SUMMARY_MAX]
    sentence_end = max(cut.rfind(". "), cut.rfind("! "), cut.rfind("? "))
    if sentence_end > SUMMARY_MAX // 3:
        return cut[: sentence_end + 1]
    return cut.rsplit(" ", 1)[0].rstrip(",;:") + "…"


def _organisation(unit: Unit | None) -> Unit | None:
    if unit is None:
        return None
    return Unit.objects.filter(path=unit.path[: Unit.steplen]).first()


def _tried(experiment: Experiment) -> str:
    rounds = []
    for iteration in selectors.iterations_of(experiment=experiment):
        parts = [
            escape(" ".join(text.split()))
            for text in (iteration.what_we_tried, iteration.what_we_saw, iteration.learnt)
            if text and text.strip()
        ]
        day = date_format(iteration.tried_on, "DATE_FORMAT")
        rounds.append(f"<li>{escape(day)}: {' '.join(parts)}</li>")
    if not rounds:
        return ""
    return f"<p><b>{escape(_('Round by round:'))}</b></p><ol>{''.join(rounds)}</ol>"


def _belief(experiment: Experiment) -> str:
    if not experiment.belief:
        return ""
    if experiment.expected_outcome:
        return _("We believed that %(belief)s would lead to %(outcome)s.") % {
            "belief": experiment.belief.strip().rstrip("."),
            "outcome": experiment.expected_outcome.strip().rstrip("."),
        }
    return experiment.belief


def _credit(experiment: Experiment, actor, with_name: bool) -> str:
    unit = experiment.unit.name if experiment.unit is not None else ""
    name = actor.get_full_name().strip() if with_name else ""
    if name and unit:
        author = _("%(name)s (%(unit)s)") % {"name": name, "unit": unit}
    elif name:
        author = name
    elif unit:
        author = _("a colleague of %(unit)s") % {"unit": unit}
    else:
        author = _("a colleague")
    started = experiment.starts_on or (
        timezone.localdate(experiment.started_at) if experiment.started_at else None
    )
    ended = experiment.approved_on or experiment.decided_on
    if started and ended:
        return _("An experiment by %(author)s, from %(start)s to %(end)s, recorded on Elan.") % {
            "author": author,
            "start": date_format(started, "DATE_FORMAT"),
            "end": date_format(ended, "DATE_FORMAT"),
        }
    return _("An experiment by %(author)s, recorded on Elan.") % {"author": author}


def case_fields(*, experiment: Experiment, actor, with_name: bool = False) -> dict:
    """The case page's fields, written from the card in the card's language."""
    with translation.override(experiment.language):
        context = "".join(
            [
                _labelled(_("The problem:"), experiment.problem),
                _labelled(_("For whom:"), experiment.audience),
                _labelled(_("The idea:"), _belief(experiment)),
                _labelled(_("What we tried:"), experiment.what_we_try),
                _labelled(_("The smallest test:"), experiment.smallest_test),
                _labelled(_("Success looked like:"), experiment.success_criterion),
                _tried(experiment),
            ]
        )
        decision = ""
        if experiment.decision in Decision.values:
            decision = f"{Decision(experiment.decision).label}. {experiment.decision_reason}"
        effect = "".join(
            [
                _labelled(_("The decision:"), decision),
                _labelled(_("What changed officially:"), experiment.official_change),
                _labelled(_("What we learnt:"), experiment.lessons),
            ]
        )
        organisation = _organisation(experiment.unit)
        location = organisation.name if organisation is not None else ""
        reference = f"<p>{escape(_credit(experiment, actor, with_name))}</p>"
    skills = [*experiment.skills]
    for iteration in experiment.iterations.all():
        skills += iteration.skills or []
    return {
        "title": experiment.title,
        "summary": _summary(experiment),
        "location": location[:120],
        "context_and_actions": context,
        "effect": effect,
        "reference": reference,
        "principles": [slug for slug in dict.fromkeys(experiment.principles) if slug in Principle],
        "skills": [slug for slug in dict.fromkeys(skills) if slug in InnovationSkill],
    }


@transaction.atomic
def propose_hub_case(*, experiment: Experiment, actor, with_name: bool = False) -> Page:
    """Propose a finished experiment as a hub case: a draft case page for the hub's editors,
    once. ``with_name`` credits the person proposing it by name rather than as a colleague of
    the unit."""
    experiment = (
        Experiment.objects.select_for_update(of=("self",))
        .select_related("unit")
        .get(pk=experiment.pk)
    )
    if not selectors.is_owner(viewer=actor, experiment=experiment):
        raise ExperimentError(_("Only the experiment's owners can do this."))
    if not selectors.is_finished(experiment=experiment):
        raise ExperimentError(
            _("An experiment is proposed as a hub case once a decision has been taken.")
        )
    if (
        experiment.hub_case_id is not None
        or experiment.events.filter(kind=EventKind.CASE_PROPOSED).exists()
    ):
        raise ExperimentError(_("This experiment has been proposed as a hub case already."))
    page = case_draft_create(
        language=experiment.language,
        user=actor,
        **case_fields(experiment=experiment, actor=actor, with_name=with_name),
    )
    if page is None:
        raise ExperimentError(
            _(
                "The knowledge hub has no cases section in the experiment's language yet. "
                "Ask the hub's editors to add one."
            )
        )
    experiment.hub_case = page
    experiment.save(update_fields=["hub_case", "updated_at"])
    ExperimentEvent.objects.create(
        experiment=experiment,
        kind=EventKind.CASE_PROPOSED,
        by=actor,
        note=CREDIT_NAMED if with_name else CREDIT_COLLEAGUE,
    )
    return page
