# SPDX-License-Identifier: EUPL-1.2
"""The retrospectives' pages: one's teams and their boards, starting a board, and a board with
its cards, dots, groups, steps and actions (docs/retrospectives.md).

Rules are asked directly (``rules.has_perm``), never ``user.has_perm``, through which Django
would let a superuser pass. A board the reader may not see answers 404; a team member who may
not do what a page does gets 403. A refusal of a service comes back on the board, on the form
that asked, with what was typed, never as an error page.
"""

from __future__ import annotations

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from elan.core.form_errors import add_service_errors
from elan.insights.selectors import team_members
from elan.organisations.models import Unit
from elan.organisations.rules import is_team_lead_of
from elan.retrospectives import selectors, services
from elan.retrospectives.constants import (
    BOARD_TRANSITIONS,
    GROUPING_STATUSES,
    BoardFormat,
    BoardStatus,
)
from elan.retrospectives.forms import ActionForm, BoardForm, CardForm, GroupForm
from elan.retrospectives.models import Board


def _board(request: HttpRequest, pk: int) -> Board:
    board = selectors.board_for(pk=pk)
    if board is None or not rules.has_perm("retrospectives.view_board", request.user, board):
        raise Http404
    return board


def _facilitated(request: HttpRequest, pk: int) -> Board:
    board = _board(request, pk)
    if not rules.has_perm("retrospectives.facilitate", request.user, board):
        raise PermissionDenied
    return board


def _board_url(board: Board, fragment: str = "") -> str:
    url = reverse("retrospectives:board", kwargs={"pk": board.pk})
    return f"{url}#{fragment}" if fragment else url


def _told(request: HttpRequest, write, success) -> object:
    """Run a write that has no form (a button): say on the board what it did, or why it was
    refused; ``success`` words the result. Returns the write's result, or None if refused."""
    try:
        result = write()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return None
    messages.success(request, success(result))
    return result


def _board_page(request: HttpRequest, board: Board, *, status: int = 200, **forms) -> HttpResponse:
    user = request.user
    view = selectors.board_view(board=board, user=user)
    facilitates = rules.has_perm("retrospectives.facilitate", user, board)
    collecting = board.status == BoardStatus.COLLECTING
    step_index = BoardStatus.values.index(board.status)
    leads_the_team = is_team_lead_of(user, board.unit.code)
    acting = board.status == BoardStatus.ACTING
    owners = team_members(code=board.unit.code) if acting and facilitates else None
    context = {
        "board": board,
        "view": view,
        "facilitates": facilitates,
        "collecting": collecting,
        "voting": board.status == BoardStatus.VOTING,
        "acting": acting,
        "grouping": facilitates and board.status in GROUPING_STATUSES,
        "moves": [BoardStatus(to) for to in sorted(BOARD_TRANSITIONS[BoardStatus(board.status)])]
        if facilitates
        else [],
        "card_form": forms.get("card_form")
        or (CardForm(columns=board.columns.all()) if collecting else None),
        "group_form": forms.get("group_form") or GroupForm(),
        "action_form": forms.get("action_form")
        or (ActionForm(owners=owners) if owners is not None else None),
        "ticked": set(services.card_keys(request.POST.getlist("cards"))),
        "statuses": BoardStatus.choices,
        "back_moves": {
            to for to in BoardStatus.values if BoardStatus.values.index(to) < step_index
        },
        # insights.check_action, for actions all of this board's unit: their owner, or the
        # unit's team lead, records the check; asked once, not per action.
        "checkable": {
            action.pk for action in view.actions if action.owner_id == user.pk or leads_the_team
        },
        "today": selectors.today(),
    }
    return render(request, "retrospectives/board.html", context, status=status)


