# SPDX-License-Identifier: EUPL-1.2
"""Bad input at scale (issue 21, point 5): what the fuzz tests and their benchmark share.

``tests/test_fuzz_inputs.py`` runs a small sample in CI; ``bench/fuzz.py`` runs the same tests
with thousands of cases and prints the table kept here. Three pieces:

- the form fuzz: a recorder that sees which forms a view builds, and Hypothesis strategies made
  from those forms' own fields, sent as raw ``application/x-www-form-urlencoded`` bytes so that
  NUL, control characters, lone surrogates and broken UTF-8 arrive as an attacker could send them;
- the API fuzz: schemathesis reads the OpenAPI schema django-ninja serves and drives the Django
  application in-process, through its WSGI interface;
- the tally: every request, by form or operation, split by status class.
"""

from __future__ import annotations

import copy
import datetime
import decimal
import itertools
import os
import string
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote_from_bytes

from hypothesis import strategies as st

# How many Hypothesis examples each form page, and each API operation per mode and login, gets:
# a sample in CI; bench/fuzz.py raises them through the environment.
FORM_EXAMPLES = int(os.environ.get("ELAN_FUZZ_FORM_EXAMPLES", "2"))
API_EXAMPLES = int(os.environ.get("ELAN_FUZZ_API_EXAMPLES", "3"))


# --- The tally ----------------------------------------------------------------------------------


@dataclass
class Count:
    cases: int = 0
    client_errors: int = 0
    answered: int = 0  # 2xx and 3xx
    server_errors: int = 0


@dataclass
class Tally:
    rows: dict[str, Count] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)

    def record(self, target: str, status: int, detail: Callable[[], str]) -> None:
        count = self.rows.setdefault(target, Count())
        count.cases += 1
        if status >= 500:
            count.server_errors += 1
            self.failures.append(f"{status} {target}: {detail()}")
        elif status >= 400:
            count.client_errors += 1
        else:
            count.answered += 1

    def table(self) -> str:
        width = max([len(name) for name in self.rows] + [len("Total")])
        lines = [
            f"{'Form or operation':<{width}}  {'cases':>7}  {'4xx':>7}  {'2xx/3xx':>7}  {'5xx':>5}"
        ]
        total = Count()
        for name in sorted(self.rows):
            row = self.rows[name]
            lines.append(
                f"{name:<{width}}  {row.cases:>7}  {row.client_errors:>7}  {row.answered:>7}  "
                f"{row.server_errors:>5}"
            )
            for attribute in ("cases", "client_errors", "answered", "server_errors"):
                setattr(total, attribute, getattr(total, attribute) + getattr(row, attribute))
        lines.append(
            f"{'Total':<{width}}  {total.cases:>7}  {total.client_errors:>7}  {total.answered:>7}  "
            f"{total.server_errors:>5}"
        )
        return "\n".join(lines)


TALLY = Tally()


@contextmanager
def server_exceptions() -> Iterator[list[str]]:
    """The tracebacks of the exceptions Django turned into a 500 while the block ran."""
    from django.core.signals import got_request_exception

    caught: list[str] = []

    def keep(sender: object, request: object = None, **kwargs: object) -> None:
        caught.append(traceback.format_exc())

    got_request_exception.connect(keep)
    try:
        yield caught
    finally:
        got_request_exception.disconnect(keep)


# --- Which forms a view builds ------------------------------------------------------------------


@dataclass(frozen=True)
class FieldSpec:
    """One input of a form, as the page names it, with the value the page would send back."""

    name: str  # the prefixed name in the HTML
    field: Any  # the django.forms.Field
    current: Any  # the bound or initial value, valid by construction (or None)


@contextmanager
def recording_forms() -> Iterator[list[Any]]:
    """Every form instance built while the block runs (the view's own, formsets' included)."""
    from django.forms import BaseForm

    built: list[Any] = []
    original = BaseForm.__init__

    def init(form: Any, *args: Any, **kwargs: Any) -> None:
        original(form, *args, **kwargs)
        built.append(form)

    BaseForm.__init__ = init  # type: ignore[method-assign]
    try:
        yield built
    finally:
        BaseForm.__init__ = original  # type: ignore[method-assign]


