# SPDX-License-Identifier: EUPL-1.2
"""The organiser's figures of a mentor programme (docs/network.md, "For the organiser"). Pure
reads: nothing here writes.

Two kinds of figures, guarded differently:

- **Participation** (mentees, mentors, matched, across departments, completed) counts what the
  organiser runs and sees by name on the programme's page anyway: who joined, who was paired
  with whom. Shown per department without the guard; hiding a count the same page lists by name
  would protect nobody.
- **The end survey** holds answers given in confidence. Its scores and comments go through the
  anonymity guard (``elan.core.anonymity``), overall and per department: scores need
  ``ANONYMITY_MIN_GROUP`` respondents, comments ``ANONYMITY_MIN_COMMENTS`` (counted in the
  group's respondents, docs/adr/0014), and a department is hidden too when, shown next to the
  overall figures, it would let someone work out the answers of a smaller group (the people
  who sit at the programme's unit itself, for instance).

A person's department is the unit just below the programme's scope on the way to their own unit
(``selectors.department_path``); someone who sits at the scope itself is counted "at the unit
itself". A survey answer keeps the department it was given from.

Also here: the counts of the programme list and of the organiser's overview, and the CSV of
the pairs, which never holds a survey answer.
"""

from __future__ import annotations

import csv
import datetime
import io
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from elan.core.anonymity import (
    CandidateGroup,
    GroupKind,
    GuardContext,
    Outcome,
    Released,
    Suppressed,
    guard,
)
from elan.core.numbers import format_score, percent
from elan.core.spreadsheets import spreadsheet_text
from elan.network import explain, selectors
from elan.network.constants import (
    LIVE_MATCH_STATUSES,
    SURVEY_QUESTIONS,
    SURVEY_SCALE,
    MatchStatus,
    ProgrammeStatus,
    Role,
)
from elan.network.models import Match, MatchEvent, Participant, Programme, SurveyResponse
from elan.organisations.models import Unit

# A pair published (or requested) and not declined: the mentee has, or had, a mentor.
PUBLISHED_STATUSES = (MatchStatus.OFFERED, MatchStatus.ACCEPTED, MatchStatus.ENDED)
# What the organiser's overview counts as matched: the proposals under review too.
OVERVIEW_STATUSES = (*LIVE_MATCH_STATUSES, MatchStatus.ENDED)


def unit_of(user) -> Unit | None:
    record = getattr(user, "staff_record", None) if user is not None else None
    return record.unit if record is not None else None


def person_name(user) -> str:
    if user is None:
        return _("a former colleague")
    return user.get_full_name() or user.email


# --- the pairs the organiser reviews ----------------------------------------------------------


def reviewed_pairs(*, programme: Programme) -> QuerySet[Match]:
    """Every pair of the programme but the proposals taken out or replaced by a new run: those
    never reached anyone and would only crowd the page."""
    dropped = MatchEvent.objects.filter(
        match=OuterRef("pk"), from_status=MatchStatus.PROPOSED, to_status=MatchStatus.WITHDRAWN
    )
    return (
        Match.objects.filter(programme=programme)
        .exclude(Exists(dropped))
        .select_related(
            "mentee__user__staff_record__unit",
            "mentor__user__staff_record__unit",
        )
        .order_by("created_at", "pk")
    )


# --- the list and the overview ----------------------------------------------------------------


@dataclass(frozen=True)
class Overview:
    mentees: int
    mentors: int
    matched: int
    cross: int


def with_counts(programmes: QuerySet[Programme]) -> QuerySet[Programme]:
    """The programmes with ``mentee_count``, ``mentor_count`` and ``matched_count`` (mentees
    still in with a pair under review, waiting, accepted or ended), in one query."""
    still_in = Q(participants__left_at__isnull=True)
    return programmes.select_related("scope").annotate(
        mentee_count=Count(
            "participants", filter=still_in & Q(participants__role=Role.MENTEE), distinct=True
        ),
        mentor_count=Count(
            "participants", filter=still_in & Q(participants__role=Role.MENTOR), distinct=True
        ),
        matched_count=Count(
            "matches__mentee",
            filter=Q(matches__status__in=OVERVIEW_STATUSES, matches__mentee__left_at__isnull=True),
            distinct=True,
        ),
    )


