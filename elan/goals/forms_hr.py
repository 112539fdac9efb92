# SPDX-License-Identifier: EUPL-1.2
"""Forms of HR's process figures and of the units' objectives tree."""

from __future__ import annotations

import uuid

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from elan.goals.models import Objective
from elan.goals.objectives import DESCRIPTION_MAX, TITLE_MAX
from elan.organisations.models import Unit


class FiguresYearForm(forms.Form):
    year = forms.TypedChoiceField(
        label=_("Cycles that started in"),
        coerce=int,
        error_messages={"invalid_choice": _("Choose one of the years in the list.")},
    )

    def __init__(self, *args, years: list[int], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(year, str(year)) for year in years]


class UnitLabelField(forms.ModelChoiceField):
    def label_from_instance(self, unit: Unit) -> str:
        return f"{unit.name} ({unit.code})"


class ObjectivesUnitForm(forms.Form):
    """Which unit's objectives to show: ``?unit=CODE``, among the units the reader keeps."""

    unit = UnitLabelField(
        label=_("Unit"),
        queryset=Unit.objects.none(),
        to_field_name="code",
        empty_label=_("Choose a unit"),
        error_messages={
            "required": _("Choose a unit."),
            "invalid_choice": _(
                "You do not keep the objectives of that unit. Choose one of the units in the list."
            ),
        },
    )

    def __init__(self, *args, units, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class TalkDatesForm(forms.Form):
    """Which talks HR looks at: a year of cycle starts, a unit of their scope with cycles in it
    (``?unit=CODE``, that unit and the units below), and whether to keep only late ones."""

    year = forms.TypedChoiceField(
        label=_("Cycles that started in"),
        coerce=int,
        error_messages={"invalid_choice": _("Choose one of the years in the list.")},
    )
    unit = UnitLabelField(
        label=_("Unit"),
        help_text=_("The unit and the units below it."),
        queryset=Unit.objects.none(),
        to_field_name="code",
        required=False,
        empty_label=None,
        error_messages={
            "invalid_choice": _(
                "No cycle of your scope started in that unit in that year. "
                "Choose one of the units in the list."
            ),
        },
    )
    only_overdue = forms.BooleanField(
        label=_("Only cycles with a talk past its due date"), required=False
    )

    def __init__(self, *args, years: list[int], units, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(year, str(year)) for year in years]
        self.fields["unit"].queryset = units


class ParentField(forms.ModelChoiceField):
    """Offers the allowed parents, but reads any objective sent, so that a parent from an
    unrelated unit or one that would make a loop is refused by the service with its own
    message rather than a bare "not a valid choice"."""

    def label_from_instance(self, objective: Objective) -> str:
        return f"{objective.title} ({objective.unit.name})"

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            public_id = uuid.UUID(str(value))
        except ValueError:
            raise ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            ) from None
        objective = Objective.objects.select_related("unit").filter(public_id=public_id).first()
        if objective is None:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return objective


class ObjectiveForm(forms.Form):
    title = forms.CharField(label=_("Objective"), max_length=TITLE_MAX)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=DESCRIPTION_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What the unit wants to achieve, and how it will know."),
    )
    parent = ParentField(
        label=_("Contributes to"),
        queryset=Objective.objects.none(),
        to_field_name="public_id",
        required=False,
        empty_label=_("Nothing above it: a top objective"),
        help_text=_("An objective of this unit or of a unit above it. At most one."),
        error_messages={
            "invalid_choice": _("We could not find that objective. Choose one from the list.")
        },
    )

    def __init__(self, *args, choices, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = choices


class ObjectiveEditForm(ObjectiveForm):
    is_active = forms.BooleanField(
        label=_("In use"),
        required=False,
        help_text=_(
            "An objective no longer in use stays on the goals that link to it, but no new goal "
            "or objective can choose it."
        ),
    )
