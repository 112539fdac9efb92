# SPDX-License-Identifier: EUPL-1.2
"""Bad input never answers 500 (issue 12, point 6).

Hypothesis throws random text and raw bytes (NUL, broken UTF-8, Unicode of every kind) at every
route of the URLconf, walked with its converters and in every language prefix: into the path
parameters, the query string, the fields of every form a persona can reach and the files of
every upload. Each request is made as a persona who may reach the page, so the input gets past
the login and the permission check into the view. The property: no answer is a server error.

It runs on whichever database the suite runs on, PostgreSQL in CI, which refuses NUL in text.
Besides NUL, it found the back office's choosers answering 500 to an id that is not a number.
The examples are derandomised and few, so the run is short and the same every time; each
example still visits every route, split into chunks that each fit one example's budget.

Bad input at scale (issue 21, point 5) adds two fuzzers, sampled here and run with thousands of
cases by bench/fuzz.py: every form of the platform posted through the page that uses it with
values made from the form's own fields (FORM_PAGES, which a test keeps complete), and the
public API driven by schemathesis from its OpenAPI schema, with and without a login. They found
views reading an id with ``str.isdigit()``, which "²" passes and ``int()`` refuses.
"""

from __future__ import annotations

import copy
import re
import string
from collections.abc import Callable
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from urllib.parse import quote, quote_from_bytes

import pytest
from django import forms as django_forms
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.urls import (
    LocalePrefixPattern,
    NoReverseMatch,
    URLPattern,
    URLResolver,
    get_resolver,
    reverse,
)
from django.urls.resolvers import RegexPattern, RoutePattern, _route_to_regex
from django.utils import translation
from hypothesis import HealthCheck, Phase, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from wagtail.models import Page, Site

from bench._fuzz import (
    API_EXAMPLES,
    FORM_EXAMPLES,
    TALLY,
    FieldSpec,
    FormTarget,
    api_operations,
    api_schema,
    field_specs,
    fuzz_api,
    fuzz_form,
    recording_forms,
    rolled_back,
    utf8,
)
from conftest import PERSONA_NAMES, Personas
from elan.insights.tests.factories import insights_matrix_campaign
from tests.access_table import ACCESS_TABLE, ANSWERED, OK, _experiment

