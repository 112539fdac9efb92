# SPDX-License-Identifier: EUPL-1.2
"""Issue 14, point 5: shipped content is data in one form, and every file is checked.

Hub pages, frameworks, the self-assessment and the survey instruments are YAML files in their
app's ``content/`` folder, each naming its JSON Schema in its header (elan/core/content.py,
docs/adr/0012-shipped-content-as-yaml.md). Here every file is validated against its schema, a
content file without a schema (or in another form) fails, the schemas' vocabulary lists are
compared with the code's, and what a schema cannot say (keys unique, parents before children,
sources and measures that exist) is checked across the files.
"""

from __future__ import annotations

import datetime
import json
from functools import cache
from pathlib import Path

import pytest
from django.conf import settings
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource

from elan.core.content import declared_schema, load_content
from elan.core.vocabulary import InnovationSkill, Principle
from elan.insights.constants import InstrumentCode
from elan.knowledge.constants import RESOURCE_LANGUAGES, ResourceType
from elan.knowledge.content import PAGE_FILES, SOURCES_FILE, TREE
from elan.knowledge.models import SECTION_KINDS
from elan.skills.constants import CompetencyKind, CrosswalkKind

ELAN = Path(settings.BASE_DIR) / "elan"
CONTENT_DIRS = sorted(path for path in ELAN.glob("*/content") if path.is_dir())
CONTENT_FILES = sorted(path for folder in CONTENT_DIRS for path in folder.rglob("*.yaml"))
SCHEMAS = sorted(ELAN.glob("**/schemas/*.schema.json"))
# What else a content folder may hold: its schemas, a README, and the hub's Python package
# (the loader, and the dataclasses it builds from the data), which holds no text.
ALLOWED_OTHER = {"README.md", "__init__.py", "schema.py"}
SPDX = "# SPDX-License-Identifier: "


def _relative(path: Path) -> str:
    return str(path.relative_to(ELAN.parent)) if path.is_relative_to(ELAN.parent) else path.name


def as_json(value, where: str = ""):
    """The document as JSON sees it: YAML dates become ISO text; keys must be text."""
    if isinstance(value, dict):
        for key in value:
            if not isinstance(key, str):
                raise AssertionError(f"{where}: the key {key!r} must be text (put it in quotes)")
        return {key: as_json(item, f"{where}/{key}") for key, item in value.items()}
    if isinstance(value, list):
        return [as_json(item, f"{where}/{index}") for index, item in enumerate(value)]
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def _retrieve(uri: str) -> Resource:
    path = Path(uri.removeprefix("file://"))
    return Resource.from_contents(json.loads(path.read_text(encoding="utf-8")))


@cache
def validator_for(schema_path: Path) -> Draft202012Validator:
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    # Relative references ("../../../core/schemas/...") resolve from the schema's own place,
    # as they do in an editor's YAML plug-in.
    schema = {**schema, "$id": schema_path.as_uri()}
    return Draft202012Validator(
        schema, registry=Registry(retrieve=_retrieve), format_checker=FormatChecker()
    )


def problems(path: Path) -> list[str]:
    validator = validator_for(declared_schema(path))
    document = as_json(load_content(path), _relative(path))
    return [
        f"{'/'.join(str(part) for part in error.absolute_path) or '(top)'}: {error.message}"
        for error in sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
    ]


def _enum(schema_path: Path, *pointer: str) -> list:
    node = json.loads(schema_path.read_text(encoding="utf-8"))
    for part in pointer:
        node = node[part]
    return node["enum"]


# --- one form, one schema each ------------------------------------------------------------------


def test_every_content_folder_holds_only_yaml_files_their_schemas_and_a_readme():
    assert CONTENT_DIRS, "no content folders found"
    strays = [
        _relative(path)
        for folder in CONTENT_DIRS
        for path in folder.rglob("*")
        if path.is_file()
        and "__pycache__" not in path.parts
        and path.suffix != ".yaml"
        and not path.name.endswith(".schema.json")
        and path.name not in ALLOWED_OTHER
    ]
    assert strays == [], "shipped content is YAML with a schema (docs/adr/0012)"


@pytest.mark.parametrize("path", CONTENT_FILES, ids=_relative)
def test_every_content_file_names_an_existing_schema_and_its_licence(path):
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith(SPDX), "the first line names the texts' licence"
    schema = declared_schema(path)
    assert schema is not None, "the header names the schema (# yaml-language-server: $schema=…)"
    assert schema.is_file() and schema.name.endswith(".schema.json"), schema


@pytest.mark.parametrize("path", CONTENT_FILES, ids=_relative)
def test_every_content_file_is_valid_against_its_schema(path):
    assert problems(path) == []


@pytest.mark.parametrize("path", SCHEMAS, ids=_relative)
def test_every_schema_is_a_valid_json_schema_and_is_used(path):
    Draft202012Validator.check_schema(json.loads(path.read_text(encoding="utf-8")))
    used = {declared_schema(content) for content in CONTENT_FILES}
    referenced = "".join(p.read_text(encoding="utf-8") for p in SCHEMAS if p != path)
    assert path in used or path.name in referenced, "a schema no file uses"


