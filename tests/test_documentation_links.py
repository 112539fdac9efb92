# SPDX-License-Identifier: EUPL-1.2
"""Issue 14, point 8: every link in the documentation, and every documentation path cited in
the code, leads somewhere.

- Every relative Markdown link (and image) in the repository's Markdown files (README.md,
  CONTRIBUTING.md, docs/ and the rest) names a file or folder that exists, inside the
  repository; a ``#heading`` after a Markdown file (or alone, for the same file) names one of
  its headings, slugged as GitHub does.
- Every ``docs/…`` path cited in a .py, .html, .txt, .toml or .md file exists (an ADR may be
  cited by its number alone: ``docs/adr/0011``), with its ``#heading`` if it has one.
- Nothing points at the design folder the documents were once drafted in, outside the
  repository.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR).resolve()
SKIPPED_DIRECTORIES = {
    ".git",
    ".venv",
    ".venv-load",
    "node_modules",
    "__pycache__",
    "var",
    "test-results",
    ".hypothesis",
    ".pytest_cache",
    ".ruff_cache",
    ".grimp_cache",
    ".import_linter_cache",
}
CITING_SUFFIXES = {".py", ".html", ".txt", ".toml", ".md"}

FENCE = re.compile(r"^\s*(```|~~~)")
CODE_SPAN = re.compile(r"(`+)(.+?)\1")
# [text](target "title") and ![alt](target); the text may hold one level of brackets.
INLINE_LINK = re.compile(r"!?\[(?:[^\[\]]|\[[^\]]*\])*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
REFERENCE_DEFINITION = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+.*)?$")
HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
EXPLICIT_ANCHOR = re.compile(r"<a\s+(?:id|name)=\"([^\"]+)\"")
SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
# docs/… as a path of its own (not the end of a longer path or a URL), up to a space or quote.
CITATION = re.compile(r"(?<![\w./-])docs/[\w./#-]*")
ADR_NUMBER = re.compile(r"^docs/adr/(\d{4})$")


def repository_files(suffixes: set[str]) -> list[Path]:
    found = []
    stack = [ROOT]
    while stack:
        for entry in sorted(stack.pop().iterdir()):
            if entry.is_dir():
                if entry.name not in SKIPPED_DIRECTORIES:
                    stack.append(entry)
            elif entry.suffix in suffixes:
                found.append(entry)
    return found


def markdown_lines(path: Path) -> list[tuple[int, str]]:
    """(line number, text) outside fenced code blocks, with code spans blanked out: a path in
    an example is not a link."""
    lines, fenced = [], False
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if FENCE.match(line):
            fenced = not fenced
            continue
        if not fenced:
            lines.append((number, CODE_SPAN.sub("", line)))
    return lines


def github_slug(heading: str) -> str:
    """The id GitHub gives a heading: its text in lower case, punctuation removed, spaces as
    hyphens (a link's text stays, its target goes; code keeps its words)."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", heading)
    text = re.sub(r"<[^>]+>", "", text).lower()
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


@cache
def anchors_of(path: Path) -> frozenset[str]:
    slugs: Counter[str] = Counter()
    anchors = set()
    fenced = False
    for line in path.read_text(encoding="utf-8").splitlines():
        if FENCE.match(line):
            fenced = not fenced
            continue
        if fenced:
            continue
        anchors.update(EXPLICIT_ANCHOR.findall(line))
        if match := HEADING.match(line):
            slug = github_slug(match.group(2))
            # GitHub numbers repeated headings: "notes", "notes-1", "notes-2".
            anchors.add(f"{slug}-{slugs[slug]}" if slugs[slug] else slug)
            slugs[slug] += 1
    return frozenset(anchors)


def problem_with(target: str, base: Path) -> str | None:
    """Why ``target``, relative to the folder ``base``, leads nowhere; None when it resolves."""
    path_part, _hash, anchor = target.partition("#")
    if path_part:
        resolved = (base / path_part).resolve()
        if not resolved.is_relative_to(ROOT):
            return "points outside the repository"
        if not resolved.exists():
            return "no such file or folder"
    else:
        return None if not anchor else "an anchor without a file"
    if anchor and resolved.suffix == ".md" and anchor not in anchors_of(resolved):
        return f"{resolved.relative_to(ROOT)} has no heading #{anchor}"
    return None


def markdown_links(path: Path) -> list[tuple[int, str]]:
    links = []
    for number, line in markdown_lines(path):
        targets = INLINE_LINK.findall(line)
        if definition := REFERENCE_DEFINITION.match(line):
            targets.append(definition.group(1))
        links += [(number, target) for target in targets if not SCHEME.match(target)]
    return links


def cited_paths(path: Path) -> list[tuple[int, str]]:
    citations = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        for citation in CITATION.findall(line):
            # A sentence's full stop or a comma after the path is not part of it.
            citations.append((number, citation.rstrip(".,:;#")))
    return citations


def test_the_link_checks_see_a_broken_link_a_wrong_heading_and_a_citation(tmp_path):
    # Guards the checks themselves: if they stopped seeing these, the tests below would pass
    # on nothing.
    docs = ROOT / "docs"
    assert problem_with("access.md", docs) is None
    assert problem_with("adr/", docs) is None
    assert problem_with("feedback.md#privacy", docs) is None
    assert problem_with("feedback.md#no-such-heading", docs) is not None
    assert problem_with("no-such-page.md", docs) is not None
    assert problem_with("../../outside.md", docs) is not None
    assert github_slug("The team's skill mix") == "the-teams-skill-mix"
    assert github_slug("Instrument quality (psychometrics) for HR") == (
        "instrument-quality-psychometrics-for-hr"
    )
    page = tmp_path / "page.md"
    page.write_text(
        'See [a](a.md), ![b](img/b.png "B") and [c](https://example.org).\n'
        "Not `[d](d.md)`.\n```\n[e](e.md)\n```\n[f]: f.md\nCited: docs/access.md.\n",
        encoding="utf-8",
    )
    assert markdown_links(page) == [(1, "a.md"), (1, "img/b.png"), (6, "f.md")]
    assert cited_paths(page) == [(7, "docs/access.md")]


def test_every_relative_link_in_the_documentation_resolves():
    broken = []
    for path in repository_files({".md"}):
        for number, target in markdown_links(path):
            # "#heading" alone is a heading of the same file.
            full = path.name + target if target.startswith("#") else target
            if problem := problem_with(full, path.parent):
                broken.append(f"{path.relative_to(ROOT)}:{number}: {target} ({problem})")
    assert not broken, "Links that lead nowhere:\n" + "\n".join(broken)


def _citation_problem(citation: str) -> str | None:
    if match := ADR_NUMBER.match(citation):
        named = list((ROOT / "docs" / "adr").glob(f"{match.group(1)}-*.md"))
        return None if len(named) == 1 else "no ADR with that number"
    return problem_with(citation, ROOT)


def test_every_documentation_path_cited_in_the_repository_exists():
    broken = []
    for path in repository_files(CITING_SUFFIXES):
        for number, citation in cited_paths(path):
            if problem := _citation_problem(citation):
                broken.append(f"{path.relative_to(ROOT)}:{number}: {citation} ({problem})")
    assert not broken, "Documentation paths cited that do not exist:\n" + "\n".join(broken)


@pytest.mark.parametrize("needle", ["ACCESS" + ".md", "../" + "shared"])
def test_nothing_points_at_the_design_folder_outside_the_repository(needle):
    # The documents were drafted in a design folder beside the repository; the repository's
    # own copies are in docs/. Spelled in two parts so that this file does not match itself.
    found = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in repository_files(CITING_SUFFIXES)
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if needle in line
    ]
    assert not found, f"{needle} is cited in:\n" + "\n".join(found)