def overview(*, programme: Programme) -> Overview:
    """The counts of the organiser's summary sentence, over the people still in."""
    roles = dict(
        Participant.objects.filter(programme=programme, left_at__isnull=True)
        .values_list("role")
        .annotate(count=Count("pk"))
        .values_list("role", "count")
    )
    cross_of: dict[int, bool] = {}
    for mentee_id, reasons in Match.objects.filter(
        programme=programme, status__in=OVERVIEW_STATUSES, mentee__left_at__isnull=True
    ).values_list("mentee_id", "reasons"):
        cross_of[mentee_id] = cross_of.get(mentee_id, False) or bool((reasons or {}).get("cross"))
    return Overview(
        mentees=roles.get(Role.MENTEE, 0),
        mentors=roles.get(Role.MENTOR, 0),
        matched=len(cross_of),
        cross=sum(cross_of.values()),
    )


def overview_sentence(counts: Overview) -> str:
    if not counts.mentees:
        return _("No mentee has joined yet.")
    return ngettext(
        "%(matched)s of %(total)s mentee matched, %(cross)s across departments.",
        "%(matched)s of %(total)s mentees matched, %(cross)s across departments.",
        counts.mentees,
    ) % {"matched": counts.matched, "total": counts.mentees, "cross": counts.cross}


# --- participation per department -------------------------------------------------------------


@dataclass
class DepartmentRow:
    path: str
    name: str
    mentees: int = 0
    mentors: int = 0
    matched: int = 0
    cross: int = 0
    completed: int = 0

    @property
    def cross_share(self):
        """The share of matched mentees paired across departments, as a whole percentage."""
        return percent(self.cross / self.matched) if self.matched else None


@dataclass(frozen=True)
class Participation:
    rows: list[DepartmentRow]
    total: DepartmentRow


def _department_names(programme: Programme, paths) -> dict[str, str]:
    names = {unit.path: unit.name for unit in Unit.objects.filter(path__in=set(paths))}
    names[programme.scope.path] = _("At %(unit)s itself") % {"unit": programme.scope.name}
    return names


def participation(*, programme: Programme) -> Participation:
    """Per department, everyone who took part (whether they left since or not): mentees,
    mentors, mentees matched (a pair published, accepted or ended), of those across
    departments, and those who completed (a pair ended, or accepted when the programme is
    closed)."""
    scope = programme.scope
    department_of: dict[int, str] = {}
    for pk, path in Participant.objects.filter(programme=programme).values_list(
        "pk", "user__staff_record__unit__path"
    ):
        department_of[pk] = selectors.department_path(unit_path=path or scope.path, scope=scope)
    rows: dict[str, DepartmentRow] = {}
    total = DepartmentRow(path="", name=_("Whole programme"))

    def row_of(path: str) -> DepartmentRow:
        return rows.setdefault(path, DepartmentRow(path=path, name=""))

    for pk, role in Participant.objects.filter(programme=programme).values_list("pk", "role"):
        row = row_of(department_of[pk])
        if role == Role.MENTEE:
            row.mentees += 1
            total.mentees += 1
        else:
            row.mentors += 1
            total.mentors += 1
    closed = programme.status == ProgrammeStatus.CLOSED
    matched: dict[int, dict[str, bool]] = {}
    for mentee_id, status, reasons in Match.objects.filter(
        programme=programme, status__in=PUBLISHED_STATUSES
    ).values_list("mentee_id", "status", "reasons"):
        seen = matched.setdefault(mentee_id, {"cross": False, "completed": False})
        seen["cross"] = seen["cross"] or bool((reasons or {}).get("cross"))
        seen["completed"] = seen["completed"] or (
            status == MatchStatus.ENDED or (closed and status == MatchStatus.ACCEPTED)
        )
    for mentee_id, seen in matched.items():
        row = row_of(department_of.get(mentee_id, scope.path))
        for target in (row, total):
            target.matched += 1
            target.cross += seen["cross"]
            target.completed += seen["completed"]
    names = _department_names(programme, rows)
    for path, row in rows.items():
        row.name = names.get(path, path)
    # The departments in chart order, the people at the scope itself last.
    ordered = sorted(rows.values(), key=lambda row: (row.path == scope.path, row.path))
    return Participation(rows=ordered, total=total)