LANGUAGES = [code for code, _name in settings.LANGUAGES]
BACK_OFFICE_PERSONAS = ("hr", "content_editor", "moderator", "administrator")
# The names the project's views and Wagtail's read from the query string, so that random values
# reach code that uses them, besides random names.
QUERY_NAMES = (
    "q", "page", "p", "kind", "principle", "skill", "intention", "next", "round", "scope",
    "filter", "depth", "root", "version", "fmt", "unit", "ordering", "locale", "page_type",
    "multiple", "search", "child_of", "for_explorer", "collection_id", "tag", "action", "step",
)  # fmt: skip
# Wagtail's own "test the 500 page" view fails on purpose, for anyone in the back office.
NOT_FUZZED = {"wagtailadmin_error_test"}
# The back office's file uploads: the organisation import, hub documents and images.
UPLOADS = {
    "organisations_admin:import": ("hr", "files"),
    "wagtaildocs:add": ("content_editor", "file"),
    "wagtaildocs:add_multiple": ("content_editor", "files[]"),
    "wagtailimages:add": ("content_editor", "file"),
    "wagtailimages:add_multiple": ("content_editor", "files[]"),
}
FIELD_NAME = re.compile(r'<(?:input|select|textarea)\b[^>]*\bname="([^"]+)"')
FUZZ_SETTINGS = hypothesis_settings(
    max_examples=3,
    derandomize=True,
    database=None,
    deadline=None,
    # Every example visits every route; shrinking would repeat that hundreds of times. The
    # failure message lists every request that failed instead.
    phases=(Phase.explicit, Phase.generate),
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@dataclass(frozen=True)
class Route:
    name: str
    chain: tuple  # the patterns from the root URLconf down to the view's
    localized: bool

    @property
    def in_back_office(self) -> bool:
        return isinstance(self.chain[0], RoutePattern) and str(self.chain[0]) == "admin/"


def walk(resolver=None, chain: tuple = (), namespace: str = ""):
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from walk(pattern, (*chain, pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}{pattern.name}" if pattern.name else ""
            patterns = (*chain, pattern.pattern)
            localized = any(isinstance(part, LocalePrefixPattern) for part in patterns)
            yield Route(
                name,
                tuple(p for p in patterns if not isinstance(p, LocalePrefixPattern)),
                localized,
            )


ROUTES = [route for route in walk() if route.name not in NOT_FUZZED]
PAGES = [route for route in ROUTES if not route.in_back_office]
BACK_OFFICE = [route for route in ROUTES if route.in_back_office]


# --- Strategies ---------------------------------------------------------------------------------

# Raw bytes, percent-encoded: NUL, broken UTF-8 and control characters arrive as a browser or an
# attacker could send them.
raw_bytes = st.binary(max_size=12).map(lambda data: quote_from_bytes(data, safe=""))
# Known troublemakers, percent-encoded, as a fuzzer's dictionary: NUL, bytes that are not UTF-8,
# an encoded surrogate, an overlong slash, a line break, a right-to-left override, a path
# climbing up, numbers too large for any column.
nasty = st.sampled_from(
    ["%00", "a%00b", "%FF%FE", "%ED%A0%80", "%C0%AF", "%0A", "%E2%80%AE", "..%2F..%2F",
     "9" * 30, "-1", "%25", "%F0%9F%98%80"]
)  # fmt: skip
# Text of every kind, including the characters PostgreSQL refuses and the ones that look like
# markup, SQL or a path.
text = st.one_of(
    st.text(max_size=16),
    st.sampled_from(["\x00", "a\x00b", "'\"<>", "../../etc", "%", "-1", "9" * 30, "😀", " "]),
)


def encoded(value: str, safe: str = "") -> str:
    return quote(value.encode("utf-8", errors="surrogatepass"), safe=safe)


def path_values(regex: str):
    """Values that match the converter, so that the view runs; then known-bad and random bytes."""
    matching = st.from_regex(regex, fullmatch=True).filter(lambda value: len(value) < 40)
    return st.one_of(matching.map(lambda value: encoded(value, safe="/")), nasty, raw_bytes)


def pattern_path(pattern, data, known: dict) -> str:
    if isinstance(pattern, RegexPattern):
        return data.draw(path_values(pattern.regex.pattern))
    route = str(pattern)
    _regex, converters = _route_to_regex(route, pattern._is_endpoint)
    parts = re.split(r"<(?:\w+:)?(\w+)>", route)
    # re.split keeps each parameter's name at the odd positions. A parameter with a known real
    # value keeps it or is fuzzed, one by one, so that fuzz reaches past the first lookup.
    values = {
        name: data.draw(
            st.one_of(st.just(encoded(str(known[name]), safe="/")), path_values(converter.regex))
            if name in known
            else path_values(converter.regex)
        )
        for name, converter in converters.items()
    }
    return "".join(values[part] if index % 2 else part for index, part in enumerate(parts))


def fuzzed_path(route: Route, language: str, data, known: dict) -> str:
    prefix = f"/{language}/" if route.localized else "/"
    return prefix + "".join(pattern_path(pattern, data, known) for pattern in route.chain)


def query_strings():
    name = st.one_of(st.sampled_from(QUERY_NAMES), text.map(encoded), raw_bytes)
    value = st.one_of(text.map(encoded), nasty, raw_bytes)
    pair = st.tuples(name, value).map(lambda item: f"{item[0]}={item[1]}")
    return st.lists(pair, max_size=3).map("&".join)


def form_values(names: list[str]):
    return st.fixed_dictionaries({}, optional=dict.fromkeys(names, text)).flatmap(
        lambda fields: st.dictionaries(text, text, max_size=2).map(
            lambda extra: {**extra, **fields}
        )
    )


uploads = st.builds(
    lambda name, extension, content: SimpleUploadedFile(f"{name}.{extension}", content),
    st.text(alphabet=string.ascii_letters + "\x00é /.", max_size=12),
    st.sampled_from(["csv", "xlsx", "pdf", "png", "jpg", "txt", "docx", ""]),
    st.one_of(
        st.binary(max_size=512),
        st.text(max_size=200).map(lambda value: value.encode("utf-8", "surrogatepass")),
        st.just(b"PK\x03\x04" + bytes(60)),  # the start of a zip (XLSX) and nothing else
        st.just(b"\xef\xbb\xbfexternal_id;name\n\x00;" + b"x" * 300 + b"\n"),
    ),
)


# --- Personas, each with a client of its own ----------------------------------------------------


class Cast:
    """A logged-in client per persona; a POST may log one out, so it logs in again after it."""

    def __init__(self, personas):
        self.personas = personas
        self.clients: dict[str, Client] = {}

    def client(self, persona: str) -> Client:
        if persona not in self.clients:
            client = Client(raise_request_exception=False)
            user = self.personas.get(persona)
            if user.is_authenticated:
                client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
            self.clients[persona] = client
        return self.clients[persona]

    def forget(self, persona: str) -> None:
        self.clients.pop(persona, None)


def reachers(route: Route) -> list[str]:
    row = ACCESS_TABLE.get(route.name)
    if row is not None:
        allowed = [name for name, outcome in row.expect.items() if outcome in (OK, ANSWERED)]
        return allowed or list(PERSONA_NAMES)
    if route.in_back_office:
        return list(BACK_OFFICE_PERSONAS)
    return ["visitor", "employee", "hr"]


class KnownArguments:
    """Real values for a page's parameters: from its access-table row, or for the API.

    Built on first use, each in a savepoint: a row's objects may clash with another's (one open
    360 round per person), and then the page is fuzzed by its path alone.
    """

    def __init__(self, personas):
        self.personas = personas
        self.known: dict[str, dict] = {}

    def __call__(self, name: str) -> dict:
        if name not in self.known:
            try:
                with transaction.atomic():
                    self.known[name] = self._build(name)
            except Exception:  # any failure only means "fuzz the path alone"
                self.known[name] = {}
        return self.known[name]

    def _build(self, name: str) -> dict:
        if name.startswith("insights_api:"):
            if "insights_api" not in self.known:
                campaign = insights_matrix_campaign(self.personas, "published")
                self.known["insights_api"] = {"pk": campaign.pk, "code": self.personas.team.code}
            return self.known["insights_api"]
        row = ACCESS_TABLE.get(name)
        return (row.kwargs(self.personas) or {}) if row is not None and row.kwargs else {}

    def url(self, route: Route, language: str) -> str | None:
        """The page's real address, if every parameter has a real value."""
        with translation.override(language):
            try:
                return reverse(route.name, kwargs=self(route.name) or None)
            except NoReverseMatch:
                return None


def form_fields(client: Client, url: str, cache: dict) -> list[str]:
    if url not in cache:
        response = client.get(url)
        html = response.content.decode(errors="replace") if response.status_code == 200 else ""
        cache[url] = sorted(set(FIELD_NAME.findall(html)) - {"csrfmiddlewaretoken"})
    return cache[url]


def server_errors(responses) -> list[str]:
    return [f"{status} {method} {url} as {persona}" for status, method, url, persona in responses]


# --- The properties -----------------------------------------------------------------------------


@pytest.fixture
def cast(personas):
    return Cast(personas)


@pytest.fixture
def known(personas):
    # A small page tree, so that Wagtail's serve path and the hub's reach the page lookups.
    site_root = Site.objects.get(is_default_site=True).root_page
    # The browser tests of the same worker may have left a committed hub behind: reuse it.
    hub = site_root.get_children().filter(slug="hub").first()
    if hub is None:
        hub = site_root.add_child(instance=Page(title="Hub", slug="hub"))
    if not hub.get_children().filter(slug="a-case").exists():
        hub.add_child(instance=Page(title="A case", slug="a-case"))
    return KnownArguments(personas)


def chunks(routes: list[Route], size: int) -> list[list[Route]]:
    # Hypothesis bounds what one example may draw; a few dozen routes fit in one.
    return [routes[start : start + size] for start in range(0, len(routes), size)]


PAGE_CHUNKS = chunks(PAGES, 16)
BACK_OFFICE_CHUNKS = chunks(BACK_OFFICE, 50)


@pytest.mark.parametrize("chunk", range(len(PAGE_CHUNKS)))
@FUZZ_SETTINGS
@given(data=st.data())
def test_no_page_answers_a_server_error_to_random_paths_and_queries(chunk, data, cast, known):
    failures = []
    for route in PAGE_CHUNKS[chunk]:
        for language in LANGUAGES if route.localized else [LANGUAGES[0]]:
            persona = data.draw(st.sampled_from(reachers(route)))
            path = fuzzed_path(route, language, data, known(route.name))
            url = f"{path}?{data.draw(query_strings())}"
            status = cast.client(persona).get(url).status_code
            if status >= 500:
                failures.append((status, "GET", url, persona))
    assert not failures, "Server errors:\n" + "\n".join(server_errors(failures))


@pytest.mark.parametrize("chunk", range(len(PAGE_CHUNKS)))
@FUZZ_SETTINGS
@given(data=st.data())
def test_no_form_answers_a_server_error_to_random_fields(chunk, data, cast, known):
    failures, fields_cache = [], {}
    for route in PAGE_CHUNKS[chunk]:
        language = data.draw(st.sampled_from(LANGUAGES))
        persona = data.draw(st.sampled_from(reachers(route)))
        path = known.url(route, language) or fuzzed_path(route, language, data, {})
        names = form_fields(cast.client(persona), path, fields_cache)
        fields = data.draw(form_values(names))
        status = cast.client(persona).post(path, fields).status_code
        cast.forget(persona)  # the POST may have logged out, or ended the session
        if status >= 500:
            failures.append((status, "POST", f"{path} {fields!r}", persona))
    assert not failures, "Server errors:\n" + "\n".join(server_errors(failures))


@pytest.mark.parametrize("chunk", range(len(BACK_OFFICE_CHUNKS)))
@FUZZ_SETTINGS
@given(data=st.data())
def test_no_back_office_page_answers_a_server_error_to_random_paths_and_queries(chunk, data, cast):
    failures = []
    for route in BACK_OFFICE_CHUNKS[chunk]:
        persona = data.draw(st.sampled_from(BACK_OFFICE_PERSONAS))
        url = f"{fuzzed_path(route, LANGUAGES[0], data, {})}?{data.draw(query_strings())}"
        status = cast.client(persona).get(url).status_code
        if status >= 500:
            failures.append((status, "GET", url, persona))
    assert not failures, "Server errors:\n" + "\n".join(server_errors(failures))


@FUZZ_SETTINGS
@given(data=st.data())
def test_no_upload_answers_a_server_error_to_random_files(data, cast):
    failures = []
    for name, (persona, field) in UPLOADS.items():
        url = reverse(name)
        client = cast.client(persona)
        names = form_fields(client, url, {})
        fields = data.draw(form_values([n for n in names if n != field]))
        files = data.draw(st.lists(uploads, min_size=1, max_size=3))
        status = client.post(url, {**fields, field: files}).status_code
        if status >= 500:
            failures.append((status, "POST", f"{url} {[f.name for f in files]!r}", persona))
    assert not failures, "Server errors:\n" + "\n".join(server_errors(failures))


# --- The cases that were found, kept as examples ------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "/en/hub/search/?q=%00",  # the hub's search
        "/nl/hub/cases/%00/",  # a hub page's slug
        "/fr/hub/%00/",  # Wagtail's serve path under the hub
        "/de/%00/",  # Wagtail's serve path
        "/en/skills/frameworks/a%00b/",  # a slug
        "/en/hub/search/?q=%FF%FE",  # broken UTF-8
    ],
)
def test_a_nul_byte_or_broken_text_in_an_address_gets_the_translated_bad_request_page(
    client, db, url
):
    response = client.get(url)
    assert response.status_code == 400
    language = url.split("/")[1]
    html = response.content.decode()
    assert f'<html lang="{language}"' in html
    with translation.override(language):
        assert translation.gettext("Bad request") in html


