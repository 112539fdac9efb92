# SPDX-License-Identifier: EUPL-1.2
"""Import of the organisation chart and its staff (docs/import.md).

HR's systems export two tables, units and people. Rows are matched on the unit code and the
external person id, never on a name or an e-mail address. Everything is checked before anything
is written; what would change is computed as a plan that the importer reads, and applying
re-computes the plan inside one transaction and refuses if it differs from what was read, so the
import lands whole or not at all.

The package reads in the order an import runs: ``parsing`` (the files) → ``planning`` (the
checks and the plan) → ``applying`` (writing it), with ``problems`` (what can be wrong, in the
reader's language) beside them and ``runs`` (the import run: upload → preview → apply or
discard, and its history) on top. Every import, from the back office or the command line, is
an import run, and the names below are the only way in; the modules are the package's own.
"""

from elan.organisations.importing.applying import DeactivationsNotConfirmed
from elan.organisations.importing.parsing import UNIT_NAME_COLUMNS
from elan.organisations.importing.planning import PREVIEW_LIMIT, deactivations_to_confirm
from elan.organisations.importing.problems import problem_location, problem_message
from elan.organisations.importing.runs import (
    TransitionNotAllowed,
    import_run_apply,
    import_run_create,
    import_run_discard,
    import_run_failure_note,
)

__all__ = [
    "PREVIEW_LIMIT",
    "UNIT_NAME_COLUMNS",
    "DeactivationsNotConfirmed",
    "TransitionNotAllowed",
    "deactivations_to_confirm",
    "import_run_apply",
    "import_run_create",
    "import_run_discard",
    "import_run_failure_note",
    "problem_location",
    "problem_message",
]