def field_specs(forms: list[Any]) -> list[FieldSpec]:
    specs: dict[str, FieldSpec] = {}
    for form in forms:
        for name, form_field in form.fields.items():
            html_name = form.add_prefix(name)
            try:
                current = form[name].value()
            except Exception:  # a field whose value cannot be shown still gets fuzzed
                current = None
            specs.setdefault(html_name, FieldSpec(html_name, form_field, current))
    return list(specs.values())


# --- Values, valid and hostile ------------------------------------------------------------------

# A value is the list of byte strings sent under one name: none (the field is missing), one, or
# several (a list where one value is expected).
Value = list[bytes]


def utf8(text: str) -> bytes:
    # Lone surrogates are not UTF-8; encoded anyway, they arrive as the broken bytes they make.
    return text.encode("utf-8", errors="surrogatepass")


NASTY_TEXT = [
    "\x00", "a\x00b", "\x01\x1b[31m\x7f", "\ud800", "\udfff", "a\ud83d", "\u202e\u200b\ufeff",
    "\r\n\t", " ", "'\"<>&;--", "../../etc/passwd", "%00", "{{ 1|add:1 }}", "${jndi:x}", "😀",
    "ｅｍｐｌｏｙｅｅ@ｅｌａｎ.ｔｅｓｔ", "İı", "ß" * 3,
]  # fmt: skip
# The numbers most likely to break a view that reads an id or a count by hand, drawn often:
# digits to str.isdigit() that int() refuses, too large for any column, not numbers at all.
CORE_NUMBERS = ["²", "9" * 30, "-1", "1e309", "NaN", "", "1.5", " 7"]
NASTY_NUMBERS = [
    *CORE_NUMBERS, "0", "-0", "-" + "9" * 30, "9223372036854775808", "-9223372036854775809",
    "2147483648", "-1e309", "inf", "0x10", "１２", "1_000", "①", "٣", "𝟗",
]  # fmt: skip
NASTY_DATES = [
    "0001-01-01", "9999-12-31", "10000-01-01", "0000-00-00", "2026-02-30", "2026-13-01",
    "-0001-01-01", "1900-01-01", "2038-01-19T03:14:08", "9999-12-31T23:59:59+14:00",
    "2026-12-07T25:61:61", "1970-01-01 00:00:00-99:00", "07/12/2026", "yesterday",
]  # fmt: skip

nasty_text = st.sampled_from(NASTY_TEXT)
long_text = st.builds(
    lambda character, size: character * size,
    st.sampled_from(["x", "é", "😀", "\x00", "<", " "]),
    st.sampled_from([256, 1_001, 10_001, 65_537]),
)
any_text = st.text(max_size=24)
raw_bytes = st.binary(max_size=24)
one_hostile: st.SearchStrategy[bytes] = st.one_of(
    nasty_text.map(utf8),
    any_text.map(utf8),
    st.sampled_from(NASTY_NUMBERS).map(utf8),
    st.sampled_from(NASTY_DATES).map(utf8),
    raw_bytes,
    long_text.map(utf8),
)
NASTY_EMAILS = [
    "a@b", "@", "employee@", "x" * 300 + "@elan.test", "employee@elan.test\x00",
    " EMPLOYEE@elan.TEST ", "employee@elan.test,hr@elan.test", "employee@elan.test\r\nBcc: x@y.z",
    "é@ë.be", "a@[127.0.0.1]",
]  # fmt: skip
NASTY_URLS = [
    "javascript:alert(1)", "http://", "http://[::1", "https://" + "a" * 3000 + ".be", "//evil.test",
    "data:text/html,<b>", "https://exa mple.org", "http://0x7f.1/",
]  # fmt: skip


