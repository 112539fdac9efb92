# SPDX-License-Identifier: EUPL-1.2
"""The import run: one upload kept between its preview and its application, with its history.

Every import is a run, from the back office and from the command line alike: upload (parse and
check, compute the preview) → previewed → applied, failed or discarded, as the table in
``constants.IMPORT_TRANSITIONS`` allows. The parsed rows wait on the server so that what is
applied is exactly what was previewed; they are wiped as soon as the run ends.
"""

from __future__ import annotations

import datetime
import logging

import rules
from django.db import models, transaction
from django.utils import timezone

from elan.core.lifecycle import TransitionNotAllowed, ensure_transition
from elan.organisations.constants import IMPORT_TRANSITIONS, ImportSource, ImportStatus, Role
from elan.organisations.importing.applying import (
    DeactivationsNotConfirmed,
    ImportInvalid,
    ImportOutdated,
    apply_plan,
)
from elan.organisations.importing.parsing import parse_files, parsed_from_payload
from elan.organisations.importing.planning import (
    WHOLE_ORGANISATION,
    Scope,
    build_plan,
    deactivations_to_confirm,
)
from elan.organisations.models import ImportRun, ImportRunEvent
from elan.organisations.selectors import coverage_of

STALE_AFTER = datetime.timedelta(days=1)

logger = logging.getLogger(__name__)


def scope_for(user) -> Scope | None:
    """What ``user`` may import, or None when they may not import at all.

    No user is the command line, which imports the whole organisation. Administrators and HR
    for the whole organisation do too; HR for units import the subtrees their role covers.
    """
    if user is None:
        return WHOLE_ORGANISATION
    if not rules.has_perm("organisations.import_staff", user):
        return None
    coverage = coverage_of(user=user, role=(Role.ADMINISTRATOR, Role.HR))
    if coverage.whole_organisation:
        return WHOLE_ORGANISATION
    return Scope(paths=coverage.root_paths)


def import_run_failure_note(*, run: ImportRun) -> str:
    """Why the run's last move happened ("outdated", "invalid", "error"), or ""."""
    return run.events.order_by("-at", "-pk").values_list("note", flat=True).first() or ""


def _move(run: ImportRun, status: str, *, actor, note: str = "") -> None:
    """Check the move, make it on ``run`` (the caller saves it) and append it to its history."""
    ensure_transition(IMPORT_TRANSITIONS, run.status, status)
    _record(run, from_status=run.status, to_status=status, actor=actor, note=note)
    run.status = status


def _record(run: ImportRun, *, from_status: str, to_status: str, actor, note: str = "") -> None:
    ImportRunEvent.objects.create(
        run=run, from_status=from_status, to_status=to_status, by=actor, note=note
    )


@transaction.atomic
def import_run_create(
    *, actor, files: list[tuple[str, bytes]], source: str = ImportSource.BACK_OFFICE
) -> ImportRun:
    """Parse and check the upload, keep it on the server, and compute its preview.

    ``actor`` is None for the command line (``source`` says so), which imports the whole
    organisation.
    """
    scope = scope_for(actor)
    if scope is None:
        raise PermissionError("This person may not import the organisation chart.")
    # One open import per person: a new upload replaces the one that was waiting. Rows left
    # waiting by anyone for longer than a day are personal data with no purpose left: wiped.
    # With no actor (the command line) that is every run without an uploader: an earlier
    # command's, or one whose uploader's account is gone; nobody comes back to either.
    stale_before = timezone.now() - STALE_AFTER
    for waiting in ImportRun.objects.select_for_update().filter(
        models.Q(created_by=actor) | models.Q(created_at__lt=stale_before),
        status__in=[ImportStatus.UPLOADED, ImportStatus.PREVIEWED],
    ):
        import_run_discard(run=waiting, actor=actor)
    parsed = parse_files(files)
    run = ImportRun.objects.create(
        created_by=actor,
        source=source,
        source_names=", ".join(name for name, _content in files)[:500],
        payload=parsed.payload() if not parsed.problems else {},
    )
    _record(run, from_status="", to_status=ImportStatus.UPLOADED, actor=actor)
    result = build_plan(parsed, scope=scope, actor=actor)
    run.problems = result.problems
    run.plan = result.plan
    run.fingerprint = result.fingerprint
    if result.problems:
        run.payload = {}  # nothing can be applied, so nothing needs to wait on the server
    _move(run, ImportStatus.PREVIEWED, actor=actor)
    run.save()
    return run


def import_run_apply(
    *, run: ImportRun, actor, confirmed_deactivations: int | None = None
) -> ImportRun:
    """Apply a previewed run; on any failure nothing is written and the run says why.

    A run that deactivates more than the set share needs ``confirmed_deactivations`` equal
    to that number; without it, DeactivationsNotConfirmed is raised and the run still waits.
    """
    run = ImportRun.objects.get(pk=run.pk)
    if not run.can_be_applied:
        raise TransitionNotAllowed(run.status, ImportStatus.APPLIED)
    scope = scope_for(actor)
    if scope is None:
        raise PermissionError("This person may not import the organisation chart.")
    required = deactivations_to_confirm(run.plan)
    if required and confirmed_deactivations != required:
        raise DeactivationsNotConfirmed(required)
    try:
        with transaction.atomic():
            report = apply_plan(
                parsed=parsed_from_payload(run.payload),
                scope=scope,
                actor=actor,
                expected_fingerprint=run.fingerprint,
                confirmed_deactivations=confirmed_deactivations,
                run=run,
            )
    except ImportOutdated:
        return _fail(run, actor, "outdated")
    except ImportInvalid:
        return _fail(run, actor, "invalid")
    except Exception:
        # The transaction is rolled back; the run records the failure and HR sees it.
        logger.exception("The organisation import %s failed", run.pk)
        return _fail(run, actor, "error")
    with transaction.atomic():
        run.plan = report
        run.payload = {}
        _move(run, ImportStatus.APPLIED, actor=actor)
        run.save(update_fields=["plan", "payload", "status"])
    return run


@transaction.atomic
def _fail(run: ImportRun, actor, note: str) -> ImportRun:
    run.payload = {}
    _move(run, ImportStatus.FAILED, actor=actor, note=note)
    run.save(update_fields=["payload", "status"])
    return run


@transaction.atomic
def import_run_discard(*, run: ImportRun, actor) -> ImportRun:
    _move(run, ImportStatus.DISCARDED, actor=actor)
    run.payload = {}
    run.save(update_fields=["payload", "status"])
    return run