def test_a_nul_byte_in_a_form_field_gets_the_bad_request_page(client, db):
    response = client.post("/en/accessibility/report/", {"description": "a\x00b"})
    assert response.status_code == 400
    assert "characters that are not allowed" in response.content.decode()


def test_a_nul_byte_in_an_api_parameter_gets_a_json_bad_request(client_for):
    response = client_for("hr").get("/api/insights/campaigns/1/units/%00")
    assert response.status_code == 400
    assert response.json() == {"detail": "The request contains characters that are not allowed."}


def test_a_key_of_the_wrong_kind_in_a_back_office_address_is_not_found(client_for):
    # Wagtail's choosers looked up "abc" as a document's or an image's numeric id: a 500.
    client = client_for("content_editor")
    client.raise_request_exception = False
    for url in ("/admin/documents/chooser/chosen/abc/", "/admin/images/chooser/chosen/%25/"):
        assert client.get(url).status_code in (302, 404), url


# --- Every form, with values made from its own fields (issue 21, point 5) -----------------------
#
# Each form of the platform is posted through the page that uses it, as a persona who may, with
# Hypothesis values made from the form's own fields (bench/_fuzz.py): mostly valid, so that the
# submission reaches the view's own code, with a few fields hostile (NUL, control characters,
# lone surrogates, broken UTF-8, very long text, numbers out of range, dates far off, invalid
# choices, lists for single values, missing fields). The page is first asked which forms it
# builds; a page that no longer builds its form fails the test, so this map cannot go stale.
# bench/fuzz.py runs the same tests with thousands of cases.


def _access_kwargs(route: str) -> Callable:
    row = ACCESS_TABLE.get(route)
    return lambda p: row.kwargs(p) if row is not None and row.kwargs else {}


def _with_instrument(p: Personas) -> dict:
    from elan.assessments.tests.factories import instrument

    instrument()
    return {}


def _open_feedback_round(p: Personas) -> dict:
    from elan.feedback.tests.factories import open_round

    return {"public_id": open_round(p.employee).public_id}


