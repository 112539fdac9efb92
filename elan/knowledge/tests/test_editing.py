# SPDX-License-Identifier: EUPL-1.2
"""Editing per docs/access.md: editors draft and submit, moderators review and publish; drafts
stay out of sight; revisions, scheduled publishing and the accessibility checker are on."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Page, Workflow

from elan.knowledge.models import CasePage, TipPage
from elan.knowledge.services import MODERATORS_GROUP, WORKFLOW_NAME


def draft_case(hub, *, slug="a-draft-case", title="A draft case nobody should see yet"):
    section = hub.page("section-cases", "en")
    case = CasePage(
        title=title,
        slug=slug,
        summary="Drafted by an editor.",
        context_and_actions="<p>What we did.</p>",
        effect="<p>What changed.</p>",
        reference="<p>Our notes.</p>",
        principles=["test-small-adjust-fast"],
        skills=["iteration"],
        live=False,
    )
    section.add_child(instance=case)
    case.save_revision()
    return case


def test_roles_map_to_the_wagtail_groups_of_the_workflow(personas):
    assert personas.content_editor.groups.filter(name="Editors").exists()
    assert personas.moderator.groups.filter(name="Moderators").exists()
    assert not personas.employee.groups.exists()


def test_editors_draft_but_only_moderators_publish(hub, personas):
    page = hub.page("case-innovation-fellowships", "en")
    editor = page.permissions_for_user(personas.content_editor)
    moderator = page.permissions_for_user(personas.moderator)
    employee = page.permissions_for_user(personas.employee)
    assert editor.can_edit() and not editor.can_publish()
    assert moderator.can_edit() and moderator.can_publish()
    assert not employee.can_edit()


def test_hub_pages_go_through_the_moderators_review(hub):
    workflow = hub.page("case-innovation-fellowships", "fr").get_workflow()
    assert workflow is not None and workflow.name == WORKFLOW_NAME
    task = workflow.tasks.get().specific
    assert list(task.groups.values_list("name", flat=True)) == [MODERATORS_GROUP]


def test_setting_up_the_workflow_again_changes_nothing(hub):
    from elan.knowledge.services import hub_editorial_setup_ensure

    before = (Workflow.objects.count(), Group.objects.get(name="Editors").page_permissions.count())
    hub_editorial_setup_ensure()
    after = (Workflow.objects.count(), Group.objects.get(name="Editors").page_permissions.count())
    assert before == after


def test_editors_may_still_submit_translations_on_a_database_emptied_by_a_flush(hub):
    """A flush recreates the permissions models declare, not those a migration made."""
    from django.contrib.auth.models import Permission

    from elan.knowledge.services import hub_editorial_setup_ensure

    Permission.objects.filter(
        content_type__app_label="wagtail_localize", codename="submit_translation"
    ).delete()
    hub_editorial_setup_ensure()
    assert (
        Group.objects.get(name="Editors").permissions.filter(codename="submit_translation").exists()
    )


def test_an_editors_submission_is_published_when_a_moderator_approves(hub, personas):
    case = draft_case(hub)
    workflow_state = case.get_workflow().start(case, personas.content_editor)
    case.refresh_from_db()
    assert not case.live
    task_state = workflow_state.current_task_state
    assert task_state.task.specific.user_can_access_editor(case, personas.moderator)
    task_state.approve(user=personas.moderator)
    case.refresh_from_db()
    assert case.live
    assert case.revisions.count() >= 1


def test_drafts_and_their_previews_stay_hidden_from_visitors_and_employees(
    hub, personas, client_for
):
    case = draft_case(hub)
    for persona in ("visitor", "employee", "outsider"):
        client = client_for(persona)
        assert client.get("/en/hub/cases/a-draft-case/").status_code == 404
        preview = client.get(f"/admin/pages/{case.pk}/view_draft/")
        assert preview.status_code in (302, 403)
        assert b"A draft case nobody should see yet" not in preview.content
    # Editors and moderators see the draft in the back office.
    for persona in ("content_editor", "moderator"):
        preview = client_for(persona).get(f"/admin/pages/{case.pk}/view_draft/")
        assert preview.status_code == 200
        assert b"A draft case nobody should see yet" in preview.content


def test_unpublished_changes_to_a_live_page_stay_hidden(hub, client):
    page = hub.page("case-innovation-fellowships", "en")
    page.title = "A rewrite still in review"
    page.save_revision()
    html = client.get(page.url).content.decode()
    assert "A rewrite still in review" not in html
    assert "Innovation fellowships: learning agility by working together" in html


def test_scheduled_publishing_puts_a_page_live_at_its_time(hub, client):
    section = hub.page("section-tips", "en")
    go_live = timezone.now() + datetime.timedelta(days=2)
    tip = TipPage(
        title="A tip for later",
        slug="a-tip-for-later",
        summary="Scheduled.",
        tip="<p>Wait for it.</p>",
        principles=["learning-network"],
        skills=["curiosity"],
        live=False,
    )
    section.add_child(instance=tip)
    tip.go_live_at = go_live
    tip.save_revision().publish()
    tip.refresh_from_db()
    assert not tip.live
    assert client.get("/en/hub/tips/a-tip-for-later/").status_code == 404
    with time_machine.travel(go_live + datetime.timedelta(minutes=1)):
        call_command("publish_scheduled")
    tip.refresh_from_db()
    assert tip.live
    assert client.get("/en/hub/tips/a-tip-for-later/").status_code == 200


def test_the_accessibility_checker_is_on_for_editors_and_absent_for_visitors(hub, client_for):
    url = hub.url("principle-lead-with-empathy", "nl")
    editor_html = client_for("content_editor").get(url).content.decode()
    assert 'id="checker-axe-configuration"' in editor_html
    visitor_html = client_for("visitor").get(url).content.decode()
    assert "wagtail-userbar" not in visitor_html


@pytest.mark.parametrize("language", ("nl", "fr", "de"))
def test_editors_may_start_a_translation_with_wagtail_localize(hub, client_for, language):
    from wagtail.models import Locale

    case = draft_case(hub, slug=f"case-to-translate-{language}")
    client = client_for("content_editor")
    response = client.get(f"/admin/localize/submit/page/{case.pk}/")
    assert response.status_code == 200
    locale = Locale.objects.get(language_code=language)
    response = client.post(f"/admin/localize/submit/page/{case.pk}/", {"locales": [locale.pk]})
    assert response.status_code == 302
    translated = Page.objects.get(translation_key=case.translation_key, locale=locale)
    assert not translated.alias_of_id
    assert not translated.live
