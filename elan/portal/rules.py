# SPDX-License-Identifier: EUPL-1.2
"""Who may do what with what the portal keeps, one rule per line (docs/privacy.md).

Accessibility barrier reports are handled by administrators: they may describe a person's
disability, so no other role reads them. Wagtail's back office asks for these model
permissions through django-rules.
"""

from __future__ import annotations

import rules

from elan.organisations.rules import is_administrator

rules.add_perm("portal.view_barrierreport", is_administrator)
rules.add_perm("portal.change_barrierreport", is_administrator)
rules.add_perm("portal.delete_barrierreport", is_administrator)
