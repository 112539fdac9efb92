# SPDX-License-Identifier: EUPL-1.2
"""How many queries each page type reads, as data for tests/test_query_budgets.py.

A page that lists rows is read with two rows and again with six: it must read the same number of
queries both times (one query more per row is the N+1 this catches), and that number is its
budget. A detail page is read once against its budget. The budgets are the counts measured when
they were written, sessions, authentication and middleware included; a change that adds a
query to a page changes its count, and then the budget is raised on purpose, in the same change,
or the query is taken out again.

Each ``Page`` names the URL, the persona who reads it (the personas of conftest.py) and a
builder that adds rows numbered ``numbers`` and returns what each row shows on the page, so that
a test never counts queries of a page that does not show its rows. A page whose rows are known
to cost queries each says how many and why (``per_row``). The pages of tests/access_table.py
with no budget are in ``NOT_BUDGETED``, each with its reason.
"""

from __future__ import annotations

import datetime
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

# The rows a list page is read with: a few, then more of the same.
FEW, MORE = 2, 6


# Queries each page type reads, as measured, sessions, authentication and middleware included.
BUDGETS: dict[str, int | dict[str, int]] = {
    "experiments:home": 15,
    "experiments:wall": 20,
    "experiments:report": 22,
    "experiments:report_pdf": 14,
    "experiments:team": 21,
    "experiments:figures": 15,
    "experiments:figures_csv": 9,
    "experiments:detail": 24,
    "goals:home": 17,
    "goals:cycle": 26,
    "goals:cycle of a manager whose goals follow the team's climate": 38,
    "goals:cycle of a manager whose goal follows several climate surveys": 44,
    "goals:sheet": 14,
    "goals:sheet_pdf": 6,
    "goals:evidence": 17,
    "goals:figures": 19,
    "goals:figures_csv": 13,
    "goals:talks": 21,
    "goals:talks_csv": 12,
    "goals:objectives": 14,
    "feedback:reviews": 12,
    "feedback:home": 14,
    "feedback:round": 17,
    "feedback:shared_list": 11,
    "assessments:shared_list": 11,
    "assessments:sharing": 16,
    "assessments:plan": 21,
    "assessments:team": 14,
    "assessments:team_unit": 19,
    "accounts:person_list": 5,
    # 13 of them read the person's hackathons and sprints (elan/events/personal_data.py), 6 their
    # ideas, comments, supports, the ideas and campaigns they own and what they did to ideas
    # (elan/ideas/personal_data.py), 4 their retrospective cards, dots, boards and steps
    # (elan/retrospectives/personal_data.py).
    "accounts:my_data_download": 105,
    "accounts:my_data_download for an organiser": 100,
    "network:programmes": 11,
    "network:programme_figures": 20,
    "network:pair": 15,
    "network:help": 14,
    "network:preferences": 19,
    "insights:home": 22,
    "insights:heatmap": 18,
    "insights:export": 10,
    "api:insights:heatmap": 11,
    "knowledge:navigator": 7,
    # PostgreSQL reads the content languages, the ranked matches, then their headlines;
    # SQLite reads the matches once (elan/knowledge/selectors.py).
    "knowledge:search": {"postgresql": 4, "sqlite": 2},
    "skills:framework_list": 1,
    "skills:framework_detail": 8,
    "skills:framework_export": 7,
    "skills:framework_case": 6,
    "portal:home for a visitor": 0,
    # 4 of them are the ideas' (elan/ideas/home.py): the person's named ideas, their campaigns'
    # ideas waiting, the campaigns asking them, the ideas waiting for them as lead or manager;
    # 3 the retrospectives' (elan/retrospectives/home.py).
    "portal:home for someone with nothing yet": 48,
    "portal:accessibility": 0,
    "portal:report_barrier": 0,
    "core:anonymity": 0,
    "core:anonymity_rule": 0,
    "health": 1,
    "account_login": 1,
    "account_reset_password": 0,
    "account_change_password": 10,
    # One of them asks whether the person may see the back office's "Idea rules" menu item.
    "skills_admin:framework_import": 40,
    "accounts:me": 14,
    "accounts:my_data": 10,
    "accounts:person_detail": 7,
    "accounts:person_deactivate": 4,
    "accounts:person_reactivate": 4,
    "organisations:confirm_address": 1,
    "assessments:start": 15,
    "assessments:step": 15,
    "assessments:profile": 16,
    "assessments:profile_pdf": 9,
    "assessments:shared_profile": 19,
    "feedback:report": 12,
    "feedback:review": 14,
    "feedback:shared_report": 13,
    "feedback:respond": 2,
    "feedback:respond_done": 0,
    "feedback:psychometrics": 18,
    "goals:goal_new": 17,
    "goals:talk_new": 14,
    "goals:goal_edit": 17,
    "goals:talk": 17,
    "goals:goal_change": 18,
    "goals:evidence_view": 13,
    "goals:objective_new": 11,
    "goals:objective_edit": 12,
    "experiments:new": 10,
    "experiments:edit": 14,
    "experiments:iteration_new": 15,
    "experiments:decide": 16,
    "experiments:close": 14,
    "experiments:mandate": 16,
    "experiments:start": 14,
    "experiments:permission": 12,
    "experiments:regularise": 14,
    "experiments:resume": 14,
    "insights:campaign_create": 12,
    "insights:campaign_detail": 16,
    "insights:campaign_edit": 12,
    "insights:respond": 17,
    "insights:respond_done": 12,
    "insights:team_report": 25,
    "insights:trends": 20,
    "insights:comments": 18,
    "insights:release": 19,
    # One of them reads the team's standing plan, the actions of its retrospectives.
    "insights:action_plan with its three actions": 30,
    "insights:action_check": 11,
    "api:insights:rounds": 10,
    "api:insights:unit": 11,
    "api:insights:trend": 13,
    "api:insights:comments": 11,
    "network:home": 15,
    "network:profile": 13,
    "network:profile_delete": 12,
    "network:introduce": 14,
    "network:programme_new": 11,
    "network:programme_edit": 15,
    "network:programme_manage": 22,
    "network:programme_publish": 14,
    "network:programme_export": 11,
    "network:programme": 23,
    "network:survey": 15,
    "events:organiser_list": 10,
    "events:event_new": 11,
    "events:event_manage": 16,
    "events:event_edit": 15,
    "events:event_teams": 13,
    "events:help_figures": 13,
    "events:challenge_new": 19,
    "events:home": 17,
    "events:event": 19,
    "events:register": 17,
    "events:mentor_volunteer": 15,
    "events:team": 23,
    "events:retrospective": 16,
    "events:mentor_queue": 17,
    "cohorts:cohorts": 13,
    "cohorts:cohort_new": 9,
    "cohorts:cohort": 18,
    "cohorts:cohort_edit": 12,
    "cohorts:cohort_calendar": 15,
    "cohorts:cohort_calendar_ics": 6,
    "cohorts:session_new": 12,
    "cohorts:session": 19,
    "cohorts:session_edit": 13,
    "cohorts:cohort_board": 16,
    "cohorts:board_item_new": 16,
    "cohorts:board_item_edit": 18,
    "cohorts:cohort_experiments": 18,
    "ideas:campaign": 20,  # one more: the count of ideas for the pages
    "ideas:box": 18,  # one more: the count of ideas for the pages
    "ideas:idea": 17,
    "ideas:home": 18,
    # The record itself comes from the cache once a first reader worked it out (figures.py).
    "ideas:figures": 12,
    "ideas:boxes": 12,
    "ideas:box_idea_new": 13,
    "ideas:campaign_new": 11,
    "ideas:campaign_edit": 12,
    "ideas:campaign_idea_new": 15,
    "ideas:private": 3,
    "retrospectives:index": 14,
    "retrospectives:board": 20,
    "retrospectives:board_new": 12,
}


