# SPDX-License-Identifier: EUPL-1.2
import html
import re
from datetime import timedelta

import pytest
from django.utils import timezone

from elan.assessments.models import Assessment, PlanStep, Share
from elan.assessments.tests.factories import (
    SPIKY,
    answers_for,
    in_progress_assessment,
    instrument,
    share,
    submitted_assessment,
)
from tests.pdf_reading import pdf_objects

pytestmark = pytest.mark.django_db


def token_of(page: str) -> str:
    return re.search(r'name="token" value="([0-9a-f-]+)"', page).group(1)


def test_the_self_assessment_goes_step_by_step_with_progress_and_ends_on_the_profile(
    client_for, personas
):
    client = client_for("employee")
    target = instrument()
    start = client.get("/fr/assessments/")
    assert start.status_code == 200
    response = client.post("/fr/assessments/", {"token": token_of(start.content.decode())})
    assessment = Assessment.objects.get(owner=personas.employee)
    assert response["Location"] == f"/fr/assessments/{assessment.public_id}/step/1/"
    answers = answers_for(target, SPIKY)
    for step in range(1, 5):
        page = client.get(f"/fr/assessments/{assessment.public_id}/step/{step}/").content.decode()
        assert f'<progress max="4" value="{step}"' in page
        assert f"Étape {step} sur 4" in html.unescape(page) or f"Step {step} of 4" in page
        codes = re.findall(r'name="([a-z]{2}\d)"', page)
        assert len(set(codes)) == 6
        data = {code: answers[code] for code in set(codes)}
        data["action"] = "submit" if step == 4 else "next"
        response = client.post(f"/fr/assessments/{assessment.public_id}/step/{step}/", data)
        assert response.status_code == 302
    assert response["Location"] == "/fr/assessments/profile/"
    assessment.refresh_from_db()
    assert assessment.is_submitted
    assert assessment.scores["iteration"]["mean"] == 5.0


def test_answers_are_saved_and_the_assessment_resumes_where_it_stopped(client_for, personas):
    client = client_for("employee")
    assessment = in_progress_assessment(personas.employee)
    client.post(f"/en/assessments/{assessment.public_id}/step/1/", {"it1": "4", "action": "next"})
    client.post(f"/en/assessments/{assessment.public_id}/step/2/", {"uc3": "2", "action": "later"})
    page = client.get("/en/assessments/").content.decode()
    assert "step 2 of 4" in page and "2 of 24 statements answered" in page
    resumed = client.post("/en/assessments/", {"token": token_of(page)})
    assert resumed["Location"].endswith("/step/2/")
    step_one = client.get(f"/en/assessments/{assessment.public_id}/step/1/").content.decode()
    assert (
        'value="4" checked' in step_one
        or 'checked value="4"' in step_one
        or re.search(r'value="4"[^>]*checked', step_one)
    )


def test_a_double_submitted_start_form_records_one_assessment(client_for, personas):
    client = client_for("employee")
    instrument()
    token = token_of(client.get("/en/assessments/").content.decode())
    client.post("/en/assessments/", {"token": token})
    client.post("/en/assessments/", {"token": token})
    assert Assessment.objects.filter(owner=personas.employee).count() == 1


def test_a_replayed_final_step_after_submission_records_nothing_more(client_for, personas):
    client = client_for("employee")
    target = instrument()
    assessment = in_progress_assessment(personas.employee, answers=answers_for(target, 3))
    url = f"/en/assessments/{assessment.public_id}/step/4/"
    final = {"it4": "5", "action": "submit"}
    assert client.post(url, final)["Location"] == "/en/assessments/profile/"
    submitted_at = Assessment.objects.get().submitted_at
    replay = client.post(url, {"it4": "1", "action": "submit"})
    assert replay["Location"] == "/en/assessments/profile/"
    assert Assessment.objects.count() == 1
    assert Assessment.objects.get().submitted_at == submitted_at
    replay_start = client.post("/en/assessments/", {"token": str(assessment.token)})
    assert replay_start["Location"] == "/en/assessments/profile/"
    assert Assessment.objects.count() == 1


