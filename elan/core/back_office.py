# SPDX-License-Identifier: EUPL-1.2
"""Back-office views for rows that belong to one organisation (an organisation's cycle rules,
its experiment rules, its idea rules): Wagtail checks the model permission; these add the
organisation's scope, on the object and in the form's choices.

A form used with them offers ``scope_organisations(user)``, which narrows its organisation
choices to those the user may keep.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from wagtail.admin.views import generic


class InstanceCheckedMixin:
    """Wagtail checks the model permission only; an organisation's row needs the scope too."""

    instance_action = "change"

    def get_object(self, queryset=None):
        instance = super().get_object(queryset)
        if not self.permission_policy.user_has_permission_for_instance(
            self.request.user,
            self.instance_action,
            instance,
        ):
            raise PermissionDenied
        return instance


class ScopedFormMixin:
    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        form.scope_organisations(self.request.user)
        return form


class ScopedCreateView(ScopedFormMixin, generic.CreateView):
    pass


class ScopedEditView(InstanceCheckedMixin, ScopedFormMixin, generic.EditView):
    instance_action = "change"


class ScopedDeleteView(InstanceCheckedMixin, generic.DeleteView):
    instance_action = "delete"