@dataclass(frozen=True)
class Page:
    """One page type: ``add(personas, subject, numbers)`` adds one row per number and returns
    the texts that show them; ``subject(personas)`` builds what the page is about (a cycle, a
    programme) once, and ``kwargs(subject)`` its URL's arguments."""

    name: str
    persona: str
    add: Callable[[object, object, Iterable[int]], list[str]] | None = None
    subject: Callable[[object], object] = lambda personas: None
    kwargs: Callable[[object], dict] | None = None
    query: str = ""
    query_for: Callable[[object], str] | None = None
    rows: str = ""
    label: str = ""
    api: bool = False
    # Queries each further row costs, where that is known and accepted (say why at the page);
    # zero everywhere else.
    per_row: int = 0
    # A PDF's text is compressed: its rows are looked for on its HTML twin, built from the
    # same context.
    is_pdf: bool = False

    @property
    def id(self) -> str:
        return self.label or self.name

    def url(self, subject: object) -> str:
        kwargs = self.kwargs(subject) if self.kwargs else None
        query = self.query_for(subject) if self.query_for else self.query
        if self.api:
            return self.name.format(**(kwargs or {})) + query
        with translation.override("en"):
            return reverse(self.name, kwargs=kwargs) + query

    def expected(self) -> int:
        budget = BUDGETS[self.id]
        return budget if isinstance(budget, int) else budget[connection.vendor]


@dataclass
class Reading:
    status: int
    content: str
    queries: list[str] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.queries)


def read(client, url: str) -> Reading:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return Reading(
        status=response.status_code,
        content=content.decode("utf-8", errors="replace"),
        queries=[query["sql"] for query in captured.captured_queries],
    )


_LITERALS = re.compile(r"'(?:[^']|'')*'|\b\d+\b")
_LISTS = re.compile(r"\((?:\?, )+\?\)")


def shape(sql: str) -> str:
    """A query without its values, so that the same query for another row, or for a longer
    list of rows, counts as the same."""
    return _LISTS.sub("(?)", _LITERALS.sub("?", sql))


def listing(reading: Reading) -> str:
    return "\n".join(f"{number:3}. {sql}" for number, sql in enumerate(reading.queries, 1))


def difference(few: Reading, more: Reading) -> str:
    """The queries read more often with more rows: where the N+1 is."""
    grown = Counter(map(shape, more.queries)) - Counter(map(shape, few.queries))
    return "\n".join(f"{count:3} more: {sql}" for sql, count in grown.most_common())


def today() -> datetime.date:
    return timezone.localdate()


def colleague(personas, number: int, *, unit=None, manager=None, last_name: str = ""):
    """A new member of staff, named after the row, in the personas' team unless told."""
    from elan.organisations.tests.factories import person_in

    return person_in(
        unit or personas.team,
        manager=manager,
        email=f"row{number}.{unit.code if unit else 'team'}@elan.test".lower(),
        first_name="Row",
        last_name=last_name or f"Person {number}",
    )


def department(personas, number: int):
    """A new unit of the personas' organisation, one per row."""
    from elan.organisations.tests.factories import UnitFactory

    return UnitFactory(
        parent=type(personas.organisation).objects.get(pk=personas.organisation.pk),
        code=f"FPS-ONE-ROW{number}",
        name_en=f"Department {number}",
    )


# --- experiments -------------------------------------------------------------------------------


def _ideas_matrix(name: str, personas):
    from elan.ideas.tests import factories

    return getattr(factories, name)(personas)


def _ideas_in_the_campaign(personas, _subject, numbers) -> list[str]:
    """Colleagues' ideas in the matrix campaign, every other one anonymous, each supported and
    commented on."""
    from elan.ideas import services
    from elan.ideas.tests.factories import matrix_campaign, post

    campaign = matrix_campaign(personas)
    shown = []
    for number in numbers:
        author = colleague(personas, number)
        idea = post(
            author, campaign=campaign, title=f"Campaign idea {number}", anonymous=number % 2 == 1
        )
        idea = idea[0] if isinstance(idea, tuple) else idea
        services.idea_support(idea=idea, user=personas.line_manager)
        services.comment_add(idea=idea, author=personas.team_lead, body="Yes.")
        shown.append(idea.title)
    return shown


def _retrospective_boards(personas, _subject, numbers) -> list[str]:
    """Boards of the personas' team, each with a card."""
    from elan.retrospectives.tests.factories import BoardFactory, CardFactory

    shown = []
    for number in numbers:
        board = BoardFactory(
            unit=personas.team, facilitator=personas.team_lead, title=f"Retro {number}"
        )
        CardFactory(board=board)
        shown.append(board.title)
    return shown


def _acting_retrospective(personas):
    from elan.retrospectives.tests.factories import BoardFactory

    return BoardFactory(unit=personas.team, facilitator=personas.employee, acting=True)


def _cards_on_the_board(personas, board, numbers) -> list[str]:
    """Per row, a colleague's named card and an anonymous one in a group, a dot on each, and
    an action the colleague owns, in the team's plan."""
    from elan.retrospectives.models import Card
    from elan.retrospectives.tests.factories import (
        CardFactory,
        CardGroupFactory,
        VoteFactory,
        agree_action,
    )

    shown = []
    for number in numbers:
        person = colleague(personas, number)
        named = CardFactory(board=board, author=person, text=f"Named card {number}")
        anonymous = CardFactory(board=board, anonymous=True, text=f"Anonymous card {number}")
        group = CardGroupFactory(board=board, title=f"Group {number}")
        Card.objects.filter(pk=anonymous.pk).update(group=group)
        VoteFactory(card=named, voter=person)
        VoteFactory(card=anonymous, voter=person)
        agree_action(board, owner=person, title=f"Action {number}")
        shown += [named.text, anonymous.text, group.title, f"Action {number}"]
    return shown


def _ideas_in_the_box(personas, _subject, numbers) -> list[str]:
    from elan.ideas.tests.factories import post

    shown = []
    for number in numbers:
        idea = post(colleague(personas, number), box_unit=personas.team, title=f"Box idea {number}")
        shown.append(idea.title)
    return shown


def _comments_on_the_idea(personas, _subject, numbers) -> list[str]:
    from elan.ideas import services
    from elan.ideas.tests.factories import matrix_idea

    idea = matrix_idea(personas)
    shown = []
    for number in numbers:
        body = f"Comment number {number}"
        services.comment_add(idea=idea, author=colleague(personas, number), body=body)
        shown.append(body)
    return shown


def _own_named_ideas(personas, _subject, numbers) -> list[str]:
    """The employee's named ideas in the team's box, each posted on another day: the daily
    quota allows a few a day."""
    import datetime

    from elan.ideas.tests.factories import post

    shown = []
    start = datetime.date(2026, 1, 5)
    for number in numbers:
        day = start + datetime.timedelta(days=number)
        idea = post(
            personas.employee, box_unit=personas.team, title=f"Own idea {number}", today=day
        )
        shown.append(idea.title)
    return shown


