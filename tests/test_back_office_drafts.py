# SPDX-License-Identifier: EUPL-1.2
"""HR's back-office access shows no draft title (docs/access.md: drafts are for editors and
moderators). HR reach the back office for frameworks and the organisation import; this walks
every back-office URL with the ids of a draft, of a live page with an unpublished new title
and of their section, and reads every answer for either title."""

from __future__ import annotations

import itertools
import re
import uuid

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from wagtail.models import Page

DRAFT_TITLE = "Unpublished case on the reorganisation"
REWRITTEN_TITLE = "Rewritten title still in review"
SEARCHED_WORD = "Unpublished"

PARAMETER = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>|\(\?P<(?P<rname>\w+)>[^)]*\)")
# Wagtail's own "test the 500 page" view: it fails on purpose, for anyone in the back office.
NOT_WALKED = {"admin/failwhale/"}


def back_office_routes(resolver=None, prefix: str = ""):
    for pattern in (resolver or get_resolver()).url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from back_office_routes(pattern, route)
        elif isinstance(pattern, URLPattern) and route.startswith("admin/"):
            yield route


@pytest.fixture
def drafts(personas):
    root = Page.get_first_root_node()
    section = root.add_child(instance=Page(title="Drafts section", slug="drafts-section"))
    draft = section.add_child(instance=Page(title=DRAFT_TITLE, slug="draft-case", live=False))
    draft.save_revision(user=personas.content_editor)
    live = section.add_child(instance=Page(title="A published case", slug="published-case"))
    live.save_revision(user=personas.content_editor).publish()
    live.title = REWRITTEN_TITLE
    live.save_revision(user=personas.content_editor)
    live.refresh_from_db()
    # In moderation and locked, so the workflow views and reports have something to show.
    workflow_state = draft.get_workflow().start(draft, personas.content_editor)
    Page.objects.filter(pk=draft.pk).update(locked=True, locked_by=personas.content_editor)
    return {
        "pages": [draft.pk, live.pk, section.pk],
        "revisions": [draft.latest_revision_id, live.latest_revision_id],
        "workflow_state": workflow_state.pk,
        "task_state": workflow_state.current_task_state.pk,
    }


def fillings(name: str, drafts: dict) -> list[str]:
    if name.startswith("revision_id"):
        return [str(pk) for pk in drafts["revisions"]]
    if name == "workflow_state_id":
        return [str(drafts["workflow_state"])]
    if name == "task_state_id":
        return [str(drafts["task_state"])]
    if name in {"app_label", "app_name", "content_type_app_name"}:
        return ["wagtailcore"]
    if name in {"model_name", "content_type_model_name"}:
        return ["page"]
    if name in {"action", "action_name"}:
        return ["move"]
    if name == "mode":
        return [""]
    if name == "filter_spec":
        return ["original"]
    if name == "run_id":
        return [str(uuid.uuid4())]
    if name in {"token", "uidb64"}:
        return ["x"]
    return [str(pk) for pk in drafts["pages"]]


def urls_for(route: str, drafts: dict) -> list[str]:
    matches = list(PARAMETER.finditer(route))
    names = [match.group("name") or match.group("rname") for match in matches]
    urls = []
    for values in itertools.product(*(fillings(name, drafts) for name in names)):
        pieces, end = [], 0
        for match, value in zip(matches, values, strict=True):
            pieces += [route[end : match.start()], value]
            end = match.end()
        url = "".join([*pieces, route[end:]])
        urls.append("/" + url.replace("^", "").replace("$", "").replace("\\Z", ""))
    return urls


def test_no_back_office_page_hr_can_reach_shows_a_draft_title(drafts, client_for):
    client = client_for("hr")
    client.raise_request_exception = False
    leaks = []
    for route in back_office_routes():
        if route in NOT_WALKED:
            continue
        for url in urls_for(route, drafts):
            for query in ("", f"?q={SEARCHED_WORD}"):
                html = client.get(url + query).content.decode(errors="replace")
                if DRAFT_TITLE in html or REWRITTEN_TITLE in html:
                    leaks.append(url + query)
    assert not leaks, "HR reads draft titles at:\n" + "\n".join(leaks)


def test_editors_still_find_drafts_in_the_page_chooser(drafts, client_for):
    section = drafts["pages"][2]
    for persona in ("content_editor", "moderator"):
        html = client_for(persona).get(f"/admin/choose-page/{section}/").content.decode()
        assert DRAFT_TITLE in html
        assert REWRITTEN_TITLE in html


def test_hr_is_refused_the_page_chooser_the_move_confirmation_and_workflow_actions(
    drafts, client_for
):
    draft, live, section = drafts["pages"]
    client = client_for("hr")
    refused = [
        f"/admin/choose-page/{section}/",
        f"/admin/choose-page/search/?q={SEARCHED_WORD}",
        f"/admin/pages/{draft}/move/{live}/confirm/",
        f"/admin/pages/workflow/action/{live}/approve/{drafts['task_state']}/",
        f"/admin/api/main/pages/{draft}/",
    ]
    for url in refused:
        assert client.get(url).status_code == 403, url
