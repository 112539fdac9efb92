# SPDX-License-Identifier: EUPL-1.2
"""The cohorts' pages: the list of one's cohorts, a cohort's overview with its members, its
calendar (and the calendar file), its sessions with their retrospectives, its board and its
experiments; for the organisers, the cohort's details, status, members and sessions.

Rules are asked directly (``rules.has_perm``), never ``user.has_perm``, through which Django
would let a superuser pass. A cohort the reader may not see answers 404, so that no page tells
it exists; a reader of the cohort who may not do what a page does gets 403. A refusal of a
service comes back on the form with what was typed, never as an error page.
"""

from __future__ import annotations

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from elan.cohorts import calendar_file, selectors, services
from elan.cohorts.constants import COHORT_TRANSITIONS, OPEN_STATUSES, Status
from elan.cohorts.forms import (
    BoardItemForm,
    CohortForm,
    MemberAddForm,
    MoveForm,
    RetrospectiveForm,
    SessionForm,
)
from elan.cohorts.models import Cohort, CohortMember, CohortSession
from elan.core.form_errors import add_service_errors

MOVE_LABELS = {
    Status.RUNNING: lambda: _("Start the cohort"),
    Status.FINISHED: lambda: _("Finish the cohort"),
    Status.CANCELLED: lambda: _("Cancel the cohort"),
}
MOVED_MESSAGES = {
    Status.RUNNING: lambda: _("The cohort has started: its members can now see it."),
    Status.FINISHED: lambda: _("The cohort has finished. Its pages stay to be read."),
    Status.CANCELLED: lambda: _("The cohort is cancelled. Its pages stay to be read."),
}


# --- finding the cohort, or not ---------------------------------------------------------------


def _readable(request: HttpRequest, public_id) -> Cohort:
    cohort = selectors.cohort_for(public_id=public_id)
    if cohort is None or not rules.has_perm("cohorts.view_cohort", request.user, cohort):
        raise Http404
    return cohort


def _managed(request: HttpRequest, public_id) -> Cohort:
    """404 for who may not see the cohort, 403 for who reads it but does not organise it."""
    cohort = _readable(request, public_id)
    if not rules.has_perm("cohorts.manage_cohort", request.user, cohort):
        raise PermissionDenied
    return cohort


def _session(cohort: Cohort, session_id) -> CohortSession:
    session = selectors.session_for(cohort=cohort, public_id=session_id)
    if session is None:
        raise Http404
    return session


def _context(request: HttpRequest, cohort: Cohort, current: str, **extra) -> dict:
    return {
        "cohort": cohort,
        "current": current,
        "organises": rules.has_perm("cohorts.manage_cohort", request.user, cohort),
        "is_open": cohort.status in OPEN_STATUSES,
        **extra,
    }


# --- the list and the cohort form -------------------------------------------------------------