def test_a_tampered_answer_is_refused_with_a_message_and_the_page_kept(client_for, personas):
    client = client_for("employee")
    assessment = in_progress_assessment(personas.employee)
    response = client.post(
        f"/en/assessments/{assessment.public_id}/step/1/",
        {"it1": "9", "dl1": "2", "action": "next"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Choose one of the answers offered." in page
    assert re.search(r'value="2"[^>]*checked', page)
    assert not assessment.answers.exists()


def test_an_empty_submission_names_every_skill_and_keeps_the_previous_profile(client_for, personas):
    submitted_assessment(personas.employee, SPIKY)
    client = client_for("employee")
    assessment = in_progress_assessment(personas.employee)
    response = client.post(f"/nl/assessments/{assessment.public_id}/step/4/", {"action": "submit"})
    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    assert 'id="error-summary"' in page
    for name in ("Iteratie", "Datageletterdheid", "Nieuwsgierigheid", "Constructieve dwarsheid"):
        assert f"<strong>{name}</strong>" in page
    assert f'href="/nl/assessments/{assessment.public_id}/step/1/#id_it1"' in page
    assert 'href="#id_it4"' in page
    assessment.refresh_from_db()
    assert not assessment.is_submitted
    profile = html.unescape(client.get("/en/assessments/profile/").content.decode())
    assert "Your strongest skill is Iteration (5.0 out of 5)" in profile


def test_a_submission_short_of_answers_for_one_skill_links_to_its_open_statements_and_keeps_answers(
    client_for, personas
):
    client = client_for("employee")
    target = instrument()
    answers = answers_for(target, 2)
    for code in ("cu1", "cu2", "cu3", "cu4", "it4"):
        del answers[code]
    assessment = in_progress_assessment(personas.employee, answers=answers)
    response = client.post(
        f"/en/assessments/{assessment.public_id}/step/4/",
        {"it4": "5", "cu4": "4", "action": "submit"},
    )
    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    start = page.index('id="error-summary"')
    summary = page[start : page.index("</div>", start)]
    assert "<strong>Curiosity</strong>: 1 of 4 statements answered, 3 needed." in summary
    for step, code in ((1, "cu1"), (2, "cu3"), (3, "cu2")):
        assert f'href="/en/assessments/{assessment.public_id}/step/{step}/#id_{code}"' in summary
    assert "Iteration" not in summary
    assert re.search(r'value="5"[^>]*checked', page)
    assert assessment.answers.filter(item__code__in=["it4", "cu4"]).count() == 2
    assessment.refresh_from_db()
    assert not assessment.is_submitted
    answers["cu1"], answers["cu3"] = 3, 3
    client.post(f"/en/assessments/{assessment.public_id}/step/1/", {"cu1": "3", "action": "next"})
    client.post(f"/en/assessments/{assessment.public_id}/step/2/", {"cu3": "3", "action": "next"})
    done = client.post(f"/en/assessments/{assessment.public_id}/step/4/", {"action": "submit"})
    assert done["Location"] == "/en/assessments/profile/"
    assessment.refresh_from_db()
    assert assessment.scores["curiosity"]["answered"] == 3


def test_nobody_else_can_open_someone_s_assessment(client_for, personas):
    assessment = in_progress_assessment(personas.employee)
    for persona in ("line_manager", "hr", "administrator", "outsider"):
        url = f"/en/assessments/{assessment.public_id}/step/1/"
        assert client_for(persona).get(url).status_code == 404
        assert client_for(persona).post(url, {"it1": "1"}).status_code == 404


def test_the_profile_shows_the_radar_with_table_summary_strengths_roles_and_change(
    client_for, personas
):
    submitted_assessment(personas.employee, 3, submitted_at=timezone.now() - timedelta(days=120))
    submitted_assessment(personas.employee, SPIKY)
    page = html.unescape(client_for("employee").get("/en/assessments/profile/").content.decode())
    assert 'role="img"' in page and "<title id=" in page and "<desc id=" in page
    assert "Scores per skill, from 1 to 5</caption>" in page
    assert "Your strongest skill is Iteration (5.0 out of 5); Insurgency (1.0) has" in page
    assert "Strengths" in page and "Growth areas" in page
    assert "What the next level looks like" in page
    assert "Change since the last assessment" in page and "+2.0" in page
    assert "History" in page
    assert "Most likely" in page and "relies on both" in page


def test_a_profile_is_private_until_shared_and_revoking_ends_access_at_once(client_for, personas):
    submitted_assessment(personas.employee, SPIKY)
    granted = share(personas.employee, personas.line_manager, "line_manager")
    url = f"/en/assessments/shared-with-me/{granted.pk}/"
    for persona in ("hr", "administrator", "team_lead", "outsider", "content_editor"):
        assert client_for(persona).get(url).status_code == 404, persona
    manager = client_for("line_manager")
    page = manager.get(url)
    assert page.status_code == 200 and "Innovation skills profile of" in page.content.decode()
    assert "no-store" in page["Cache-Control"]
    owner = client_for("employee")
    owner.post(f"/en/assessments/sharing/{granted.pk}/end/")
    assert Share.objects.get(pk=granted.pk).revoked_at is not None
    assert client_for("line_manager").get(url).status_code == 404
    assert (
        "Emile"
        not in client_for("line_manager").get("/en/assessments/shared-with-me/").content.decode()
    )


def test_nobody_but_the_owner_can_end_a_share(client_for, personas):
    granted = share(personas.employee, personas.line_manager, "line_manager")
    for persona in ("line_manager", "administrator", "outsider"):
        client_for(persona).post(f"/en/assessments/sharing/{granted.pk}/end/")
    assert Share.objects.get(pk=granted.pk).revoked_at is None


def test_the_owner_shares_with_a_mentor_by_address_and_a_wrong_address_is_explained(
    client_for, personas
):
    client = client_for("employee")
    response = client.post(
        "/en/assessments/sharing/", {"action": "mentor", "email": "nobody@elan.test"}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "We could not find an active colleague with that address." in page
    assert 'value="nobody@elan.test"' in page
    client.post("/en/assessments/sharing/", {"action": "mentor", "email": personas.outsider.email})
    assert Share.objects.filter(grantee=personas.outsider, kind="mentor").exists()


def test_the_owner_shares_with_their_line_manager_in_one_click(client_for, personas):
    client_for("employee").post("/en/assessments/sharing/", {"action": "manager"})
    assert Share.objects.filter(grantee=personas.line_manager, kind="line_manager").exists()


def test_a_line_manager_sees_nothing_of_a_report_s_profile_without_a_share(client_for, personas):
    submitted_assessment(personas.employee, SPIKY)
    page = client_for("line_manager").get("/en/assessments/profile/").content.decode()
    assert "You have not finished a self-assessment yet" in page


def test_the_owner_adds_the_profile_to_the_evaluation_and_takes_it_out(client_for, personas):
    assessment = submitted_assessment(personas.employee)
    client = client_for("employee")
    client.post(
        "/en/assessments/profile/evaluation/",
        {"assessment": str(assessment.public_id), "action": "add"},
    )
    assessment.refresh_from_db()
    assert assessment.included_in_evaluation_at is not None
    client.post(
        "/en/assessments/profile/evaluation/",
        {"assessment": str(assessment.public_id), "action": "remove"},
    )
    assessment.refresh_from_db()
    assert assessment.included_in_evaluation_at is None


def test_nobody_else_can_put_a_profile_in_the_evaluation(client_for, personas):
    assessment = submitted_assessment(personas.employee)
    for persona in ("line_manager", "hr", "administrator"):
        response = client_for(persona).post(
            "/en/assessments/profile/evaluation/", {"assessment": str(assessment.public_id)}
        )
        assert response.status_code == 404
    assessment.refresh_from_db()
    assert assessment.included_in_evaluation_at is None


def test_the_plan_offers_suggestions_for_growth_areas_and_keeps_three_steps(client_for, personas):
    submitted_assessment(personas.employee, SPIKY)
    client = client_for("employee")
    page = client.get("/en/assessments/plan/").content.decode()
    keys = re.findall(r'name="key" value="([^"]+)"', page)
    assert any(":insurgency" in key for key in keys) and any(
        ":data-literacy" in key for key in keys
    )
    kinds = {key.split(":")[1] for key in keys if key.startswith("elan:")}
    assert {"practice", "person", "experiment"} <= kinds
    for key in keys[:4]:
        client.post("/en/assessments/plan/steps/", {"key": key})
    assert PlanStep.objects.filter(owner=personas.employee).count() == 3
    page = client.get("/en/assessments/plan/").content.decode()
    assert "Your plan has three steps" in page


def test_a_made_up_suggestion_cannot_enter_a_plan(client_for, personas):
    submitted_assessment(personas.employee, SPIKY)
    client_for("employee").post("/en/assessments/plan/steps/", {"key": "hub:x:evil"})
    assert not PlanStep.objects.exists()


def test_progress_is_tracked_on_each_step(client_for, personas):
    submitted_assessment(personas.employee, SPIKY)
    client = client_for("employee")
    client.post("/en/assessments/plan/steps/", {"key": "elan:practice:insurgency"})
    step = PlanStep.objects.get()
    client.post(f"/en/assessments/plan/steps/{step.pk}/", {"status": "in_progress"})
    client.post(f"/en/assessments/plan/steps/{step.pk}/", {"status": "done"})
    step.refresh_from_db()
    assert step.status == "done" and step.events.count() == 3
    assert (
        client_for("outsider")
        .post(f"/en/assessments/plan/steps/{step.pk}/", {"status": "dropped"})
        .status_code
        == 404
    )


def test_the_profile_and_plan_download_as_a_pdf_in_the_person_s_language(client_for, personas):
    submitted_assessment(personas.employee, SPIKY)
    client = client_for("employee")
    client.post("/fr/assessments/plan/steps/", {"key": "elan:practice:insurgency"})
    response = client.get("/fr/assessments/profile/pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert response["Content-Language"] == "fr"
    assert b"/Lang (fr)" in pdf_objects(response.content)


def test_the_pdf_of_someone_without_a_profile_sends_them_to_start(client_for):
    response = client_for("employee").get("/en/assessments/profile/pdf/")
    assert response.status_code == 302 and response["Location"] == "/en/assessments/profile/"
