# SPDX-License-Identifier: EUPL-1.2
"""Two app nodes behind the proxy behave as one site (issue 21, docs/deployment.md).

The real parts on loopback (tests/cluster.py): two gunicorn nodes with the production settings,
nginx with the shipped proxy snippet and a self-signed certificate, a Redis of their own, and
this test run's PostgreSQL database. Each test talks to one node or the other through the proxy
(``via_node``), from a loopback address of its own (127.0.0.x), so that its logins count
against its own address and no other test's.

Production refuses SQLite (elan.E003), so these run where the suite runs on PostgreSQL, as CI
does; on SQLite they are reported as not run, with the reason.
"""

from __future__ import annotations

import re
import time

import pytest
from django.db import connection

from elan.accounts.tests.factories import DEFAULT_TEST_PASSWORD, UserFactory
from tests.cluster import Browser, Cluster

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="the production settings the nodes run refuse SQLite; CI runs these on PostgreSQL",
    ),
    pytest.mark.django_db(transaction=True),
    # One cluster for the module: its tests run on one xdist worker (Makefile, --dist loadgroup).
    pytest.mark.xdist_group("cluster"),
]

# allauth's per-address login limit, low enough to reach in a test (the default is 300/m).
LOGIN_LIMIT = 6


@pytest.fixture(scope="module")
def cluster(django_db_setup, django_db_blocker):
    settings = connection.settings_dict
    address = f"{settings['HOST'] or '127.0.0.1'}:{settings['PORT'] or 5432}"
    database_url = f"postgres://{settings['USER']}@{address}/{settings['NAME']}"
    extra = {"LOGIN_RATE_LIMIT_PER_ADDRESS": f"{LOGIN_LIMIT}/m/ip"}
    with Cluster(database_url=database_url, extra_env=extra) as running:
        yield running


def person(email: str):
    """Someone the nodes can log in: the tests' own fast hasher is not one production knows."""
    from django.contrib.auth.hashers import PBKDF2PasswordHasher

    hasher = PBKDF2PasswordHasher()
    someone = UserFactory(email=email)
    someone.password = hasher.encode(DEFAULT_TEST_PASSWORD, hasher.salt())
    someone.save(update_fields=["password"])
    return someone


def test_a_person_who_logs_in_through_one_node_stays_logged_in_through_the_other(cluster):
    someone = person("anna.peeters@elan.test")
    browser = Browser(cluster, "127.0.0.11")
    answer = browser.log_in(0, someone.email, DEFAULT_TEST_PASSWORD)
    status, headers = answer.status, answer.headers
    assert status == 302 and "/accounts/login/" not in headers["Location"], cluster.logs()
    answer = browser.request(1, "GET", "/en/me/")
    status, page = answer.status, answer.body
    assert status == 200, cluster.logs()
    assert someone.email in page


def test_five_failed_logins_spread_over_both_nodes_lock_the_account(cluster):
    from axes.models import AccessAttempt

    someone = person("bart.claes@elan.test")
    browser = Browser(cluster, "127.0.0.12")
    statuses = [browser.log_in(node, someone.email, "wrong").status for node in (0, 1, 0, 1, 0)]
    assert statuses == [200, 200, 200, 200, 429]
    # Locked on the other node too, even with the right password.
    assert browser.log_in(1, someone.email, DEFAULT_TEST_PASSWORD).status == 429
    # Counted against the visitor's address, not the proxy's (deploy/nginx/elan-proxy.conf).
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"127.0.0.12"}


def test_the_login_rate_limit_counts_across_both_nodes(cluster):
    browser = Browser(cluster, "127.0.0.13")
    # A different unknown address each time: no lockout, only the per-address limit counts.
    statuses = [
        browser.log_in(attempt % 2, f"nobody{attempt}@elan.test", "wrong").status
        for attempt in range(LOGIN_LIMIT + 1)
    ]
    assert statuses == [200] * LOGIN_LIMIT + [429]


def test_a_hub_page_changed_on_one_node_is_fresh_on_the_other(cluster):
    from elan.knowledge.loader import load_hub_content
    from elan.knowledge.models import HubHomePage

    load_hub_content()
    home = HubHomePage.objects.get(locale__language_code="en")
    visitor = Browser(cluster, "127.0.0.14")
    for node in (0, 1):
        assert visitor.request(node, "GET", home.url).status == 200  # cached for visitors now
    home.title = "The hub, edited"
    home.save_revision().publish()
    for node in (1, 0):
        assert "The hub, edited" in visitor.request(node, "GET", home.url).body


def test_a_task_queued_through_one_node_is_run_once_by_the_workers(cluster):
    from django_tasks_db.models import DBTaskResult

    from elan.core.models import OutgoingEmail

    someone = person("chris.maes@elan.test")
    workers = [cluster.start_task_worker(), cluster.start_task_worker()]
    browser = Browser(cluster, "127.0.0.15")
    browser.request(0, "GET", "/en/accounts/password/reset/")
    answer = browser.request(0, "POST", "/en/accounts/password/reset/", {"email": someone.email})
    assert answer.status == 302, cluster.logs()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if OutgoingEmail.objects.filter(status="sent").exists():
            break
        time.sleep(0.5)
    time.sleep(2)  # a second run, if there were one, would show by now
    email = OutgoingEmail.objects.get()
    assert (email.status, email.attempts) == ("sent", 1), cluster.logs()
    runs = DBTaskResult.objects.filter(task_path__endswith="deliver_due_emails")
    assert [(run.status, len(run.worker_ids)) for run in runs] == [("SUCCESSFUL", 1)]
    # The console delivery backend wrote the message to one worker's log, once.
    logs = cluster.logs(lines=400)
    assert len(re.findall(r"Subject: .*[Pp]assword", logs)) == 1, logs
    assert all(worker.poll() is None for worker in workers)


def test_two_identical_posts_through_both_nodes_at_once_make_one_card(cluster):
    import threading

    from elan.experiments.models import Experiment

    someone = person("dana.wouters@elan.test")
    browser = Browser(cluster, "127.0.0.16")
    assert browser.log_in(0, someone.email, DEFAULT_TEST_PASSWORD).status == 302
    browser.request(0, "GET", "/en/experiments/new/")
    results: list = [None, None]
    start = threading.Barrier(2)

    def send(node: int) -> None:
        twin = Browser(cluster, browser.source, dict(browser.cookies))
        start.wait()
        results[node] = twin.request(node, "POST", "/en/experiments/new/", {"title": "Twice"})

    threads = [threading.Thread(target=send, args=(node,)) for node in (0, 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert [result.status for result in results] == [302, 302], cluster.logs()
    assert results[0].location == results[1].location
    assert Experiment.objects.filter(title="Twice").count() == 1
