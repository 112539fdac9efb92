# SPDX-License-Identifier: EUPL-1.2
"""The knowledge hub's public surface for other apps: keep it small and stable.

Skills, insights and the other modules recommend hub reading through ``hub_items_for``; they
never query the hub's pages or index directly.

    from elan.knowledge.service import hub_items_for
    hub_items_for(skill="iteration", language="fr", kinds=["case", "tool"], limit=3)

The experiments module proposes a finished experiment as a case through ``case_draft_create``:
a draft in the back office, which the editors complete and submit and a moderator publishes.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.text import slugify
from wagtail.models import Page

from elan.knowledge.constants import HubKind
from elan.knowledge.selectors import HubItem, hub_home_url, hub_items_for

__all__ = ["HubItem", "HubKind", "case_draft_create", "hub_home_url", "hub_items_for"]


@transaction.atomic
def case_draft_create(
    *,
    language: str,
    title: str,
    summary: str,
    location: str,
    context_and_actions: str,
    effect: str,
    reference: str,
    principles: list[str],
    skills: list[str],
    user=None,
) -> Page | None:
    """A case page under the hub's cases section in ``language``, saved as a draft revision by
    ``user``, exactly as an editor's "Save draft" leaves it: not live, nothing published, the
    editors' and moderators' review (docs/knowledge-hub.md, "Editing") still to come. The rich
    text fields take the hub's stored HTML, inline formatting only; whoever calls escapes what
    people wrote. None when the hub has no cases section in that language.
    """
    from wagtail_localize.synctree import create_aliases_for_new_page

    from elan.knowledge.models import CasePage, HubSectionPage

    section = (
        HubSectionPage.objects.filter(
            kind=HubKind.CASE, locale__language_code=language, alias_of__isnull=True
        )
        .order_by("path")
        .first()
    )
    if section is None:
        return None
    page = CasePage(
        title=title,
        draft_title=title,
        locale=section.locale,
        summary=summary,
        location=location,
        context_and_actions=context_and_actions,
        effect=effect,
        reference=reference,
        principles=list(principles),
        skills=list(skills),
        live=False,
        owner=user,
    )
    # The slug comes from the title, with a suffix when a sibling has it already.
    base = slugify(title, allow_unicode=True)[:200].strip("-") or "case"
    slug, suffix = base, 1
    while section.get_children().filter(slug=slug).exists():
        suffix += 1
        slug = f"{base}-{suffix}"
    page.slug = slug
    section.add_child(instance=page)
    page.save_revision(user=user, log_action=True, clean=False)
    # As when an editor adds a page: a language synchronised from this one gets it as an alias.
    create_aliases_for_new_page(page)
    return page