def _experiments_own(personas, _subject, numbers) -> list[str]:
    """The employee's own cards in each status, and cards a colleague shares ownership of."""
    from elan.experiments.tests.factories import ExperimentFactory

    traits = ({"running": True}, {"decided": True}, {}, {"scaled": True})
    shown = []
    for number in numbers:
        title = f"Own card {number}"
        if number % 3 == 2:
            ExperimentFactory(
                owner=colleague(personas, number),
                co_owners=[personas.employee],
                title=title,
                running=True,
            )
        else:
            ExperimentFactory(owner=personas.employee, title=title, **traits[number % 4])
        shown.append(title)
    return shown


def _experiments_on_the_wall(personas, _subject, numbers) -> list[str]:
    """Cards of colleagues of other departments, shared with the organisation, one built on
    the card before it."""
    from elan.experiments.models import Experiment
    from elan.experiments.tests.factories import ExperimentFactory

    shown = []
    for number in numbers:
        owner = colleague(personas, number, unit=department(personas, number))
        title = f"Wall card {number}"
        ExperimentFactory(
            owner=owner,
            title=title,
            shared_organisation=True,
            based_on=Experiment.objects.order_by("-pk").first(),
            **({"running": True} if number % 2 else {"decided": True}),
        )
        shown.append(title)
    return shown


def _experiments_in_the_report(personas, _subject, numbers) -> list[str]:
    from elan.experiments.tests.factories import ExperimentFactory

    traits = ({"decided": True}, {"scaled": True}, {"parked": True}, {"regularised": True})
    shown = []
    for number in numbers:
        title = f"Reported card {number}"
        ExperimentFactory(
            owner=colleague(personas, number, unit=department(personas, number)),
            title=title,
            shared_organisation=True,
            **traits[number % 4],
        )
        shown.append(title)
    return shown


def _experiments_of_the_team(personas, _subject, numbers) -> list[str]:
    """Each row a person reporting to the line manager, with a running card whose time box
    runs out soon and a draft whose owner asks the line manager's permission."""
    from elan.experiments.tests.factories import ExperimentFactory, PermissionRequestFactory

    shown = []
    for number in numbers:
        report = colleague(personas, number, manager=personas.line_manager)
        title = f"Team card {number}"
        ExperimentFactory(
            owner=report,
            title=title,
            running=True,
            shared_team=True,
            ends_on=today() + datetime.timedelta(days=5),
        )
        PermissionRequestFactory(
            experiment=ExperimentFactory(owner=report, title=f"Asking card {number}"),
            asked_of=personas.line_manager,
            question=f"May we try number {number}?",
        )
        shown += [title, f"May we try number {number}?"]
    return shown


def _experiments_counted(personas, _subject, numbers) -> list[str]:
    """Cards of several departments, in as many states, for HR's figures."""
    from elan.experiments.tests.factories import ExperimentFactory

    traits = ({"running": True}, {"decided": True}, {"scaled": True}, {"parked": True})
    shown = []
    for number in numbers:
        unit = department(personas, number)
        for person in range(5):
            ExperimentFactory(
                owner=colleague(personas, number * 10 + person, unit=unit),
                shared_organisation=True,
                **traits[(number + person) % 4],
            )
        shown.append(f"Department {number}")
    return shown


def _running_card(personas):
    from elan.experiments.constants import Sharing
    from elan.experiments.tests.factories import running_experiment

    return running_experiment(personas.employee, sharing=Sharing.TEAM, title="The card")


def _card_rows(personas, experiment, numbers) -> list[str]:
    """Iterations, co-owners, and the cards built on it, with their events."""
    from elan.experiments import services
    from elan.experiments.tests.factories import ExperimentFactory, add_iteration

    shown = []
    for number in numbers:
        add_iteration(experiment, what_we_tried=f"Iteration number {number}")
        services.co_owner_add(
            experiment=experiment, actor=personas.employee, co_owner=colleague(personas, number)
        )
        ExperimentFactory(
            owner=colleague(personas, 100 + number),
            based_on=experiment,
            running=True,
            shared_team=True,
        )
        shown += [f"Iteration number {number}", f"Person {number}"]
    return shown


def _public_id(subject) -> dict:
    return {"public_id": subject.public_id}


# --- goals -------------------------------------------------------------------------------------


def _evaluated_cycles(personas, _subject, numbers) -> list[str]:
    """People reporting to the line manager, each with a cycle, a talk to come and a goal
    waiting for agreement."""
    from elan.goals.constants import TalkKind
    from elan.goals.tests.factories import GoalFactory, TalkFactory, cycle_of

    shown = []
    for number in numbers:
        report = colleague(personas, number, manager=personas.line_manager)
        cycle = cycle_of(report)
        TalkFactory(
            cycle=cycle, kind=TalkKind.INTERIM, planned_on=today() + datetime.timedelta(days=30)
        )
        GoalFactory(cycle=cycle, proposed=True)
        shown.append(f"Person {number}")
    return shown


def _own_cycle(personas):
    from elan.goals import services

    return services.cycle_start(
        person=personas.employee, starts_on=today(), actor=personas.employee
    )


def _goals_of_the_cycle(personas, cycle, numbers) -> list[str]:
    """Goals of each kind, proposed, with their history, and an interim talk per row."""
    from elan.goals import services
    from elan.goals.constants import GoalKind, InnovationKind

    shown = []
    for number in numbers:
        title = f"Goal number {number}"
        if number % 2:
            goal = services.goal_create(
                cycle=cycle,
                actor=personas.employee,
                kind=GoalKind.PERFORMANCE,
                innovation=InnovationKind.RESULT,
                title=title,
                indicator=f"Indicator {number}",
                target=f"Target {number}",
            )
        else:
            goal = services.goal_create(
                cycle=cycle, actor=personas.employee, kind=GoalKind.DEVELOPMENT, title=title
            )
        services.goal_propose(goal=goal, actor=personas.employee)
        shown.append(title)
    return shown


def _managers_cycle(personas):
    """The line manager's own cycle, and a climate survey of their team with results out."""
    from elan.goals import services

    _grown_team(personas)
    _campaign_with_results(personas, "Team climate for the goals")
    return services.cycle_start(
        person=personas.line_manager, starts_on=today(), actor=personas.line_manager
    )


def _climate_goals(personas, cycle, numbers) -> list[str]:
    """Enabling goals that follow the team's climate, each shown with its trend."""
    from elan.goals import services
    from elan.goals.constants import GoalKind, InnovationKind

    shown = []
    for number in numbers:
        title = f"Room to test number {number}"
        services.goal_create(
            cycle=cycle,
            actor=personas.line_manager,
            kind=GoalKind.PERFORMANCE,
            innovation=InnovationKind.ENABLING,
            title=title,
            indicator="Days a month the team may spend on tests",
            target="Two days a month",
            follows_climate=True,
        )
        shown.append(title)
    return shown


def _managers_climate_goal(personas):
    """The line manager's cycle with one enabling goal that follows the team's climate."""
    from elan.goals import services

    _grown_team(personas)
    cycle = services.cycle_start(
        person=personas.line_manager, starts_on=today(), actor=personas.line_manager
    )
    _climate_goals(personas, cycle, range(1))
    return cycle