def _feedback_round_with_raters(p: Personas) -> dict:
    from elan.feedback.tests.factories import invite, open_round

    round_ = open_round(p.employee)
    invite(round_)
    return {"public_id": round_.public_id}


def _proposed_goal(p: Personas) -> dict:
    from elan.goals import services
    from elan.goals.tests.factories import matrix_cycle

    draft = matrix_cycle(p).draft
    services.goal_propose(goal=draft, actor=p.employee)
    return {"public_id": draft.public_id, "action": "send-back"}


def _agreed_goal(p: Personas) -> dict:
    from elan.goals.tests.factories import matrix_cycle

    return {"public_id": matrix_cycle(p).agreed.public_id, "action": "progress"}


def _due_action(p: Personas) -> dict:
    from django.utils import timezone

    from elan.insights.models import Action
    from elan.insights.tests.factories import insights_matrix_action

    action = insights_matrix_action(p)
    Action.objects.filter(pk=action.pk).update(check_due_on=timezone.localdate())
    return {"pk": action.pk}


def _acting_board(p: Personas) -> dict:
    """The team's board at the step where actions are agreed, run by the employee."""
    from elan.retrospectives.tests.factories import BoardFactory

    return {"pk": BoardFactory(unit=p.team, facilitator=p.employee, acting=True).pk}


def _decided_experiment(decision: str) -> Callable:
    def scene(p: Personas) -> dict:
        from elan.experiments.tests.factories import decided_experiment

        return {"public_id": decided_experiment(p.employee, decision).public_id}

    return scene


def _helper(p: Personas) -> dict:
    """The employee's profile and a colleague who helps with storytelling (matrix_programme)."""
    from elan.network.tests.factories import matrix_programme

    matrix_programme(p)
    return {}


def _helper_pair(p: Personas) -> dict:
    from elan.accounts.models import User
    from elan.network.tests.factories import skill

    return {
        "skill": str(skill("storytelling").pk),
        "to": str(User.objects.get(first_name="Mira").pk),
    }


def _open_programme(p: Personas, *, joined: bool) -> dict:
    """An open programme of the organisation with a mentor; the employee has a profile and,
    if ``joined``, takes part as a mentee who ranks mentors."""
    from elan.network.constants import Role as NetworkRole
    from elan.network.tests.factories import ProgrammeFactory, join, profile_for
    from elan.organisations.tests.factories import UnitFactory, person_in

    programme = ProgrammeFactory(open=True, scope=p.organisation, organiser=p.hr)
    mentor = person_in(UnitFactory(parent=p.organisation), first_name="Mira")
    profile_for(mentor, strengths=["storytelling"], mentor=True)
    join(programme, mentor, NetworkRole.MENTOR)
    profile_for(p.employee, wishes=["storytelling"])
    if joined:
        join(programme, p.employee)
    return {"public_id": programme.public_id}


def _pair_halfway(p: Personas) -> dict:
    """The employee's pair, its programme halfway through, so that the midpoint check-in opens."""
    import datetime

    from django.utils import timezone

    from elan.network.models import Programme
    from elan.network.tests.factories import matrix_pair

    pair = matrix_pair(p)
    today = timezone.localdate()
    Programme.objects.filter(pk=pair.programme_id).update(
        starts_on=today - datetime.timedelta(days=100), ends_on=today + datetime.timedelta(days=80)
    )
    return {"public_id": pair.public_id}


def _closed_programme(p: Personas) -> dict:
    """The employee's programme, closed today: its end survey takes answers."""
    from elan.network import services
    from elan.network.constants import ProgrammeStatus
    from elan.network.tests.factories import matrix_programme

    programme = services.programme_move(
        programme=matrix_programme(p), to=ProgrammeStatus.CLOSED, by=p.hr
    )
    return {"public_id": programme.public_id}


def _assessed(person) -> None:
    """A self-assessment in which storytelling scores high, so that strengths are offered."""
    from elan.assessments.tests.factories import submitted_assessment
    from elan.core.vocabulary import InnovationSkill

    submitted_assessment(
        person, {slug: 5 if slug == "storytelling" else 2 for slug in InnovationSkill.values}
    )


def _open_event(p: Personas) -> dict:
    """The open matrix event with its challenge to rank; the employee has strengths to bring."""
    from elan.events.tests.factories import matrix_event

    _assessed(p.employee)
    return {"public_id": matrix_event(p, "open").public_id}


SWAP_EVENT = "Fuzz swap event"


def _proposed_teams(p: Personas) -> dict:
    """A closed event of HR's whose six people, over two units, are proposed in two teams."""
    from elan.events import services
    from elan.events.constants import Status
    from elan.events.tests.factories import ChallengeFactory, EventFactory, register
    from elan.organisations.tests.factories import UnitFactory, person_in

    event = EventFactory(open=True, title=SWAP_EVENT, organisers=[p.hr])
    one = ChallengeFactory(event=event, title="Paper forms")
    two = ChallengeFactory(event=event, title="Long queues")
    units = [UnitFactory(parent=p.organisation) for _index in range(2)]
    for index in range(6):
        register(
            event,
            person_in(units[index % 2], first_name=f"Swapper{index}"),
            strengths=["storytelling" if index % 2 else "iteration"],
            challenges=[one, two] if index % 2 else [two, one],
        )
    services.event_move(event=event, to=Status.CLOSED, by=p.hr)
    services.teams_propose(event=event, by=p.hr)
    return {"public_id": event.public_id}


def _swap_member(p: Personas) -> dict:
    """The member of team 1 the swap moves, posted beside the form as the page posts it."""
    from elan.events.models import TeamMember

    member = TeamMember.objects.filter(team__event__title=SWAP_EVENT, team__number=1).first()
    return {"member": member.pk}


def _finished_team(p: Personas, *, result: bool = False) -> dict:
    """The employee's team 1 of the matrix event, finished: results and retrospectives are
    written; with ``result``, the team's result is recorded and may open an experiment."""
    from elan.events import services
    from elan.events.constants import Status
    from elan.events.models import Event
    from elan.events.tests.factories import matrix_event

    event = matrix_event(p, "published")
    Event.objects.filter(pk=event.pk).update(status=Status.FINISHED)
    team = event.teams.get(number=1)
    if result:
        services.result_record(team=team, summary="Fewer paper forms.", by=p.employee)
    return {"public_id": team.public_id}


