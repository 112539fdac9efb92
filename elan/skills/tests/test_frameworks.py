# SPDX-License-Identifier: EUPL-1.2
import copy
import io
import json
import uuid

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from elan.core.vocabulary import InnovationSkill, Principle
from elan.skills.case import case_package
from elan.skills.interchange import export_framework, validate_document
from elan.skills.models import (
    BehaviouralIndicator,
    Competency,
    CrosswalkLink,
    Framework,
    ProficiencyLevel,
)
from elan.skills.services import FrameworkImportError, framework_import
from elan.skills.shipped import CONTENT_DIR, SHIPPED_FILES, load_shipped_frameworks, read_document

pytestmark = pytest.mark.django_db

LANGUAGES = ("nl", "fr", "de", "en")


@pytest.fixture
def shipped():
    load_shipped_frameworks()
    return {f.slug: f for f in Framework.objects.all()}


def counts() -> tuple[int, ...]:
    return tuple(
        model.objects.count()
        for model in (Framework, Competency, ProficiencyLevel, BehaviouralIndicator, CrosswalkLink)
    )


def test_every_shipped_file_is_a_valid_document():
    for name in SHIPPED_FILES:
        assert validate_document(read_document(CONTENT_DIR / name)) == [], name


def test_loading_the_shipped_frameworks_twice_duplicates_nothing_and_keeps_ids(shipped):
    before = counts()
    ids = sorted(Competency.objects.values_list("pk", flat=True))
    load_shipped_frameworks()
    assert counts() == before
    assert sorted(Competency.objects.values_list("pk", flat=True)) == ids


def test_the_innovation_framework_uses_the_six_opsi_slugs_of_the_shared_vocabulary(shipped):
    framework = shipped["elan-innovation-skills"]
    slugs = list(framework.competencies.values_list("slug", flat=True))
    assert slugs == list(InnovationSkill.values)


def test_each_innovation_skill_has_three_levels_with_behaviours_in_four_languages(shipped):
    for competency in shipped["elan-innovation-skills"].competencies.all():
        levels = list(competency.levels.order_by("rank"))
        assert [level.slug for level in levels] == ["awareness", "capability", "advocacy"]
        for level in levels:
            indicators = list(level.indicators.all())
            assert len(indicators) >= 2
            for indicator in indicators:
                assert all(indicator.text.get(code) for code in LANGUAGES)


def test_the_innovation_framework_carries_the_six_principles_as_a_leadership_lens(shipped):
    lens = shipped["elan-innovation-skills"].lens.all()
    assert sorted(entry.principle for entry in lens) == sorted(Principle.values)
    assert all(entry.competencies.exists() for entry in lens)


def test_states_of_change_has_nine_attitudes_and_fourteen_skills_in_three_groups(shipped):
    framework = shipped["states-of-change"]
    assert framework.groups.count() == 3
    assert framework.competencies.filter(kind="attitude").count() == 9
    skills = framework.competencies.filter(kind="skill")
    assert skills.count() == 14
    assert not skills.filter(group__isnull=True).exists()
    sizes = sorted(group.competencies.count() for group in framework.groups.all())
    assert sizes == [4, 5, 5]


def test_the_federal_group_structure_is_crosswalked_to_the_innovation_framework(shipped):
    federal = shipped["be-federal-competencies"]
    assert federal.groups.count() == 6
    links = CrosswalkLink.objects.filter(
        source__framework=shipped["elan-innovation-skills"], target__framework=federal
    )
    assert links.exists()
    assert {link.kind for link in links} >= {"close", "related", "broader"}


def test_every_shipped_framework_names_a_source_and_a_licence(shipped):
    for framework in shipped.values():
        assert framework.source_url.startswith("https://")
        assert framework.licence == "CC-BY-SA-4.0"
        assert all(framework.credits.get(code) for code in LANGUAGES)


def test_export_then_import_gives_back_the_same_document(shipped):
    for framework in shipped.values():
        document = export_framework(framework)
        framework_import(data=copy.deepcopy(document))
        assert export_framework(Framework.objects.get(pk=framework.pk)) == document


def test_the_exported_document_matches_the_shipped_file(shipped):
    for name in SHIPPED_FILES:
        document = read_document(CONTENT_DIR / name)
        framework = shipped[document["slug"]]
        assert export_framework(framework)["competencies"] == document["competencies"]


def test_a_bad_document_is_refused_whole_with_every_problem_listed():
    document = read_document(CONTENT_DIR / "states-of-change.yaml")
    document["competencies"][0]["name"] = {"nl": "zonder Engels"}
    document["competencies"][1]["group"] = "no-such-group"
    with pytest.raises(FrameworkImportError) as raised:
        framework_import(data=document)
    assert len(raised.value.problems) == 2
    assert not Framework.objects.exists()