def _climate_surveys(personas, _cycle, numbers) -> list[str]:
    """Climate surveys of the team with results out: each is a point of the goal's trend."""
    shown = []
    for number in numbers:
        title = f"Climate survey {number}"
        _campaign_with_results(personas, title)
        shown.append(title)
    return shown


def _cycle_evidence(personas, cycle, numbers) -> list[str]:
    from elan.experiments.tests.factories import ExperimentFactory
    from elan.goals import services
    from elan.goals.constants import EvidenceKind

    shown = []
    for number in numbers:
        title = f"Cited card {number}"
        experiment = ExperimentFactory(owner=personas.employee, title=title, running=True)
        services.evidence_add(
            cycle=cycle,
            actor=personas.employee,
            kind=EvidenceKind.EXPERIMENT,
            experiment=experiment,
        )
        shown.append(title)
    return shown


def _cycles_for_hr(personas, _subject, numbers) -> list[str]:
    """People of the team, each with a cycle whose planning talk was held, for HR's figures and
    talk dates (the talk dates list the team's people)."""
    from elan.goals.constants import TalkKind
    from elan.goals.tests.factories import TalkFactory, cycle_of

    shown = []
    for number in numbers:
        person = colleague(personas, number, manager=personas.line_manager)
        cycle = cycle_of(person, starts_on=today() - datetime.timedelta(days=40))
        TalkFactory(
            cycle=cycle,
            kind=TalkKind.INTERIM,
            planned_on=today() - datetime.timedelta(days=3),
            held=True,
        )
        shown.append(f"Person {number}")
    return shown


def _cycles_per_department(personas, _subject, numbers) -> list[str]:
    """Departments of five people, each with a cycle whose planning talk was held."""
    from elan.goals.constants import TalkStatus
    from elan.goals.tests.factories import cycle_of

    for number in numbers:
        unit = department(personas, number)
        manager = colleague(personas, number * 10, unit=unit)
        for person in range(1, 6):
            cycle = cycle_of(
                colleague(personas, number * 10 + person, unit=unit, manager=manager),
                starts_on=today() - datetime.timedelta(days=40),
            )
            cycle.talks.update(status=TalkStatus.HELD, held_on=cycle.starts_on)
    return [f"Department {number}" for number in numbers]


def _objectives(personas, _subject, numbers) -> list[str]:
    from elan.goals.models import Objective
    from elan.goals.tests.factories import ObjectiveFactory

    shown = []
    for number in numbers:
        parent = Objective.objects.filter(unit=personas.team).order_by("pk").first()
        ObjectiveFactory(
            unit=personas.team,
            title=f"Objective number {number}",
            **({"parent": parent} if number % 2 and parent else {}),
        )
        shown.append(f"Objective number {number}")
    return shown


# --- feedback ----------------------------------------------------------------------------------


def _lists_in_review(personas, _subject, numbers) -> list[str]:
    """People reporting to the line manager, each with a rater list sent for review."""
    from elan.feedback import services
    from elan.feedback.tests.factories import invite, open_round

    shown = []
    for number in numbers:
        owner = colleague(personas, number, manager=personas.line_manager)
        round_ = open_round(owner)
        invite(round_)
        services.round_send_list(owner=owner, round_=round_)
        shown.append(f"Person {number}")
    return shown


def _lists_in_review_counted(personas, subject, numbers) -> list[str]:
    """The same lists, which the feedback page counts."""
    _lists_in_review(personas, subject, numbers)
    return [f"{max(numbers) + 1} rater lists wait for your review"]


def _own_draft_round(personas):
    from elan.feedback.tests.factories import open_round

    return open_round(personas.employee)


def _raters(personas, round_, numbers) -> list[str]:
    from elan.feedback.tests.factories import invite

    shown = []
    for number in numbers:
        rater = colleague(personas, number)
        invite(round_, email=rater.email)
        shown.append(f"Person {number}")
    return shown


def _feedback_shared(personas, _subject, numbers) -> list[str]:
    """People reporting to the line manager, each sharing a 360 report with them."""
    from elan.feedback.services import report_share_create
    from elan.feedback.tests.factories import feedback_round

    shown = []
    for number in numbers:
        owner = colleague(personas, number, manager=personas.line_manager)
        round_ = feedback_round(owner, raters={"peer": 1}, answered=False)
        report_share_create(owner=owner, round_=round_, grantee=personas.line_manager)
        shown.append(f"Person {number}")
    return shown


# --- assessments -------------------------------------------------------------------------------


def _profiles_shared(personas, _subject, numbers) -> list[str]:
    from elan.assessments.tests.factories import share, submitted_assessment

    shown = []
    for number in numbers:
        owner = colleague(personas, number, manager=personas.line_manager)
        submitted_assessment(owner)
        share(owner, personas.line_manager, "line_manager")
        shown.append(f"Person {number}")
    return shown


def _own_shares(personas, _subject, numbers) -> list[str]:
    """The employee's self-assessments, each shared with another colleague."""
    from elan.assessments.tests.factories import share, submitted_assessment

    shown = []
    for number in numbers:
        submitted_assessment(personas.employee)
        share(personas.employee, colleague(personas, number), "mentor")
        shown.append(f"Person {number}")
    return shown


def _assessed_employee(personas) -> None:
    from elan.assessments.tests.factories import submitted_assessment

    submitted_assessment(personas.employee)


PLAN_SKILLS = ("curiosity", "iteration", "data-literacy", "user-centricity", "storytelling")


def _plan_steps(personas, _subject, numbers) -> list[str]:
    """Steps of the employee's plan, every other one done: a plan holds three active steps at
    most, and lists the finished ones below them."""
    from elan.assessments.constants import StepStatus
    from elan.assessments.recommendations import builtin_suggestion
    from elan.assessments.services import plan_step_add, plan_step_transition

    shown = []
    for number in numbers:
        kind = ("practice", "experiment")[number % 2]
        skill = PLAN_SKILLS[number % len(PLAN_SKILLS)]
        suggestion = builtin_suggestion(f"elan:{kind}:{skill}")
        step = plan_step_add(owner=personas.employee, suggestion=suggestion)
        if number % 2 == 0:
            plan_step_transition(owner=personas.employee, step=step, to_status=StepStatus.DONE)
        shown.append(suggestion.title)
    return shown


def _sub_teams(personas, _subject, numbers) -> list[str]:
    from elan.organisations.tests.factories import UnitFactory

    shown = []
    for number in numbers:
        UnitFactory(
            parent=type(personas.team).objects.get(pk=personas.team.pk),
            code=f"FPS-ONE-TEAM-SUB{number}",
            name_en=f"Sub team {number}",
        )
        shown.append(f"Sub team {number}")
    return shown


def _sub_teams_in_the_snapshot(personas, _subject, numbers) -> list[str]:
    """Sub-teams of the team, in this month's snapshot of the skill mix (taken again)."""
    from elan.assessments.models import TeamMixPeriod
    from elan.assessments.team import snapshot_take
    from elan.assessments.tests.factories import instrument

    instrument()
    shown = _sub_teams(personas, None, numbers)
    TeamMixPeriod.objects.all().delete()
    snapshot_take()
    return shown


# --- accounts ----------------------------------------------------------------------------------