def hostile_value(form_field: Any = None) -> st.SearchStrategy[Value]:
    """A value meant to break ``form_field``: kinds of input its type invites, or any other."""
    from django import forms

    specific: st.SearchStrategy[bytes] | None = None
    if isinstance(form_field, forms.FileField):
        return st.one_of(
            st.lists(uploads, min_size=2, max_size=3),
            one_hostile.map(lambda value: [value]),  # text where a file is expected
            st.just([]),
        )
    if isinstance(form_field, forms.DateField | forms.DateTimeField | forms.TimeField):
        specific = st.sampled_from(NASTY_DATES).map(utf8)
    elif isinstance(form_field, forms.EmailField):
        specific = st.sampled_from(NASTY_EMAILS).map(utf8)
    elif isinstance(form_field, forms.URLField):
        specific = st.sampled_from(NASTY_URLS).map(utf8)
    elif isinstance(
        form_field,
        forms.IntegerField
        | forms.DecimalField
        | forms.FloatField
        | forms.ChoiceField
        | forms.ModelChoiceField,
    ):
        # A choice's value is often an id: numbers that are not one, and a real one altered.
        mutated = st.tuples(
            st.sampled_from(choice_values(form_field) or ["1"]),
            st.sampled_from(["\x00", "0", " ", "²", ".0", "e9"]),
        ).map(lambda pair: utf8(pair[0] + pair[1]))
        specific = st.one_of(
            st.sampled_from(CORE_NUMBERS).map(utf8),
            st.sampled_from(NASTY_NUMBERS).map(utf8),
            mutated,
        )
    single = one_hostile if specific is None else st.one_of(specific, one_hostile)
    return st.one_of(
        single.map(lambda value: [value]),
        st.just([]),  # missing
        st.lists(single, min_size=2, max_size=3),  # a list for a single value
    )


def choice_values(form_field: Any, limit: int = 40) -> list[str]:
    """The values a choice field accepts (a model choice field's first rows only)."""
    values = []
    for value, label in itertools.islice(getattr(form_field, "choices", ()), limit):
        if isinstance(label, list | tuple):  # an optgroup
            values.extend(str(inner) for inner, _label in label)
        else:
            values.append(str(value))
    return [value for value in values if value != ""]


def _bounds(form_field: Any, low: float, high: float) -> tuple[float, float]:
    minimum = getattr(form_field, "min_value", None)
    maximum = getattr(form_field, "max_value", None)
    return (low if minimum is None else minimum, high if maximum is None else maximum)


def valid_value(form_field: Any, emails: tuple[str, ...]) -> st.SearchStrategy[Value]:
    """A value the field is likely to accept, so that the other fields reach the view's code."""
    from django import forms

    single: st.SearchStrategy[str]
    if isinstance(form_field, forms.FileField):
        return st.lists(uploads, min_size=1, max_size=2)
    if isinstance(form_field, forms.MultipleChoiceField | forms.ModelMultipleChoiceField):
        choices = choice_values(form_field)
        if not choices:
            return st.just([])
        return st.lists(st.sampled_from(choices), min_size=1, max_size=3, unique=True).map(
            lambda values: [utf8(value) for value in values]
        )
    if isinstance(form_field, forms.ChoiceField | forms.ModelChoiceField):
        choices = choice_values(form_field)
        single = st.sampled_from(choices) if choices else st.just("")
    elif isinstance(form_field, forms.BooleanField | forms.NullBooleanField):
        single = st.sampled_from(["on", "true", "false"])
    elif isinstance(form_field, forms.IntegerField):
        low, high = _bounds(form_field, -5, 100)
        single = st.integers(int(low), int(high)).map(str)
    elif isinstance(form_field, forms.DecimalField | forms.FloatField):
        low, high = _bounds(form_field, -5, 100)
        single = st.decimals(decimal.Decimal(str(low)), decimal.Decimal(str(high)), places=1).map(
            str
        )
    elif isinstance(form_field, forms.DateTimeField):
        # Naive on purpose: a date and time as a person types it into the field.
        single = st.datetimes(
            datetime.datetime(2024, 1, 1),  # noqa: DTZ001
            datetime.datetime(2028, 12, 31),  # noqa: DTZ001
        ).map(lambda moment: moment.strftime("%Y-%m-%d %H:%M"))
    elif isinstance(form_field, forms.DateField):
        today = datetime.datetime.now(tz=datetime.UTC).date()
        single = st.dates(
            today - datetime.timedelta(days=400), today + datetime.timedelta(days=400)
        ).map(datetime.date.isoformat)
    elif isinstance(form_field, forms.TimeField):
        single = st.times().map(lambda moment: moment.strftime("%H:%M"))
    elif isinstance(form_field, forms.EmailField):
        single = st.one_of(st.sampled_from(emails), st.emails().filter(lambda a: len(a) < 200))
    elif isinstance(form_field, forms.URLField):
        single = st.sampled_from(["https://example.org/a", "http://localhost/", "ftp://x"])
    else:
        maximum = min(getattr(form_field, "max_length", None) or 60, 60)
        single = st.text(
            alphabet=string.ascii_letters + string.digits + " .,éèàüöß-",
            min_size=1,
            max_size=maximum,
        )
    return single.map(lambda value: [utf8(value)])


