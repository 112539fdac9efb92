# SPDX-License-Identifier: EUPL-1.2
"""Who took part is stored apart from what was answered, and nothing links the two."""

from __future__ import annotations

import contextlib
import logging
import uuid

import pytest
from django.db import connection, models
from django.test.utils import CaptureQueriesContext

from elan.insights.models import Answer, Participation, Response
from elan.insights.services import AlreadyAnswered, response_submit
from elan.insights.tests.factories import CampaignFactory, answers_for, close_round, open_round
from elan.organisations.tests.factories import StaffRecordFactory, UnitFactory

pytestmark = pytest.mark.django_db

FORBIDDEN_FIELD_TYPES = (models.DateTimeField, models.TimeField, models.GenericIPAddressField)


@pytest.mark.parametrize("model", [Response, Answer])
def test_an_answer_row_has_no_user_no_ip_address_and_no_time_finer_than_the_day(model):
    for field in model._meta.get_fields():
        assert not isinstance(field, FORBIDDEN_FIELD_TYPES), field.name
        related = getattr(field, "related_model", None)
        assert related not in (Participation,), field.name
        if related is not None:
            assert related._meta.label not in ("accounts.User",), field.name
        assert "user" not in field.name and "ip" not in field.name.split("_"), field.name


def test_responses_and_answers_have_random_primary_keys_rather_than_a_counter():
    assert isinstance(Response._meta.pk, models.UUIDField)
    assert isinstance(Answer._meta.pk, models.UUIDField)


def test_a_stored_response_holds_only_the_coarsened_group_keys_and_the_day(personas):
    """The organisation's seven people: the team of three is too small to be stored on its own,
    so its answers carry the organisation's code; everyone shares the language and the level."""
    campaign = CampaignFactory(unit=personas.organisation)
    round_ = open_round(campaign)
    response_submit(
        round_id=round_.pk,
        user=personas.employee,
        answers=answers_for(campaign.instrument),
        comment="  We could meet less often.  ",
        today=round_.opens_on,
    )
    stored = Response.objects.values().get()
    assert set(stored) == {
        "id",
        "round_id",
        "unit_code",
        "language",
        "grade_band",
        "answered_on",
        "comment",
    }
    assert isinstance(stored["id"], uuid.UUID)
    assert stored["unit_code"] == personas.organisation.code
    assert stored["language"] == personas.employee.preferred_language
    assert stored["grade_band"] == "B"
    assert stored["answered_on"] == round_.opens_on
    assert stored["comment"] == "We could meet less often."
    assert str(personas.employee.pk) not in {str(v) for v in stored.values()}
    assert Answer.objects.count() == 19
    participation = Participation.objects.get(round=round_, user=personas.employee)
    assert participation.responded_on == round_.opens_on


def test_the_submission_writes_both_records_or_neither(personas, monkeypatch):
    campaign = CampaignFactory(unit=personas.organisation)
    round_ = open_round(campaign)

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(Answer.objects, "bulk_create", broken)
    with pytest.raises(RuntimeError):
        response_submit(
            round_id=round_.pk,
            user=personas.employee,
            answers=answers_for(campaign.instrument),
            today=round_.opens_on,
        )
    assert not Response.objects.exists()
    assert Participation.objects.get(user=personas.employee).responded_on is None


def test_a_double_submit_creates_one_response(personas):
    campaign = CampaignFactory(unit=personas.organisation)
    round_ = open_round(campaign)
    arguments = {
        "round_id": round_.pk,
        "user": personas.employee,
        "answers": answers_for(campaign.instrument),
        "today": round_.opens_on,
    }
    response_submit(**arguments)
    with pytest.raises(AlreadyAnswered):
        response_submit(**arguments)
    assert Response.objects.count() == 1


def test_the_submission_queries_never_put_the_user_next_to_the_response(personas):
    """The INSERT of the response carries no user id; the participation UPDATE carries no
    response id (the two are linked by nothing but the transaction, see the scrub test)."""
    user = personas.employee
    campaign = CampaignFactory(unit=personas.organisation)
    round_ = open_round(campaign)
    with CaptureQueriesContext(connection) as queries:
        response_submit(
            round_id=round_.pk,
            user=user,
            answers=answers_for(campaign.instrument),
            today=round_.opens_on,
        )
    response_id = Response.objects.get().pk
    for query in queries.captured_queries:
        sql = query["sql"]
        if Response._meta.db_table in sql and "INSERT" in sql:
            assert f"= {user.pk}" not in sql and f"({user.pk}," not in sql
        if Participation._meta.db_table in sql:
            assert response_id.hex not in sql and str(response_id) not in sql


