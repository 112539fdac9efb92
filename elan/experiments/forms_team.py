# SPDX-License-Identifier: EUPL-1.2
"""Forms of the manager's view and of HR's figures: what to show, read from the address."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from elan.experiments.constants import Status
from elan.experiments.team import TEAM_STATUSES


class TeamFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        error_messages={"invalid_choice": _("Choose one of the statuses in the list.")},
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [
            ("", _("Any status")),
            *((status.value, status.label) for status in map(Status, TEAM_STATUSES)),
        ]


class FiguresYearForm(forms.Form):
    year = forms.TypedChoiceField(
        label=_("Experiments that started in"),
        coerce=int,
        error_messages={"invalid_choice": _("Choose one of the years in the list.")},
    )

    def __init__(self, *args, years: list[int], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(year, str(year)) for year in years]