def _own_data(personas, _subject, numbers) -> list[str]:
    """The employee's cards, each with an iteration, a co-owner and a time-box reminder sent,
    and cards a colleague shares with them: what their data export lists."""
    from elan.experiments.models import TimeBoxReminder
    from elan.experiments.tests.factories import ExperimentFactory, IterationFactory

    shown = []
    for number in numbers:
        title = f"Exported card {number}"
        experiment = ExperimentFactory(
            owner=personas.employee,
            title=title,
            running=True,
            co_owners=[colleague(personas, number)],
        )
        IterationFactory(experiment=experiment)
        TimeBoxReminder.objects.create(
            experiment=experiment, ends_on=experiment.ends_on, lead_days=7
        )
        ExperimentFactory(
            owner=colleague(personas, 100 + number),
            co_owners=[personas.employee],
            title=f"Co-owned card {number}",
        )
        shown += [title, f"Co-owned card {number}"]
    return shown


def _organised_data(personas, _subject, numbers) -> list[str]:
    """Programmes HR organises, each with what HR did to it: what HR's data export lists."""
    from elan.network.constants import EventKind
    from elan.network.models import ProgrammeEvent
    from elan.network.tests.factories import ProgrammeFactory

    shown = []
    for number in numbers:
        title = f"Organised programme {number}"
        programme = ProgrammeFactory(
            scope=personas.organisation, organiser=personas.hr, title=title
        )
        ProgrammeEvent.objects.create(programme=programme, by=personas.hr, kind=EventKind.EDITED)
        shown.append(title)
    return shown


def _people(personas, _subject, numbers) -> list[str]:
    shown = []
    for number in numbers:
        colleague(personas, number, unit=department(personas, number))
        shown.append(f"Person {number}")
    return shown


# --- the learning network ----------------------------------------------------------------------


def _programmes(personas, _subject, numbers) -> list[str]:
    """Programmes HR organises, each with a participant."""
    from elan.network.constants import Role
    from elan.network.models import Participant
    from elan.network.tests.factories import ProgrammeFactory

    shown = []
    for number in numbers:
        title = f"Programme number {number}"
        programme = ProgrammeFactory(
            open=True, scope=personas.organisation, organiser=personas.hr, title=title
        )
        Participant.objects.create(
            programme=programme, user=colleague(personas, number), role=Role.MENTEE
        )
        shown.append(title)
    return shown


def _closed_programme(personas):
    from elan.network.tests.factories import ProgrammeFactory

    return ProgrammeFactory(
        closed=True, scope=personas.organisation, organiser=personas.hr, title="Closed one"
    )


def _departments_taking_part(personas, programme, numbers) -> list[str]:
    """Per department, a mentor and a mentee in an ended pair, and five answers to the end
    survey."""
    from elan.network.constants import MatchStatus, Role
    from elan.network.models import Match, Participant, SurveyResponse

    shown = []
    for number in numbers:
        unit = department(personas, number)
        mentee, mentor = (
            Participant.objects.create(
                programme=programme,
                user=colleague(personas, number * 10 + offset, unit=unit),
                role=role,
            )
            for offset, role in enumerate((Role.MENTEE, Role.MENTOR))
        )
        Match.objects.create(
            programme=programme, mentee=mentee, mentor=mentor, status=MatchStatus.ENDED
        )
        SurveyResponse.objects.bulk_create(
            SurveyResponse(
                programme=programme,
                unit_path=unit.path,
                scores={"useful": 4, "learnt": 4, "across": 4, "recommend": 4},
                week=programme.ends_on,
            )
            for _ in range(5)
        )
        shown.append(f"Department {number}")
    return shown


def _matrix_pair(personas):
    from elan.network.tests.factories import matrix_pair

    return matrix_pair(personas)


def _meetings(personas, pair, numbers) -> list[str]:
    from elan.network import services

    shown = []
    for number in numbers:
        note = f"Meeting number {number}"
        services.meeting_log(match=pair, by=personas.employee, held_on=today(), note=note)
        shown.append(note)
    return shown


def _asking_for_help(personas):
    """The employee with a profile, asking who can help with storytelling."""
    from elan.network.tests.factories import profile_for, skill

    profile_for(personas.employee, wishes=["storytelling"])
    return skill("storytelling")


def _helpers(personas, _competency, numbers) -> list[str]:
    from elan.network.tests.factories import profile_for

    shown = []
    for number in numbers:
        helper = colleague(personas, number, unit=department(personas, number))
        profile_for(helper, strengths=["storytelling", "curiosity"])
        shown.append(f"Person {number}")
    return shown


def _ranking_mentee(personas):
    """An open programme that honours ranked preferences, the employee a mentee in it without a
    mentor yet."""
    from elan.network.tests.factories import ProgrammeFactory, join, profile_for

    programme = ProgrammeFactory(
        open=True, scope=personas.organisation, organiser=personas.hr, title="Ranked"
    )
    profile_for(personas.employee, wishes=["storytelling"])
    join(programme, personas.employee)
    return programme


def _mentors(personas, programme, numbers) -> list[str]:
    """Mentors of other departments who joined the programme."""
    from elan.network.constants import Role
    from elan.network.tests.factories import join, profile_for

    shown = []
    for number in numbers:
        mentor = colleague(personas, number, unit=department(personas, number))
        profile_for(mentor, strengths=["storytelling"], mentor=True)
        join(programme, mentor, Role.MENTOR)
        shown.append(f"Person {number}")
    return shown


def _programme_with_proposals(personas):
    """``_ranking_mentee``'s programme with a mentor, matched: a pair proposed, not published."""
    from elan.network import services

    programme = _ranking_mentee(personas)
    _mentors(personas, programme, range(1))
    services.programme_match(programme=programme, by=personas.hr)
    return programme


def _helper_to_introduce(personas) -> dict:
    competency = _asking_for_help(personas)
    _helpers(personas, competency, range(1))
    helper = type(personas.employee).objects.get(email="row0.fps-one-row0@elan.test")
    return {"to": helper.pk, "skill": competency.pk}


def _own_profile(personas) -> None:
    from elan.network.tests.factories import profile_for

    profile_for(personas.employee, wishes=["storytelling"])


# --- insights ----------------------------------------------------------------------------------


def _campaign_with_results(personas, title: str, unit=None):
    """A campaign whose first round five people answered, closed: its results are out."""
    from elan.insights.tests.factories import (
        CampaignFactory,
        answer,
        close_round,
        invited,
        open_round,
    )

    campaign = CampaignFactory(unit=unit or personas.team, title=title)
    round_ = open_round(campaign)
    for user in invited(round_):
        answer(round_, user, comment="A remark.")
    close_round(campaign)
    return campaign


def _grown_team(personas) -> None:
    """The team grown to six people: a survey round needs five invited to open."""
    from elan.organisations.tests.factories import person_in

    for _ in range(3):
        person_in(personas.team)


def _campaigns_with_results(personas, _subject, numbers) -> list[str]:
    shown = []
    for number in numbers:
        title = f"Climate number {number}"
        _campaign_with_results(personas, title)
        shown.append(title)
    return shown


def _latest_campaign(personas) -> dict:
    """Where the latest campaign built by ``_departments_answering`` is kept: each reading is of
    a new campaign, whose chart holds every department made so far."""
    return {}


def _departments_answering(personas, latest: dict, numbers) -> list[str]:
    """New departments of five people each; then a new campaign over the organisation that
    everyone invited answers, closed, so that its results hold every department."""
    for number in numbers:
        unit = department(personas, number)
        for person in range(5):
            colleague(personas, number * 10 + person, unit=unit)
    latest["campaign"] = _campaign_with_results(
        personas, f"Organisation climate {len(latest)}", unit=personas.organisation
    )
    return [f"Department {number}" for number in range(max(numbers) + 1)]