def participation_sentence(figures: Participation) -> str:
    total = figures.total
    if not total.mentees:
        return _("No mentee has joined this programme yet.")
    sentence = ngettext(
        "Of %(mentees)s mentee, %(matched)s found a mentor and %(completed)s completed the "
        "programme.",
        "Of %(mentees)s mentees, %(matched)s found a mentor and %(completed)s completed the "
        "programme.",
        total.mentees,
    ) % {"mentees": total.mentees, "matched": total.matched, "completed": total.completed}
    if total.matched:
        sentence += " " + _("%(share)s%% of the pairs cross departments.") % {
            "share": total.cross_share
        }
    return sentence


# --- the end survey, under the guard ----------------------------------------------------------


@dataclass(frozen=True)
class SurveyRow:
    name: str
    scores: Outcome
    comments: Outcome

    @property
    def comment_texts(self) -> list[str]:
        if isinstance(self.comments, Released):
            return list(self.comments.figures.get("texts", ()))
        return []


@dataclass(frozen=True)
class SurveyFigures:
    answered: bool
    overall: SurveyRow | None
    rows: list[SurveyRow] = field(default_factory=list)
    questions: list[tuple[str, str]] = field(default_factory=list)
    min_group: int = 5
    min_comments: int = 10
    scale_top: int = SURVEY_SCALE[1]
    # Set while the survey still takes answers: nothing of it is shown until the day after.
    collecting_until: datetime.date | None = None


def _score_figures(rows: list[SurveyResponse]) -> dict:
    figures: dict = {}
    for key, _text in SURVEY_QUESTIONS:
        values = [row.scores[key] for row in rows if isinstance(row.scores.get(key), int)]
        figures[key] = sum(values) / len(values) if values else None
    return figures


def _comment_figures(rows: list[SurveyResponse]) -> dict:
    # Sorted, not in the order of answering: the order would hint at who wrote which.
    texts = sorted(row.comment for row in rows if row.comment.strip())
    return {"comments": len(texts), "texts": tuple(texts)}


def survey_context() -> GuardContext:
    return GuardContext(
        min_group=settings.ANONYMITY_MIN_GROUP, min_comments=settings.ANONYMITY_MIN_COMMENTS
    )


def survey_figures(*, programme: Programme) -> SurveyFigures:
    """The end survey's mean score per question and its comments, overall and per department,
    each group released or hidden by the guard. Every group shown here is a candidate, so that
    no difference between two of them reveals a smaller group."""
    context = survey_context()
    questions = [(key, str(text)) for key, text in SURVEY_QUESTIONS]
    closes_on = selectors.survey_closes_on(programme=programme)
    collecting = closes_on is None or timezone.localdate() <= closes_on
    responses = (
        []
        if collecting
        else list(SurveyResponse.objects.filter(programme=programme).order_by("pk"))
    )
    if not responses:
        return SurveyFigures(
            answered=False,
            overall=None,
            questions=questions,
            min_group=context.min_group,
            min_comments=context.min_comments,
            collecting_until=closes_on if collecting else None,
        )
    scope = programme.scope
    depth = len(scope.path) // Unit.steplen - 1
    by_department: dict[str, list[SurveyResponse]] = defaultdict(list)
    for response in responses:
        if response.unit_path != scope.path:
            by_department[response.unit_path].append(response)
    groups = [("all", "", responses, depth)] + [
        ("department", path, rows, depth + 1) for path, rows in sorted(by_department.items())
    ]
    # The guard counts respondents by number; an answer's key is random, so number them here.
    number = {response.pk: index for index, response in enumerate(responses)}
    candidates = []
    for scope_key, path, rows, group_depth in groups:
        members = frozenset(number[row.pk] for row in rows)
        candidates.append(
            CandidateGroup(
                key=("scores", scope_key, path),
                members=members,
                kind=GroupKind.SCORES,
                depth=group_depth,
                figures=_score_figures(rows),
            )
        )
        candidates.append(
            CandidateGroup(
                key=("comments", scope_key, path),
                members=members,
                kind=GroupKind.COMMENTS,
                depth=group_depth,
                figures=_comment_figures(rows),
            )
        )
    result = guard(context, candidates)
    names = _department_names(programme, by_department)

    def row(scope_key: str, path: str, name: str) -> SurveyRow:
        return SurveyRow(
            name=name,
            scores=result[("scores", scope_key, path)],
            comments=result[("comments", scope_key, path)],
        )

    return SurveyFigures(
        answered=True,
        overall=row("all", "", _("Whole programme")),
        rows=[row("department", path, names.get(path, path)) for path in sorted(by_department)],
        questions=questions,
        min_group=context.min_group,
        min_comments=context.min_comments,
    )


