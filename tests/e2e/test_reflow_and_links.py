# SPDX-License-Identifier: EUPL-1.2
"""Every persona walks the site by its links, on a 320 px wide screen (issue 15, points 3 and 5).

Starting at the home page, each persona follows every same-origin link of every page it reaches,
breadth first, within one language, and for every page:

- it reflows (WCAG 1.4.10): nothing scrolls sideways at 320 CSS pixels; a wide table may scroll
  only inside a region that is focusable and labelled (``role="region"``, ``tabindex="0"``,
  ``aria-labelledby`` or ``aria-label``), so a keyboard can scroll it and a screen reader names it;
- the console shows no error and no same-origin request fails (the page watcher of conftest.py);
- every same-origin link on it answers below 400 for that persona, checked in the page's own
  session (the pages of other languages, downloads and the back office's entry included).

Then the walk is held against the persona × URL oracle (tests/access_table.py): every page the
persona may open must have been reached by a link, so no page is an orphan for the roles that
may use it. The few pages no link can lead to (a secret sent by e-mail, the page after a POST)
are listed in ``UNLINKED`` with the reason; those a person opens from an address kept outside
the site (an anonymous idea's private link) are ``ENTRY_POINTS``, which the walk opens after
the home page and measures like the others.

Building the world takes about as long as a short walk, so the personas who read the same hub
share one world and walk it one after the other (``WALK_GROUPS``), each in a session of its
own: the cookies and the page's storage are cleared before the next one logs in. A walk only
reads (GET requests); a login writes the persona's own session and second factor only. Several
groups rather than one keep each test short enough for the two workers to share them.

The world is small but complete: a closed survey round whose results are out (part of them
shared up the line early), an open round and a draft, a team action whose check is due, a
self-assessment submitted and one in progress, a plan, a closed 360 round with its report
shared, a rater list waiting for review, the hub (for the visitor its home, each section
and one page of each type; for the others a branch), and the modules after them: goals,
experiments, the learning network, events, a cohort, an idea campaign with a named idea
and an anonymous idea in the team's box, and the team's retrospectives (one collecting cards,
one with an agreed action). Each persona walks in another language,
German included, whose long words are the hardest to reflow.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import pytest
from django.core.cache import cache
from django.urls import Resolver404, URLResolver, get_resolver, resolve, reverse
from django.utils import timezone, translation
from playwright.sync_api import Page

from tests.access_table import ACCESS_TABLE, NOT_WALKED, OK
from tests.e2e.support import login_as
from tests.e2e.test_knowledge_hub import ONE_OF_EACH_TYPE

pytestmark = pytest.mark.browser

VIEWPORT = {"width": 320, "height": 720}
LANGUAGES = ("nl", "fr", "de", "en")
# The language each persona walks in; together they cover all four.
WALK_LANGUAGES = {
    "visitor": "fr",
    "employee": "nl",
    "line_manager": "fr",
    "team_lead": "de",
    "hr": "en",
    "content_editor": "de",
    "moderator": "nl",
    "administrator": "de",
    "outsider": "en",
}
# Who walks one world together (see the module's docstring). The visitor walks alone: only it
# reads the whole hub sample, which would lengthen every other walk by some twenty pages.
WALK_GROUPS = {
    "visitor": ("visitor",),
    "staff": ("employee", "outsider", "moderator"),
    "managers": ("hr", "team_lead", "content_editor"),
    "back_office": ("administrator", "line_manager"),
}
# A sane bound: the world has about 110 pages for the busiest persona (HR; each unit of the
# organisation adds two, its idea box and the form to post to it). A walk that reaches the
# bound fails, since its reach could no longer be held against the access table.
MAX_PAGES = 150

# Followed by a request only, never opened as a page: files, and the way out.
DOWNLOAD_SUFFIXES = (".csv", ".xlsx", ".pdf", ".json", ".md", ".zip", ".txt", ".ics")
DOWNLOAD_NAMES = {
    "accounts:my_data_download",
    "assessments:profile_pdf",
    "insights:export",
    "mfa_download_recovery_codes",
    "skills:framework_case",
    "skills:framework_export",
}
NEVER_FOLLOWED_NAMES = {"account_logout"}

# Pages a person reaches from outside the site, whose address no link on it can carry: the walk
# opens them after the home page, measures them and follows their links like any other page,
# and they count as reached. Each gives its address in the walk's language, with the reason.
ENTRY_POINTS: dict[str, str] = {
    "ideas:private": "an anonymous idea's private link: shown once to its author, who keeps it",
}


def entry_point_paths(language: str) -> list[str]:
    from elan.ideas.tests.factories import MATRIX_TOKEN

    kwargs = {"ideas:private": {"token": MATRIX_TOKEN}}
    with translation.override(language):
        return [reverse(name, kwargs=kwargs[name]) for name in ENTRY_POINTS]


# Pages of the access table that no link can lead to, for every persona, with the reason.
UNLINKED: dict[str, str] = {
    "health": "the load balancer's probe, outside the language prefixes; no page is about it",
    "feedback:respond": "a rater's form: its address carries a secret sent by e-mail",
    "feedback:respond_done": "where a rater lands after sending the form (a POST)",
    "insights:respond_done": "where a respondent lands after sending the survey (a POST)",
    "organisations:confirm_address": "its address carries a token sent to the new address",
}
# Pages linked only while there is something on them, with the personas who have something in
# this world; for the others the link is rightly absent.
ONLY_WITH_SOMETHING_TO_SHOW: dict[str, tuple[tuple[str, ...], str]] = {
    "feedback:reviews": (
        ("line_manager",),
        "the 360 home links it while a rater list waits for one's review",
    ),
    "assessments:shared_list": (
        ("line_manager",),
        "the profile links it once someone shared a profile with one",
    ),
    "assessments:shared_profile": (
        ("line_manager",),
        "a profile shared with one; its owner reads it as their own profile",
    ),
}

# Reads the page's width and finds what sticks out. A horizontal scroller must be a focusable,
# labelled region; what overflows inside one scrolls there and does not count.
REFLOW_SCRIPT = """() => {
    const width = document.documentElement.clientWidth;
    const describe = (el) => {
        let name = el.tagName.toLowerCase();
        if (el.id) name += "#" + el.id;
        if (typeof el.className === "string" && el.className.trim()) {
            name += "." + el.className.trim().split(/\\s+/).join(".");
        }
        const text = (el.innerText || el.textContent || "").trim().replace(/\\s+/g, " ");
        return text ? `${name} "${text.slice(0, 60)}"` : name;
    };
    const labelled = (el) => {
        if ((el.getAttribute("aria-label") || "").trim()) return true;
        const ids = (el.getAttribute("aria-labelledby") || "").split(/\\s+/).filter(Boolean);
        return ids.length > 0 && ids.every((id) => {
            const target = document.getElementById(id);
            return target && target.textContent.trim();
        });
    };
    const scrollers = [];
    const badScrollers = [];
    for (const el of document.body.querySelectorAll("*")) {
        const overflow = getComputedStyle(el).overflowX;
        if (!["auto", "scroll"].includes(overflow) || el.scrollWidth <= el.clientWidth + 1) {
            continue;
        }
        scrollers.push(el);
        const ok = el.getAttribute("role") === "region" && el.getAttribute("tabindex") === "0"
            && labelled(el);
        if (!ok) badScrollers.push(describe(el));
    }
    // What is positioned may escape its scroller (when the scroller is not its containing
    // block) and widen the page: only what stays in the flow scrolls with the region.
    const inScroller = (el) => !["absolute", "fixed"].includes(getComputedStyle(el).position)
        && scrollers.some((s) => s !== el && s.contains(el));
    const sticking = [];
    for (const el of document.body.querySelectorAll("*")) {
        const box = el.getBoundingClientRect();
        if (box.width === 0 || box.right <= width + 1 || inScroller(el)) continue;
        // Name the innermost culprits: an element whose children stay inside is one.
        const childOut = [...el.children].some((c) => c.getBoundingClientRect().right > width + 1);
        if (!childOut) sticking.push(`${describe(el)} (right edge ${Math.round(box.right)} px)`);
    }
    return {
        scrollWidth: document.documentElement.scrollWidth,
        clientWidth: width,
        sticking: sticking.slice(0, 6),
        badScrollers,
    };
}"""


# --- The world ---------------------------------------------------------------------------------

# The hub as a visitor reads it: its home, its definition, every section and one page of each
# type of item (the sample the hub's own browser test reads). The others walk one branch of it
# (their pages differ from a visitor's only in the header, which every other page of theirs has
# too): loading and walking the whole sample for each of them would double the test's time and
# tell nothing new.
HUB_SAMPLE = set(ONE_OF_EACH_TYPE)
HUB_BRANCH = {"hub", "section-principles", "principle-real-conversations"}


def load_hub(monkeypatch, keys: set[str], *, every_section: bool) -> None:
    """The shipped hub, cut down to ``keys`` (and every section, if asked): the whole hub takes
    seconds to load, and sixty pages more would tell the walk nothing new."""
    from elan.knowledge import loader
    from elan.knowledge.content import TREE

    sample = tuple(
        node
        for node in TREE
        if node.key in keys or (every_section and node.key.startswith("section-"))
    )
    monkeypatch.setattr(loader, "TREE", sample)
    loader.load_hub_content()


def build_world(personas, monkeypatch, persona: str) -> None:
    from elan.assessments.recommendations import builtin_suggestion
    from elan.assessments.services import plan_step_add
    from elan.assessments.tests.factories import (
        SPIKY,
        in_progress_assessment,
        share,
        submitted_assessment,
    )
    from elan.cohorts.tests.factories import matrix_cohort
    from elan.events.models import EventMentor
    from elan.events.tests.factories import matrix_event
    from elan.experiments.tests.factories import matrix_experiment
    from elan.feedback.services import report_share_create, round_send_list
    from elan.feedback.tests.factories import feedback_round
    from elan.feedback.tests.factories import invite as feedback_invite
    from elan.feedback.tests.factories import open_round as feedback_open_round
    from elan.goals.tests.factories import ObjectiveFactory, matrix_cycle
    from elan.ideas.tests.factories import matrix_anonymous_idea, matrix_comment
    from elan.insights import services as insights_services
    from elan.insights.models import Action
    from elan.insights.tests.factories import insights_matrix_action, insights_matrix_campaign
    from elan.network.tests.factories import ProgrammeFactory, matrix_programme
    from elan.organisations.tests.factories import person_in
    from elan.retrospectives.tests.access_rows import matrix_board
    from elan.retrospectives.tests.factories import (
        BoardFactory,
        CardFactory,
        VoteFactory,
        agree_action,
    )

    cache.clear()  # hub pages kept for visitors by an earlier test
    if persona == "visitor":
        load_hub(monkeypatch, HUB_SAMPLE, every_section=True)
    else:
        load_hub(monkeypatch, HUB_BRANCH, every_section=False)

    # Surveys on the personas' team: results published (the round closed) with an action of the
    # team's plan owned by the employee, one round open and a campaign still in draft.
    action = insights_matrix_action(personas)
    insights_matrix_campaign(personas, "open")
    insights_matrix_campaign(personas, "draft")
    # The team shares part of its results up the line early, with a message for HR; the rest
    # waits for the team-first period to end, so the lead can still decide on it.
    insights_services.release_share(
        round_=action.plan.round,
        unit_code=personas.team.code,
        by=personas.team_lead,
        parts=["psychological-safety"],
        note="We talked these through as a team and start with safety.",
    )
    # The action's check is due: the action plan links to the form for the owner and the lead.
    Action.objects.filter(pk=action.pk).update(check_due_on=timezone.localdate())

    # The employee's self-assessment, a second one under way, a plan step and a profile shared
    # with the line manager; the team lead assessed too.
    employee = personas.employee
    submitted_assessment(employee, SPIKY)
    submitted_assessment(personas.team_lead, 4)
    plan_step_add(owner=employee, suggestion=builtin_suggestion("elan:practice:curiosity"))
    share(employee, personas.line_manager, "line_manager")

    # A closed 360 round with its report, shared with the line manager; a colleague's rater
    # list waits for the line manager's review.
    feedback = feedback_round(employee, raters={"peer": 3}, comments=True, close=True)
    report_share_create(owner=employee, round_=feedback, grantee=personas.line_manager)
    colleague = person_in(personas.team, manager=personas.line_manager, first_name="Cleo")
    waiting = feedback_open_round(colleague)
    feedback_invite(waiting)
    round_send_list(owner=colleague, round_=waiting)

    # The employee's evaluation cycle: an agreed goal, a draft, an interim talk and evidence;
    # the team's objectives, which HR and the team lead keep.
    matrix_cycle(personas)
    ObjectiveFactory(unit=personas.team, title="Faster permits")
    # The learning network: a running programme run by HR, in which the employee's pair is
    # accepted; an open one the team may join. Before the assessment under way below, which a
    # submitted one would otherwise close.
    matrix_programme(personas)
    ProgrammeFactory(open=True, scope=personas.organisation, organiser=personas.hr)
    in_progress_assessment(employee)

    # The employee's experiments: one running, shared with the team, with an iteration; a draft
    # whose mandate check asked the line manager, who has not answered yet.
    matrix_experiment(personas, "running")
    matrix_experiment(personas, "request")

    # Events: one open for registration, with the team lead's challenge; one running, HR's,
    # with the employee's published team, which the line manager mentors. A running fellowship
    # cohort of HR's, with the employee as a member, a past session and a board item.
    matrix_event(personas, "open")
    running = matrix_event(personas, "published")
    EventMentor.objects.create(event=running, user=personas.line_manager, languages=["en"])
    matrix_cohort(personas)

    # Ideas: HR's open campaign, put to the whole organisation, with the employee's named idea
    # and the team lead's comment on it; an anonymous idea in the team's box, which the team
    # lead owns, whose private link is the walk's entry point (``ENTRY_POINTS``). The figures
    # page then shows each unit's groups hidden as too small.
    matrix_comment(personas)
    matrix_anonymous_idea(personas)

    # Retrospectives of the team: the matrix's board, which the employee facilitates, collecting
    # cards (a named one and an anonymous one); and one agreeing on actions, its dots counted and
    # an action agreed, which stands in the team's plan in insights too.
    collecting = matrix_board(personas)
    CardFactory(board=collecting, author=personas.employee)
    CardFactory(board=collecting, anonymous=True)
    acting = BoardFactory(unit=personas.team, facilitator=personas.team_lead, acting=True)
    VoteFactory(card=CardFactory(board=acting, anonymous=True), voter=personas.employee)
    agree_action(acting, owner=personas.employee)


# --- The walk ----------------------------------------------------------------------------------


@dataclass
class Walk:
    origin: str
    language: str
    pages: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    reached: set[str] = field(default_factory=set)
    seen: set[str] = field(default_factory=set)
    checked: int = 0
    # The views already asked for in another language, and the languages taking turns.
    translated_views: set[str] = field(default_factory=set)

    def other_languages(self) -> list[str]:
        return [code for code in LANGUAGES if code != self.language]


def url_key(url: str) -> str:
    """One address per link: no fragment, and no parameter that only names the page one came
    from (``?page=/nl/…`` of the barrier report, ``?next=``), which every page varies."""
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if v[:1] != "/"]
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query), ""))


def language_of(path: str) -> str | None:
    prefix = path.split("/")[1] if path.count("/") > 1 else ""
    return prefix if prefix in LANGUAGES else None


def view_name(path: str) -> str | None:
    """The URL name Django resolves ``path`` to, in the language of its prefix."""
    with translation.override(language_of(path) or "en"):
        try:
            return resolve(path).view_name
        except Resolver404:
            return None


def is_download(path: str, name: str | None) -> bool:
    return path.endswith(DOWNLOAD_SUFFIXES) or name in DOWNLOAD_NAMES


def walkable(walk: Walk, url: str) -> bool:
    """A product page in the walk's language: opened, measured and its links followed."""
    path = urlsplit(url).path
    if language_of(path) != walk.language:
        return False
    name = view_name(path)
    return name not in NEVER_FOLLOWED_NAMES and not is_download(path, name)