def test_a_crosswalk_to_a_framework_not_loaded_yet_is_reported_not_lost():
    document = read_document(CONTENT_DIR / "elan-innovation-skills.yaml")
    result = framework_import(data=document)
    assert result.unresolved_crosswalks
    # Links to ESCO need no other framework; those to the frameworks not loaded yet wait.
    assert not CrosswalkLink.objects.filter(esco_uri="").exists()


def test_a_new_version_is_a_new_framework_next_to_the_old_one(shipped):
    document = export_framework(shipped["states-of-change"])
    document["version"] = "2.0"
    framework_import(data=document)
    assert Framework.objects.filter(slug="states-of-change").count() == 2


def test_reordering_levels_in_a_document_does_not_trip_the_rank_constraint(shipped):
    document = export_framework(shipped["elan-innovation-skills"])
    levels = document["competencies"][0]["levels"]
    levels[0]["rank"], levels[2]["rank"] = levels[2]["rank"], levels[0]["rank"]
    framework_import(data=document)
    competency = Competency.objects.get(framework__slug="elan-innovation-skills", slug="iteration")
    assert competency.levels.get(slug="awareness").rank == 3


def test_the_case_package_has_a_document_items_and_associations(shipped):
    package = case_package(shipped["elan-innovation-skills"], language="fr")
    assert package["CFDocument"]["title"] == "Compétences d'innovation Elan"
    types = {item["CFItemType"] for item in package["CFItems"]}
    assert types == {"Skill", "Proficiency level", "Behavioural indicator"}
    kinds = {a["associationType"] for a in package["CFAssociations"]}
    assert kinds == {"isChildOf", "isRelatedTo", "isPartOf"}
    identifiers = [item["identifier"] for item in package["CFItems"]]
    identifiers += [a["identifier"] for a in package["CFAssociations"]]
    assert len(identifiers) == len(set(identifiers))
    assert all(uuid.UUID(identifier) for identifier in identifiers)


def test_case_identifiers_are_stable_across_exports_and_reloads(shipped):
    first = case_package(shipped["elan-innovation-skills"])
    Framework.objects.all().delete()
    load_shipped_frameworks()
    second = case_package(Framework.objects.get(slug="elan-innovation-skills"))
    assert [i["identifier"] for i in first["CFItems"]] == [
        i["identifier"] for i in second["CFItems"]
    ]
    assert first["CFDocument"]["identifier"] == second["CFDocument"]["identifier"]


def test_the_commands_export_and_import_a_framework(shipped, tmp_path):
    target = tmp_path / "soc.json"
    call_command("export_framework", "states-of-change", output=str(target))
    assert json.loads(target.read_text())["slug"] == "states-of-change"
    out = io.StringIO()
    call_command("import_framework", str(target), stdout=out)
    assert "Updated states-of-change" in out.getvalue()
    out = io.StringIO()
    call_command("export_framework", "states-of-change", case=True, language="nl", stdout=out)
    assert json.loads(out.getvalue())["CFDocument"]["language"] == "nl"


def test_the_import_command_lists_the_problems_of_a_bad_file(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"format": "elan-framework/1", "slug": "x"}))
    with pytest.raises(CommandError, match="version"):
        call_command("import_framework", str(bad))


def test_load_frameworks_command_is_safe_to_run_twice():
    call_command("load_frameworks", stdout=io.StringIO())
    before = counts()
    call_command("load_frameworks", stdout=io.StringIO())
    assert counts() == before


def test_the_case_package_names_the_installation_as_publisher_and_credits_the_source(
    shipped, settings
):
    settings.ELAN_PUBLISHER = "SPF Stratégie et Appui"
    framework = shipped["elan-innovation-skills"]
    document = case_package(framework, language="en")["CFDocument"]
    # Elan's wording is ours: the publisher is whoever runs Elan, never the OECD.
    assert document["publisher"] == "SPF Stratégie et Appui"
    assert "OECD" not in document["publisher"]
    # The source stays credited: its address, and its title ahead of the credits.
    assert document["officialSourceURL"] == framework.source_url
    assert document["notes"].startswith(
        f"Source: {framework.source_title} ({framework.source_url})"
    )
    assert "CC BY-SA" in document["notes"]


def test_the_case_publisher_is_elan_unless_the_installation_names_itself(shipped):
    document = case_package(shipped["states-of-change"], language="nl")["CFDocument"]
    assert document["publisher"] == "Elan"