def _latest_campaign_pk(latest: dict) -> dict:
    return {"pk": latest["campaign"].pk}


def _team_plan(personas):
    _grown_team(personas)
    return _campaign_with_results(personas, "Climate with a plan")


def _actions(personas, campaign, numbers) -> list[str]:
    from elan.insights import services

    round_ = campaign.rounds.get()
    shown = []
    for number in numbers:
        title = f"Action number {number}"
        services.action_add(
            round_=round_,
            unit_code=personas.team.code,
            by=personas.team_lead,
            measure="psychological-safety",
            title=title,
            owner=personas.employee if number % 2 else personas.line_manager,
            today=round_.closed_on,
        )
        shown.append(title)
    return shown


# --- the knowledge hub ---------------------------------------------------------------------------

HUB_KINDS = ("tool", "case", "resource")


def _hub_entries(personas, _subject, numbers) -> list[str]:
    """Hub pages in the search index, tools, cases and reading in turn, each about testing an
    idea small (the navigator's "test an idea") and iteration."""
    from django.contrib.postgres.search import SearchVector
    from wagtail.models import Page

    from elan.knowledge.models import HubHomePage, HubSearchEntry

    # The same world whether or not the hub's own tests loaded the shipped hub in this worker
    # (elan/knowledge/tests/conftest.py): a hub home, as every site has, and only these rows in
    # the index, which the shipped pages would otherwise outrank.
    HubSearchEntry.objects.exclude(title__startswith="Hub page number ").delete()
    root = Page.get_first_root_node()
    if not HubHomePage.objects.live().filter(locale__language_code="en").exists():
        root.add_child(
            instance=HubHomePage(
                title="Hub",
                slug="hub-home",
                content_key="budget-hub-home",
                summary="Tools, cases and reading.",
                intro="<p>Try things small first.</p>",
            )
        )
        root.refresh_from_db()
    shown = []
    for number in numbers:
        title = f"Hub page number {number}"
        page = root.add_child(instance=Page(title=title, slug=f"hub-page-{number}"))
        root.refresh_from_db()
        entry = HubSearchEntry.objects.create(
            page=page,
            translation_key=page.translation_key,
            language="en",
            content_language="en",
            kind=HUB_KINDS[number % len(HUB_KINDS)],
            title=title,
            summary="Try it small first.",
            principles=" test-small-adjust-fast ",
            skills=" iteration ",
            url=f"/en/hub/hub-page-{number}/",
            folded_text=f"hub page number {number} try it small first",
        )
        if connection.vendor == "postgresql":
            # What the hub's indexer stores (elan/knowledge/services.py), for full-text search.
            HubSearchEntry.objects.filter(pk=entry.pk).update(
                search_vector=SearchVector("title", "summary", config="english")
                + SearchVector("folded_text", config="simple")
            )
        shown.append(title)
    return shown


# --- skills ------------------------------------------------------------------------------------


def _frameworks(personas, _subject, numbers) -> list[str]:
    from elan.skills.tests.factories import FrameworkFactory

    shown = []
    for number in numbers:
        FrameworkFactory(slug=f"framework-row-{number}")
        shown.append(f"Framework framework-row-{number}")
    return shown


def _framework(personas):
    from elan.skills.tests.factories import CompetencyGroupFactory, FrameworkFactory

    framework = FrameworkFactory(slug="budget-framework")
    CompetencyGroupFactory(framework=framework, slug="budget-group")
    return framework


def _competencies(personas, framework, numbers) -> list[str]:
    """Competencies of the framework, each with two levels of two indicators and a link to the
    competency before it."""
    from elan.skills.models import Competency
    from elan.skills.tests.factories import (
        BehaviouralIndicatorFactory,
        CompetencyFactory,
        CrosswalkLinkFactory,
        ProficiencyLevelFactory,
    )

    shown = []
    for number in numbers:
        previous = Competency.objects.filter(framework=framework).order_by("-pk").first()
        competency = CompetencyFactory(
            framework=framework,
            group=framework.groups.first(),
            slug=f"competency-row-{number}",
        )
        for rank in (1, 2):
            level = ProficiencyLevelFactory(competency=competency, rank=rank)
            for position in (1, 2):
                BehaviouralIndicatorFactory(level=level, position=position)
        if previous is not None:
            CrosswalkLinkFactory(source=competency, target=previous)
        shown.append(f"competency-row-{number}")
    return shown


def _slug(framework) -> dict:
    return {"slug": framework.slug}


# --- the budgets -------------------------------------------------------------------------------