def test_no_log_line_written_during_an_anonymous_submission_holds_the_user_id(
    personas, client_for, caplog
):
    # A user id that cannot turn up by chance in a date, a count or a path.
    unit = UnitFactory(parent=personas.organisation, code="LOG-TEAM")
    from elan.accounts.tests.factories import UserFactory

    user = UserFactory(id=987_654_321, email="log.watcher@elan.test")
    StaffRecordFactory(user=user, unit=unit)
    campaign = CampaignFactory(unit=personas.organisation)
    open_round(campaign)
    client = client_for("visitor")
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    form = {**answers_for(campaign.instrument), "comment": "Fine."}
    caplog.clear()
    with contextlib.ExitStack() as stack:
        # Every logger at DEBUG, Django's SQL logger included (it logs only with DEBUG on,
        # which production refuses; docs/privacy-insights.md).
        for name in (None, "django", "django.db.backends", "django.request", "elan", "axes"):
            stack.enter_context(caplog.at_level(logging.DEBUG, logger=name))
        response = client.post(f"/en/insights/campaigns/{campaign.pk}/answer/", form)
    assert response.status_code == 302
    assert Response.objects.count() == 1
    identifiers = {str(user.pk), user.email}
    for record in caplog.records:
        text = " ".join([record.getMessage(), repr(record.args), repr(vars(record))])
        for identifier in identifiers:
            assert identifier not in text, f"{record.name}: {record.getMessage()[:200]}"


def test_closing_a_round_coarsens_the_day_people_answered_to_the_closing_day(personas):
    campaign = CampaignFactory(unit=personas.organisation)
    round_ = open_round(campaign)
    response_submit(
        round_id=round_.pk,
        user=personas.employee,
        answers=answers_for(campaign.instrument),
        today=round_.opens_on,
    )
    round_ = close_round(campaign)
    participation = Participation.objects.get(user=personas.employee)
    assert participation.responded_on == round_.closed_on
    assert Response.objects.get().answered_on == round_.opens_on


def test_after_closing_the_database_no_longer_pairs_a_participation_with_a_response(personas):
    """Rows written in one transaction share PostgreSQL's ``xmin``, and both databases keep rows
    in the order they were written; the scrub rewrites the round's rows so that they share one
    new ``xmin``, in an order that carries no time."""
    postgresql = connection.vendor == "postgresql"
    storage_order = "ctid" if postgresql else "rowid"
    from elan.insights.storage import scrub_storage_order
    from elan.insights.tests.conftest import grow

    grow(personas.team, 5)
    campaign = CampaignFactory(unit=personas.team)
    round_ = open_round(campaign)
    for participation in Participation.objects.filter(round=round_).select_related("user"):
        response_submit(
            round_id=round_.pk,
            user=participation.user,
            answers=answers_for(campaign.instrument),
            today=round_.opens_on,
        )
    round_ = close_round(campaign)
    scrub_storage_order(round_id=round_.pk)

    responses_of_round = f"SELECT id FROM {Response._meta.db_table} WHERE round_id = %s"

    def column(table: str, expression: str) -> list:
        where = "round_id = %s"
        if table == Answer._meta.db_table:
            where = f"response_id IN ({responses_of_round})"
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {expression} FROM {table} WHERE {where} ORDER BY {storage_order}",
                [round_.pk],
            )
            return [row[0] for row in cursor.fetchall()]

    if postgresql:
        xmins = {
            model: set(column(model._meta.db_table, "xmin::text::bigint"))
            for model in (Participation, Response, Answer)
        }
        assert all(len(values) == 1 for values in xmins.values()), xmins
        assert xmins[Participation] == xmins[Response] == xmins[Answer]  # one rewrite, one id
    if not postgresql:
        # SQLite appends the rewrite in the order it was given, so no submission order survives.
        # PostgreSQL places the rewritten rows wherever its free-space map has room (space other
        # tests freed, for one), so their physical order is not the insertion order either; there
        # the single new xmin above is what shows that every row was written again.
        assert column(Response._meta.db_table, "id") == sorted(
            column(Response._meta.db_table, "id")
        )
        assert column(Participation._meta.db_table, "user_id") == sorted(
            column(Participation._meta.db_table, "user_id")
        )
    assert Answer.objects.count() == 8 * 19
