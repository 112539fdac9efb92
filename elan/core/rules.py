# SPDX-License-Identifier: EUPL-1.2
"""Who may do what with what core keeps, one rule per line (docs/privacy.md).

Accessibility barrier reports are handled by administrators: they may describe a person's
disability, so no other role reads them. Wagtail's back office asks for these model
permissions through django-rules.
"""

from __future__ import annotations

import rules

from elan.organisations.rules import is_administrator

rules.add_perm("core.view_barrierreport", is_administrator)
rules.add_perm("core.change_barrierreport", is_administrator)
rules.add_perm("core.delete_barrierreport", is_administrator)