def _cohort_with_experiment(p: Personas) -> dict:
    """The running matrix cohort, and an experiment of the employee's to link on the board."""
    from elan.cohorts.tests.factories import matrix_cohort
    from elan.experiments.tests.factories import matrix_experiment

    matrix_experiment(p, "running")
    return {"public_id": matrix_cohort(p).public_id}


def _import_to_confirm(p: Personas, client: Client) -> dict:
    """HR's preview of an export that leaves out two of seven people: it asks to type "2"."""
    from elan.organisations.models import ImportRun
    from elan.organisations.tests.test_import_deactivations import persona_files

    units, (name, content) = persona_files(p)
    leaving = (p.employee.email, p.line_manager.email)
    lines = [line for line in content.decode().splitlines() if line.split(",")[1] not in leaving]
    people = (name, ("\r\n".join(lines) + "\r\n").encode())
    uploads = [SimpleUploadedFile(n, c, "text/csv") for n, c in (units, people)]
    client.post(reverse("organisations_admin:import"), {"files": uploads})
    return {"run_id": ImportRun.objects.get().pk}


@dataclass(frozen=True)
class FormPage:
    """A page that builds ``forms`` (names under ``elan.``), used by ``persona``.

    ``scene`` builds the objects the page needs and returns its URL's arguments (by default the
    access table's); ``fixed`` are sent first with every submission (the button that picks the
    form); ``also`` names what the view reads from the request besides the forms' fields.
    """

    forms: tuple[str, ...]
    route: str
    persona: str
    method: str = "POST"
    scene: Callable | None = None
    query: str = ""
    fixed: dict | Callable = dataclass_field(default_factory=dict)
    also: tuple[str, ...] = ()
    needs_client: bool = False  # the scene is built through the back office, as the persona

    @property
    def group(self) -> str:
        """The app whose forms these are: one test, and one cast of personas, per app."""
        return self.forms[0].split(".")[0] if self.forms else self.route.split(":")[0]

    @property
    def label(self) -> str:
        names = ", ".join(name.rsplit(".", 1)[1] for name in self.forms) or "no form"
        extra = (
            f" {','.join(f'{k}={v}' for k, v in self.fixed.items())}"
            if isinstance(self.fixed, dict) and self.fixed
            else ""
        )
        return f"{names} | {self.method} {self.route}{extra} as {self.persona}"


