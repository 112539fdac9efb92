# SPDX-License-Identifier: EUPL-1.2
"""Fingerprints of the page the hub started from, to prove we did not copy it.

Nido's page "Iedereen kan innoveren" is not ours to ship, so the repository keeps only a hash
of each of its sentences of six words or more and of each run of eight words
(`source_page_fingerprints.txt`). A shipped text that hashes to one of them was copied. Plain
Python, so that the file can be made again from the page without Django (in this folder):

    python fingerprints.py page.txt source_page_fingerprints.txt
"""

from __future__ import annotations

import hashlib
import re
import sys
from collections.abc import Iterator
from pathlib import Path

FINGERPRINTS = Path(__file__).with_name("source_page_fingerprints.txt")
RUN = 8  # words in a row that count as lifted
SENTENCE = 6  # shorter sentences are common phrases, not writing


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def digest(sequence: list[str]) -> str:
    return hashlib.sha256(" ".join(sequence).encode()).hexdigest()[:16]


def windows(sequence: list[str], size: int) -> Iterator[list[str]]:
    for start in range(len(sequence) - size + 1):
        yield sequence[start : start + size]


def fingerprint_lines(text: str) -> list[str]:
    parts = re.split(r"(?<=[.!?])\s+|\n+", text)
    sentences = {
        f"sentence {len(words(part))} {digest(words(part))}"
        for part in parts
        if len(part.split()) >= SENTENCE
    }
    runs = {f"run {digest(window)}" for window in windows(words(text), RUN)}
    return sorted(sentences) + sorted(runs)


def fingerprints() -> tuple[dict[int, set[str]], set[str]]:
    """The sentences' digests by their number of words, and the runs' digests."""
    sentences: dict[int, set[str]] = {}
    runs: set[str] = set()
    for line in FINGERPRINTS.read_text().splitlines():
        kind, *rest = line.split()
        if kind == "sentence":
            sentences.setdefault(int(rest[0]), set()).add(rest[1])
        else:
            runs.add(rest[0])
    return sentences, runs


if __name__ == "__main__":
    source, target = (Path(name) for name in sys.argv[1:3])
    target.write_text("\n".join(fingerprint_lines(source.read_text())) + "\n")