# Pages that list rows: the same count for FEW rows and for MORE, and that count is the budget.
LIST_PAGES: tuple[Page, ...] = (
    Page(
        "ideas:campaign",
        "employee",
        _ideas_in_the_campaign,
        subject=lambda personas: _ideas_matrix("matrix_campaign", personas),
        kwargs=lambda campaign: {"public_id": campaign.public_id},
        rows="ideas",
    ),
    Page(
        "ideas:box",
        "employee",
        _ideas_in_the_box,
        subject=lambda personas: personas.team,
        kwargs=lambda team: {"code": team.code},
        rows="ideas",
    ),
    Page(
        "ideas:idea",
        "employee",
        _comments_on_the_idea,
        subject=lambda personas: _ideas_matrix("matrix_idea", personas),
        kwargs=lambda idea: {"public_id": idea.public_id},
        rows="comments",
    ),
    Page("ideas:home", "employee", _own_named_ideas, rows="one's named ideas"),
    Page("retrospectives:index", "employee", _retrospective_boards, rows="the team's boards"),
    Page(
        "retrospectives:board",
        "employee",
        _cards_on_the_board,
        subject=_acting_retrospective,
        kwargs=lambda board: {"pk": board.pk},
        rows="cards named and anonymous, groups, dots and actions",
    ),
    Page("experiments:home", "employee", _experiments_own, rows="own and co-owned cards"),
    Page("experiments:wall", "employee", _experiments_on_the_wall, rows="shared cards"),
    Page("experiments:report", "employee", _experiments_in_the_report, rows="decided cards"),
    Page(
        "experiments:report_pdf",
        "employee",
        _experiments_in_the_report,
        rows="decided cards",
        is_pdf=True,
    ),
    Page("experiments:team", "line_manager", _experiments_of_the_team, rows="reports' cards"),
    Page("experiments:figures", "hr", _experiments_counted, rows="departments"),
    Page("experiments:figures_csv", "hr", _experiments_counted, rows="departments"),
    Page(
        "experiments:detail",
        "employee",
        _card_rows,
        subject=_running_card,
        kwargs=_public_id,
        rows="iterations, co-owners, cards built on it",
    ),
    Page("goals:home", "line_manager", _evaluated_cycles, rows="cycles evaluated"),
    Page(
        "goals:cycle",
        "employee",
        _goals_of_the_cycle,
        subject=_own_cycle,
        kwargs=_public_id,
        rows="goals with their history",
    ),
    Page(
        "goals:cycle",
        "line_manager",
        _climate_goals,
        subject=_managers_cycle,
        kwargs=_public_id,
        label="goals:cycle of a manager whose goals follow the team's climate",
        rows="enabling goals with the climate's trend",
    ),
    Page(
        "goals:cycle",
        "line_manager",
        _climate_surveys,
        subject=_managers_climate_goal,
        kwargs=_public_id,
        label="goals:cycle of a manager whose goal follows several climate surveys",
        rows="climate surveys in the trend",
        # The trend reads each survey as insights reads one (elan/goals/climate.py): six
        # queries a survey, of which a team has a few a year. Reading them all at once needs
        # insights to read several campaigns' trends together, which it cannot yet.
        per_row=6,
    ),
    Page(
        "goals:sheet",
        "employee",
        _goals_of_the_cycle,
        subject=_own_cycle,
        kwargs=_public_id,
        rows="goals",
    ),
    Page(
        "goals:sheet_pdf",
        "employee",
        _goals_of_the_cycle,
        subject=_own_cycle,
        kwargs=_public_id,
        rows="goals",
        is_pdf=True,
    ),
    Page(
        "goals:evidence",
        "employee",
        _cycle_evidence,
        subject=_own_cycle,
        kwargs=_public_id,
        rows="evidence items",
    ),
    Page("goals:figures", "hr", _cycles_per_department, rows="departments' cycles"),
    Page("goals:figures_csv", "hr", _cycles_per_department, rows="departments' cycles"),
    Page("goals:talks", "hr", _cycles_for_hr, rows="people's talk dates"),
    Page("goals:talks_csv", "hr", _cycles_for_hr, rows="people's talk dates"),
    Page("goals:objectives", "hr", _objectives, rows="objectives"),
    Page("feedback:reviews", "line_manager", _lists_in_review, rows="lists to review"),
    Page("feedback:home", "line_manager", _lists_in_review_counted, rows="lists to review"),
    Page(
        "feedback:round",
        "employee",
        _raters,
        subject=_own_draft_round,
        kwargs=_public_id,
        rows="raters",
    ),
    Page("feedback:shared_list", "line_manager", _feedback_shared, rows="shared reports"),
    Page("assessments:shared_list", "line_manager", _profiles_shared, rows="shared profiles"),
    Page("assessments:sharing", "employee", _own_shares, rows="shares and assessments"),
    Page(
        "assessments:plan",
        "employee",
        _plan_steps,
        subject=_assessed_employee,
        rows="plan steps, active and done",
    ),
    Page("assessments:team", "team_lead", _sub_teams, rows="units"),
    Page(
        "assessments:team_unit",
        "team_lead",
        _sub_teams_in_the_snapshot,
        kwargs=lambda personas: {"unit_id": personas.team.pk},
        subject=lambda personas: personas,
        rows="sub-teams",
    ),
    Page("accounts:person_list", "administrator", _people, rows="people"),
    Page("accounts:my_data_download", "employee", _own_data, rows="own and co-owned cards"),
    Page(
        "accounts:my_data_download",
        "hr",
        _organised_data,
        label="accounts:my_data_download for an organiser",
        rows="programmes organised",
    ),
    Page("network:programmes", "hr", _programmes, rows="programmes"),
    Page(
        "network:programme_figures",
        "hr",
        _departments_taking_part,
        subject=_closed_programme,
        kwargs=_public_id,
        rows="departments taking part",
    ),
    Page(
        "network:pair",
        "employee",
        _meetings,
        subject=_matrix_pair,
        kwargs=_public_id,
        rows="meetings",
    ),
    Page(
        "network:help",
        "employee",
        _helpers,
        subject=_asking_for_help,
        query_for=lambda competency: f"?skill={competency.pk}",
        rows="helpers",
    ),
    Page(
        "network:preferences",
        "employee",
        _mentors,
        subject=_ranking_mentee,
        kwargs=_public_id,
        rows="mentors to rank",
    ),
    Page(
        "insights:home",
        "team_lead",
        _campaigns_with_results,
        subject=_grown_team,
        rows="campaigns with results",
    ),
    Page(
        "insights:heatmap",
        "hr",
        _departments_answering,
        subject=_latest_campaign,
        kwargs=_latest_campaign_pk,
        rows="departments",
    ),
    Page(
        "insights:export",
        "hr",
        _departments_answering,
        subject=_latest_campaign,
        kwargs=lambda latest: {**_latest_campaign_pk(latest), "fmt": "csv"},
        rows="departments",
    ),
    Page(
        "/api/insights/campaigns/{pk}/heatmap",
        "hr",
        _departments_answering,
        subject=_latest_campaign,
        kwargs=_latest_campaign_pk,
        api=True,
        label="api:insights:heatmap",
        rows="departments",
    ),
    Page(
        "knowledge:navigator",
        "visitor",
        _hub_entries,
        query="?intention=test-an-idea",
        rows="tools, cases and reading, two of each",
    ),
    Page(
        "knowledge:search",
        "visitor",
        _hub_entries,
        query="?q=small",
        rows="hits",
    ),
    Page("skills:framework_list", "visitor", _frameworks, rows="frameworks"),
    Page(
        "skills:framework_detail",
        "visitor",
        _competencies,
        subject=_framework,
        kwargs=_slug,
        rows="competencies",
    ),
    Page(
        "skills:framework_export",
        "visitor",
        _competencies,
        subject=_framework,
        kwargs=_slug,
        rows="competencies",
    ),
    Page(
        "skills:framework_case",
        "visitor",
        _competencies,
        subject=_framework,
        kwargs=_slug,
        rows="competencies",
    ),
)


def detail(name: str, persona: str, **fields) -> Page:
    """A page read once, with the URL arguments the access table builds for it
    (tests/access_table.py), unless ``subject`` and ``kwargs`` are given."""
    from tests.access_table import ACCESS_TABLE

    row = ACCESS_TABLE.get(name)
    if "kwargs" not in fields and row is not None and row.kwargs is not None:
        fields["kwargs"] = row.kwargs
        fields.setdefault("subject", lambda personas: personas)
    if "query" not in fields and row is not None:
        fields["query"] = row.query
    return Page(name, persona, **fields)


def _full_team_plan(personas):
    """The team's plan with three actions, the most a plan holds (``MAX_ACTIONS_PER_PLAN``)."""
    campaign = _team_plan(personas)
    _actions(personas, campaign, range(3))
    return campaign


def _published_campaign(personas):
    from elan.insights.tests.factories import insights_matrix_campaign

    return insights_matrix_campaign(personas, "published")


def _campaign_pk(campaign) -> dict:
    return {"pk": campaign.pk}


def _campaign_and_team(campaign) -> dict:
    return {"pk": campaign.pk, "code": campaign.unit.code}


def _deactivated_employee(personas):
    from elan.accounts import services

    services.user_deactivate(user=personas.employee, actor=personas.administrator)
    return personas.employee


def _decided_card(personas, decision: str):
    from elan.experiments.tests.factories import decided_experiment

    return decided_experiment(personas.employee, decision)


