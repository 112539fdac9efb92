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
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from urllib.parse import quote, quote_from_bytes

import pytest
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

from conftest import PERSONA_NAMES
from elan.insights.tests.factories import insights_matrix_campaign
from tests.access_table import ACCESS_TABLE, ANSWERED, OK

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