def survey_sentence(figures: SurveyFigures) -> str:
    if figures.collecting_until is not None:
        return _(
            "The end survey takes answers until %(date)s. Its results are shown from the day "
            "after, all at once, so that no answer can be told apart by reading them before and "
            "after it."
        ) % {"date": date_format(figures.collecting_until, "DATE_FORMAT")}
    if not figures.answered or figures.overall is None:
        return _("Nobody has answered the end survey yet.")
    outcome = figures.overall.scores
    if isinstance(outcome, Suppressed):
        return _(
            "Too few people answered the end survey to show its results without pointing at "
            "someone: they are shown from %(minimum)s answers on."
        ) % {"minimum": figures.min_group}
    key, text = figures.questions[0]
    mean = outcome.figures.get(key)
    sentence = ngettext(
        "%(count)s person answered the end survey.",
        "%(count)s people answered the end survey.",
        outcome.n,
    ) % {"count": outcome.n}
    if mean is not None:
        sentence += " " + _("“%(question)s”: %(score)s out of %(top)s on average.") % {
            "question": text,
            "score": format_score(mean),
            "top": figures.scale_top,
        }
    hidden = sum(isinstance(row.scores, Suppressed) for row in figures.rows)
    if hidden:
        sentence += " " + ngettext(
            "%(count)s department is hidden to keep people anonymous.",
            "%(count)s departments are hidden to keep people anonymous.",
            hidden,
        ) % {"count": hidden}
    return sentence


# --- CSV export -------------------------------------------------------------------------------


def csv_header() -> list[str]:
    return [
        _("Mentee"),
        _("Mentee's unit"),
        _("Mentor"),
        _("Mentor's unit"),
        _("Status"),
        _("Across departments"),
        _("Fit"),
        _("Why"),
        _("Made"),
        _("Decided"),
    ]


def _moment(value) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""


def unit_name(user) -> str:
    unit = unit_of(user)
    return unit.name if unit is not None else ""


def csv_rows(*, programme: Programme, reader) -> list[list]:
    """The pairs, then the mentees still without a mentor with why. Never a survey answer, and
    never a meeting note."""
    rows: list[list] = []
    paired: set[int] = set()
    pairs = list(reviewed_pairs(programme=programme))
    sentences = explain.pair_sentences(matches=pairs, reader=reader)
    for match, sentence in zip(pairs, sentences, strict=True):
        if match.status in OVERVIEW_STATUSES:
            paired.add(match.mentee_id)
        rows.append(
            [
                spreadsheet_text(person_name(match.mentee.user)),
                spreadsheet_text(unit_name(match.mentee.user)),
                spreadsheet_text(person_name(match.mentor.user)),
                spreadsheet_text(unit_name(match.mentor.user)),
                spreadsheet_text(match.get_status_display()),
                _("yes") if (match.reasons or {}).get("cross") else _("no"),
                match.fit,
                spreadsheet_text(sentence),
                _moment(match.created_at),
                _moment(match.decided_at),
            ]
        )
    for mentee in unmatched_mentees(programme=programme, paired=paired):
        waiting = explain.unmatched_explanation(diagnosis=mentee.diagnosis, for_organiser=True)
        rows.append(
            [
                spreadsheet_text(person_name(mentee.user)),
                spreadsheet_text(unit_name(mentee.user)),
                "",
                "",
                _("No mentor yet"),
                "",
                "",
                spreadsheet_text(f"{waiting.why} {waiting.change}" if waiting else ""),
                "",
                "",
            ]
        )
    return rows


def unmatched_mentees(*, programme: Programme, paired: set[int] | None = None) -> list:
    """The mentees still in with no pair under review, waiting, accepted or ended; each keeps
    the diagnosis of the last matching (empty before any)."""
    if paired is None:
        paired = set(
            Match.objects.filter(programme=programme, status__in=OVERVIEW_STATUSES).values_list(
                "mentee_id", flat=True
            )
        )
    return [
        mentee
        for mentee in selectors.active_participants(programme=programme, role=Role.MENTEE)
        if mentee.pk not in paired
    ]


def as_csv(*, programme: Programme, reader) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(csv_header())
    writer.writerows(csv_rows(programme=programme, reader=reader))
    return buffer.getvalue()