# Pages read once: a detail page, a form, a page whose rows the product caps.
DETAIL_PAGES: tuple[Page, ...] = (
    detail("portal:home", "visitor", label="portal:home for a visitor"),
    detail("portal:home", "employee", label="portal:home for someone with nothing yet"),
    detail("portal:accessibility", "visitor"),
    detail("portal:report_barrier", "visitor"),
    detail("core:anonymity", "visitor"),
    detail("core:anonymity_rule", "visitor"),
    detail("health", "visitor"),
    detail("account_login", "visitor"),
    detail("account_reset_password", "visitor"),
    detail("account_change_password", "employee"),
    detail("skills_admin:framework_import", "hr"),
    detail("accounts:me", "employee"),
    detail("accounts:my_data", "employee"),
    detail("accounts:person_detail", "administrator"),
    detail("accounts:person_deactivate", "administrator"),
    detail(
        "accounts:person_reactivate",
        "administrator",
        subject=_deactivated_employee,
        kwargs=lambda employee: {"pk": employee.pk},
    ),
    detail("organisations:confirm_address", "visitor"),
    detail("assessments:start", "employee"),
    detail("assessments:step", "employee"),
    detail("assessments:profile", "employee"),
    detail("assessments:profile_pdf", "employee"),
    detail("assessments:shared_profile", "line_manager"),
    detail("feedback:report", "employee"),
    detail("feedback:review", "line_manager"),
    detail("feedback:shared_report", "line_manager"),
    detail("feedback:respond", "visitor"),
    detail("feedback:respond_done", "visitor"),
    detail("feedback:psychometrics", "hr"),
    detail("goals:goal_new", "employee"),
    detail("goals:talk_new", "employee"),
    detail("goals:goal_edit", "employee"),
    detail("goals:talk", "employee"),
    detail("goals:goal_change", "employee"),
    detail("goals:evidence_view", "employee"),
    detail("goals:objective_new", "hr"),
    detail("goals:objective_edit", "hr"),
    detail("experiments:new", "employee"),
    detail("experiments:edit", "employee"),
    detail("experiments:iteration_new", "employee"),
    detail("experiments:decide", "employee"),
    detail("experiments:close", "employee"),
    detail("experiments:mandate", "employee"),
    detail("experiments:start", "employee"),
    detail("experiments:permission", "line_manager"),
    detail(
        "experiments:regularise",
        "employee",
        subject=lambda personas: _decided_card(personas, "scale"),
        kwargs=_public_id,
    ),
    detail(
        "experiments:resume",
        "employee",
        subject=lambda personas: _decided_card(personas, "park"),
        kwargs=_public_id,
    ),
    detail("insights:campaign_create", "hr"),
    detail("insights:campaign_detail", "hr"),
    detail("insights:campaign_edit", "hr"),
    detail("insights:respond", "employee"),
    detail("insights:respond_done", "employee"),
    detail("insights:team_report", "employee"),
    detail("insights:trends", "employee"),
    detail("insights:comments", "employee"),
    detail("insights:release", "team_lead"),
    detail(
        "insights:action_plan",
        "team_lead",
        subject=_full_team_plan,
        kwargs=_campaign_and_team,
        label="insights:action_plan with its three actions",
    ),
    detail("insights:action_check", "employee"),
    detail(
        "/api/insights/campaigns/{pk}/rounds",
        "employee",
        subject=_published_campaign,
        kwargs=_campaign_pk,
        api=True,
        label="api:insights:rounds",
    ),
    detail(
        "/api/insights/campaigns/{pk}/units/{code}",
        "employee",
        subject=_published_campaign,
        kwargs=_campaign_and_team,
        api=True,
        label="api:insights:unit",
    ),
    detail(
        "/api/insights/campaigns/{pk}/units/{code}/trend",
        "employee",
        subject=_published_campaign,
        kwargs=_campaign_and_team,
        api=True,
        label="api:insights:trend",
    ),
    detail(
        "/api/insights/campaigns/{pk}/units/{code}/comments",
        "employee",
        subject=_published_campaign,
        kwargs=_campaign_and_team,
        api=True,
        label="api:insights:comments",
    ),
    detail("network:home", "employee"),
    detail("network:profile", "employee"),
    detail("network:profile_delete", "employee", subject=_own_profile),
    detail(
        "network:introduce",
        "employee",
        subject=_helper_to_introduce,
        query_for=lambda chosen: f"?to={chosen['to']}&skill={chosen['skill']}",
    ),
    detail("network:programme_new", "hr"),
    detail("network:programme_edit", "hr"),
    detail("network:programme_manage", "hr"),
    detail(
        "network:programme_publish",
        "hr",
        subject=_programme_with_proposals,
        kwargs=_public_id,
    ),
    detail("network:programme_export", "hr"),
    detail("network:programme", "employee"),
    detail("network:survey", "employee"),
    detail("events:organiser_list", "hr"),
    detail("events:event_new", "hr"),
    detail("events:event_manage", "hr"),
    detail("events:event_edit", "hr"),
    detail("events:event_teams", "hr"),
    detail("events:help_figures", "hr"),
    detail("events:challenge_new", "team_lead"),
    detail("events:home", "employee"),
    detail("events:event", "employee"),
    detail("events:register", "employee"),
    detail("events:mentor_volunteer", "employee"),
    detail("events:team", "employee"),
    detail("events:retrospective", "employee"),
    detail("events:mentor_queue", "line_manager"),
    detail("cohorts:cohorts", "employee"),
    detail("cohorts:cohort_new", "hr"),
    detail("cohorts:cohort", "employee"),
    detail("cohorts:cohort_edit", "hr"),
    detail("cohorts:cohort_calendar", "employee"),
    detail("cohorts:cohort_calendar_ics", "employee"),
    detail("cohorts:session_new", "hr"),
    detail("cohorts:session", "employee"),
    detail("cohorts:session_edit", "hr"),
    detail("cohorts:cohort_board", "employee"),
    detail("cohorts:board_item_new", "employee"),
    detail("cohorts:board_item_edit", "employee"),
    detail("cohorts:cohort_experiments", "employee"),
    detail("ideas:figures", "employee"),
    detail("ideas:boxes", "employee"),
    detail("ideas:box_idea_new", "employee"),
    detail("ideas:campaign_new", "hr"),
    detail("ideas:campaign_edit", "hr"),
    detail("ideas:campaign_idea_new", "employee"),
    detail("ideas:private", "visitor"),
    detail("retrospectives:board_new", "employee"),
)


# The pages of tests/access_table.py with no budget here, and why; a row whose ``why`` says
# "POST only" needs none either (a GET answers 405 before reading anything of its own).
NOT_BUDGETED: dict[str, str] = {
    **dict.fromkeys(
        (
            "account_logout",
            "account_signup",
            "account_reauthenticate",
            "account_email",
            "account_set_password",
            "account_inactive",
            "account_email_verification_sent",
            "account_confirm_email",
            "account_reset_password_done",
            "account_reset_password_from_key",
            "account_reset_password_from_key_done",
            "account_confirm_login_code",
            "account_request_reauthentication_code",
            "account_confirm_reauthentication_code",
            "mfa_index",
            "mfa_authenticate",
            "mfa_reauthenticate",
            "mfa_activate_totp",
            "mfa_deactivate_totp",
            "mfa_view_recovery_codes",
            "mfa_generate_recovery_codes",
            "mfa_download_recovery_codes",
            "socialaccount_signup",
            "socialaccount_login_cancelled",
            "socialaccount_login_error",
            "socialaccount_connections",
            "openid_connect_login",
            "openid_connect_callback",
        ),
        "allauth's own steps of a login or an account change: a form or a redirect that "
        "depends on the login's state, with no rows; the login, password reset and password "
        "change pages are budgeted",
    ),
    "wagtailcore_authenticate_with_password": "Wagtail's password form for restricted pages, "
    "which the hub does not use",
    "wagtailcore_login": "Wagtail's login, which only sends to allauth's",
}
