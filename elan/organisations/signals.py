# SPDX-License-Identifier: EUPL-1.2
"""What the organisation chart tells the modules above it, which it must not import
(docs/adr/0013-layers-and-checks.md)."""

from __future__ import annotations

from django.dispatch import Signal

# Sent once the chart's import has committed, with ``changes``: a list of (person, old line
# manager, new line manager) user ids. The evaluation cycle moves open cycles to the new
# evaluator (elan.goals).
line_managers_changed = Signal()
