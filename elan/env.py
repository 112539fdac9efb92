# SPDX-License-Identifier: EUPL-1.2
"""Strict readers for settings that come from the environment.

A typo in a deployment's environment must not silently turn into a default: every helper
either returns a well-formed value or records a problem that names the variable. Problems are
collected rather than raised so that one start-up reports all of them at once, through the
system check in ``elan.checks`` (which runs before ``runserver``, ``migrate`` and in ``wsgi``).
"""

from __future__ import annotations

import os
from dataclasses import dataclass

TRUE_WORDS = frozenset({"1", "true", "yes", "on"})
FALSE_WORDS = frozenset({"0", "false", "no", "off"})


@dataclass(frozen=True)
class ConfigProblem:
    variable: str
    message: str


PROBLEMS: list[ConfigProblem] = []


def _raw(name: str) -> str | None:
    value = os.environ.get(name)
    if value is None:
        return None
    value = value.strip()
    return value or None


def _problem(name: str, message: str) -> None:
    PROBLEMS.append(ConfigProblem(variable=name, message=message))


def env_str(name: str, default: str) -> str:
    value = _raw(name)
    return default if value is None else value


def env_secret(name: str, default: str | None = None) -> str:
    """Read a secret from ``NAME`` or from the file named by ``NAME_FILE`` (container secrets)."""
    file_name = _raw(f"{name}_FILE")
    if file_name:
        try:
            with open(file_name, encoding="utf-8") as handle:
                return handle.read().strip()
        except OSError as error:
            _problem(f"{name}_FILE", f"cannot read the file {file_name!r}: {error.strerror}")
            return ""
    value = _raw(name)
    if value is None:
        if default is None:
            _problem(name, "is required and not set")
            return ""
        return default
    return value


def env_bool(name: str, default: bool) -> bool:
    value = _raw(name)
    if value is None:
        return default
    if value.lower() in TRUE_WORDS:
        return True
    if value.lower() in FALSE_WORDS:
        return False
    _problem(name, f"must be one of true/false/1/0/yes/no/on/off, not {value!r}")
    return default


def env_int(
    name: str, default: int, *, minimum: int | None = None, maximum: int | None = None
) -> int:
    value = _raw(name)
    if value is None:
        return default
    try:
        number = int(value)
    except ValueError:
        _problem(name, f"must be a whole number, not {value!r}")
        return default
    if minimum is not None and number < minimum:
        _problem(name, f"must be at least {minimum}, not {number}")
        return default
    if maximum is not None and number > maximum:
        _problem(name, f"must be at most {maximum}, not {number}")
        return default
    return number


def env_list(name: str, default: list[str]) -> list[str]:
    value = _raw(name)
    if value is None:
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


def env_choice(name: str, default: str, choices: tuple[str, ...]) -> str:
    value = _raw(name)
    if value is None:
        return default
    if value not in choices:
        _problem(name, f"must be one of {', '.join(choices)}, not {value!r}")
        return default
    return value
