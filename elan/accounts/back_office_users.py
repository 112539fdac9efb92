# SPDX-License-Identifier: EUPL-1.2
"""The back office's user editor without a way to change a login address (back_office.py)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.users.forms import UserEditForm
from wagtail.users.views.users import UserViewSet as WagtailUserViewSet


class LoginAddressFixedUserEditForm(UserEditForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["email"]
        # A disabled field keeps the stored value whatever the browser sends.
        field.disabled = True
        field.help_text = _(
            "The login address comes from HR's staff records. It changes only through the "
            "organisation import, after its owner confirms the new address."
        )


class UserViewSet(WagtailUserViewSet):
    def get_form_class(self, for_update: bool = False):
        if for_update:
            return LoginAddressFixedUserEditForm
        return super().get_form_class(for_update)
