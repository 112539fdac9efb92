# SPDX-License-Identifier: EUPL-1.2
"""A service's refusal shown on the form that asked for it, beside what was typed.

Services raise Django's ``ValidationError``, by field when the fault is one field's. A view
hands it to ``add_service_errors``: each message lands on the field it names when the form has
that field (or has it under another name, listed in the form's ``service_fields``), else above
the form; the input stays as it was typed.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    aliases = getattr(form, "service_fields", {})
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            field = aliases.get(name, name)
            target = field if field in form.fields else None
            for item in errors:
                form.add_error(target, item)
    else:
        for item in error.error_list:
            form.add_error(None, item)
