# SPDX-License-Identifier: EUPL-1.2
"""Demo hub work for ``manage.py demo_data``: the content editor persona (editor@elan.example)
has written a new tip and submitted it for review, so the moderator persona
(moderator@elan.example) finds it waiting in the back office, to approve or send back.

The draft goes through Wagtail's own review workflow, the one that
``services.hub_editorial_setup_ensure`` sets up, exactly as a submission from the editor's form
would. Safe to run again: a tip that exists (with this slug) is left as it is, whatever the
moderator did with it.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import transaction
from wagtail.models import Page

from elan.knowledge.models import HubSectionPage, TipPage

EDITOR = "editor@elan.example"
SECTION_KEY = "section-tips"
SLUG = "ask-the-person-at-the-counter"


@transaction.atomic
def load_demo_review() -> TipPage | None:
    editor = get_user_model().objects.filter(email=EDITOR).first()
    section = HubSectionPage.objects.filter(
        content_key=SECTION_KEY, locale__language_code="en"
    ).first()
    if editor is None or section is None:
        return None
    if Page.objects.filter(slug=SLUG).exists():
        return None
    tip = TipPage(
        title="Ask the person at the counter first",
        slug=SLUG,
        summary="Before changing a service, spend an hour with whoever answers its users.",
        tip=(
            "<p>The colleague at the counter or on the phone hears every day what goes wrong. "
            "Before you redesign a form or a procedure, sit next to them for an hour and write "
            "down each question people ask. Bring the list to your first meeting.</p>"
        ),
        given_by="An innovation officer of a federal public service",
        principles=["close-to-the-action"],
        skills=["user-centricity"],
        live=False,
        owner=editor,
    )
    section.add_child(instance=tip)
    tip.save_revision(user=editor)
    workflow = tip.get_workflow()
    if workflow is not None:
        workflow.start(tip, editor)
    return tip
