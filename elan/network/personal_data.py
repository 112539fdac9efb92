# SPDX-License-Identifier: EUPL-1.2
"""The learning network as personal data: export and erasure (docs/privacy.md, docs/network.md).

Registered with the register in elan/core/personal_data.py, which core's ``ready`` fills by
importing every app's ``personal_data`` module: nothing else needs to call this one.

The download holds:

- **the network profile**: the wish in a sentence, the strengths and ranked learning wishes,
  working languages, availability, the offer to mentor and its capacity, paused or not;
- **the programmes joined**: title, role, dates, the mentors ranked, and why the last matching
  left the person waiting (the codes the page words);
- **the pairs**: the partner's name, the status, the person's own answer, the dates, the
  one-sentence explanation from their side, and the pair's whole log: a pair's meetings and
  check-ins are the pair's, so each of the two gets all of them, each entry marked as theirs or
  their partner's. A decline's reason is in it only when the person wrote it;
- **the programmes they organise** and what they did to them (kind and time);
- **peer help**: introductions sent and received, with the other person's name, the skill and
  the message;
- **the end surveys they answered**: the programme's title only. What they answered is stored
  without them (``SurveyResponse``) and cannot be found again.

Erasure: the profile goes (with its strengths and wishes); so do the person's places in
programmes (with their ranked mentors, and other mentees' rankings of them), every pair they were
a side of (with its meetings, check-ins and history: the pair's log goes with the pair), the
introductions they sent or received, and the record that they answered an end survey. The
anonymous survey answers stay: they name nobody. A programme they organised stays for its
participants, with no organiser; the history of programmes and pairs keeps what happened, no
longer by whom.

Retention: nothing beyond the account.
"""

from __future__ import annotations

from django.db.models import Prefetch, Q

from elan.core.personal_data import register_eraser, register_exporter
from elan.network.constants import Answer, Role
from elan.network.explain import pair_sentence
from elan.network.models import (
    Introduction,
    Match,
    MatchEvent,
    Meeting,
    NetworkProfile,
    Participant,
    Programme,
    ProgrammeEvent,
    SurveyParticipation,
)


def _iso(moment) -> str | None:
    return moment.isoformat() if moment else None


def _name(user) -> str | None:
    if user is None:
        return None
    return user.get_full_name() or user.email


def _export_profile(user) -> dict | None:
    profile = (
        NetworkProfile.objects.filter(owner=user)
        .prefetch_related("strengths__competency", "wishes__competency")
        .first()
    )
    if profile is None:
        return None
    return {
        "what_i_would_like_to_learn": profile.wish_sentence,
        "strengths": [str(strength.competency) for strength in profile.strengths.all()],
        "learning_wishes": [str(wish.competency) for wish in profile.wishes.all()],
        "working_languages": list(profile.languages),
        "availability": profile.availability,
        "offers_mentoring": profile.offers_mentoring,
        "mentor_capacity": profile.mentor_capacity,
        "paused": profile.paused_at is not None,
        "paused_at": _iso(profile.paused_at),
        "created_at": _iso(profile.created_at),
        "updated_at": _iso(profile.updated_at),
    }


def _who(user_id, *, me, partner) -> str | None:
    """Who wrote an entry of the pair's log or moved the pair: one of the two, or the
    organiser's side, never named."""
    if user_id is None:
        return None
    if user_id == me.pk:
        return "you"
    if user_id == partner.pk:
        return "your partner"
    return "someone else"


def _export_match(match: Match, *, user) -> dict:
    as_mentee = match.mentee.user_id == user.pk
    partner = match.mentor.user if as_mentee else match.mentee.user
    own_answer = match.mentee_answer if as_mentee else match.mentor_answer
    participants = {match.mentee_id: match.mentee.user, match.mentor_id: match.mentor.user}
    return {
        "programme": match.programme.title,
        "your_role": Role.MENTEE if as_mentee else Role.MENTOR,
        "partner": _name(partner),
        "status": match.status,
        "your_answer": own_answer,
        "your_reason": match.decline_reason if own_answer == Answer.DECLINED else "",
        "requested_by_the_mentee": match.requested,
        "why_this_pair": pair_sentence(match=match, reader=user),
        "made_at": _iso(match.created_at),
        "answer_due": _iso(match.answer_due),
        "decided_at": _iso(match.decided_at),
        "meetings": [
            {
                "held_on": _iso(meeting.held_on),
                "what_was_discussed": meeting.note,
                "logged_by": _who(meeting.logged_by_id, me=user, partner=partner),
                "logged_at": _iso(meeting.logged_at),
            }
            for meeting in match.meetings.all()
        ],
        "check_ins": [
            {
                "kind": check_in.kind,
                "how_it_is_going": check_in.progress,
                "note": check_in.note,
                "by": _who(participants[check_in.participant_id].pk, me=user, partner=partner),
                "at": _iso(check_in.created_at),
            }
            for check_in in match.check_ins.all()
        ],
        "history": [
            {
                "from": event.from_status,
                "to": event.to_status,
                "at": _iso(event.at),
                "by": _who(event.by_id, me=user, partner=partner),
            }
            for event in match.events.all()
        ],
    }


