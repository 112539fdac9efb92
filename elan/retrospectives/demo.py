# SPDX-License-Identifier: EUPL-1.2
"""The demo retrospectives for ``manage.py demo_data``, in Nido (issue 20):

- **Terugblik op het kwartaal**, the four Ls, which Tom Claes (teamlead@elan.example)
  facilitated a few days ago. Nine cards, four of them anonymous, in Dutch and French; two
  anonymous cards about Tuesday's meetings grouped as one; the team's dots placed and counted;
  and two actions agreed, which joined Nido's action plan: Tom's meeting-free Tuesday
  afternoons, and Eva Peeters's (employee@elan.example) monthly lunch-and-learn with the other
  teams, which her home page lists with its due date. The board waits at "Agreeing on actions",
  so Tom can add one more.
- **Sprint 42**, start, stop, continue, which Eva opened today: three cards so far, one of them
  anonymous, and room for hers, Tom's and Marie Dubois's (manager@elan.example). Eva's and Tom's
  home pages invite them to add their cards.

Nobody outside Nido sees either board, Hanne (HR) and the leads above included. Everything goes
through the services people use. Deterministic (colleagues by their external id) and safe to run
again: once Nido has a board, nothing is added.
"""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import translation

from elan.organisations.models import StaffRecord, Unit
from elan.retrospectives import services
from elan.retrospectives.constants import BoardFormat, BoardStatus
from elan.retrospectives.models import Board, Card
from elan.retrospectives.selectors import today as _today

EMPLOYEE = "employee@elan.example"
LINE_MANAGER = "manager@elan.example"
TEAM_LEAD = "teamlead@elan.example"
NIDO = "BOSA-DGDT-NIDO"

QUARTER = "Terugblik op het kwartaal"
SPRINT = "Sprint 42"
TUESDAYS = "Vergaderdruk op dinsdag"

# (column, who, language, text): who is a persona's address, a colleague's number (0 to 3 in Nido's
# colleagues by external id), or None for an anonymous card.
QUARTER_CARDS = (
    ("liked", EMPLOYEE, "nl", "De stand-up om half tien houdt ons kort en scherp."),
    ("liked", 0, "fr", "J'ai apprécié le binôme avec l'équipe data pour le tableau de bord."),
    ("learned", None, "nl", "Gebruikerstests met vijf mensen vinden al de meeste problemen."),
    ("learned", LINE_MANAGER, "fr", "On a appris à découper les demandes en petites livraisons."),
    ("lacked", None, "nl", "Te veel vergaderingen op dinsdag: geen tijd voor echt werk."),
    ("lacked", None, "fr", "Trop de réunions le mardi après-midi, on n'avance plus."),
    ("lacked", 1, "nl", "De feedback van de klant kwam te laat in de sprint."),
    ("longed_for", None, "nl", "Een vaste focusdag zonder vergaderingen."),
    ("longed_for", 2, "fr", "Un moment pour partager ce qu'on apprend avec les autres équipes."),
)
# Whose dots go where, by the card's index above.
QUARTER_DOTS = {
    TEAM_LEAD: (4, 5, 8),
    EMPLOYEE: (4, 7, 8),
    LINE_MANAGER: (5, 6, 8),
    0: (4, 7),
    1: (6, 8),
    2: (5, 7, 8),
}
SPRINT_CARDS = (
    ("start", 3, "nl", "Elke vrijdag een demo van vijf minuten voor wie wil komen kijken."),
    ("stop", None, "fr", "Arrêter les tickets sans description : on perd du temps à deviner."),
    ("continue", 0, "fr", "Le binôme avec l'équipe data, ça marche."),
)


def load_demo_retrospectives() -> Board | None:
    """Nido's two boards; returns the one still collecting cards."""
    unit = Unit.objects.filter(code=NIDO).first()
    if unit is None or Board.objects.filter(unit=unit).exists():
        return None
    people = {
        user.email: user
        for user in get_user_model().objects.filter(
            email__in=(EMPLOYEE, LINE_MANAGER, TEAM_LEAD), is_active=True
        )
    }
    if set(people) != {EMPLOYEE, LINE_MANAGER, TEAM_LEAD}:
        return None
    colleagues = [
        record.user
        for record in StaffRecord.objects.filter(unit=unit, user__is_active=True)
        .exclude(user__email__in=list(people))
        .select_related("user")
        .order_by("external_id")[:4]
    ]
    people.update(enumerate(colleagues))
    if len(colleagues) < 4:
        return None
    with transaction.atomic(), translation.override("nl"):
        _load_quarter(unit, people)
        return _load_sprint(unit, people)


def _card(board: Board, column: str, who, language: str, text: str, people: dict) -> Card:
    return services.card_add(
        board=board,
        column_id=board.columns.get(key=column).pk,
        author=people[who] if who is not None else None,
        text=text,
        anonymous=who is None,
        language=language,
    )


def _load_quarter(unit: Unit, people: dict) -> Board:
    lead = people[TEAM_LEAD]
    board = services.board_create(
        unit=unit,
        by=lead,
        title=QUARTER,
        format=BoardFormat.FOUR_LS,
        dots_per_person=3,
        held_on=_today() - datetime.timedelta(days=3),
    )
    cards = [_card(board, *card, people) for card in QUARTER_CARDS]
    services.group_create(board=board, title=TUESDAYS, card_ids=[cards[4].pk, cards[5].pk])
    board = services.board_move(board=board, by=lead, to=BoardStatus.VOTING)
    for who, picks in QUARTER_DOTS.items():
        for index in picks:
            services.vote_toggle(card=cards[index], voter=people[who])
    board = services.board_move(board=board, by=lead, to=BoardStatus.ACTING)
    today = _today()
    services.action_add(
        board=board,
        by=lead,
        title="Dinsdagnamiddag zonder vergaderingen, drie sprints lang",
        owner=lead,
        due_on=today + datetime.timedelta(days=21),
    )
    services.action_add(
        board=board,
        by=lead,
        title="Een maandelijkse lunch-en-leer met de andere teams van de DG",
        owner=people[EMPLOYEE],
        due_on=today + datetime.timedelta(days=10),
    )
    return board


def _load_sprint(unit: Unit, people: dict) -> Board:
    board = services.board_create(
        unit=unit,
        by=people[EMPLOYEE],
        title=SPRINT,
        format=BoardFormat.START_STOP_CONTINUE,
        dots_per_person=3,
    )
    for card in SPRINT_CARDS:
        _card(board, *card, people)
    return board
