# SPDX-License-Identifier: EUPL-1.2
"""The survey peak, as people live it the morning the invitation arrives (bench/load/run.py).

Each journey user takes the next invited person from the list the driver wrote and walks, with a
pause between pages: the link of the e-mail (which sends them to the login page), the login with
their password, the climate survey page by page until it is sent, the self-assessment from its
start page to the submitted profile, and two pages of the knowledge hub. Every form is read from
the page and filled as a person would (a random answer to every statement), so the journey
follows the site rather than a copy of its fields. Two other users ask for the bare view at a few
requests a second, one anonymous and one logged in: the floor each page is compared with.

Run by the driver, which sets: LOAD_CA_FILE (the cluster's certificate), LOAD_CAMPAIGN (the
open climate campaign), LOAD_PEOPLE_FILE and LOAD_PEOPLE_OFFSET (who to be), LOAD_PASSWORD,
LOAD_THINK_SECONDS ("min,max") and LOAD_HISTOGRAM_FILE (where to leave the response times).
"""

from __future__ import annotations

import json
import os
import random
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlparse

from locust import HttpUser, between, constant_throughput, events, task

CA_FILE = os.environ.get("LOAD_CA_FILE", "")
CAMPAIGN = os.environ.get("LOAD_CAMPAIGN", "1")
PASSWORD = os.environ.get("LOAD_PASSWORD", "federal-bench-2026")
THINK = tuple(float(value) for value in os.environ.get("LOAD_THINK_SECONDS", "0.5,1.5").split(","))
BARE_REQUESTS_PER_SECOND = 2.0


class _People:
    """Each simulated person once: a climate survey is answered once per round."""

    def __init__(self) -> None:
        path = os.environ.get("LOAD_PEOPLE_FILE")
        self.people = json.loads(Path(path).read_text()) if path else []
        self.next = int(os.environ.get("LOAD_PEOPLE_OFFSET", "0"))
        self.used = 0

    def take(self) -> tuple[str, str] | None:
        if self.next >= len(self.people):
            return None
        email, language = self.people[self.next]
        self.next += 1
        self.used += 1
        return email, language


PEOPLE = _People()
# The number of requests of each journey that reached its end, for the driver's per-journey costs.
COMPLETED: list[int] = []
# The logged-in bare view needs somebody too; the last of the list never walks the journey.
BARE_PERSON = PEOPLE.people.pop() if PEOPLE.people else ("", "en")


