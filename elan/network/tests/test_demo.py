# SPDX-License-Identifier: EUPL-1.2
"""The demo learning network shows what the README names to each persona, keeps every hard
rule of its programmes, and adds nothing when loaded again.

The demo organisation and the network are loaded once for the module, inside a transaction
rolled back afterwards, so that no other test sees them.
"""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from elan.assessments.shipped import load_shipped_instruments
from elan.core.anonymity import Released, Suppressed, SuppressionReason
from elan.network import explain, figures, selectors
from elan.network.constants import (
    Answer,
    CheckInKind,
    MatchStatus,
    Mode,
    ProgrammeStatus,
    Role,
)
from elan.network.demo import (
    CIRCLE,
    DECLINE_REASON,
    EARLIER,
    FELLOWSHIP,
    load_demo_network,
)
from elan.network.models import (
    CheckIn,
    Introduction,
    Match,
    Meeting,
    NetworkProfile,
    Participant,
    ProfileStrength,
    Programme,
    SurveyResponse,
)
from elan.organisations.demo import load_demo_organisation
from elan.organisations.models import StaffRecord
from elan.skills.shipped import load_shipped_frameworks

EMPLOYEE = "employee@elan.example"
TEAM_LEAD = "teamlead@elan.example"
HR = "hr@elan.example"


