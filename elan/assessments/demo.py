# SPDX-License-Identifier: EUPL-1.2
"""Demo self-assessments, team skill mixes and a development plan for ``manage.py demo_data``.

- **Nido** (the team lead Tom Claes's unit): the fifteen colleagues have taken the
  self-assessment and eleven chose to count in their team's skill mix, so the team lead sees a
  real mix with strong and weak skills. The personas themselves have not chosen, so Eva can try
  the choice on her sharing page.
- **The web team**: three people chose to count, too few: HR sees the guard hide the team.
- **The data team** took the self-assessment and six of them chose to count: enough on its
  own, but next to Nido and the directorate above both it would give the web team's three away,
  so the guard hides it too (it hides the smallest group that settles it, never Nido, the
  larger one). With the training team, who took the self-assessment without joining a mix, the
  instrument-quality page (HR) has enough complete answer sets for its statistics.
- **Eva Peeters** has a development plan: a practice under way, due five days after the demo
  is loaded (so her home page lists it as waiting), and a resource planned, both picked from
  the suggestions her profile offers her. She shares her profile and plan with her
  line manager, Marie Dubois.

This month's snapshot of the skill mixes is taken, as ``assessments_daily`` does on the first
day of the month. Deterministic and safe to run again: nobody takes the self-assessment twice,
a step is not added twice, and a month's snapshot is taken once.
"""

from __future__ import annotations

import datetime
import random
import uuid
from collections.abc import Callable
from functools import partial

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from elan.assessments import selectors, services
from elan.assessments.constants import ShareKind, StepStatus, SuggestionKind
from elan.assessments.models import Assessment, PlanStep
from elan.assessments.scoring import Scale, scored_value
from elan.assessments.selectors import active_instrument
from elan.assessments.team import snapshot_take
from elan.organisations.demo import demo_colleagues
from elan.organisations.models import StaffRecord

DEMO_TEAM = "BOSA-DGDT-NIDO"
SMALL_TEAM = "BOSA-DGDT-WEB"
EMPLOYEE = "employee@elan.example"
# Of Nido's colleagues, these many do not join the mix: the choice is theirs.
NOT_JOINING = 4
# Of the web team, these many join: too few for the guard.
SMALL_TEAM_JOINING = 3
# Eva's step under way is due this many days after the demo is loaded.
DEMO_STEP_DUE_IN_DAYS = 5
# Teams who took the self-assessment (also for the instrument's statistics), and how many of
# each chose to count in the mix.
OTHER_TEAMS = {"BOSA-DGDT-DATA": 6, "BOSA-DGRH-DEV": 0}
# The team's picture: curious and user-centred, less at ease with data and with pushing back.
TEAM_LEANING = {
    "iteration": 3.5,
    "data-literacy": 2.5,
    "user-centricity": 4,
    "curiosity": 4.5,
    "storytelling": 3,
    "insurgency": 2.5,
}


def _answers(instrument, rng: random.Random, mood: float = 0.0) -> dict[str, int]:
    scale = instrument.scale
    recipe = Scale(scale.minimum, scale.maximum)
    answers = {}
    for item in instrument.items.select_related("subscale__competency").order_by("position"):
        leaning = TEAM_LEANING[item.subscale.competency.slug] + mood
        wanted = round(leaning + rng.choice((-1, 0, 0, 1)))
        wanted = min(scale.maximum, max(scale.minimum, wanted))
        # Mirroring is its own inverse: the raw answer that scores ``wanted``.
        answers[item.code] = scored_value(wanted, reverse=item.reverse, scale=recipe)
    return answers


def self_assessment_submit(
    *, owner, instrument, answers: Callable[[], dict[str, int]], token: int
) -> None:
    """A submitted self-assessment of ``owner``, taken through the services people use. One
    already submitted is kept, and ``answers`` is then not called, so that a seeded draw of
    answers stays the same however often the demo is loaded."""
    if Assessment.objects.filter(owner=owner, status="submitted").exists():
        return
    assessment, _created = services.assessment_start(
        owner=owner,
        instrument=instrument,
        token=uuid.UUID(int=token),
        language=owner.preferred_language or "nl",
    )
    services.assessment_save_step(assessment=assessment, answers=answers(), next_step=1)
    services.assessment_submit(assessment=assessment)


def _take_self_assessments(people, instrument, rng: random.Random, token_base: int) -> None:
    for number, person in enumerate(people):
        # Each person leans their own way, so that a scale's statements go together.
        mood = rng.gauss(0, 0.5)
        self_assessment_submit(
            owner=person,
            instrument=instrument,
            answers=partial(_answers, instrument, rng, mood),
            token=token_base + number,
        )


@transaction.atomic
def load_demo_team_mix() -> None:
    instrument = active_instrument()
    if instrument is None:
        return
    rng = random.Random(13)
    nido = demo_colleagues(unit__code=DEMO_TEAM)
    _take_self_assessments(nido, instrument, rng, 130_000)
    for person in nido[: max(len(nido) - NOT_JOINING, 0)]:
        services.team_mix_join(owner=person)
    web = demo_colleagues(unit__code=SMALL_TEAM)[:SMALL_TEAM_JOINING]
    _take_self_assessments(web, instrument, rng, 131_000)
    for person in web:
        services.team_mix_join(owner=person)
    for index, (code, joining) in enumerate(OTHER_TEAMS.items()):
        people = demo_colleagues(unit__code=code)
        _take_self_assessments(people, instrument, rng, 132_000 + 1_000 * index)
        for person in people[:joining]:
            services.team_mix_join(owner=person)
    # What ``assessments_daily`` does on the first day of the month.
    snapshot_take()


@transaction.atomic
def load_demo_plan() -> None:
    """Eva's plan: the first two suggestions her profile offers, one of them under way; her
    profile and plan are shared with her line manager."""
    owner = get_user_model().objects.filter(email=EMPLOYEE).first()
    if owner is None or PlanStep.objects.filter(owner=owner).exists():
        return
    record = StaffRecord.objects.filter(user=owner).select_related("line_manager").first()
    if record is not None and record.line_manager is not None:
        services.share_create(owner=owner, grantee=record.line_manager, kind=ShareKind.LINE_MANAGER)
    language = owner.preferred_language or "nl"
    profile = selectors.build_profile(owner=owner, language=language)
    if profile is None:
        return
    plan = selectors.build_plan(owner=owner, profile=profile, language=language)
    # A practice for this week, under way, and something to read, planned: the first of each
    # kind, for the growth skill her raters confirmed first.
    chosen = [
        next((s for s in plan.suggestions if s.kind == kind), None)
        for kind in (SuggestionKind.PRACTICE, SuggestionKind.RESOURCE)
    ]
    steps = [
        services.plan_step_add(
            owner=owner, suggestion=suggestion, source_assessment=profile.assessment
        )
        for suggestion in chosen
        if suggestion is not None
    ]
    if steps:
        services.plan_step_transition(owner=owner, step=steps[0], to_status=StepStatus.IN_PROGRESS)
        # Due in five days: her home page lists it as waiting for her.
        services.plan_step_set_due(
            owner=owner,
            step=steps[0],
            due_on=timezone.localdate() + datetime.timedelta(days=DEMO_STEP_DUE_IN_DAYS),
        )