class _Form(HTMLParser):
    """The first POST form in a page's main part (the header holds the logout form): its
    fields, radio groups and submit buttons."""

    def __init__(self) -> None:
        super().__init__()
        self.in_main = False
        self.inside = False
        self.done = False
        self.action = ""
        self.fields: dict[str, str] = {}
        self.radios: dict[str, list[str]] = {}
        self.buttons: dict[str, list[str]] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "main":
            self.in_main = True
        elif (
            tag == "form"
            and self.in_main
            and not self.done
            and values.get("method", "").lower() == "post"
        ):
            self.inside, self.action = True, values.get("action", "")
        elif self.inside and tag == "input" and values.get("name"):
            kind = values.get("type", "text").lower()
            if kind == "radio":
                self.radios.setdefault(values["name"], []).append(values.get("value", ""))
            elif kind == "submit":
                self.buttons.setdefault(values["name"], []).append(values.get("value", ""))
            elif kind != "checkbox":
                self.fields[values["name"]] = values.get("value", "")
        elif self.inside and tag == "button" and values.get("name"):
            self.buttons.setdefault(values["name"], []).append(values.get("value", ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "form" and self.inside:
            self.inside, self.done = False, True


def read_form(html: str) -> _Form:
    form = _Form()
    form.feed(html)
    return form


class Journey(HttpUser):
    """One invited person after another, from the e-mail link to the hub."""

    weight = 100
    wait_time = between(*THINK)

    def on_start(self) -> None:
        self.client.verify = CA_FILE
        self.requests_so_far = 0

    def _get(self, url: str, name: str, **options):
        self.requests_so_far += 1
        return self.client.get(url, name=name, **options)

    def _post(self, url: str, data: dict[str, str], name: str):
        self.requests_so_far += 1
        origin = "{0.scheme}://{0.netloc}".format(urlparse(self.host))
        return self.client.post(
            url,
            data=data,
            name=name,
            allow_redirects=False,
            headers={"Origin": origin, "Referer": urljoin(self.host, url)},
            catch_response=True,
        )

    @task
    def journey(self) -> None:
        person = PEOPLE.take()
        if person is None:
            self.environment.runner.quit()
            return
        email, language = person
        self.client.cookies.clear()
        self.requests_so_far = 0
        link = f"/{language}/insights/campaigns/{CAMPAIGN}/answer/"
        with self._get(
            link, "e-mail link (to the login)", allow_redirects=False, catch_response=True
        ) as response:
            if response.status_code != 302 or "/accounts/login/" not in response.headers.get(
                "Location", ""
            ):
                response.failure(f"expected the login, got {response.status_code}")
                return
            login = response.headers["Location"]
        self.wait()
        with self._get(login, "login page", catch_response=True) as response:
            form = read_form(response.text)
            if response.status_code != 200 or "csrfmiddlewaretoken" not in form.fields:
                response.failure(f"no login form ({response.status_code})")
                return
        self.wait()
        data = {**form.fields, "login": email, "password": PASSWORD}
        with self._post(login, data, "log in (POST)") as response:
            if response.status_code != 302:
                response.failure(f"login refused ({response.status_code})")
                return
            survey = response.headers["Location"]
        if not self._climate_survey(survey):
            return
        if not self._self_assessment(language):
            return
        if not self._hub(language):
            return
        COMPLETED.append(self.requests_so_far)

    def _hub(self, language: str) -> bool:
        """The hub's home, its principles and one of them, as a person who follows the link."""
        self.wait()
        self._get(f"/{language}/hub/", "hub: home")
        self.wait()
        section = f"/{language}/hub/principles/"
        with self._get(section, "hub: the principles", catch_response=True) as response:
            pages = re.findall(rf'href="({section}[a-z0-9-]+/)"', response.text)
            if response.status_code != 200 or not pages:
                response.failure(f"no principle to read ({response.status_code})")
                return False
        self.wait()
        self._get(random.choice(pages), "hub: a principle page")
        return True

    def _climate_survey(self, url: str) -> bool:
        self.wait()
        with self._get(url, "survey: first page", catch_response=True) as response:
            page = response.text
            if response.status_code != 200 or "draft" not in read_form(page).fields:
                response.failure(f"no survey form ({response.status_code})")
                return False
        while True:
            form = read_form(page)
            action = "send" if "send" in form.buttons.get("action", []) else "next"
            data = {**form.fields, "action": action}
            for name, choices in form.radios.items():
                data[name] = random.choice(choices)
            self.wait()
            name = "survey: send (POST)" if action == "send" else "survey: next page (POST)"
            with self._post(url, data, name) as response:
                if action == "next":
                    following = read_form(response.text)
                    if response.status_code != 200 or "draft" not in following.fields:
                        response.failure(f"no next page ({response.status_code})")
                        return False
                    page = response.text
                    continue
                if response.status_code != 302:
                    response.failure(f"answers not taken ({response.status_code})")
                    return False
                thanks = response.headers["Location"]
            break
        self.wait()
        self._get(thanks, "survey: thanks")
        return True

    def _self_assessment(self, language: str) -> bool:
        start = f"/{language}/assessments/"
        self.wait()
        with self._get(start, "self-assessment: start page", catch_response=True) as r:
            form = read_form(r.text)
            if r.status_code != 200 or "token" not in form.fields:
                r.failure(f"no start form ({r.status_code})")
                return False
        self.wait()
        with self._post(start, form.fields, "self-assessment: start (POST)") as response:
            if response.status_code != 302 or "/step/" not in response.headers.get("Location", ""):
                response.failure(f"not started ({response.status_code})")
                return False
            step = response.headers["Location"]
        while True:
            with self._get(step, "self-assessment: a step", catch_response=True) as response:
                form = read_form(response.text)
                if response.status_code != 200 or not form.radios:
                    response.failure(f"no step form ({response.status_code})")
                    return False
            last = "submit" in form.buttons.get("action", [])
            data = {**form.fields, "action": "submit" if last else "next"}
            for name, choices in form.radios.items():
                data[name] = random.choice(choices)
            self.wait()
            name = "submit (POST)" if last else "save a step (POST)"
            with self._post(step, data, f"self-assessment: {name}") as response:
                location = response.headers.get("Location", "")
                if response.status_code != 302:
                    response.failure(f"step not saved ({response.status_code})")
                    return False
            if last:
                break
            step = location
        self.wait()
        self._get(location, "self-assessment: profile")
        return True


class BareAnonymous(HttpUser):
    """The floor: nginx, TLS, gunicorn and every middleware, for a visitor."""

    fixed_count = 1
    wait_time = constant_throughput(BARE_REQUESTS_PER_SECOND)

    def on_start(self) -> None:
        self.client.verify = CA_FILE

    @task
    def bare(self) -> None:
        self.client.get("/en/bare/", name="bare view (anonymous)")


class BareSignedIn(HttpUser):
    """The floor for someone logged in: the session and the person are read as well."""

    fixed_count = 1
    wait_time = constant_throughput(BARE_REQUESTS_PER_SECOND)

    def on_start(self) -> None:
        self.client.verify = CA_FILE
        email, _language = BARE_PERSON
        page = self.client.get("/en/accounts/login/", name="bare view: its login page")
        origin = "{0.scheme}://{0.netloc}".format(urlparse(self.host))
        self.client.post(
            "/en/accounts/login/",
            data={**read_form(page.text).fields, "login": email, "password": PASSWORD},
            headers={"Origin": origin, "Referer": urljoin(self.host, "/en/accounts/login/")},
            name="bare view: its login (POST)",
        )

    @task
    def bare(self) -> None:
        self.client.get("/en/bare/", name="bare view (logged in)")


@events.quitting.add_listener
def _leave_histogram(environment, **kwargs) -> None:
    """Locust's CSV rounds percentiles per name; the driver merges the raw histograms instead
    to get one p95 over every request of the journey."""
    path = os.environ.get("LOAD_HISTOGRAM_FILE")
    if not path:
        return
    samples = {
        entry.name: sorted(entry.response_times.items())
        for entry in environment.stats.entries.values()
    }
    with open(path, "w") as handle:
        json.dump(
            {"samples": samples, "people_used": PEOPLE.used, "completed_journeys": COMPLETED},
            handle,
        )
