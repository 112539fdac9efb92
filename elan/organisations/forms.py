# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

MAX_IMPORT_FILE_BYTES = 10 * 1024 * 1024


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data]
        files = [item for item in files if item]
        if not files:
            return super().clean(None, initial)
        return [super(MultipleFileField, self).clean(item, initial) for item in files]


class ImportUploadForm(forms.Form):
    """One XLSX workbook, or the two CSV files; which CSV is which is read from its columns."""

    files = MultipleFileField(
        label=_("Files"),
        help_text=_(
            "One XLSX workbook with the sheets “units” and “people”, or two CSV files in "
            "UTF-8: one of units and one of people."
        ),
        widget=MultipleFileInput(attrs={"accept": ".xlsx,.csv"}),
        error_messages={"required": _("Choose the file or files to import.")},
    )

    def clean_files(self):
        uploads = self.cleaned_data["files"]
        if len(uploads) > 2:
            raise forms.ValidationError(
                _("Choose one XLSX workbook, or two CSV files: not more than two files.")
            )
        for upload in uploads:
            if upload.size > MAX_IMPORT_FILE_BYTES:
                raise forms.ValidationError(
                    _("“%(name)s” is larger than 10 MB."), params={"name": upload.name}
                )
        return [(upload.name, upload.read()) for upload in uploads]


class ImportApplyForm(forms.Form):
    """The second look before an import deactivates many people: type how many."""

    confirm_deactivations = forms.IntegerField(
        label=_("Number of people this import deactivates"),
        min_value=0,
        error_messages={"required": _("Type the number of people this import deactivates.")},
    )

    def __init__(self, *args, expected: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.expected = expected
        self.fields["confirm_deactivations"].help_text = ngettext(
            "Type %(count)s to confirm that %(count)s person leaves the organisation.",
            "Type %(count)s to confirm that %(count)s people leave the organisation.",
            expected,
        ) % {"count": expected}

    def clean_confirm_deactivations(self) -> int:
        value = self.cleaned_data["confirm_deactivations"]
        if value != self.expected:
            raise forms.ValidationError(
                ngettext(
                    "This import deactivates %(count)s person, not %(value)s. Type %(count)s to "
                    "confirm, or discard the import and check the file.",
                    "This import deactivates %(count)s people, not %(value)s. Type %(count)s to "
                    "confirm, or discard the import and check the file.",
                    self.expected,
                ),
                params={"count": self.expected, "value": value},
            )
        return value