def export_network(user) -> dict:
    participations = (
        Participant.objects.filter(user=user)
        .select_related("programme")
        .prefetch_related("preferences__mentor__user")
        .order_by("joined_at", "pk")
    )
    matches = (
        Match.objects.filter(Q(mentee__user=user) | Q(mentor__user=user))
        .select_related("programme", "mentee__user", "mentor__user")
        .prefetch_related("meetings", "check_ins", "events")
        .order_by("created_at", "pk")
    )
    organised = (
        Programme.objects.filter(organiser=user)
        .prefetch_related(
            # The person's own actions on each programme, read with every programme's at once.
            Prefetch(
                "events",
                queryset=ProgrammeEvent.objects.filter(by=user).order_by("at", "pk"),
                to_attr="your_events",
            )
        )
        .order_by("created_at", "pk")
    )
    actions = (
        ProgrammeEvent.objects.filter(by=user)
        .exclude(programme__organiser=user)
        .order_by("at", "pk")
        .values_list("kind", "at")
    )
    sent = Introduction.objects.filter(sender=user).select_related("recipient", "competency")
    received = Introduction.objects.filter(recipient=user).select_related("sender", "competency")
    return {
        "network_profile": _export_profile(user),
        "programmes_joined": [
            {
                "programme": participant.programme.title,
                "role": participant.role,
                "mentees_at_once": participant.capacity
                if participant.role == Role.MENTOR
                else None,
                "programme_starts_on": _iso(participant.programme.starts_on),
                "programme_ends_on": _iso(participant.programme.ends_on),
                "joined_at": _iso(participant.joined_at),
                "left_at": _iso(participant.left_at),
                "mentors_you_ranked": [
                    _name(preference.mentor.user) for preference in participant.preferences.all()
                ],
                "why_you_were_left_waiting": participant.diagnosis or None,
            }
            for participant in participations
        ],
        "pairs": [_export_match(match, user=user) for match in matches],
        "programmes_you_organise": [
            {
                "title": programme.title,
                "description": programme.description,
                "status": programme.status,
                "starts_on": _iso(programme.starts_on),
                "ends_on": _iso(programme.ends_on),
                "created_at": _iso(programme.created_at),
                "your_actions": [
                    {"what": event.kind, "to": event.to_status, "at": _iso(event.at)}
                    for event in programme.your_events
                ],
            }
            for programme in organised
        ],
        "your_actions_on_other_programmes": [
            {"what": kind, "at": _iso(at)} for kind, at in actions
        ],
        "introductions_you_sent": [
            {
                "to": _name(introduction.recipient),
                "skill": str(introduction.competency) if introduction.competency else None,
                "message": introduction.message,
                "sent_at": _iso(introduction.sent_at),
            }
            for introduction in sent
        ],
        "introductions_you_received": [
            {
                "from": _name(introduction.sender),
                "skill": str(introduction.competency) if introduction.competency else None,
                "message": introduction.message,
                "sent_at": _iso(introduction.sent_at),
            }
            for introduction in received
        ],
        "end_surveys_you_answered": sorted(
            SurveyParticipation.objects.filter(user=user).values_list("programme__title", flat=True)
        ),
    }


def erase_network(*, user, now) -> None:
    """Delete the person's profile, places, pairs (with their logs) and introductions; keep
    their programmes without an organiser and the history without them."""
    # The pairs first, explicitly: a pair's log is the pair's and goes with it, whichever of
    # the two wrote an entry.
    Match.objects.filter(Q(mentee__user=user) | Q(mentor__user=user)).delete()
    Meeting.objects.filter(logged_by=user).delete()
    # Deleting the places takes the person's ranked mentors and other mentees' rankings of them
    # (Preference cascades on both sides) and their check-ins.
    Participant.objects.filter(user=user).delete()
    NetworkProfile.objects.filter(owner=user).delete()
    Introduction.objects.filter(Q(sender=user) | Q(recipient=user)).delete()
    SurveyParticipation.objects.filter(user=user).delete()
    Programme.objects.filter(organiser=user).update(organiser=None)
    ProgrammeEvent.objects.filter(by=user).update(by=None)
    MatchEvent.objects.filter(by=user).update(by=None)


NETWORK_MODELS = (
    "network.NetworkProfile",
    "network.ProfileStrength",
    "network.LearningWish",
    "network.Programme",
    "network.ProgrammeEvent",
    "network.Participant",
    "network.Preference",
    "network.Match",
    "network.MatchEvent",
    "network.Meeting",
    "network.CheckIn",
    "network.SurveyParticipation",
    "network.Introduction",
)

register_exporter("network", export_network, models=NETWORK_MODELS)
register_eraser("network", erase_network, models=NETWORK_MODELS)
