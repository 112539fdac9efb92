# SPDX-License-Identifier: EUPL-1.2
"""Wagtail's user administration, with the login address fixed.

No role may change another account's login address without that address's verification and
a notice to the old one (docs/access.md). Wagtail's user editor would let an administrator
type a new address and then reset that account's password by e-mail; here the address is
shown but not editable. Addresses change through the HR import, which verifies them
(docs/import.md). This module is loaded by ``WAGTAILUSERS`` app config below, at ready time.
"""

from __future__ import annotations

from wagtail.users.apps import WagtailUsersAppConfig


class UsersAppConfig(WagtailUsersAppConfig):
    user_viewset = "elan.accounts.back_office_users.UserViewSet"
