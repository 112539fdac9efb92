# SPDX-License-Identifier: EUPL-1.2
"""The yearly "what we learnt" report: failures next to successes, for the reader's organisation
and the year chosen, only what was shared with the whole organisation; a page and a tagged PDF in
the reader's language."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.html import escape

from elan.accounts.tests.factories import UserFactory
from elan.experiments import services
from elan.experiments.constants import Decision, Sharing
from elan.experiments.models import Experiment
from elan.experiments.report import build_report, report_years
from elan.experiments.tests.factories import decided_experiment
from tests.pdf_reading import pdf_objects, pdf_text

pytestmark = pytest.mark.django_db

THIS_YEAR = timezone.localdate().year
A_DAY_LAST_YEAR = datetime.date(THIS_YEAR - 1, 3, 12)


def report_url(year=None, language: str = "en", pdf: bool = False) -> str:
    path = f"/{language}/experiments/report{'.pdf' if pdf else '/'}"
    return path if year is None else f"{path}?year={year}"


def decided(owner, decision, title, *, sharing=Sharing.ORGANISATION, **fields) -> Experiment:
    return decided_experiment(
        owner,
        decision,
        sharing=sharing,
        title=title,
        reason=f"Why {title} was decided so.",
        lessons=f"What {title} taught us.",
        **fields,
    )


def decided_on(experiment: Experiment, day: datetime.date) -> Experiment:
    Experiment.objects.filter(pk=experiment.pk).update(decided_on=day)
    experiment.refresh_from_db()
    return experiment


@pytest.fixture
def year_of_experiments(personas):
    scaled = decided(personas.employee, Decision.SCALE, "The one-page letter")
    services.experiment_regularise(
        experiment=scaled,
        actor=personas.employee,
        approved_by="The director of operations",
        approved_on=timezone.localdate(),
        official_change="The one-page letter is the standard reminder.",
    )
    decided(personas.employee, Decision.PARK, "A shorter form")
    decided(personas.hr, Decision.STOP, "Call-backs by appointment")
    return scaled


def titles(report) -> dict[str, list[str]]:
    return {
        section.decision: [experiment.title for experiment in section.experiments]
        for section in report.sections
    }


def test_the_report_lists_failures_next_to_successes_for_the_organisation_and_year(
    year_of_experiments, personas, client_for
):
    report = build_report(viewer=personas.moderator, year=THIS_YEAR, language="en")

    assert titles(report) == {
        Decision.SCALE: ["The one-page letter"],
        Decision.PARK: ["A shorter form"],
        Decision.STOP: ["Call-backs by appointment"],
    }
    page = client_for("moderator").get(report_url(THIS_YEAR)).content.decode()
    for heading in ("Scaled up and made official", "Parked", "Stopped"):
        assert f"{heading} <span" in page
    for title in ("The one-page letter", "A shorter form", "Call-backs by appointment"):
        assert title in page
        assert escape(f"Why {title} was decided so.") in page
        assert escape(f"What {title} taught us.") in page
    assert "The one-page letter is the standard reminder." in page
    assert "Approved by The director of operations" in page
    assert "Citizens call us back" in page  # the problem
    assert "A one-page letter that starts with what to do" in page  # what was tried


def test_every_count_on_the_page_has_a_sentence_and_a_table(year_of_experiments, client_for):
    page = client_for("hr").get(report_url(THIS_YEAR)).content.decode()

    assert (
        f"In {THIS_YEAR}, 3 experiments shared with the whole organisation were decided: "
        "1 scaled up, 1 parked and 1 stopped."
    ) in page
    assert '<caption id="report-counts-caption">' in page
    assert '<th scope="row">Stopped</th><td>1</td>' in page
    assert '<th scope="row">Total</th><td>3</td>' in page


def test_nothing_of_another_organisation_is_in_the_report(
    year_of_experiments, personas, client_for
):
    decided(personas.outsider, Decision.STOP, "An outside letter")

    page = client_for("hr").get(report_url(THIS_YEAR)).content.decode()
    assert "An outside letter" not in page

    outside = build_report(viewer=personas.outsider, year=THIS_YEAR, language="en")
    assert titles(outside) == {
        Decision.SCALE: [],
        Decision.PARK: [],
        Decision.STOP: ["An outside letter"],
    }
    assert outside.organisation == personas.other_organisation


def test_only_experiments_shared_with_the_whole_organisation_are_in_the_report(personas):
    decided(personas.employee, Decision.STOP, "Kept in the team", sharing=Sharing.TEAM)
    decided(personas.employee, Decision.STOP, "Kept to myself", sharing=Sharing.PRIVATE)
    decided(personas.employee, Decision.STOP, "Shared with all")

    # The line manager may read the team's card, and the owner their own: neither is reported.
    for viewer in (personas.line_manager, personas.employee):
        report = build_report(viewer=viewer, year=THIS_YEAR, language="en")
        assert titles(report)[Decision.STOP] == ["Shared with all"]


def test_only_the_years_decisions_are_counted_and_the_years_offered_are_those_with_decisions(
    year_of_experiments, personas, client_for
):
    decided_on(decided(personas.employee, Decision.STOP, "Last year's test"), A_DAY_LAST_YEAR)

    this_year = build_report(viewer=personas.hr, year=THIS_YEAR, language="en")
    last_year = build_report(viewer=personas.hr, year=THIS_YEAR - 1, language="en")

    assert "Last year's test" not in titles(this_year)[Decision.STOP]
    assert titles(last_year)[Decision.STOP] == ["Last year's test"]
    assert report_years(viewer=personas.hr) == [THIS_YEAR, THIS_YEAR - 1]
    page = client_for("hr").get(report_url()).content.decode()
    assert f'<option value="{THIS_YEAR - 1}">' in page
    assert f'<option value="{THIS_YEAR - 2}">' not in page


def test_a_decision_that_keeps_the_test_running_is_not_in_the_report(personas):
    decided(personas.employee, Decision.ITERATE, "Another round")
    parked = decided(personas.employee, Decision.PARK, "Taken up again")
    services.experiment_resume(
        experiment=parked,
        actor=personas.employee,
        ends_on=timezone.localdate() + datetime.timedelta(days=10),
    )

    report = build_report(viewer=personas.hr, year=THIS_YEAR, language="en")

    assert report.total == 0
    assert report.summary == (
        f"In {THIS_YEAR}, no experiment shared with the whole organisation was decided."
    )


@pytest.mark.parametrize("year", ["1999", "next", "-1", ""])
def test_a_bad_year_gives_a_message_and_the_input_back_never_a_500(
    year_of_experiments, client_for, year
):
    client = client_for("hr")

    response = client.get(report_url() + f"?year={year}")
    assert response.status_code == 200
    page = response.content.decode()
    assert 'class="error-summary"' in page
    assert year in page
    assert "Call-backs by appointment" not in page

    response = client.get(report_url(pdf=True) + f"?year={year}")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    assert 'class="error-summary"' in response.content.decode()


def test_someone_not_on_the_chart_is_told_so(client):
    client.force_login(UserFactory(), backend="django.contrib.auth.backends.ModelBackend")

    response = client.get(report_url())

    assert response.status_code == 200
    assert "You are not on the organisation chart yet" in response.content.decode()


@pytest.mark.parametrize("pdf", [False, True])
def test_a_visitor_is_sent_to_log_in(client_for, pdf):
    response = client_for("visitor").get(report_url(THIS_YEAR, pdf=pdf))

    assert response.status_code == 302
    assert "login" in response["Location"]


def french_date(day) -> str:
    with translation.override("fr"):
        return date_format(day, "DATE_FORMAT")


def test_the_pdf_is_in_the_readers_language_and_lists_failures_next_to_successes(
    personas, client_for, settings
):
    settings.SITE_URL = "https://elan.example.be"
    decided_on(decided(personas.employee, Decision.SCALE, "The one-page letter"), A_DAY_LAST_YEAR)
    decided_on(decided(personas.employee, Decision.STOP, "Call-backs"), A_DAY_LAST_YEAR)
    decided(personas.outsider, Decision.STOP, "An outside letter")

    response = client_for("hr").get(report_url(THIS_YEAR - 1, language="fr", pdf=True))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert f"{THIS_YEAR - 1}.pdf" in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]
    assert response["Content-Language"] == "fr"
    text = pdf_text(response.content)
    assert french_date(A_DAY_LAST_YEAR) in text  # "12 mars ..."
    assert "March" not in text
    assert "The one-page letter" in text
    assert "Call-backs" in text
    assert "What Call-backs taught us." in text
    assert "An outside letter" not in text
    raw = pdf_objects(response.content)
    assert b"/Lang (fr)" in raw
    assert b"/StructTreeRoot" in raw


def test_this_years_report_and_its_pdf_open_before_anything_was_decided(personas, client_for):
    client = client_for("employee")

    page = client.get(report_url())
    pdf = client.get(report_url(THIS_YEAR, pdf=True))

    assert f'<option value="{THIS_YEAR}" selected>' in page.content.decode()
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