FORM_PAGES: list[FormPage] = [
    # --- portal and accounts ---------------------------------------------------------------
    FormPage(("portal.forms.BarrierReportForm",), "portal:report_barrier", "visitor"),
    FormPage(("accounts.forms.PreferredLanguageForm",), "accounts:me", "employee"),
    FormPage(("accounts.forms.PersonSearchForm",), "accounts:person_list", "administrator", "GET"),
    FormPage(("accounts.forms.ConfirmForm",), "accounts:person_deactivate", "administrator"),
    FormPage(
        ("accounts.back_office_users.LoginAddressFixedUserEditForm",),
        "wagtailusers_users:edit",
        "administrator",
        scene=lambda p: {"pk": p.employee.pk},
    ),
    # --- the hub ---------------------------------------------------------------------------
    FormPage(("knowledge.forms.NavigatorForm",), "knowledge:navigator", "visitor", "GET"),
    FormPage(("knowledge.forms.HubSearchForm",), "knowledge:search", "visitor", "GET"),
    # --- self-assessment -------------------------------------------------------------------
    FormPage(
        ("assessments.forms.StartForm",), "assessments:start", "employee", scene=_with_instrument
    ),
    FormPage(("assessments.forms.StepForm",), "assessments:step", "employee", also=("action",)),
    FormPage(("assessments.forms.SuggestionForm",), "assessments:plan_add", "employee"),
    FormPage(("assessments.forms.StepStatusForm",), "assessments:plan_step", "employee"),
    FormPage(("assessments.forms.StepDueForm",), "assessments:plan_step_due", "employee"),
    FormPage(
        ("assessments.forms.ShareWithMentorForm",),
        "assessments:sharing",
        "employee",
        fixed={"action": "mentor"},
    ),
    # --- team survey -----------------------------------------------------------------------
    FormPage(("insights.forms.CampaignForm",), "insights:campaign_create", "hr"),
    FormPage(("insights.forms.CampaignForm",), "insights:campaign_edit", "team_lead"),
    FormPage(
        ("insights.forms.ResponseForm",), "insights:respond", "employee", also=("page", "action")
    ),
    FormPage(("insights.forms.ReleaseForm",), "insights:release", "team_lead"),
    FormPage(("insights.forms.ActionForm",), "insights:action_plan", "team_lead"),
    FormPage(
        ("insights.forms.ActionCheckForm",), "insights:action_check", "employee", scene=_due_action
    ),
    # --- 360 feedback ----------------------------------------------------------------------
    FormPage(("feedback.forms.RoundForm",), "feedback:home", "employee"),
    FormPage(
        ("feedback.forms.InviteForm",),
        "feedback:round",
        "employee",
        scene=_open_feedback_round,
        fixed={"action": "invite"},
    ),
    FormPage(
        (),
        "feedback:round",
        "employee",
        scene=_feedback_round_with_raters,
        fixed={"action": "remove"},
        also=("invitation",),
    ),
    FormPage(
        ("feedback.forms.ShareForm",), "feedback:round", "employee", fixed={"action": "share"}
    ),
    FormPage(("feedback.forms.ReviewForm",), "feedback:review", "line_manager"),
    FormPage(("feedback.forms.RaterForm",), "feedback:respond", "visitor"),
    # --- goals and evaluation --------------------------------------------------------------
    FormPage(("goals.forms.CycleStartForm",), "goals:cycle_start", "employee"),
    FormPage(
        ("goals.forms.SheetChoiceForm",),
        "goals:cycle",
        "employee",
        fixed={"action": "sheet_choice"},
    ),
    FormPage(
        ("goals.forms.SecondEvaluatorForm",),
        "goals:cycle",
        "line_manager",
        fixed={"action": "second_evaluator"},
    ),
    FormPage(
        ("goals.forms.StopCycleForm",), "goals:cycle", "line_manager", fixed={"action": "stop"}
    ),
    FormPage(
        ("goals.forms.GoalForm",), "goals:goal_new", "employee", also=("find_hub", "hub_query")
    ),
    FormPage(
        ("goals.forms.GoalForm",), "goals:goal_edit", "employee", also=("find_hub", "hub_query")
    ),
    FormPage(("goals.forms.GoalChangeForm",), "goals:goal_change", "line_manager"),
    FormPage(
        ("goals.forms.SendBackForm",), "goals:goal_action", "line_manager", scene=_proposed_goal
    ),
    FormPage(
        ("goals.forms.ProgressForm",),
        "goals:goal_action",
        "employee",
        scene=_agreed_goal,
        also=("talk",),
    ),
    FormPage(("goals.forms.TalkForm",), "goals:talk_new", "line_manager"),
    FormPage(("goals.forms.NotesForm",), "goals:talk", "line_manager", fixed={"action": "notes"}),
    FormPage(("goals.forms.HoldForm",), "goals:talk", "line_manager", fixed={"action": "hold"}),
    FormPage(("goals.forms.MoveTalkForm",), "goals:talk", "line_manager", fixed={"action": "move"}),
    FormPage(
        ("goals.forms.EvidenceChoiceForm",),
        "goals:evidence",
        "employee",
        fixed={"action": "hub_item"},
    ),
    FormPage(
        ("goals.forms.EvidenceChoiceForm",),
        "goals:evidence",
        "employee",
        fixed={"action": "self_assessment"},
    ),
    FormPage((), "goals:evidence", "employee", fixed={"action": "withdraw"}, also=("evidence",)),
    FormPage(("goals.forms.HubSearchForm",), "goals:evidence", "employee", "GET"),
    FormPage(("goals.forms_hr.FiguresYearForm",), "goals:figures", "hr", "GET"),
    FormPage(("goals.forms_hr.TalkDatesForm",), "goals:talks", "hr", "GET"),
    FormPage(("goals.forms_hr.ObjectivesUnitForm",), "goals:objectives", "hr", "GET"),
    FormPage(
        ("goals.forms_hr.ObjectiveForm",), "goals:objective_new", "hr", query="?unit=FPS-ONE-TEAM"
    ),
    FormPage(("goals.forms_hr.ObjectiveEditForm",), "goals:objective_edit", "hr", also=("remove",)),
    FormPage(("goals.wagtail_hooks.GoalTemplateFormBase",), "goals_templates:add", "hr"),
    FormPage(("goals.wagtail_hooks.PublicHolidayFormBase",), "goals_holidays:add", "hr"),
    FormPage(("goals.wagtail_hooks.CycleRulesFormBase",), "goals_rules:add", "hr"),
    # --- experiments -----------------------------------------------------------------------
    FormPage(("experiments.forms.CardForm",), "experiments:new", "employee", also=("template",)),
    FormPage(
        ("experiments.forms.CardForm",),
        "experiments:edit",
        "employee",
        scene=lambda p: _experiment(p, "draft"),
    ),
    FormPage(("experiments.forms.MandateForm",), "experiments:mandate", "employee"),
    FormPage(
        ("experiments.forms.AskForm",),
        "experiments:ask",
        "employee",
        scene=lambda p: _experiment(p, "draft"),
        fixed={"line_manager-question": "May we?"},
    ),
    FormPage(("experiments.forms.IterationForm",), "experiments:iteration_new", "employee"),
    FormPage(("experiments.forms.DecisionForm",), "experiments:decide", "employee"),
    FormPage(
        ("experiments.forms.RegulariseForm",),
        "experiments:regularise",
        "employee",
        scene=_decided_experiment("scale"),
    ),
    FormPage(("experiments.forms.CloseForm",), "experiments:close", "employee"),
    FormPage(
        ("experiments.forms.ResumeForm",),
        "experiments:resume",
        "employee",
        scene=_decided_experiment("park"),
    ),
    FormPage(("experiments.forms.ShareForm",), "experiments:share", "employee"),
    FormPage(("experiments.forms.CoOwnerForm",), "experiments:owners", "employee"),
    FormPage((), "experiments:owners", "employee", fixed={"action": "remove"}, also=("co_owner",)),
    FormPage(
        ("experiments.forms.ProfileEvidenceForm",), "experiments:profile_evidence", "employee"
    ),
    FormPage(("experiments.forms.AnswerForm",), "experiments:permission", "line_manager"),
    FormPage(("experiments.forms_wall.WallFilterForm",), "experiments:wall", "employee", "GET"),
    FormPage(("experiments.forms_wall.ReportYearForm",), "experiments:report", "employee", "GET"),
    FormPage(("experiments.forms_team.TeamFilterForm",), "experiments:team", "team_lead", "GET"),
    FormPage(("experiments.forms_team.FiguresYearForm",), "experiments:figures", "hr", "GET"),
    FormPage(("experiments.wagtail_hooks.ExperimentRulesForm",), "experiments_rules:add", "hr"),
    # --- the learning network --------------------------------------------------------------
    FormPage(("network.forms_profile.ProfileForm",), "network:profile", "employee"),
    FormPage(("network.forms_profile.HelpForm",), "network:help", "employee", "GET", scene=_helper),
    FormPage(
        ("network.forms_profile.IntroductionForm",),
        "network:introduce",
        "employee",
        scene=_helper,
        fixed=_helper_pair,
    ),
    FormPage(("network.forms_organiser.ProgrammeForm",), "network:programme_new", "hr"),
    FormPage(("network.forms_organiser.ProgrammeForm",), "network:programme_edit", "hr"),
    FormPage(("network.forms_organiser.MoveForm",), "network:programme_move", "hr"),
    FormPage(("network.forms_organiser.PublishForm",), "network:programme_publish", "hr"),
    FormPage(
        ("network.forms_participant.JoinForm",),
        "network:programme_join",
        "employee",
        scene=lambda p: _open_programme(p, joined=False),
    ),
    FormPage(
        ("network.forms_participant.PreferencesForm",),
        "network:preferences",
        "employee",
        scene=lambda p: _open_programme(p, joined=True),
    ),
    FormPage(
        (),
        "network:request",
        "employee",
        scene=lambda p: _open_programme(p, joined=True),
        also=("mentor",),
    ),
    FormPage(("network.forms_participant.AnswerForm",), "network:pair_answer", "employee"),
    FormPage(("network.forms_participant.MeetingForm",), "network:meeting_new", "employee"),
    FormPage(
        ("network.forms_participant.CheckInForm",),
        "network:check_in",
        "employee",
        scene=_pair_halfway,
        fixed={"kind": "midpoint"},
    ),
    FormPage(
        ("network.forms_participant.SurveyForm",),
        "network:survey",
        "employee",
        scene=_closed_programme,
    ),
    # --- hackathons and sprints ------------------------------------------------------------
    FormPage(("events.forms_organiser.EventForm",), "events:event_new", "hr"),
    FormPage(("events.forms_organiser.EventForm",), "events:event_edit", "hr"),
    FormPage(("events.forms_organiser.MoveForm",), "events:event_move", "hr"),
    FormPage(
        ("events.forms_organiser.SwapForm",),
        "events:team_swap",
        "hr",
        scene=_proposed_teams,
        fixed=_swap_member,
    ),
    FormPage((), "events:team_swap", "hr", scene=_proposed_teams, also=("member",)),
    FormPage(("events.forms_organiser.ChallengeForm",), "events:challenge_new", "team_lead"),
    FormPage(
        ("events.forms_participant.RegistrationForm",),
        "events:register",
        "employee",
        scene=_open_event,
    ),
    FormPage(
        ("events.forms_participant.MentorForm",),
        "events:mentor_volunteer",
        "employee",
        scene=_open_event,
    ),
    FormPage(("events.forms_participant.HelpRequestForm",), "events:help_post", "employee"),
    FormPage((), "events:help_answer", "line_manager"),
    FormPage(
        ("events.forms_participant.ResultForm",),
        "events:result",
        "employee",
        scene=_finished_team,
    ),
    FormPage(
        ("events.forms_participant.ExperimentOwnerForm",),
        "events:result_experiment",
        "employee",
        scene=lambda p: _finished_team(p, result=True),
    ),
    FormPage(
        ("events.forms_participant.RetrospectiveForm",),
        "events:retrospective",
        "employee",
        scene=_finished_team,
    ),
    # --- fellowship cohorts ----------------------------------------------------------------
    FormPage(("cohorts.forms.CohortForm",), "cohorts:cohort_new", "hr"),
    FormPage(("cohorts.forms.CohortForm",), "cohorts:cohort_edit", "hr"),
    FormPage(("cohorts.forms.MoveForm",), "cohorts:cohort_move", "hr"),
    FormPage(("cohorts.forms.MemberAddForm",), "cohorts:member_add", "hr"),
    FormPage(("cohorts.forms.SessionForm",), "cohorts:session_new", "hr"),
    FormPage(("cohorts.forms.SessionForm",), "cohorts:session_edit", "hr"),
    FormPage(
        ("cohorts.forms.BoardItemForm",),
        "cohorts:board_item_new",
        "employee",
        scene=_cohort_with_experiment,
    ),
    FormPage(("cohorts.forms.BoardItemForm",), "cohorts:board_item_edit", "employee"),
    FormPage(("cohorts.forms.RetrospectiveForm",), "cohorts:session", "employee"),
    # --- ideas ----------------------------------------------------------------------------
    FormPage(("ideas.forms.CampaignForm",), "ideas:campaign_new", "hr"),
    FormPage(("ideas.forms.CampaignForm",), "ideas:campaign_edit", "hr"),
    FormPage(("ideas.forms.IdeaForm",), "ideas:campaign_idea_new", "employee"),
    FormPage(("ideas.forms.IdeaForm",), "ideas:box_idea_new", "employee"),
    FormPage(("ideas.forms.CommentForm",), "ideas:idea_comment", "line_manager"),
    FormPage(("ideas.forms.AnswerForm",), "ideas:idea_answer", "hr"),
    FormPage(("ideas.forms.HideForm",), "ideas:idea_hide", "moderator"),
    FormPage(("ideas.forms.HideForm",), "ideas:comment_hide", "moderator"),
    FormPage(("ideas.forms.ReplyForm",), "ideas:private", "employee"),
    FormPage(("ideas.wagtail_hooks.IdeaRulesForm",), "ideas_rules:add", "hr"),
    # --- retrospectives -------------------------------------------------------------------
    FormPage(("retrospectives.forms.BoardForm",), "retrospectives:board_new", "employee"),
    FormPage(("retrospectives.forms.CardForm",), "retrospectives:card_add", "line_manager"),
    FormPage(
        ("retrospectives.forms.GroupForm",),
        "retrospectives:group_add",
        "employee",
        also=("cards",),
    ),
    FormPage(
        ("retrospectives.forms.ActionForm",),
        "retrospectives:action_add",
        "employee",
        scene=_acting_board,
    ),
    # --- the back office's imports ---------------------------------------------------------
    FormPage(("organisations.forms.ImportUploadForm",), "organisations_admin:import", "hr"),
    FormPage(
        ("organisations.forms.ImportApplyForm",),
        "organisations_admin:import_apply",
        "hr",
        scene=_import_to_confirm,
        needs_client=True,
    ),
    FormPage(("skills.admin_forms.FrameworkUploadForm",), "skills_admin:framework_import", "hr"),
    FormPage(
        ("skills.admin_forms.FrameworkApplyForm",), "skills_admin:framework_import_apply", "hr"
    ),
    FormPage(
        ("skills.multilingual_forms.MultilingualModelForm",),
        "skills_frameworks:add",
        "administrator",
    ),
    FormPage(
        ("skills.multilingual_forms.MultilingualModelForm",),
        "skills_competencies:add",
        "administrator",
    ),
]
# Forms of the platform that no page above builds, with the reason. Base classes are reached
# through their subclasses and need no row.
NOT_REACHED: dict[str, str] = {}