def current_value(spec: FieldSpec) -> Value | None:
    """What the page itself would send back for the field, if it shows a value."""
    value = spec.current
    if value is None or value == "" or value is False:
        return None
    if value is True:
        return [b"on"]
    if isinstance(value, list | tuple):
        return [utf8(str(item)) for item in value]
    return [utf8(str(value))]


class _ReadKeys(dict):
    """Empty form data that notes every name a widget reads from it."""

    def __init__(self) -> None:
        super().__init__()
        self.read: list[str] = []

    def _note(self, key: object) -> None:
        if isinstance(key, str) and key not in self.read:
            self.read.append(key)

    def get(self, key: object, default: object = None) -> object:
        self._note(key)
        return default

    def getlist(self, key: object, default: object = None) -> list:
        self._note(key)
        return [] if default is None else default  # type: ignore[return-value]

    def __contains__(self, key: object) -> bool:
        self._note(key)
        return False


def field_names(spec: FieldSpec) -> list[tuple[str, Any]]:
    """The HTML names a field reads, each with the field that judges it.

    A split date and time reads two names, each its own sub-field; a widget such as the unit
    picker reads a search box and a button besides the choice, which are asked of the widget.
    """
    widget_names = getattr(spec.field.widget, "widgets_names", None)
    sub_fields = getattr(spec.field, "fields", None)
    if widget_names and sub_fields and len(widget_names) == len(sub_fields):
        pairs = zip(widget_names, sub_fields, strict=True)
        return [(spec.name + suffix, sub) for suffix, sub in pairs]
    data = _ReadKeys()
    try:
        spec.field.widget.value_from_datadict(data, _ReadKeys(), spec.name)
    except Exception:  # a widget that cannot read empty data reads at least its own name
        data.read = []
    return [(spec.name, spec.field)] + [(key, None) for key in data.read if key != spec.name]


def form_data(specs: list[FieldSpec], emails: tuple[str, ...]) -> st.SearchStrategy[list]:
    """A whole submission: valid values but for a few hostile fields, and maybe unknown names.

    Mostly valid input gets past the form into the view's own code (its services, its second
    checks), where a 500 hides better than in the form's first ``clean``.
    """
    inputs: list[tuple[str, Any, Value | None]] = []
    for spec in specs:
        names = field_names(spec)
        for name, sub_field in names:
            inputs.append((name, sub_field, current_value(spec) if len(names) == 1 else None))
    if not inputs:
        hostile_names: st.SearchStrategy[frozenset] = st.just(frozenset())
    else:
        hostile_names = st.frozensets(st.sampled_from([name for name, *_ in inputs]), max_size=3)

    # Built once: a choice field's values come from the database.
    strategies = {}
    for name, sub_field, current in inputs:
        if sub_field is None:  # a name a widget reads besides its own: mostly absent
            valid = st.one_of(st.just([]), valid_value(None, emails))
        elif current is not None:
            valid = st.one_of(st.just(current), valid_value(sub_field, emails))
        else:
            valid = valid_value(sub_field, emails)
        strategies[name] = (valid, hostile_value(sub_field))
    extra = st.lists(st.tuples(any_text.map(utf8), one_hostile), max_size=2)

    def submission(hostile: frozenset) -> st.SearchStrategy[list]:
        values = {
            name: strategies[name][1] if name in hostile else strategies[name][0]
            for name, *_ in inputs
        }
        return st.tuples(st.fixed_dictionaries(values), extra).map(
            lambda drawn: (
                [(utf8(name), value) for name, many in drawn[0].items() for value in many]
                + drawn[1]
            )
        )

    return hostile_names.flatmap(submission)