def same_origin(walk: Walk, url: str) -> bool:
    return urlsplit(url)[:2] == urlsplit(walk.origin)[:2]


def links_of(page: Page) -> list[str]:
    return page.eval_on_selector_all(
        "a[href]", "(links) => links.map((a) => a.href).filter((href) => href.startsWith('http'))"
    )


def worth_asking(walk: Walk, path: str, name: str | None) -> bool:
    """Whether to ask for a link that is not opened as a page.

    A page in another language is the view the walk opened, under another prefix: each view is
    asked for once in another language, the three taking turns (every language is walked in
    full by some persona). Everything else is asked for once per address.
    """
    language = language_of(path)
    if name in NEVER_FOLLOWED_NAMES:
        return False
    if language is None or language == walk.language or is_download(path, name):
        return True
    view = name or path
    if view in walk.translated_views:
        return False
    turn = walk.other_languages()[len(walk.translated_views) % 3]
    if language != turn:
        return False
    walk.translated_views.add(view)
    return True


def check_link(page: Page, walk: Walk, url: str, found_on: str) -> None:
    """Ask for a link in the page's session, without opening it: < 400 or a problem."""
    path = urlsplit(url).path
    name = view_name(path)
    if not worth_asking(walk, path, name):
        return
    if name:
        walk.reached.add(name)
    response = page.request.get(url, fail_on_status_code=False, max_redirects=5)
    walk.checked += 1
    if response.status >= 400:
        walk.problems.append(
            f"Broken link on {found_on}: {url_path(url)} answered {response.status}"
        )
    response.dispose()


