# SPDX-License-Identifier: EUPL-1.2
"""What insights tells the modules above it, which it must not import
(docs/adr/0013-layers-and-checks.md)."""

from __future__ import annotations

from django.dispatch import Signal

# Sent inside the transaction that closes a round, with ``round_``: from then on its answers may
# count towards what is computed from closed rounds (elan.feedback's instrument quality).
round_closed = Signal()
