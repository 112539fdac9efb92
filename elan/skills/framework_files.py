# SPDX-License-Identifier: EUPL-1.2
"""Reading a framework file, as the command line and the back office both do.

A file is Elan JSON (what ``export_framework`` and the download write) or the same document in
YAML (what Elan ships in ``content/``). Whatever its bytes, reading it answers with the
document or with problems, each with the line it is on when there is one: bytes that are not
UTF-8 text, text that is not JSON or YAML, and every problem ``validate_document`` finds.
Nothing here raises on bad input, so neither caller can fail with a traceback.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from django.utils.translation import gettext as _

from elan.skills.interchange import validate_document

MAX_FILE_BYTES = 5 * 1024 * 1024
SUFFIXES = (".json", ".yaml", ".yml")

# libyaml where it is installed, as for the shipped content (elan/core/content.py): several
# times faster on a large file; the safe constructor either way.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_PLACE = re.compile(r"^(?P<place>[A-Za-z_][\w-]*(?:\[\d+\]|\.[A-Za-z_][\w-]*)*): ")
_STEP = re.compile(r"\.?([A-Za-z_][\w-]*)|\[(\d+)\]")


@dataclass(frozen=True, slots=True)
class FileProblem:
    message: str
    line: int | None = None

    def __str__(self) -> str:
        if self.line is None:
            return self.message
        return _("line %(line)s: %(message)s") % {"line": self.line, "message": self.message}


@dataclass
class FrameworkFile:
    """What a file holds: the document when it can be imported, and every problem otherwise."""

    data: dict | None
    problems: list[FileProblem] = field(default_factory=list)

    @property
    def is_valid(self) -> bool:
        return self.data is not None and not self.problems


def read_framework_file(content: bytes, *, name: str) -> FrameworkFile:
    """Parse and validate a framework file's bytes; ``name`` decides JSON or YAML."""
    suffix = ("." + name.rsplit(".", 1)[-1].lower()) if "." in name else ""
    if suffix not in SUFFIXES:
        return _refused(_("Choose a .json, .yaml or .yml file: Elan JSON, or the same in YAML."))
    if len(content) > MAX_FILE_BYTES:
        return _refused(
            _("The file is larger than %(size)s MB; a framework file is far smaller.")
            % {"size": MAX_FILE_BYTES // (1024 * 1024)}
        )
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        return _refused(
            _("The file is not UTF-8 text (byte %(position)s cannot be read). Save it as UTF-8.")
            % {"position": error.start + 1}
        )
    data, problem = (_parse_json if suffix == ".json" else _parse_yaml)(text)
    if problem is not None:
        return FrameworkFile(data=None, problems=[problem])
    lines = _lines_of(text)
    problems = [_located(message, lines) for message in validate_document(data)]
    place = None if problems else _first_value_beyond_json(data)
    if place:
        # YAML reads dates, binary and sets as such; the preview carries the document as JSON,
        # and the command must refuse what the back office refuses.
        message = _(
            "%(place)s: this value is a date, binary data or a set; write it as text in quotes."
        ) % {"place": place}
        problems.append(_located(message, lines))
    return FrameworkFile(data=data if not problems else None, problems=problems)


def _refused(message: str) -> FrameworkFile:
    return FrameworkFile(data=None, problems=[FileProblem(message)])


def _parse_json(text: str) -> tuple[Any, FileProblem | None]:
    try:
        return json.loads(text), None
    except json.JSONDecodeError as error:
        return None, FileProblem(
            _("This is not valid JSON: %(reason)s (column %(column)s).")
            % {"reason": error.msg, "column": error.colno},
            error.lineno,
        )
    except RecursionError:
        return None, FileProblem(_("The file nests too deeply to be a framework."))
    except ValueError:
        return None, _too_long_number()


def _parse_yaml(text: str) -> tuple[Any, FileProblem | None]:
    try:
        # Aliases let a few lines stand for millions of values; a framework file needs none.
        for event in yaml.parse(text, Loader=_LOADER):
            if isinstance(event, yaml.AliasEvent):
                return None, FileProblem(
                    _("The file repeats values with YAML aliases (*name); write each value out."),
                    event.start_mark.line + 1,
                )
        return yaml.load(text, Loader=_LOADER), None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        return None, FileProblem(
            _("This is not valid YAML: %(reason)s.") % {"reason": error.problem or error.context},
            mark.line + 1 if mark is not None else None,
        )
    except (yaml.YAMLError, RecursionError):
        return None, FileProblem(_("This is not valid YAML."))
    except ValueError:
        return None, _too_long_number()


def _too_long_number() -> FileProblem:
    # Python refuses to read an integer of more than 4,300 digits, a guard against slow parsing.
    return FileProblem(_("The file holds a number too long to read; a framework needs none."))


def _first_value_beyond_json(data: Any) -> str | None:
    """The place of the first value JSON cannot hold (``levels[2].since``), or None."""
    stack: list[tuple[str, Any]] = [("", data)]
    while stack:
        place, value = stack.pop()
        if isinstance(value, dict):
            stack += [
                (f"{place}.{key}" if place else str(key), item) for key, item in value.items()
            ]
        elif isinstance(value, list):
            stack += [(f"{place}[{index}]", item) for index, item in enumerate(value)]
        elif not isinstance(value, str | int | float | bool | None):
            return place
    return None


def _lines_of(text: str) -> dict[str, int]:
    """The line of every place in the document (``competencies[2].levels[0].name`` → 41).

    JSON is read as YAML here too, which it is, to get the lines; a file that only Python's
    JSON reader accepts simply has no lines.
    """
    try:
        root = yaml.compose(text, Loader=_LOADER)
    except (yaml.YAMLError, RecursionError):
        return {}
    lines: dict[str, int] = {}
    if root is None:
        return lines
    lines[""] = root.start_mark.line + 1
    stack: list[tuple[str, yaml.Node]] = [("", root)]
    while stack:
        place, node = stack.pop()
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                child = f"{place}.{key.value}" if place else str(key.value)
                lines.setdefault(child, key.start_mark.line + 1)
                stack.append((child, value))
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                child = f"{place}[{index}]"
                lines.setdefault(child, item.start_mark.line + 1)
                stack.append((child, item))
    return lines


def _located(message: str, lines: dict[str, int]) -> FileProblem:
    """The problem with the line of its place, or of the nearest enclosing one that exists
    (a missing key is reported on the object that lacks it)."""
    match = _PLACE.match(message)
    if match is None:
        return FileProblem(message, lines.get(""))
    steps = [m.group(0) for m in _STEP.finditer(match["place"])]
    for end in range(len(steps), -1, -1):
        place = "".join(steps[:end]).lstrip(".")
        if place in lines:
            return FileProblem(message, lines[place])
    return FileProblem(message)
