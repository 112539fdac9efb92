# SPDX-License-Identifier: EUPL-1.2
"""The OpenAPI schema lists every answer the insights API gives, with its shape.

Each operation is asked for real: without a login, by a persona the campaign is not for, with
malformed and unknown parameters, and with the database down; every status that comes back must
be documented for that operation, with the error schema the body follows.
"""

from __future__ import annotations

import pytest
from django.db import OperationalError, connection

from elan.insights.tests.factories import insights_matrix_campaign

pytestmark = pytest.mark.django_db

ERROR_STATUSES = {"400", "401", "403", "503"}


def database_gone(execute, sql, params, many, context):
    raise OperationalError("could not connect to server")


@pytest.fixture
def schema(client):
    return client.get("/api/insights/openapi.json").json()


def operations(schema) -> list[tuple[str, dict]]:
    return [(path, spec["get"]) for path, spec in schema["paths"].items()]


def test_every_operation_documents_its_error_answers_with_their_shape(schema):
    error_schema = schema["components"]["schemas"]["ErrorOut"]
    assert error_schema["properties"]["detail"]["type"] == "string"
    for path, operation in operations(schema):
        responses = operation["responses"]
        assert set(responses) >= ERROR_STATUSES, path
        for status in ERROR_STATUSES:
            content = responses[status]["content"]["application/json"]["schema"]
            assert content == {"$ref": "#/components/schemas/ErrorOut"}, (path, status)


def test_every_answer_the_api_gives_is_documented(personas, client_for, schema):
    campaign = insights_matrix_campaign(personas, "published")
    seen: set[str] = set()
    for path, operation in operations(schema):
        documented = set(operation["responses"])
        url = path.replace("{pk}", str(campaign.pk)).replace("{code}", personas.team.code)
        broken = path.replace("{pk}", "not-a-number").replace("{code}", personas.team.code)
        names = {parameter["name"] for parameter in operation["parameters"]}
        asks = [
            ("visitor", url),
            ("outsider", url),  # the campaign is not theirs
            ("hr", broken),
        ]
        asks += [("hr", f"{url}?{name}=x") for name in ("round", "depth") if name in names]
        asks += [("hr", f"{url}?{name}=nonsense") for name in ("scope", "filter") if name in names]
        for persona, ask in asks:
            response = client_for(persona).get(ask)
            seen.add(str(response.status_code))
            assert str(response.status_code) in documented, (ask, persona, response.status_code)
            if response.status_code != 200:
                assert isinstance(response.json()["detail"], str)
        client = client_for("hr")
        client.raise_request_exception = False
        with connection.execute_wrapper(database_gone):
            response = client.get(url)
        assert str(response.status_code) in documented
        assert response.status_code == 503
    # The asks above reach every documented error answer, not only some of them.
    assert {"400", "401", "403"} <= seen
