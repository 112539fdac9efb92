# SPDX-License-Identifier: EUPL-1.2
"""Who may do what with accounts, one rule per line.

docs/access.md: administrators own accounts.
"""

from __future__ import annotations

import rules

from elan.organisations.rules import is_administrator, is_content_editor, is_hr, is_moderator


@rules.predicate
def is_same_person(user, person) -> bool:
    return person is not None and user.pk == person.pk


rules.add_perm("accounts.view_own_account", rules.is_authenticated)
rules.add_perm("accounts.administer_accounts", is_administrator)
rules.add_perm("accounts.change_active_status", is_administrator & ~is_same_person)
# Privileged roles log in with a second factor on every path (docs/security.md); others may.
rules.add_rule(
    "accounts.second_factor_required", is_administrator | is_hr | is_content_editor | is_moderator
)