def urlencoded(pairs: list[tuple[bytes, bytes]]) -> bytes:
    return "&".join(
        f"{quote_from_bytes(name, safe='')}={quote_from_bytes(value, safe='')}"
        for name, value in pairs
    ).encode("ascii")


def readable(pairs: list[tuple[bytes, Any]], limit: int = 120) -> str:
    """A submission as a reader can paste it back: each value cut at ``limit`` bytes."""
    shown = []
    for name, value in pairs:
        if isinstance(value, bytes) and len(value) > limit:
            value = value[:limit] + b"...(%d bytes)" % len(value)
        shown.append((name, value))
    return repr(shown)


def multipart(pairs: list[tuple[bytes, Any]], boundary: bytes) -> bytes:
    """A multipart body written by hand, so that values may be any bytes (Django's encoder
    takes text only). Names are escaped as browsers escape them; values and files are sent
    as they are."""
    lines = []
    for name, value in pairs:
        escaped = name.replace(b'"', b"%22").replace(b"\r", b"%0D").replace(b"\n", b"%0A")
        lines.append(b"--" + boundary)
        if isinstance(value, Upload):
            filename = value.filename.replace(b'"', b"%22").replace(b"\r", b"").replace(b"\n", b"")
            lines.append(
                b'Content-Disposition: form-data; name="%s"; filename="%s"' % (escaped, filename)
            )
            lines.append(b"Content-Type: application/octet-stream")
            lines.append(b"")
            lines.append(value.content)
        else:
            lines.append(b'Content-Disposition: form-data; name="%s"' % escaped)
            lines.append(b"")
            lines.append(value)
    lines.append(b"--" + boundary + b"--")
    lines.append(b"")
    return b"\r\n".join(lines)


@dataclass(frozen=True)
class Upload:
    filename: bytes
    content: bytes

    def __repr__(self) -> str:
        return f"Upload({self.filename!r}, {len(self.content)} bytes: {self.content[:40]!r})"


uploads: st.SearchStrategy[Upload] = st.builds(
    Upload,
    st.builds(
        lambda stem, extension: utf8(f"{stem}.{extension}" if extension else stem),
        st.text(alphabet=string.ascii_letters + "\x00é /.\\", max_size=12),
        st.sampled_from(["csv", "xlsx", "json", "yaml", "pdf", "png", "txt", ""]),
    ),
    st.one_of(
        st.binary(max_size=512),
        st.text(max_size=200).map(utf8),
        st.just(b"PK\x03\x04" + bytes(60)),  # the start of a zip (XLSX) and nothing else
        st.just(b"\xef\xbb\xbfexternal_id;name\n\x00;" + b"x" * 300 + b"\n"),
        st.just(b'{"slug": "\\u0000", "name": {"en": ' + b"[" * 500 + b"]" * 500 + b"}}"),
        st.just(b"a: &a [*a, *a]\nb: *a\n"),  # a YAML alias loop
    ),
)


# --- Running the cases --------------------------------------------------------------------------


def _run(
    label: str, examples: int, strategy: st.SearchStrategy, body: Callable[[Any], None]
) -> None:
    """``examples`` Hypothesis examples of ``strategy`` through ``body``, seeded by the label.

    A server error is tallied, not raised, so that one run reports every failing input instead
    of stopping (and shrinking) at the first.
    """
    import zlib

    from hypothesis import HealthCheck, Phase, given, seed, settings

    run = settings(
        max_examples=examples,
        database=None,
        deadline=None,
        phases=(Phase.generate,),
        suppress_health_check=list(HealthCheck),
    )(given(strategy)(body))
    seed(zlib.crc32(f"{label}:{os.environ.get('ELAN_FUZZ_SEED', '')}".encode()))(run)()


@contextmanager
def rolled_back() -> Iterator[None]:
    """Each case starts from the same data: what a submission changed is undone after it."""
    from django.db import transaction

    block = transaction.atomic()
    # Marked as a test's own transaction, as Django's TestCase marks its own: a service's
    # durable block (one that must be the outermost in production) may then open inside it.
    block._from_testcase = True  # type: ignore[attr-defined]
    with block:
        yield
        transaction.set_rollback(True)