def platform_forms() -> dict[str, type]:
    """Every form class defined in Elan, by its name under ``elan.``."""
    import importlib
    import pkgutil

    from django.forms import BaseForm

    import elan

    for module in pkgutil.walk_packages(elan.__path__, "elan."):
        last = module.name.rsplit(".", 1)[1]
        if ".tests" in module.name or ".migrations" in module.name:
            continue
        if "forms" in last or last in ("wagtail_hooks", "widgets", "back_office_users"):
            importlib.import_module(module.name)
    found, pending = {}, [BaseForm]
    while pending:
        for cls in pending.pop().__subclasses__():
            pending.append(cls)
            if cls.__module__.startswith("elan.") and ".tests" not in cls.__module__:
                found[f"{cls.__module__}.{cls.__qualname__}"[len("elan.") :]] = cls
    return found


def form_class(name: str) -> type:
    import importlib

    module, _dot, attribute = f"elan.{name}".rpartition(".")
    return getattr(importlib.import_module(module), attribute)


class PageNotReached(AssertionError):
    pass


def form_target(page: FormPage, personas: Personas, cast: Cast) -> FormTarget:
    """Builds the page's scene, asks the page which forms it builds, and returns what to fuzz."""
    client = cast.client(page.persona)
    if page.scene is None:
        kwargs = _access_kwargs(page.route)(personas)
    elif page.needs_client:
        kwargs = page.scene(personas, client)
    else:
        kwargs = page.scene(personas)
    query = page.query or (ACCESS_TABLE[page.route].query if page.route in ACCESS_TABLE else "")
    url = reverse(page.route, kwargs=kwargs or None) + query
    fixed = page.fixed(personas) if callable(page.fixed) else page.fixed
    pairs = tuple((utf8(str(name)), utf8(str(value))) for name, value in fixed.items())
    cookies = copy.deepcopy(client.cookies)
    with rolled_back(), recording_forms() as shown:
        client.get(url)
    if page.method == "POST":
        with rolled_back(), recording_forms() as built:
            status = client.post(url, fixed).status_code
    else:
        built, status = shown, 200
    client.cookies = cookies
    missing = [
        name for name in page.forms if not any(isinstance(f, form_class(name)) for f in built)
    ]
    if missing or status >= 500:
        raise PageNotReached(f"{page.label}: {url} answered {status} without building {missing}")
    current = {spec.name: spec.current for spec in field_specs(shown)}
    specs = [
        FieldSpec(spec.name, spec.field, current.get(spec.name, spec.current))
        for spec in field_specs(built)
    ]
    # What the view reads besides the forms is most often an id: fuzzed as a number field.
    specs += [FieldSpec(name, django_forms.IntegerField(), None) for name in page.also]
    return FormTarget(page.label, url, page.method, tuple(specs), pairs)


