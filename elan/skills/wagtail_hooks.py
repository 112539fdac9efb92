# SPDX-License-Identifier: EUPL-1.2
"""Frameworks in the Wagtail back office, the one back office (ARCHITECTURE.md).

Access follows the model permissions in elan/skills/rules.py (HR, content editors and
administrators), which Wagtail's default permission policy asks for through django-rules. The
framework import (admin_views.py) is HR's and administrators'.
"""

from __future__ import annotations

import rules
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from elan.skills import admin_urls
from elan.skills.models import (
    BehaviouralIndicator,
    Competency,
    CompetencyGroup,
    CrosswalkLink,
    Framework,
    LensEntry,
    ProficiencyLevel,
)
from elan.skills.multilingual_forms import multilingual_model_form


class MultilingualViewSet(ModelViewSet):
    form_fields: list[str] = []
    multilingual: dict[str, bool] = {}
    long_text: tuple[str, ...] = ("description",)
    add_to_admin_menu = False

    def get_form_class(self, for_update: bool = False):
        return multilingual_model_form(
            self.model,
            fields=self.form_fields,
            multilingual=self.multilingual,
            long_text=self.long_text,
        )


class FrameworkViewSet(MultilingualViewSet):
    model = Framework
    icon = "list-ul"
    menu_label = _("Frameworks")
    form_fields = [
        "slug",
        "version",
        "source_title",
        "source_url",
        "licence",
        "licence_url",
        "is_published",
    ]
    multilingual = {"title": True, "description": False, "credits": False}
    long_text = ("description", "credits")
    list_display = ["__str__", "slug", "version", "licence", "is_published"]
    list_filter = ["is_published"]
    search_fields = ["slug", "source_title"]


class CompetencyGroupViewSet(MultilingualViewSet):
    model = CompetencyGroup
    icon = "folder-open-inverse"
    menu_label = _("Competency groups")
    form_fields = ["framework", "slug", "position"]
    multilingual = {"name": True, "description": False}
    list_display = ["__str__", "framework", "slug", "position"]
    list_filter = ["framework"]


class CompetencyViewSet(MultilingualViewSet):
    model = Competency
    icon = "tick-inverse"
    menu_label = _("Competencies")
    form_fields = ["framework", "group", "slug", "kind", "position"]
    multilingual = {"name": True, "description": False}
    list_display = ["__str__", "framework", "group", "kind", "slug"]
    list_filter = ["framework", "kind"]
    search_fields = ["slug"]


class ProficiencyLevelViewSet(MultilingualViewSet):
    model = ProficiencyLevel
    icon = "order"
    menu_label = _("Proficiency levels")
    form_fields = ["competency", "rank", "slug"]
    multilingual = {"name": True, "description": False}
    list_display = ["__str__", "rank", "slug"]
    list_filter = ["competency__framework"]


class BehaviouralIndicatorViewSet(MultilingualViewSet):
    model = BehaviouralIndicator
    icon = "view"
    menu_label = _("Behavioural indicators")
    form_fields = ["level", "position"]
    multilingual = {"text": True}
    long_text = ("text",)
    list_display = ["__str__", "level", "position"]
    list_filter = ["level__competency__framework"]


class CrosswalkLinkViewSet(MultilingualViewSet):
    model = CrosswalkLink
    icon = "link"
    menu_label = _("Crosswalk links")
    form_fields = ["source", "target", "esco_uri", "kind"]
    multilingual = {"esco_label": False, "note": False}
    long_text = ("note",)
    list_display = ["__str__", "kind"]
    list_filter = ["kind", "source__framework"]


class LensEntryViewSet(MultilingualViewSet):
    model = LensEntry
    icon = "openquote"
    menu_label = _("Leadership lens")
    form_fields = ["framework", "principle", "competencies", "position"]
    multilingual = {"description": True}
    list_display = ["__str__", "framework", "position"]


class SkillsViewSetGroup(ModelViewSetGroup):
    menu_label = _("Skills frameworks")
    menu_icon = "list-ul"
    menu_order = 310
    items = (
        FrameworkViewSet("skills_frameworks"),
        CompetencyGroupViewSet("skills_groups"),
        CompetencyViewSet("skills_competencies"),
        ProficiencyLevelViewSet("skills_levels"),
        BehaviouralIndicatorViewSet("skills_indicators"),
        CrosswalkLinkViewSet("skills_crosswalks"),
        LensEntryViewSet("skills_lens"),
    )


@hooks.register("register_admin_viewset")
def register_skills_viewsets():
    return SkillsViewSetGroup()


class FrameworkImportMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return rules.has_perm("skills.import_frameworks", request.user)


@hooks.register("register_admin_urls")
def register_framework_import_urls():
    # Wagtail wraps these in its own back-office login check; each view checks the rule too.
    return [path("skills/import/", include(admin_urls, namespace="skills_admin"))]


@hooks.register("register_admin_menu_item")
def register_framework_import_menu_item():
    return FrameworkImportMenuItem(
        _("Framework import"),
        reverse("skills_admin:framework_import"),
        name="framework-import",
        icon_name="upload",
        order=311,
    )
