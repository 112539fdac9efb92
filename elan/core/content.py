# SPDX-License-Identifier: EUPL-1.2
"""Shipped content: how Elan reads the data files it ships (ADR 12, docs/adr/).

Hub pages, competency frameworks, the self-assessment's item bank and the survey instruments are
YAML files in their app's ``content/`` folder, so that an editor or a translator changes a
sentence without reading Python. Every file names its JSON Schema in its header::

    # SPDX-License-Identifier: CC-BY-SA-4.0
    # yaml-language-server: $schema=schemas/pages.schema.json

(the second line is the convention editors' YAML plug-ins follow, so they check the file while
it is typed). Each app reads its files with ``load_content`` and builds its own objects from the
plain data; nothing else parses YAML.

The files are checked against their schemas by the tests (tests/test_shipped_content.py), not
here: they ship with the code, so CI has checked exactly the files that run, and checking them
again whenever a process starts would cost start-up time (the survey instruments are read when
Django starts) and a validator in production for no gain.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

# libyaml's parser where it is installed (the survey instruments are read at every start, and it
# is several times faster); the constructor is the safe one either way, so only plain data comes
# out: mappings, lists, text, numbers, booleans, null and dates, never a Python object.
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_SCHEMA_LINE = re.compile(r"^# yaml-language-server: \$schema=(?P<path>\S+)[ \t]*$", re.MULTILINE)


def load_content(path: Path) -> Any:
    """The data of one shipped content file."""
    with path.open(encoding="utf-8") as handle:
        return yaml.load(handle, Loader=_SAFE_LOADER)


def declared_schema(path: Path) -> Path | None:
    """The JSON Schema a content file names in its header, resolved from the file's folder."""
    header = "".join(path.read_text(encoding="utf-8").splitlines(keepends=True)[:5])
    match = _SCHEMA_LINE.search(header)
    return (path.parent / match["path"]).resolve() if match else None
