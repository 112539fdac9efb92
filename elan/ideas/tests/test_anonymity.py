# SPDX-License-Identifier: EUPL-1.2
"""An anonymous idea names nobody: after it is posted, no row, log line, task or e-mail holds
its author's id, name or address, and no new row holds a time finer than the day. Its private
link opens it; a guessed one does not."""

from __future__ import annotations

import datetime
import logging

import pytest
from django.apps import apps
from django.core import mail
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django_tasks.base import Task

from elan.ideas.models import Comment, Idea, IdeaEvent
from elan.ideas.tests.factories import matrix_campaign

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("mails_on_commit")]


def _snapshot() -> dict:
    """Every row of every table, by model and primary key."""
    rows = {}
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        for row in model._default_manager.all().values():
            rows[(model._meta.label, row[model._meta.pk.attname])] = row
    return rows


def _user_columns(label: str) -> set[str]:
    model = apps.get_model(label)
    user_model = apps.get_model("accounts", "User")
    return {
        field.attname
        for field in model._meta.concrete_fields
        if isinstance(field, models.ForeignKey) and field.related_model is user_model
    }


@pytest.fixture
def tasks_enqueued(monkeypatch):
    seen = []
    original = Task.enqueue

    def recording(self, *args, **kwargs):
        seen.append((self.name, args, kwargs))
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Task, "enqueue", recording)
    return seen


@pytest.fixture
def posted(personas, client_for, tasks_enqueued, caplog):
    """The employee posts an anonymous idea through the page, in Dutch; what changed, was
    logged, queued and mailed is kept to be searched."""
    campaign = matrix_campaign(personas)
    client = client_for("employee")
    before = _snapshot()
    mail.outbox.clear()
    caplog.set_level(logging.DEBUG)
    with timezone.override("Europe/Brussels"):
        response = client.post(
            reverse("ideas:campaign_idea_new", args=[campaign.public_id]).replace("/en/", "/nl/"),
            {
                "title": "Vergaderen zonder papier",
                "body": "Alle stukken op scherm.",
                "anonymous": "on",
            },
        )
    return {
        "response": response,
        "before": before,
        "after": _snapshot(),
        "logs": [record.getMessage() for record in caplog.records],
        "tasks": list(tasks_enqueued),
        "mails": list(mail.outbox),
        "idea": Idea.objects.get(title="Vergaderen zonder papier"),
    }


def _traces(personas) -> list[str]:
    author = personas.employee
    return [author.email, author.first_name, author.last_name, author.get_full_name()]


def test_the_anonymous_idea_is_posted_and_its_private_link_shown_once(posted):
    assert posted["response"].status_code == 200
    assert "no-store" in posted["response"]["Cache-Control"]
    assert b"/ideas/private/" in posted["response"].content
    assert posted["idea"].is_anonymous and posted["idea"].author_id is None


def test_no_new_or_changed_row_holds_the_authors_id_name_or_address(posted, personas):
    author = personas.employee
    changed = {key: row for key, row in posted["after"].items() if posted["before"].get(key) != row}
    assert changed, "posting wrote nothing"
    for (label, _pk), row in changed.items():
        for column in _user_columns(label):
            assert row[column] != author.pk, f"{label}.{column} names the author"
        for value in row.values():
            text = str(value)
            for trace in _traces(personas):
                assert trace not in text, f"{label} holds {trace!r}"


def test_no_new_row_keeps_a_time_finer_than_the_day(posted):
    before = posted["before"]
    new_rows = [(key, row) for key, row in posted["after"].items() if key not in before]
    for (label, _pk), row in new_rows:
        for value in row.values():
            if isinstance(value, datetime.datetime):
                local = timezone.localtime(value, timezone.get_default_timezone())
                assert local.time() == datetime.time(0), f"{label} keeps the time {local}"


def test_no_log_line_task_argument_or_e_mail_names_the_author(posted, personas):
    author = personas.employee
    for line in posted["logs"]:
        for trace in _traces(personas):
            assert trace not in line
    assert posted["tasks"], "no e-mail was queued to the owner"
    for _name, args, kwargs in posted["tasks"]:
        assert author.pk not in [*args, *kwargs.values()]
        for trace in _traces(personas):
            assert trace not in repr((args, kwargs))
    assert [message.to for message in posted["mails"]] == [[personas.hr.email]]
    for message in posted["mails"]:
        for trace in _traces(personas):
            assert trace not in message.subject + message.body


def test_the_private_link_opens_the_idea_and_takes_a_reply_that_names_nobody(posted, client):
    url = posted["response"].context["private_url"]
    path = url[url.index("/nl/") :]
    page = client.get(path)
    assert page.status_code == 200
    assert "Vergaderen zonder papier" in page.content.decode()
    # The origin alone: the path, with its secret, goes nowhere.
    assert page["Referrer-Policy"] == "strict-origin"
    content = page.content.decode()
    assert "report-barrier/?page=" in content or "?page=" in content
    assert posted["idea"].token_hash not in content
    token = path.rstrip("/").rsplit("/", 1)[1]
    footer = content[content.index("<footer") :]
    assert token not in footer, "the barrier report link carries the secret"
    reply = client.post(path, {"body": "Ook de bijlagen graag."})
    assert reply.status_code == 302
    comment = Comment.objects.get(idea=posted["idea"])
    assert comment.by_idea_author and comment.author_id is None


def test_a_guessed_private_link_opens_nothing(posted, client):
    for token in ("guess", "a" * 43, posted["idea"].token_hash, "x" * 500):
        assert client.get(reverse("ideas:private", args=[token])).status_code == 404


def test_the_history_of_an_anonymous_idea_names_nobody_and_keeps_the_day(posted):
    event = IdeaEvent.objects.get(idea=posted["idea"])
    assert event.by_id is None


def test_a_private_link_may_post_a_few_replies_a_day_and_then_keeps_the_typed_reply(posted, client):
    from elan.ideas.constants import DAILY_REPLY_QUOTA

    url = posted["response"].context["private_url"]
    path = url[url.index("/nl/") :]
    for number in range(DAILY_REPLY_QUOTA):
        assert client.post(path, {"body": f"Reply {number}"}).status_code == 302
    refused = client.post(path, {"body": "One reply too many"})
    assert refused.status_code == 400
    assert "One reply too many" in refused.content.decode()
    assert Comment.objects.filter(idea=posted["idea"]).count() == DAILY_REPLY_QUOTA