@never_cache
@login_required
@require_http_methods(["GET"])
def index(request: HttpRequest) -> HttpResponse:
    teams = selectors.teams_of(user=request.user)
    boards = selectors.boards_of(units=teams)
    by_team = {team.pk: [] for team in teams}
    for board in boards:
        by_team[board.unit_id].append(board)
    return render(
        request,
        "retrospectives/index.html",
        {"teams": [(team, by_team[team.pk]) for team in teams]},
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def board_new(request: HttpRequest, code: str) -> HttpResponse:
    unit = Unit.objects.filter(code=code, is_active=True).first()
    if unit is None or not rules.has_perm("retrospectives.run_retrospective", request.user, unit):
        raise Http404
    form = BoardForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            board = services.board_create(
                unit=unit,
                by=request.user,
                title=form.cleaned_data["title"],
                format=form.cleaned_data["format"],
                custom_columns=form.custom_column_titles(),
                dots_per_person=form.cleaned_data["dots_per_person"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The retrospective is open for cards."))
            return redirect(_board_url(board))
    return render(
        request,
        "retrospectives/board_new.html",
        {"form": form, "unit": unit, "custom": BoardFormat.CUSTOM},
        status=400 if form.errors else 200,
    )


@never_cache
@login_required
@require_http_methods(["GET"])
def board(request: HttpRequest, pk: int) -> HttpResponse:
    return _board_page(request, _board(request, pk))


@never_cache
@login_required
@require_POST
def card_add(request: HttpRequest, pk: int) -> HttpResponse:
    board = _board(request, pk)
    form = CardForm(request.POST, columns=board.columns.all())
    if form.is_valid():
        try:
            services.card_add(
                board=board,
                column_id=form.cleaned_data["column"],
                author=request.user,
                text=form.cleaned_data["text"],
                anonymous=form.cleaned_data["anonymous"],
                language=(get_language() or "en")[:2],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if form.cleaned_data["anonymous"]:
                messages.success(request, _("Your card is on the board, without your name."))
            else:
                messages.success(request, _("Your card is on the board."))
            return redirect(_board_url(board, "add-card"))
    return _board_page(request, board, status=400, card_form=form)


@never_cache
@login_required
@require_POST
def card_remove(request: HttpRequest, pk) -> HttpResponse:
    card = selectors.card_for(pk=pk)
    if card is None:
        raise Http404
    board = _board(request, card.board_id)
    if not rules.has_perm("retrospectives.remove_card", request.user, card):
        raise PermissionDenied
    _told(
        request, lambda: services.card_remove(card=card), lambda _result: _("The card is removed.")
    )
    return redirect(_board_url(board, "board"))


@never_cache
@login_required
@require_POST
def vote(request: HttpRequest, pk) -> HttpResponse:
    card = selectors.card_for(pk=pk)
    if card is None:
        raise Http404
    board = _board(request, card.board_id)
    _told(
        request,
        lambda: services.vote_toggle(card=card, voter=request.user),
        lambda placed: _("Your dot is on the card.") if placed else _("Your dot is taken back."),
    )
    return redirect(_board_url(board, f"card-{card.pk}"))


@never_cache
@login_required
@require_POST
def group_add(request: HttpRequest, pk: int) -> HttpResponse:
    board = _facilitated(request, pk)
    form = GroupForm(request.POST)
    if form.is_valid():
        try:
            services.group_create(
                board=board,
                title=form.cleaned_data["title"],
                card_ids=request.POST.getlist("cards"),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The cards are grouped."))
            return redirect(_board_url(board, "groups"))
    return _board_page(request, board, status=400, group_form=form)


@never_cache
@login_required
@require_POST
def group_dissolve(request: HttpRequest, pk: int) -> HttpResponse:
    group = selectors.group_for(pk=pk)
    if group is None:
        raise Http404
    board = _facilitated(request, group.board_id)
    _told(
        request,
        lambda: services.group_dissolve(group=group),
        lambda _result: _("The group is undone; its cards are back in their columns."),
    )
    return redirect(_board_url(board, "board"))


@never_cache
@login_required
@require_POST
def board_move(request: HttpRequest, pk: int) -> HttpResponse:
    board = _facilitated(request, pk)
    _told(
        request,
        lambda: services.board_move(board=board, by=request.user, to=request.POST.get("to", "")),
        lambda moved: (
            _("The retrospective is now at the step “%(step)s”.")
            % {"step": moved.get_status_display()}
        ),
    )
    return redirect(_board_url(board))


@never_cache
@login_required
@require_POST
def action_add(request: HttpRequest, pk: int) -> HttpResponse:
    board = _facilitated(request, pk)
    form = ActionForm(request.POST, owners=team_members(code=board.unit.code))
    if form.is_valid():
        try:
            services.action_add(
                board=board,
                by=request.user,
                title=form.cleaned_data["title"],
                owner=form.cleaned_data["owner"],
                due_on=form.cleaned_data["due_on"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The action is in the team's action plan."))
            return redirect(_board_url(board, "actions"))
    return _board_page(request, board, status=400, action_form=form)