@dataclass(frozen=True)
class FormTarget:
    """A page whose forms are fuzzed: where, by whom, and the fields its forms read."""

    label: str
    url: str
    method: str  # "POST", or "GET" for a search or filter form that reads the query string
    specs: tuple[FieldSpec, ...]
    fixed: tuple[tuple[bytes, bytes], ...] = ()  # sent first: the button that picks the form


def fuzz_form(client: Any, target: FormTarget, emails: tuple[str, ...], examples: int) -> None:
    """Sends ``examples`` submissions to the target's page with the client, each rolled back."""
    has_files = any(_is_file_field(spec.field) for spec in target.specs)

    def one(drawn: list) -> None:
        pairs = [*target.fixed, *drawn]
        cookies = copy.deepcopy(client.cookies)
        with rolled_back(), server_exceptions() as caught:
            if target.method == "GET":
                query = urlencoded(pairs).decode()
                response = client.get(f"{target.url}{'&' if '?' in target.url else '?'}{query}")
            elif has_files:
                boundary = b"FuzzBoundary7MA4YWxkTrZu0gW"
                response = client.generic(
                    "POST",
                    target.url,
                    multipart(pairs, boundary),
                    content_type=f"multipart/form-data; boundary={boundary.decode()}",
                )
            else:
                response = client.generic(
                    "POST",
                    target.url,
                    urlencoded(pairs),
                    content_type="application/x-www-form-urlencoded",
                )
        # A submission may have logged out or rotated the session; the rollback restored the
        # session row, so the cookies from before the case log in again.
        client.cookies = cookies
        TALLY.record(
            target.label,
            response.status_code,
            lambda: f"{target.method} {target.url} {readable(pairs)}\n{''.join(caught)}",
        )

    _run(target.label, examples, form_data(list(target.specs), emails), one)


def _is_file_field(form_field: Any) -> bool:
    from django import forms

    return isinstance(form_field, forms.FileField)


# --- The API ------------------------------------------------------------------------------------

API_SCHEMA_PATH = "/api/insights/openapi.json"


@contextmanager
def connections_kept() -> Iterator[None]:
    """Requests through the WSGI handler keep the test's database connection.

    Django's handler closes connections that are in a transaction it did not open at the start
    and end of each request; the test client turns that off, and so does this, so that the
    request sees the test's data and the test's transaction survives it.
    """
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def api_schema() -> Any:
    """The API's OpenAPI schema as django-ninja serves it, bound to the WSGI application."""
    import schemathesis

    from elan.wsgi import application

    with connections_kept():
        return schemathesis.openapi.from_wsgi(API_SCHEMA_PATH, application)


def api_operations(schema: Any) -> list[Any]:
    return [result.ok() for result in schema.get_all_operations()]


def fuzz_api(
    operation: Any,
    login: str,
    cookies: dict[str, str],
    known: dict[str, st.SearchStrategy],
    examples: int,
) -> None:
    """``examples`` positive and as many negative cases of one operation, with one login.

    ``known`` gives real values (a campaign that exists, a unit in it) that replace what
    schemathesis drew for a parameter in some cases, so that fuzz also reaches past the first
    lookup into the figures.
    """
    from schemathesis import GenerationMode

    for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
        label = f"API {operation.method.upper()} {operation.path} {mode.value} as {login}"
        # Which drawn values stay: none in the simplest example, the one Hypothesis tries
        # first, so that every operation is reached with real values at least once.
        strategy = st.tuples(
            operation.as_strategy(generation_mode=mode),
            st.fixed_dictionaries(known),
            st.frozensets(st.sampled_from(sorted(known))),
        )
        _run(label, examples, strategy, _api_case(label, cookies))


def _api_case(label: str, cookies: dict[str, str]) -> Callable[[tuple], None]:
    def one(drawn: tuple) -> None:
        case, replacements, kept = drawn
        for location in ("path_parameters", "query"):
            values = getattr(case, location)
            for name, value in replacements.items():
                if values is not None and name in values and name not in kept:
                    values[name] = value
        with connections_kept(), server_exceptions() as caught:
            # As cookies, not a header: the WSGI test client replaces a Cookie header with its
            # own cookie jar.
            response = case.call(cookies=cookies)
        TALLY.record(
            label,
            response.status_code,
            lambda: f"{case.as_curl_command()} (cookies: {sorted(cookies)})\n{''.join(caught)}",
        )

    return one