def test_every_form_of_the_platform_is_posted_through_a_page_that_uses_it() -> None:
    mapped = [form_class(name) for page in FORM_PAGES for name in page.forms]
    unreached = {
        name
        for name, cls in platform_forms().items()
        if not any(issubclass(listed, cls) for listed in mapped) and name not in NOT_REACHED
    }
    assert not unreached, f"Forms no page of FORM_PAGES fuzzes: {sorted(unreached)}"


FORM_GROUPS = sorted({page.group for page in FORM_PAGES})


@pytest.mark.parametrize("group", FORM_GROUPS)
def test_no_form_answers_a_server_error_to_values_made_from_its_fields(
    group: str, personas: Personas, cast: Cast
) -> None:
    emails = tuple(personas.get(name).email for name in PERSONA_NAMES if name != "visitor") + (
        "nobody@elan.test",
    )
    pages = [page for page in FORM_PAGES if page.group == group]
    for page in pages:
        # Logged in before any case: a session made inside a case would be rolled back with it.
        cast.client(page.persona)
    before, unreached = len(TALLY.failures), []
    for page in pages:
        with rolled_back():
            try:
                target = form_target(page, personas, cast)
            except PageNotReached as error:
                unreached.append(str(error))
                continue
            fuzz_form(cast.client(page.persona), target, emails, FORM_EXAMPLES)
    assert not unreached, "Pages that no longer build their form:\n" + "\n".join(unreached)
    assert TALLY.failures[before:] == [], "Server errors:\n" + "\n\n".join(TALLY.failures[before:])


# --- The API, fuzzed by schemathesis from its OpenAPI schema ------------------------------------

API_LOGINS = ("visitor", "employee", "hr")


@pytest.mark.parametrize("login", API_LOGINS)
def test_no_api_operation_answers_a_server_error_to_schemathesis_cases(
    login: str, personas: Personas, cast: Cast
) -> None:
    from django.conf import settings as django_settings

    from elan.insights.constants import Scope

    campaign = insights_matrix_campaign(personas, "published")
    schema = api_schema()
    operations = api_operations(schema)
    cookies = {}
    if login != "visitor":
        name = django_settings.SESSION_COOKIE_NAME
        cookies[name] = cast.client(login).cookies[name].value
    codes = [personas.team.code, personas.organisation.code, personas.other_organisation.code]
    known = {
        "pk": st.just(campaign.pk),
        "code": st.sampled_from(codes),
        "root": st.sampled_from(codes),
        "round": st.just(1),
        "scope": st.sampled_from(list(Scope.values)),
        "filter": st.just(""),
    }
    before = len(TALLY.failures)
    for operation in operations:
        fuzz_api(operation, login, cookies, known, API_EXAMPLES)
    assert TALLY.failures[before:] == [], "Server errors:\n" + "\n\n".join(TALLY.failures[before:])
    answered = {
        label.split(" ")[2]
        for label, count in TALLY.rows.items()
        if label.startswith("API ") and label.endswith(f"as {login}") and count.answered
    }
    if login == "hr":
        # The fuzz reaches the handlers, past the login and the lookups, for every operation.
        assert answered == {operation.path for operation in operations}
    if login == "visitor":
        assert not answered
