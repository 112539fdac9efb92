# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

from django import template
from django.urls import reverse
from django.utils import translation

from elan.core.vocabulary import InnovationSkill, Principle
from elan.knowledge.constants import KIND_PLURALS, RESOURCE_LANGUAGES, HubKind, Intention
from elan.knowledge.selectors import hub_items_for

register = template.Library()


@register.filter
def principle_label(slug: str) -> str:
    return str(Principle(slug).label) if slug in Principle.values else slug


@register.filter
def skill_label(slug: str) -> str:
    return str(InnovationSkill(slug).label) if slug in InnovationSkill.values else slug


@register.filter
def kind_label(kind: str) -> str:
    return str(HubKind(kind).label) if kind in HubKind.values else kind


@register.filter
def kind_plural(kind: str) -> str:
    return str(KIND_PLURALS[HubKind(kind)]) if kind in HubKind.values else kind


@register.filter
def language_name(code: str) -> str:
    """The language's name in the reader's language (for "written in English")."""
    names = dict(RESOURCE_LANGUAGES)
    return str(names.get(code, code))


@register.filter
def language_name_local(code: str) -> str:
    """The language's own name (for links to it: "Nederlands", "Français")."""
    try:
        return translation.get_language_info(code)["name_local"]
    except KeyError:
        return code


@register.simple_tag(takes_context=True)
def principle_url(context, slug: str) -> str:
    """The principle's page in the reader's language, or the search filtered by it."""
    urls = context.render_context.get("knowledge_principle_urls")
    if urls is None:
        # One query for the six principle pages, however many tags the page shows.
        pages = hub_items_for(kinds=[HubKind.PRINCIPLE], language=translation.get_language())
        urls = {item.principles[0]: item.url for item in reversed(pages) if item.principles}
        context.render_context["knowledge_principle_urls"] = urls
    return urls.get(slug) or f"{reverse('knowledge:search')}?principle={slug}"


@register.filter
def intention_label(value: str) -> str:
    return str(Intention(value).label) if value in Intention.values else value


@register.filter
def listify(value) -> list:
    return [value]