def _counts() -> tuple[int, ...]:
    return (
        NetworkProfile.objects.count(),
        Programme.objects.count(),
        Participant.objects.count(),
        Match.objects.count(),
        Meeting.objects.count(),
        CheckIn.objects.count(),
        SurveyResponse.objects.count(),
        Introduction.objects.count(),
    )


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The organisation, its skills framework and self-assessment, and the network, loaded
    twice; everything is rolled back after the module."""
    with django_db_blocker.unblock(), transaction.atomic():
        load_demo_organisation()
        load_shipped_frameworks()
        load_shipped_instruments()
        load_demo_network()
        first = _counts()
        load_demo_network()
        yield {"first": first, "again": _counts()}
        transaction.set_rollback(True)


@pytest.fixture
def loaded(demo, db):
    return demo


def user(email: str):
    return get_user_model().objects.get(email=email)


def programme(title: str) -> Programme:
    return Programme.objects.get(title=title)


def test_eva_has_an_accepted_pair_with_an_explanation_two_meetings_and_a_midpoint_check_in(
    loaded,
):
    eva = user(EMPLOYEE)
    participant = selectors.participation(user=eva, programme=programme(FELLOWSHIP))
    match = selectors.live_match_of(mentee=participant)

    assert (match.status, match.mentee_answer, match.mentor_answer) == (
        MatchStatus.ACCEPTED,
        Answer.ACCEPTED,
        Answer.ACCEPTED,
    )
    sentence = explain.pair_sentence(match=match, reader=eva)
    assert match.mentor.user.get_full_name() in sentence
    assert match.reasons["cross"] and "another department" in sentence
    assert "choice 1 on your list" in sentence
    assert match.meetings.count() == 2
    assert all(meeting.held_on < timezone.localdate() for meeting in match.meetings.all())
    assert CheckIn.objects.filter(
        match=match, participant=participant, kind=CheckInKind.MIDPOINT
    ).exists()
    assert match.programme.midpoint <= timezone.localdate()


def test_hr_runs_the_fellowship_and_sees_why_the_german_speaking_mentee_is_unmatched(loaded):
    hr = user(HR)
    fellowship = programme(FELLOWSHIP)

    assert (fellowship.status, fellowship.mode, fellowship.organiser) == (
        ProgrammeStatus.RUNNING,
        Mode.ORGANISER,
        hr,
    )
    assert selectors.can_organise(user=hr, programme=fellowship)
    [waiting] = figures.unmatched_mentees(programme=fellowship)
    assert waiting.user.network_profile.languages == ["de"]
    assert waiting.diagnosis["blocked"] == "language"
    why = explain.unmatched_explanation(diagnosis=waiting.diagnosis, for_organiser=True)
    assert "shares a working language" in why.why
    assert "that language in the profile would open a match" in why.change


def test_a_declined_mentee_was_matched_again_and_the_other_pairs_kept_their_answers(loaded):
    fellowship = programme(FELLOWSHIP)
    declined = Match.objects.get(programme=fellowship, status=MatchStatus.DECLINED)

    assert declined.mentor_answer == Answer.DECLINED and declined.decline_reason == DECLINE_REASON
    again = selectors.live_match_of(mentee=declined.mentee)
    assert again.status == MatchStatus.OFFERED and again.mentor != declined.mentor
    assert (again.mentee_answer, again.mentor_answer) == (Answer.ACCEPTED, Answer.WAITING)
    accepted = Match.objects.filter(programme=fellowship, status=MatchStatus.ACCEPTED)
    assert accepted.count() >= 8
    assert all(match.decided_at < declined.decided_at for match in accepted)


def test_the_team_lead_has_a_request_to_answer_in_the_open_circle(loaded):
    tom = user(TEAM_LEAD)
    circle = programme(CIRCLE)
    request = Match.objects.get(
        programme=circle, mentor__user=tom, status=MatchStatus.OFFERED, requested=True
    )

    assert (circle.status, circle.mode) == (ProgrammeStatus.OPEN, Mode.CHOICE)
    assert circle.starts_on > timezone.localdate()
    assert request.mentor_answer == Answer.WAITING
    assert request.answer_due > timezone.localdate()
    assert "Data literacy" in explain.pair_sentence(match=request, reader=tom)
    # Nido's colleagues can join: Tom's own reports find other mentors among their suggestions.
    colleague = Participant.objects.get(programme=circle, user__email__startswith="lien.willems")
    suggested = {pair.mentor for pair in selectors.suggestions_for(mentee=colleague)}
    assert suggested and request.mentor.pk not in suggested


def test_the_closed_programmes_survey_is_shown_for_one_department_and_hidden_for_others(
    loaded,
):
    earlier = programme(EARLIER)
    survey = figures.survey_figures(programme=earlier)

    assert earlier.status == ProgrammeStatus.CLOSED
    assert not Match.objects.filter(programme=earlier, status=MatchStatus.ACCEPTED).exists()
    assert isinstance(survey.overall.scores, Released)
    shown = [row for row in survey.rows if isinstance(row.scores, Released)]
    hidden = [row for row in survey.rows if isinstance(row.scores, Suppressed)]
    assert shown and shown[0].scores.n >= survey.min_group
    assert SuppressionReason.TOO_FEW in {row.scores.reason for row in hidden}
    # Answered in the weeks after it closed, never in the future.
    assert all(
        week <= timezone.localdate() and week > earlier.ends_on - datetime.timedelta(days=7)
        for week in SurveyResponse.objects.filter(programme=earlier).values_list("week", flat=True)
    )


def _chain(user_id: int, manager_of: dict[int, int]) -> set[int]:
    above: set[int] = set()
    current = manager_of.get(user_id)
    while current is not None and current not in above:
        above.add(current)
        current = manager_of.get(current)
    return above


def test_every_pair_keeps_its_programmes_hard_rules(loaded):
    manager_of = dict(
        StaffRecord.objects.filter(line_manager__isnull=False).values_list(
            "user_id", "line_manager_id"
        )
    )
    pairs = Match.objects.exclude(status=MatchStatus.WITHDRAWN).select_related(
        "mentee__user__network_profile", "mentor__user__network_profile"
    )

    assert pairs.count() >= 20
    for match in pairs:
        mentee, mentor = match.mentee.user, match.mentor.user
        assert mentor.pk not in _chain(mentee.pk, manager_of)
        assert mentee.pk not in _chain(mentor.pk, manager_of)
        assert set(mentee.network_profile.languages) & set(mentor.network_profile.languages)
        assert ProfileStrength.objects.filter(
            profile=mentor.network_profile, competency_id=match.reasons["wish"]
        ).exists()
    for mentor in Participant.objects.filter(role=Role.MENTOR):
        held = Match.objects.filter(
            mentor=mentor,
            status__in=(MatchStatus.OFFERED, MatchStatus.ACCEPTED, MatchStatus.ENDED),
        ).count()
        assert held <= mentor.capacity


def test_every_strength_is_a_skill_of_its_owners_own_profile(loaded):
    profiles = NetworkProfile.objects.select_related("owner")

    assert 30 <= profiles.count() <= 45
    assert len({code for profile in profiles for code in profile.languages}) == 4
    for profile in profiles:
        choices = set(selectors.strength_choices(owner=profile.owner))
        assert {strength.competency for strength in profile.strengths.all()} <= choices


def test_eva_was_asked_through_peer_help_about_one_of_her_strengths(loaded):
    eva = user(EMPLOYEE)
    introduction = Introduction.objects.get(recipient=eva)

    assert ProfileStrength.objects.filter(
        profile__owner=eva, competency=introduction.competency
    ).exists()
    assert introduction.sender.staff_record.unit != eva.staff_record.unit


def test_loading_the_network_again_adds_nothing(loaded):
    assert loaded["again"] == loaded["first"]
