# SPDX-License-Identifier: EUPL-1.2
"""The goals sheet: a print page and a PDF in the person's language, whoever opens it; never a
draft; the self-assessment summary only when the person chose it; for the person and their
evaluators alone."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.html import escape

from elan.assessments.selectors import build_profile
from elan.assessments.tests.factories import SPIKY, submitted_assessment
from elan.goals import services
from elan.goals.models import EvidenceKind
from elan.goals.tests.factories import GoalFactory, cycle_of
from tests.pdf_reading import pdf_objects, pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def cycle(personas):
    personas.employee.preferred_language = "fr"
    personas.employee.save()
    cycle = cycle_of(personas.employee)
    GoalFactory(cycle=cycle, title="A draft nobody else may read")
    GoalFactory(cycle=cycle, proposed=True, title="A proposed goal")
    GoalFactory(cycle=cycle, result=True, agreed=True)
    return cycle


def sheet_url(cycle, language="en") -> str:
    return f"/{language}/goals/{cycle.public_id}/sheet/"


def pdf_url(cycle, language="en") -> str:
    return f"/{language}/goals/{cycle.public_id}/sheet.pdf"


def french_date(day) -> str:
    with translation.override("fr"):
        return date_format(day, "DATE_FORMAT")


def test_the_pdf_is_in_the_persons_language_when_the_evaluator_downloads_it_in_english(
    cycle, client_for, settings
):
    settings.SITE_URL = "https://elan.example.be"

    response = client_for("line_manager").get(pdf_url(cycle, "en"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Language"] == "fr"
    assert "no-store" in response["Cache-Control"]
    text = pdf_text(response.content)
    goal = cycle.goals.get(title="Shorter waiting time for a permit")
    assert french_date(goal.due_on) in text
    assert "Statut" in text and "Status" not in text
    raw = pdf_objects(response.content)
    assert b"/Lang (fr)" in raw
    assert b"/StructTreeRoot" in raw
    links = re.findall(rb"/URI \(([^)]*)\)", raw)
    assert f"https://elan.example.be/fr/goals/{cycle.public_id}/".encode() in links


def test_the_print_page_shows_the_sheet_in_the_persons_language_inside_the_viewers_page(
    cycle, client_for
):
    page = client_for("line_manager").get(sheet_url(cycle, "en")).content.decode()

    assert '<html lang="en"' in page
    assert '<div lang="fr" class="goals-sheet">' in page
    assert french_date(cycle.starts_on) in page
    assert f'href="/en/goals/{cycle.public_id}/sheet.pdf"' in page


@pytest.mark.parametrize("viewer", ["employee", "line_manager"])
def test_drafts_never_appear_on_the_sheet_not_even_for_their_owner(cycle, client_for, viewer):
    client = client_for(viewer)
    page = client.get(sheet_url(cycle)).content.decode()
    text = pdf_text(client.get(pdf_url(cycle)).content)

    for shown in (page, text):
        assert "A proposed goal" in shown
        assert "Shorter waiting time for a permit" in shown
        assert "A draft nobody else may read" not in shown


def french_summary(owner, assessment) -> str:
    with translation.override("fr"):
        return build_profile(owner=owner, language="fr", as_of=assessment).summary


def add_as_evidence(cycle, assessment):
    return services.evidence_add(
        cycle=cycle,
        actor=cycle.person,
        kind=EvidenceKind.SELF_ASSESSMENT,
        assessment=assessment,
    )


def test_the_self_assessment_summary_is_on_the_sheet_only_when_the_person_chose_it(
    cycle, client_for, personas
):
    assessment = submitted_assessment(personas.employee, SPIKY)
    add_as_evidence(cycle, assessment)
    summary = french_summary(personas.employee, assessment)
    client = client_for("line_manager")

    page = client.get(sheet_url(cycle)).content.decode()
    assert 'id="sheet-self-assessment"' not in page
    assert "sheet-self-assessment-summary" not in page

    cycle.sheet_shows_self_assessment = True
    cycle.save()
    page = client.get(sheet_url(cycle)).content.decode()
    text = pdf_text(client.get(pdf_url(cycle)).content)

    assert 'id="sheet-self-assessment-summary"' in page
    # The summary is in the person's language, French, and the same in the PDF.
    assert summary.split(" ")[0] in page
    assert " ".join(summary.split()[:4]) in text


def test_the_sheet_shows_the_self_assessment_added_to_the_cycle_never_a_later_one(
    cycle, client_for, personas
):
    added = submitted_assessment(
        personas.employee, SPIKY, submitted_at=timezone.now() - timedelta(days=30)
    )
    add_as_evidence(cycle, added)
    later = submitted_assessment(personas.employee, 1)
    cycle.sheet_shows_self_assessment = True
    cycle.save()
    shown, hidden = (
        french_summary(personas.employee, added),
        french_summary(personas.employee, later),
    )
    assert shown != hidden

    page = client_for("line_manager").get(sheet_url(cycle)).content.decode()

    assert escape(shown) in page
    assert escape(hidden) not in page


def test_a_withdrawn_self_assessment_leaves_the_sheet(cycle, client_for, personas):
    assessment = submitted_assessment(personas.employee, SPIKY)
    evidence = add_as_evidence(cycle, assessment)
    cycle.sheet_shows_self_assessment = True
    cycle.save()
    services.evidence_withdraw(evidence=evidence, actor=personas.employee)

    page = client_for("line_manager").get(sheet_url(cycle)).content.decode()

    assert "sheet-self-assessment-summary" not in page
    assert escape(french_summary(personas.employee, assessment)) not in page


def test_without_any_added_self_assessment_the_choice_shows_none_not_the_latest(
    cycle, client_for, personas
):
    submitted_assessment(personas.employee, SPIKY)
    cycle.sheet_shows_self_assessment = True
    cycle.save()

    page = client_for("line_manager").get(sheet_url(cycle)).content.decode()

    assert "sheet-self-assessment-summary" not in page


@pytest.mark.parametrize("viewer", ["hr", "outsider", "team_lead", "administrator"])
def test_nobody_but_the_person_and_their_evaluators_finds_the_sheet(cycle, client_for, viewer):
    client = client_for(viewer)

    assert client.get(sheet_url(cycle)).status_code == 404
    assert client.get(pdf_url(cycle)).status_code == 404


def test_a_visitor_is_sent_to_log_in(cycle, client_for):
    response = client_for("visitor").get(pdf_url(cycle))

    assert response.status_code == 302
    assert "login" in response["Location"]