@never_cache
@login_required
@require_http_methods(["GET"])
def cohorts(request: HttpRequest) -> HttpResponse:
    member_of = selectors.with_counts(selectors.cohorts_of(user=request.user))
    organised = selectors.with_counts(selectors.organised_by(user=request.user))
    return render(
        request,
        "cohorts/list.html",
        {
            "member_of": member_of.order_by("-starts_on", "title"),
            "organised": organised.order_by("-starts_on", "title"),
            "may_create": rules.has_perm("cohorts.create", request.user),
        },
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def cohort_new(request: HttpRequest) -> HttpResponse:
    if not rules.has_perm("cohorts.create", request.user):
        raise Http404
    form = CohortForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            cohort = services.cohort_create(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("The cohort is saved in preparation: add members and sessions, then start it."),
            )
            return redirect("cohorts:cohort", public_id=cohort.public_id)
    return render(request, "cohorts/cohort_form.html", {"form": form, "cohort": None})


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def cohort_edit(request: HttpRequest, public_id) -> HttpResponse:
    cohort = _managed(request, public_id)
    if request.method == "POST":
        form = CohortForm(request.POST)
        if form.is_valid():
            try:
                services.cohort_update(cohort=cohort, by=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The cohort is saved."))
                return redirect("cohorts:cohort", public_id=cohort.public_id)
    else:
        form = CohortForm(initial=CohortForm.initial_of(cohort))
    return render(request, "cohorts/cohort_form.html", _context(request, cohort, "edit", form=form))


# --- the overview: members, units, status -----------------------------------------------------


def _moves(cohort: Cohort) -> list[tuple[str, str]]:
    allowed = COHORT_TRANSITIONS[Status(cohort.status)]
    return [
        (status.value, MOVE_LABELS[status]())
        for status in (Status.RUNNING, Status.FINISHED, Status.CANCELLED)
        if status in allowed
    ]


def _status_label(value: str) -> str:
    return str(Status(value).label) if value in Status.values else value


def _history(cohort: Cohort) -> list:
    """The latest changes, newest first, with the statuses worded in the reader's language."""
    entries = list(cohort.history.select_related("by", "person").order_by("-at", "-pk")[:20])
    for entry in entries:
        # Attributes for the template only, beside the stored codes.
        entry.from_label = _status_label(entry.from_status) if entry.from_status else ""  # type: ignore[attr-defined]
        entry.to_label = _status_label(entry.to_status) if entry.to_status else ""  # type: ignore[attr-defined]
    return entries


def _render_cohort(
    request: HttpRequest, cohort: Cohort, *, member_form=None, move_error: str = "", status=200
) -> HttpResponse:
    rows = selectors.members_of(cohort=cohort)
    organises = rules.has_perm("cohorts.manage_cohort", request.user, cohort)
    context = _context(
        request,
        cohort,
        "overview",
        members=rows,
        spread=selectors.unit_spread(cohort=cohort, rows=rows),
        upcoming=selectors.calendar(cohort=cohort).upcoming[:3],
        moves=_moves(cohort) if organises else [],
        move_error=move_error,
        form=member_form or (MemberAddForm() if organises else None),
        history=_history(cohort) if organises else [],
    )
    return render(request, "cohorts/cohort.html", context, status=status)


@never_cache
@login_required
@require_http_methods(["GET"])
def cohort(request: HttpRequest, public_id) -> HttpResponse:
    return _render_cohort(request, _readable(request, public_id))


@never_cache
@login_required
@require_POST
def cohort_move(request: HttpRequest, public_id) -> HttpResponse:
    cohort = _managed(request, public_id)
    form = MoveForm(request.POST)
    to = form.data.get("to", "")
    try:
        services.cohort_move(cohort=cohort, to=to, by=request.user)
    except ValidationError as error:
        return _render_cohort(request, cohort, move_error=" ".join(error.messages), status=400)
    messages.success(request, MOVED_MESSAGES[Status(to)]())
    return redirect("cohorts:cohort", public_id=cohort.public_id)


@never_cache
@login_required
@require_POST
def member_add(request: HttpRequest, public_id) -> HttpResponse:
    cohort = _managed(request, public_id)
    form = MemberAddForm(request.POST)
    if form.is_valid():
        try:
            added = services.member_add(
                cohort=cohort, email=form.cleaned_data["email"], by=request.user
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            name = str(added.member.user)
            messages.success(request, _("%(name)s is now a member.") % {"name": name})
            if added.crowded:
                messages.warning(
                    request,
                    _(
                        "%(unit)s now has %(count)d members in this cohort, more than the "
                        "%(limit)d you set. A fellowship learns most across units."
                    )
                    % {"unit": added.unit, "count": added.unit_count, "limit": cohort.max_per_unit},
                )
            return redirect(reverse("cohorts:cohort", args=[cohort.public_id]) + "#members")
    return _render_cohort(request, cohort, member_form=form, status=400)


@never_cache
@login_required
@require_POST
def member_remove(request: HttpRequest, public_id, member_id: int) -> HttpResponse:
    cohort = _managed(request, public_id)
    member = CohortMember.objects.select_related("user").filter(cohort=cohort, pk=member_id).first()
    if member is None:
        raise Http404
    try:
        services.member_remove(member=member, by=request.user)
    except ValidationError as error:
        return _render_cohort(request, cohort, move_error=" ".join(error.messages), status=400)
    messages.success(request, _("%(name)s is no longer a member.") % {"name": str(member.user)})
    return redirect(reverse("cohorts:cohort", args=[cohort.public_id]) + "#members")


# --- the calendar and its sessions ------------------------------------------------------------


@never_cache
@login_required
@require_http_methods(["GET"])
def cohort_calendar(request: HttpRequest, public_id) -> HttpResponse:
    cohort = _readable(request, public_id)
    return render(
        request,
        "cohorts/calendar.html",
        _context(request, cohort, "calendar", calendar=selectors.calendar(cohort=cohort)),
    )


@never_cache
@login_required
@require_http_methods(["GET"])
def cohort_calendar_ics(request: HttpRequest, public_id) -> HttpResponse:
    cohort = _readable(request, public_id)
    entries = [
        calendar_file.CalendarEntry(
            uid=f"{session.public_id}@elan",
            title=session.title,
            starts_at=session.starts_at,
            ends_at=session.ends_at,
            location=", ".join(
                part for part in (session.place, _("online") if session.online else "") if part
            ),
            description=session.agenda,
            url=request.build_absolute_uri(
                reverse("cohorts:session", args=[cohort.public_id, session.public_id])
            ),
        )
        for session in selectors.sessions_of(cohort=cohort)
    ]
    body = calendar_file.build(
        name=cohort.title, entries=entries, stamp=timezone.now(), product="-//Elan//Cohorts//EN"
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    filename = slugify(cohort.title) or "cohort"
    response["Content-Disposition"] = f'attachment; filename="{filename}.ics"'
    return response


def _session_form_page(
    request: HttpRequest, cohort: Cohort, session: CohortSession | None
) -> HttpResponse:
    if request.method == "POST":
        form = SessionForm(request.POST)
        if form.is_valid():
            try:
                if session is None:
                    session = services.session_add(
                        cohort=cohort, by=request.user, **form.cleaned_data
                    )
                    messages.success(request, _("The session is in the calendar."))
                else:
                    services.session_update(session=session, by=request.user, **form.cleaned_data)
                    messages.success(request, _("The session is saved."))
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                return redirect(
                    "cohorts:session", public_id=cohort.public_id, session_id=session.public_id
                )
    else:
        form = SessionForm(initial=SessionForm.initial_of(session) if session else None)
    return render(
        request,
        "cohorts/session_form.html",
        _context(request, cohort, "calendar", form=form, session=session),
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def session_new(request: HttpRequest, public_id) -> HttpResponse:
    return _session_form_page(request, _managed(request, public_id), None)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def session_edit(request: HttpRequest, public_id, session_id) -> HttpResponse:
    cohort = _managed(request, public_id)
    return _session_form_page(request, cohort, _session(cohort, session_id))


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def session(request: HttpRequest, public_id, session_id) -> HttpResponse:
    """The session, the reader's own retrospective form once it has started, and the cohort's
    retrospectives of it."""
    cohort = _readable(request, public_id)
    current = _session(cohort, session_id)
    may_write = rules.has_perm("cohorts.write_retrospective", request.user, current)
    own = selectors.retrospective_of(session=current, author=request.user)
    form = None
    status = 200
    if request.method == "POST":
        if not may_write:
            raise PermissionDenied
        form = RetrospectiveForm(request.POST)
        if form.is_valid():
            try:
                services.retrospective_write(
                    session=current, author=request.user, **form.cleaned_data
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Your retrospective is saved."))
                url = reverse("cohorts:session", args=[cohort.public_id, current.public_id])
                return redirect(f"{url}#retrospectives")
        status = 400
    elif may_write:
        form = RetrospectiveForm(initial=RetrospectiveForm.initial_of(own))
    return render(
        request,
        "cohorts/session.html",
        _context(
            request,
            cohort,
            "calendar",
            session=current,
            started=selectors.has_started(session=current),
            form=form,
            own=own,
            retrospectives=selectors.retrospectives_of(session=current),
        ),
        status=status,
    )


# --- the board --------------------------------------------------------------------------------


@never_cache
@login_required
@require_http_methods(["GET"])
def cohort_board(request: HttpRequest, public_id) -> HttpResponse:
    cohort = _readable(request, public_id)
    return render(
        request,
        "cohorts/board.html",
        _context(
            request,
            cohort,
            "board",
            columns=selectors.board(cohort=cohort),
            may_add=rules.has_perm("cohorts.add_board_item", request.user, cohort),
        ),
    )


def _board_item_page(request: HttpRequest, cohort: Cohort, item) -> HttpResponse:
    experiments = selectors.linkable_experiments(owner=request.user)
    if request.method == "POST":
        form = BoardItemForm(request.POST, experiments=experiments)
        if form.is_valid():
            try:
                services.board_item_save(
                    cohort=cohort, owner=request.user, item=item, **form.cleaned_data
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Your item is on the board."))
                return redirect("cohorts:cohort_board", public_id=cohort.public_id)
    else:
        initial = BoardItemForm.initial_of(item) if item else None
        form = BoardItemForm(initial=initial, experiments=experiments)
    return render(
        request,
        "cohorts/board_item_form.html",
        _context(request, cohort, "board", form=form, item=item),
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def board_item_new(request: HttpRequest, public_id) -> HttpResponse:
    cohort = _readable(request, public_id)
    if not rules.has_perm("cohorts.add_board_item", request.user, cohort):
        raise PermissionDenied
    return _board_item_page(request, cohort, None)


def _own_item(request: HttpRequest, public_id, item_id):
    cohort = _readable(request, public_id)
    item = selectors.board_item_for(cohort=cohort, public_id=item_id)
    if item is None:
        raise Http404
    if not rules.has_perm("cohorts.edit_board_item", request.user, item):
        raise PermissionDenied
    return cohort, item


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def board_item_edit(request: HttpRequest, public_id, item_id) -> HttpResponse:
    cohort, item = _own_item(request, public_id, item_id)
    return _board_item_page(request, cohort, item)


@never_cache
@login_required
@require_POST
def board_item_delete(request: HttpRequest, public_id, item_id) -> HttpResponse:
    cohort, item = _own_item(request, public_id, item_id)
    try:
        services.board_item_delete(item=item, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Your item is off the board."))
    return redirect("cohorts:cohort_board", public_id=cohort.public_id)


# --- the cohort's experiments -----------------------------------------------------------------


@never_cache
@login_required
@require_http_methods(["GET"])
def cohort_experiments(request: HttpRequest, public_id) -> HttpResponse:
    cohort = _readable(request, public_id)
    return render(
        request,
        "cohorts/experiments.html",
        _context(
            request,
            cohort,
            "experiments",
            experiments=selectors.experiments_of(cohort=cohort, viewer=request.user),
        ),
    )
