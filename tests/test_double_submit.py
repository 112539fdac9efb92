# SPDX-License-Identifier: EUPL-1.2
"""Two identical submissions at once make one record (issue 21, "faults"): a double click, a
request the browser or the proxy sent again, two tabs (elan/portal/middleware.py)."""

from __future__ import annotations

import threading
import time

import pytest
from django.test import Client

from elan.experiments import services as experiment_services
from elan.experiments.models import Experiment
from elan.portal.middleware import OneWritePerSubmitMiddleware

NEW_CARD = "/en/experiments/new/"
CARD = {"title": "Fewer calls after the reminder"}


def logged_in_client(user) -> Client:
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def same_session(client: Client) -> Client:
    """A second connection of the same browser: the same cookies."""
    twin = Client()
    twin.cookies = client.cookies
    return twin


@pytest.fixture
def slow_create(monkeypatch):
    """The card takes a moment to save, so a copy sent meanwhile overlaps it."""
    original = experiment_services.experiment_create

    def slowly(**kwargs):
        time.sleep(1.0)
        return original(**kwargs)

    monkeypatch.setattr(experiment_services, "experiment_create", slowly)


def post_together(clients: list[Client], data: dict) -> list:
    responses: list = [None] * len(clients)
    start = threading.Barrier(len(clients))

    def send(index: int) -> None:
        start.wait()
        responses[index] = clients[index].post(NEW_CARD, data)

    threads = [threading.Thread(target=send, args=(i,)) for i in range(len(clients))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return responses


@pytest.mark.django_db(transaction=True)
def test_two_identical_posts_at_once_make_one_card_and_both_land_on_it(personas, slow_create):
    first = logged_in_client(personas.employee)
    responses = post_together([first, same_session(first)], CARD)
    assert Experiment.objects.count() == 1
    assert [response.status_code for response in responses] == [302, 302]
    (location,) = {response["Location"] for response in responses}
    assert first.get(location).status_code == 200  # the one card's page


@pytest.mark.django_db(transaction=True)
def test_a_copy_still_waiting_after_ten_seconds_gets_a_page_that_says_so_not_a_second_card(
    personas, slow_create, monkeypatch
):
    monkeypatch.setattr(OneWritePerSubmitMiddleware, "WAIT_SECONDS", 0.2)
    first = logged_in_client(personas.employee)
    responses = post_together([first, same_session(first)], CARD)
    assert sorted(response.status_code for response in responses) == [302, 409]
    refused = next(response for response in responses if response.status_code == 409)
    assert "Your form is still being sent" in refused.content.decode()
    assert refused["Retry-After"] == "5"
    assert Experiment.objects.count() == 1


@pytest.mark.django_db
def test_the_same_form_sent_again_just_after_lands_on_the_same_card(personas, client):
    client.force_login(personas.employee, backend="django.contrib.auth.backends.ModelBackend")
    first = client.post(NEW_CARD, CARD)
    again = client.post(NEW_CARD, CARD)
    assert (again.status_code, again["Location"]) == (302, first["Location"])
    assert Experiment.objects.count() == 1


@pytest.mark.django_db
def test_the_same_form_sent_again_later_is_a_new_card(personas, client, time_machine):
    time_machine.move_to(time.time(), tick=True)
    client.force_login(personas.employee, backend="django.contrib.auth.backends.ModelBackend")
    client.post(NEW_CARD, CARD)
    time_machine.shift(OneWritePerSubmitMiddleware.REMEMBER_SECONDS + 1)
    client.post(NEW_CARD, CARD)
    assert Experiment.objects.count() == 2


@pytest.mark.django_db
def test_two_people_sending_the_same_form_each_get_their_own_card(personas, client_for):
    client_for("employee").post(NEW_CARD, CARD)
    client_for("team_lead").post(NEW_CARD, CARD)
    assert Experiment.objects.count() == 2


@pytest.mark.django_db
def test_a_refused_form_sent_again_is_checked_again(personas, client):
    client.force_login(personas.employee, backend="django.contrib.auth.backends.ModelBackend")
    refused = [client.post(NEW_CARD, {"title": ""}).status_code for _ in range(2)]
    assert refused == [200, 200]
    assert client.post(NEW_CARD, CARD).status_code == 302