def test_a_mistake_an_editor_could_make_is_caught(tmp_path):
    hub = (ELAN / "knowledge" / "content" / "tips.yaml").read_text(encoding="utf-8")
    broken = tmp_path / "tips.yaml"
    (tmp_path / "schemas").symlink_to(ELAN / "knowledge" / "content" / "schemas")
    broken.write_text(
        hub.replace("    principles: [", "    principles: [no-such-principle, ", 1).replace(
            "        summary:", "        sumary:", 1
        ),
        encoding="utf-8",
    )
    found = "\n".join(problems(broken))
    assert "'no-such-principle' is not one of" in found
    assert "'sumary' is not one of" in found


def test_a_number_or_a_yes_left_unquoted_is_caught(tmp_path):
    scale = tmp_path / "scale.yaml"
    (tmp_path / "schemas").symlink_to(ELAN / "insights" / "content" / "schemas")
    text = (ELAN / "insights" / "content" / "agreement-scale.yaml").read_text(encoding="utf-8")
    scale.write_text(text.replace("  '1':", "  1:", 1), encoding="utf-8")
    with pytest.raises(AssertionError, match="must be text"):
        problems(scale)
    survey = tmp_path / "innovation.yaml"
    text = (ELAN / "insights" / "content" / "innovation.yaml").read_text(encoding="utf-8")
    survey.write_text(text.replace("option: 'yes'", "option: yes", 1), encoding="utf-8")
    assert any("True is not of type 'string'" in problem for problem in problems(survey))


# --- the schemas' lists are the code's ----------------------------------------------------------

CORE = ELAN / "core" / "schemas" / "shipped-content.schema.json"
PAGES = ELAN / "knowledge" / "content" / "schemas" / "pages.schema.json"
FRAMEWORK = ELAN / "skills" / "content" / "schemas" / "framework.schema.json"
SURVEY = ELAN / "insights" / "content" / "schemas" / "survey.schema.json"


@pytest.mark.parametrize(
    ("schema", "pointer", "values"),
    [
        (CORE, ("$defs", "language"), [code for code, _name in settings.LANGUAGES]),
        (CORE, ("$defs", "principle"), Principle.values),
        (CORE, ("$defs", "skill"), InnovationSkill.values),
        (PAGES, ("$defs", "section-kind"), [kind for kind, _label in SECTION_KINDS]),
        (PAGES, ("$defs", "resource-type"), ResourceType.values),
        (PAGES, ("$defs", "resource-language"), [code for code, _name in RESOURCE_LANGUAGES]),
        (FRAMEWORK, ("$defs", "competency", "properties", "kind"), CompetencyKind.values),
        (FRAMEWORK, ("$defs", "crosswalk", "properties", "kind"), CrosswalkKind.values),
    ],
    ids=lambda value: "/".join(value) if isinstance(value, tuple) else None,
)
def test_the_schemas_vocabulary_is_the_codes(schema, pointer, values):
    assert sorted(_enum(schema, *pointer)) == sorted(values)


def test_the_survey_codes_are_instrument_codes():
    codes = _enum(SURVEY, "properties", "code")
    assert set(codes) <= set(InstrumentCode.values)


def test_the_page_models_are_the_hubs_page_types():
    from elan.knowledge.models import HUB_PAGE_MODELS

    names = {model.__name__ for model in HUB_PAGE_MODELS}
    assert set(_enum(PAGES, "$defs", "page", "properties", "model")) <= names


# --- what a schema cannot say -------------------------------------------------------------------


def test_the_hub_pages_have_unique_keys_and_parents_before_children():
    seen: set[str] = set()
    for node in TREE:
        assert node.key not in seen, f"{node.key} appears twice"
        assert node.parent is None or node.parent in seen, f"{node.key}: parent comes first"
        seen.add(node.key)
    files = {path.name for path in (ELAN / "knowledge" / "content").glob("*.yaml")}
    assert files == {*PAGE_FILES, SOURCES_FILE}, "a hub file the loader does not read"


def test_every_source_a_page_credits_exists_and_every_source_is_credited():
    folder = ELAN / "knowledge" / "content"
    sources = set(load_content(folder / SOURCES_FILE))
    credited = {
        key
        for name in PAGE_FILES
        for page in load_content(folder / name)["pages"]
        for key in page.get("sources", ())
    }
    assert credited - sources == set(), "sources missing from sources.yaml"
    assert sources - credited == set(), "sources no page credits"


@pytest.mark.parametrize("name", ["climate.yaml", "innovation.yaml"])
def test_every_measure_a_survey_names_exists_and_is_named(name):
    survey = load_content(ELAN / "insights" / "content" / name)
    codes = [measure["code"] for measure in survey["measures"]]
    assert len(codes) == len(set(codes))
    items = [item["code"] for item in survey["items"]]
    assert len(items) == len(set(items))
    named = {
        *(item.get("measure") for item in survey["items"]),
        *(option.get("measure") for item in survey["items"] for option in item.get("options", ())),
        *(code for section in survey["sections"] for code in section["measures"]),
    } - {None}
    assert named - set(codes) == set()
    option_measures = {
        option.get("measure") for item in survey["items"] for option in item.get("options", ())
    }
    for measure in survey["measures"]:
        assert (
            "label" in measure
            or measure.get("principle") == measure["code"]
            or measure["code"] in option_measures
        ), f"{measure['code']} has no label"
    for item in survey["items"]:
        if "scoring_option" in item:
            assert item["scoring_option"] in [option["code"] for option in item["options"]]
