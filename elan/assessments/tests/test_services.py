# SPDX-License-Identifier: EUPL-1.2
import uuid
from datetime import timedelta

import pytest
from django.utils import timezone

from elan.assessments import services
from elan.assessments.constants import StepStatus
from elan.assessments.models import Assessment, PlanStep, PlanStepEvent, ProfileEvent, Share
from elan.assessments.recommendations import builtin_suggestion
from elan.assessments.selectors import assessments_for_evaluation, build_profile
from elan.assessments.services import AssessmentError, IncompleteAssessment
from elan.assessments.shipped import load_shipped_instruments
from elan.assessments.tests.factories import SPIKY, instrument, submitted_assessment

pytestmark = pytest.mark.django_db


def test_the_shipped_instrument_takes_under_ten_minutes_and_covers_the_six_skills():
    target = load_shipped_instruments()[0]
    assert 24 <= target.items.count() <= 30
    assert target.estimated_minutes < 10
    assert target.subscales.count() == 6
    for subscale in target.subscales.all():
        assert subscale.items.count() == 4
        assert subscale.items.filter(reverse=True).count() == 1
        for item in subscale.items.all():
            assert all(item.text.get(code) for code in ("nl", "fr", "de", "en"))
    anchors = target.scale.anchors
    assert sorted(anchors) == ["1", "2", "3", "4", "5"]


def test_loading_the_shipped_instrument_twice_keeps_one_of_each():
    load_shipped_instruments()
    load_shipped_instruments()
    target = instrument()
    assert target.items.count() == 24


def test_the_same_start_token_twice_gives_one_assessment(personas):
    token = uuid.uuid4()
    first, created = services.assessment_start(
        owner=personas.employee, instrument=instrument(), token=token, language="fr"
    )
    again, created_again = services.assessment_start(
        owner=personas.employee, instrument=instrument(), token=token, language="fr"
    )
    assert created and not created_again
    assert first.pk == again.pk
    assert Assessment.objects.count() == 1


def test_a_second_start_form_resumes_the_open_assessment(personas):
    first, _ = services.assessment_start(
        owner=personas.employee, instrument=instrument(), token=uuid.uuid4(), language="en"
    )
    second, created = services.assessment_start(
        owner=personas.employee, instrument=instrument(), token=uuid.uuid4(), language="en"
    )
    assert not created and second.pk == first.pk


def test_someone_else_s_token_is_refused(personas):
    token = uuid.uuid4()
    services.assessment_start(
        owner=personas.employee, instrument=instrument(), token=token, language="en"
    )
    with pytest.raises(AssessmentError):
        services.assessment_start(
            owner=personas.outsider, instrument=instrument(), token=token, language="en"
        )


def test_submitting_twice_records_one_assessment_with_the_first_scores(personas):
    assessment = submitted_assessment(personas.employee, SPIKY)
    scores = assessment.scores
    again = services.assessment_submit(assessment=assessment)
    assert again.scores == scores and again.submitted_at == assessment.submitted_at
    assert Assessment.objects.filter(owner=personas.employee).count() == 1


def test_scores_are_stored_per_competency_with_reverse_items_mirrored(personas):
    assessment = submitted_assessment(personas.employee, SPIKY)
    assert assessment.scores["iteration"] == {"mean": 5.0, "answered": 4, "total": 4}
    assert assessment.scores["insurgency"]["mean"] == 1.0


def test_a_skill_with_two_of_four_answers_cannot_be_submitted_and_its_open_statements_are_named(
    personas,
):
    from elan.assessments.tests.factories import answers_for

    target = instrument()
    answers = answers_for(target, 4)
    curiosity = [code for code in answers if code.startswith("cu")]
    for code in curiosity[:2]:
        del answers[code]
    assessment, _ = services.assessment_start(
        owner=personas.employee, instrument=target, token=uuid.uuid4(), language="en"
    )
    services.assessment_save_step(assessment=assessment, answers=answers, next_step=4)
    with pytest.raises(IncompleteAssessment) as refused:
        services.assessment_submit(assessment=assessment)
    [gap] = refused.value.gaps
    assert (gap.skill, gap.answered, gap.needed, gap.total) == ("curiosity", 2, 3, 4)
    assert [code for _step, code in gap.unanswered] == curiosity[:2]
    assessment.refresh_from_db()
    assert not assessment.is_submitted and assessment.answers.count() == len(answers)


def test_an_empty_submission_keeps_the_previous_profile_and_names_every_skill(personas):
    previous = submitted_assessment(personas.employee, SPIKY)
    assessment, _ = services.assessment_start(
        owner=personas.employee, instrument=instrument(), token=uuid.uuid4(), language="en"
    )
    with pytest.raises(IncompleteAssessment) as refused:
        services.assessment_submit(assessment=assessment)
    assert {gap.skill for gap in refused.value.gaps} == set(SPIKY)
    assert all(gap.needed == 3 and len(gap.unanswered) == 4 for gap in refused.value.gaps)
    latest = Assessment.objects.filter(owner=personas.employee, status="submitted").get()
    assert latest == previous and latest.scores["iteration"]["mean"] == 5.0
    assessment.refresh_from_db()
    assert not assessment.is_submitted


def test_an_answer_off_the_scale_is_refused_and_nothing_is_saved(personas):
    assessment, _ = services.assessment_start(
        owner=personas.employee, instrument=instrument(), token=uuid.uuid4(), language="en"
    )
    with pytest.raises(AssessmentError):
        services.assessment_save_step(
            assessment=assessment, answers={"it1": 3, "dl1": 9}, next_step=2
        )
    assert not assessment.answers.exists()


