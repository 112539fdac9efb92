# SPDX-License-Identifier: EUPL-1.2
"""Who may read what core shows, one rule per line (docs/access.md).

The anonymity rule is public, visitors included: everyone whose answers it protects may read
how it protects them, before they ever log in.
"""

from __future__ import annotations

import rules

rules.add_perm("core.view_anonymity_rule", rules.always_allow)
