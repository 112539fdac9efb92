# SPDX-License-Identifier: EUPL-1.2
"""Who may do what in the knowledge hub, one rule per line (docs/access.md).

Published hub content is public, visitors included. Drafts and revisions stay in the Wagtail
admin, where Wagtail's own page permissions (Editors, Moderators) decide; Wagtail only ever
serves live pages on the site.
"""

from __future__ import annotations

import rules

rules.add_perm("knowledge.view_hub", rules.always_allow)