def test_sharing_with_the_line_manager_requires_being_their_report(personas):
    with pytest.raises(AssessmentError):
        services.share_create(
            owner=personas.employee, grantee=personas.outsider, kind="line_manager"
        )
    share = services.share_create(
        owner=personas.employee, grantee=personas.line_manager, kind="line_manager"
    )
    assert share.is_active


def test_sharing_twice_with_the_same_person_keeps_one_open_share(personas):
    first = services.share_create(owner=personas.employee, grantee=personas.outsider, kind="mentor")
    second = services.share_create(
        owner=personas.employee, grantee=personas.outsider, kind="mentor"
    )
    assert first.pk == second.pk


def test_revoking_and_sharing_again_appends_to_the_history(personas):
    share = services.share_create(owner=personas.employee, grantee=personas.outsider, kind="mentor")
    services.share_revoke(owner=personas.employee, share=share)
    services.share_revoke(owner=personas.employee, share=share)
    services.share_create(owner=personas.employee, grantee=personas.outsider, kind="mentor")
    assert Share.objects.filter(owner=personas.employee).count() == 2
    kinds = list(ProfileEvent.objects.order_by("pk").values_list("kind", flat=True))
    assert kinds == ["shared", "share_revoked", "shared"]


def test_only_the_owner_can_revoke_a_share(personas):
    share = services.share_create(owner=personas.employee, grantee=personas.outsider, kind="mentor")
    with pytest.raises(AssessmentError):
        services.share_revoke(owner=personas.outsider, share=share)


def test_nothing_reaches_the_evaluation_unless_the_owner_adds_it(personas):
    assessment = submitted_assessment(personas.employee)
    assert not assessments_for_evaluation(owner=personas.employee).exists()
    with pytest.raises(AssessmentError):
        services.evaluation_include(owner=personas.line_manager, assessment=assessment)
    services.evaluation_include(owner=personas.employee, assessment=assessment)
    assert list(assessments_for_evaluation(owner=personas.employee)) == [assessment]
    services.evaluation_remove(owner=personas.employee, assessment=assessment)
    assert not assessments_for_evaluation(owner=personas.employee).exists()


def test_a_plan_holds_at_most_three_active_steps(personas):
    owner = personas.employee
    for key in ("elan:practice:curiosity", "elan:experiment:curiosity", "elan:person:curiosity"):
        services.plan_step_add(owner=owner, suggestion=builtin_suggestion(key))
    with pytest.raises(AssessmentError):
        services.plan_step_add(
            owner=owner, suggestion=builtin_suggestion("elan:practice:iteration")
        )
    assert PlanStep.objects.filter(owner=owner).count() == 3


def test_adding_the_same_suggestion_twice_keeps_one_step(personas):
    suggestion = builtin_suggestion("elan:practice:curiosity")
    services.plan_step_add(owner=personas.employee, suggestion=suggestion)
    services.plan_step_add(owner=personas.employee, suggestion=suggestion)
    assert PlanStep.objects.count() == 1


def test_a_step_follows_its_lifecycle_and_keeps_its_history(personas):
    owner = personas.employee
    step = services.plan_step_add(
        owner=owner, suggestion=builtin_suggestion("elan:practice:iteration")
    )
    services.plan_step_transition(owner=owner, step=step, to_status=StepStatus.IN_PROGRESS)
    services.plan_step_transition(owner=owner, step=step, to_status=StepStatus.DONE)
    with pytest.raises(AssessmentError):
        services.plan_step_transition(owner=owner, step=step, to_status=StepStatus.PLANNED)
    moves = list(PlanStepEvent.objects.filter(step=step).values_list("from_status", "to_status"))
    assert moves == [("", "planned"), ("planned", "in_progress"), ("in_progress", "done")]


def test_a_done_step_frees_room_for_a_new_one(personas):
    owner = personas.employee
    steps = [
        services.plan_step_add(owner=owner, suggestion=builtin_suggestion(f"elan:{kind}:curiosity"))
        for kind in ("practice", "experiment", "person")
    ]
    services.plan_step_transition(owner=owner, step=steps[0], to_status=StepStatus.DONE)
    services.plan_step_add(owner=owner, suggestion=builtin_suggestion("elan:practice:iteration"))
    services.plan_step_transition(owner=owner, step=steps[1], to_status=StepStatus.DROPPED)
    services.plan_step_add(owner=owner, suggestion=builtin_suggestion("elan:practice:storytelling"))
    with pytest.raises(AssessmentError):
        services.plan_step_transition(owner=owner, step=steps[1], to_status=StepStatus.PLANNED)


def test_someone_else_cannot_move_a_step(personas):
    step = services.plan_step_add(
        owner=personas.employee, suggestion=builtin_suggestion("elan:practice:iteration")
    )
    with pytest.raises(AssessmentError):
        services.plan_step_transition(owner=personas.outsider, step=step, to_status=StepStatus.DONE)


def test_a_profile_as_of_an_earlier_self_assessment_shows_it_and_nothing_later(personas):
    first = submitted_assessment(
        personas.employee, 2, submitted_at=timezone.now() - timedelta(days=60)
    )
    added = submitted_assessment(
        personas.employee, SPIKY, submitted_at=timezone.now() - timedelta(days=30)
    )
    submitted_assessment(personas.employee, 5)

    then = build_profile(owner=personas.employee, as_of=added)

    assert then.assessment == added
    assert then.previous == first
    assert {entry.assessment for entry in then.history} == {first, added}
    assert build_profile(owner=personas.employee).assessment != added


def test_a_profile_as_of_someone_elses_self_assessment_is_nothing(personas):
    theirs = submitted_assessment(personas.team_lead, SPIKY)

    assert build_profile(owner=personas.employee, as_of=theirs) is None