def url_path(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def drain_page_problems(page: Page, walk: Walk, where: str) -> None:
    watcher = page.elan_problems
    problems, watcher.problems = watcher.problems, []
    errors, watcher.console_errors = watcher.console_errors, []
    walk.problems += [f"On {where}: {problem}" for problem in problems]
    walk.problems += [f"Console error on {where}: {error}" for error in errors]


def visit_and_measure(page: Page, walk: Walk, url: str, found_on: str) -> list[str]:
    """Open one page at 320 px, record what is wrong with it, return its links."""
    response = page.goto(url)
    status = response.status if response else 0
    where = url_path(page.url)
    for address in (url, page.url):
        name = view_name(urlsplit(address).path) if same_origin(walk, address) else None
        if name:
            walk.reached.add(name)
    walk.pages.append(where)
    if status >= 400 or status == 0:
        walk.problems.append(f"Broken link on {found_on}: {url_path(url)} answered {status}")
        drain_page_problems(page, walk, where)
        return []
    reflow = page.evaluate(REFLOW_SCRIPT)
    if reflow["scrollWidth"] > VIEWPORT["width"] or reflow["badScrollers"]:
        walk.problems.append(
            f"{where} does not reflow at {VIEWPORT['width']} px: scroll width "
            f"{reflow['scrollWidth']}; sticking out: {reflow['sticking']}; scrolling sideways "
            f"outside a focusable, labelled region: {reflow['badScrollers']}"
        )
    drain_page_problems(page, walk, where)
    if not same_origin(walk, page.url) or not walkable(walk, page.url):
        return []  # sent off the walk (to the login page, say): its links are not this page's
    return links_of(page)


def walk_site(page: Page, walk: Walk) -> None:
    """Breadth first from the home page. Each path is opened once, with the first query string
    found for it; its other query strings (filters, another round) are asked for."""
    start = f"{walk.origin}/{walk.language}/"
    queue: deque[tuple[str, str]] = deque([(start, "the start")])
    opened = {urlsplit(start).path}
    for path in entry_point_paths(walk.language):
        queue.append((f"{walk.origin}{path}", "an address kept outside the site"))
        opened.add(path)
        walk.seen.add(url_key(f"{walk.origin}{path}"))
    while queue:
        url, found_on = queue.popleft()
        if len(walk.pages) >= MAX_PAGES:
            walk.problems.append(
                f"The walk stopped at {MAX_PAGES} pages with {len(queue) + 1} still to open "
                f"(next: {url_path(url)}): a page multiplies addresses, or raise the bound."
            )
            return
        here = url_path(url)
        for link in visit_and_measure(page, walk, url, found_on):
            if not same_origin(walk, link) or urlsplit(link).path.startswith("/static/"):
                continue
            key = url_key(link)
            if key in walk.seen:
                continue
            walk.seen.add(key)
            path = urlsplit(key).path
            if walkable(walk, key) and path not in opened:
                opened.add(path)
                queue.append((key, here))
            else:
                check_link(page, walk, key, here)


def names_under(patterns, prefix: str = "", namespace: str = "") -> Iterator[tuple[str, str]]:
    """(route, URL name) of every named pattern, with its namespace."""
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from names_under(pattern.url_patterns, route, inner)
        elif pattern.name:
            yield route, namespace + pattern.name


def back_office_names() -> set[str]:
    """The back office's pages (under /admin/): the walk stops at its entry, and each module
    reaches them through the back office's own menu."""
    return {
        name
        for route, name in names_under(get_resolver().url_patterns)
        if route.startswith("admin/")
    }


def pages_to_reach(persona: str) -> set[str]:
    """What the oracle lets the persona open (200 on GET), less what no link can lead to."""
    back_office = back_office_names()
    return {
        name
        for name, row in ACCESS_TABLE.items()
        if row.expect.get(persona) == OK
        and name not in UNLINKED
        and name not in NOT_WALKED
        and name not in back_office
        and (
            name not in ONLY_WITH_SOMETHING_TO_SHOW
            or persona in ONLY_WITH_SOMETHING_TO_SHOW[name][0]
        )
    }


def walk_as(page: Page, live_server, personas, persona: str) -> list[str]:
    """One persona's walk in a session of its own; what is wrong, each line naming the persona."""
    page.context.clear_cookies()
    if page.url.startswith(live_server.url):
        page.evaluate("() => { localStorage.clear(); sessionStorage.clear(); }")
    language = WALK_LANGUAGES[persona]
    user = personas.get(persona)
    if user.is_authenticated:
        user.preferred_language = language
        user.save(update_fields=["preferred_language"])
        login_as(page, live_server, user, personas.password, language=language)
        drain_page_problems(page, Walk(live_server.url, language), "the login")

    started = time.monotonic()
    walk = Walk(origin=live_server.url, language=language)
    walk_site(page, walk)
    seconds = time.monotonic() - started

    unreached = sorted(pages_to_reach(persona) - walk.reached)
    if unreached:
        walk.problems.append(
            f"Pages {persona} may open that no link leads to: {', '.join(unreached)}"
        )
    summary = (
        f"{persona} walked {len(walk.pages)} pages and asked for {walk.checked} more links "
        f"in {seconds:.0f} s"
    )
    return [summary + ":\n" + "\n".join(walk.problems)] if walk.problems else []


def test_every_persona_walks_in_exactly_one_group_and_only_the_visitor_reads_the_whole_hub():
    walkers = [persona for group in WALK_GROUPS.values() for persona in group]
    assert sorted(walkers) == sorted(WALK_LANGUAGES)
    # The world's hub is built for the group's first walker (``build_world``).
    assert all(group == ("visitor",) or "visitor" not in group for group in WALK_GROUPS.values())


@pytest.mark.parametrize("group", list(WALK_GROUPS))
def test_every_page_a_persona_reaches_by_links_reflows_at_320_px_and_every_page_it_may_open_is_linked(  # noqa: E501
    group, personas, browser_page, live_server, monkeypatch
):
    walkers = WALK_GROUPS[group]
    build_world(personas, monkeypatch, walkers[0])
    page = browser_page
    page.set_viewport_size(VIEWPORT)
    problems = [
        problem for persona in walkers for problem in walk_as(page, live_server, personas, persona)
    ]
    assert not problems, "\n\n".join(problems)
