# SPDX-License-Identifier: EUPL-1.2
"""The retrospectives' forms. They read and type the input; the services decide, and what a
service refuses comes back on the form beside what was typed (``elan.core.form_errors``)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from elan.core.widgets import DateInput
from elan.retrospectives.constants import (
    ACTION_TITLE_MAX,
    CARD_MAX,
    DEFAULT_DOTS,
    DOTS_MAX,
    GROUP_TITLE_MAX,
    TITLE_MAX,
    BoardFormat,
)

LENGTH_ERRORS = {
    "max_length": _("At most %(limit_value)d characters: this text has %(show_value)d."),
}


class BoardForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=TITLE_MAX,
        help_text=_("For example: the sprint that ended, or the move to the new building."),
        error_messages={"required": _("Give the retrospective a title."), **LENGTH_ERRORS},
    )
    format = forms.ChoiceField(
        label=_("Columns"),
        choices=BoardFormat.choices,
        initial=BoardFormat.START_STOP_CONTINUE,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose the board's columns."),
            "invalid_choice": _("Choose the board's columns."),
        },
    )
    custom_columns = forms.CharField(
        label=_("Your own columns"),
        required=False,
        max_length=600,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Only with your own columns: one column per line, two to six."),
        error_messages=LENGTH_ERRORS,
    )
    dots_per_person = forms.IntegerField(
        label=_("Dots per person"),
        initial=DEFAULT_DOTS,
        min_value=1,
        max_value=DOTS_MAX,
        help_text=_("Each person places this many dots on the cards they want to discuss."),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Worded when the form is built, in the reader's language: a lazy text formatted at
        # import would be English for everyone.
        message = gettext("Give each person 1 to %(max)s dots.") % {"max": DOTS_MAX}
        self.fields["dots_per_person"].error_messages.update(
            dict.fromkeys(("required", "invalid", "min_value", "max_value"), message)
        )

    def custom_column_titles(self) -> list[str]:
        return self.cleaned_data["custom_columns"].splitlines()


class CardForm(forms.Form):
    column = forms.TypedChoiceField(
        label=_("Column"),
        coerce=int,
        error_messages={
            "required": _("Choose a column of this board."),
            "invalid_choice": _("Choose a column of this board."),
        },
    )
    text = forms.CharField(
        label=_("Your card"),
        max_length=CARD_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Write something on the card."), **LENGTH_ERRORS},
    )
    anonymous = forms.BooleanField(
        label=_("Add it anonymously"),
        required=False,
        help_text=_(
            "Elan then stores no name and no time with the card, so nobody can look up who wrote "
            "it, not the facilitator nor the administrators. In a small team, what you write may "
            "still give you away. You cannot remove an anonymous card yourself."
        ),
    )

    def __init__(self, *args, columns=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["column"].choices = [(column.pk, column.label) for column in columns]


class GroupForm(forms.Form):
    # The ticked cards arrive as "cards"; the service names them, and its refusal lands here.
    service_fields = {"cards": "title"}

    title = forms.CharField(
        label=_("Name of the group"),
        max_length=GROUP_TITLE_MAX,
        error_messages={"required": _("Name the group."), **LENGTH_ERRORS},
    )


class ActionForm(forms.Form):
    title = forms.CharField(
        label=_("Action"),
        max_length=ACTION_TITLE_MAX,
        help_text=_("What the team will do, in a sentence."),
        error_messages={"required": _("Say what the team will do."), **LENGTH_ERRORS},
    )
    owner = forms.ModelChoiceField(
        label=_("Owner"),
        queryset=None,
        empty_label=_("Choose someone from the team"),
        error_messages={
            "required": _("Choose an owner from the team."),
            "invalid_choice": _("Choose an owner from the team."),
        },
    )
    due_on = forms.DateField(
        label=_("Due on"),
        widget=DateInput,
        help_text=_("On this day, the owner checks with the team how it went."),
        error_messages={
            "required": _("Enter a date, for example 2027-03-31."),
            "invalid": _("Enter a real date, for example 2027-03-31."),
        },
    )

    def __init__(self, *args, owners, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners
        self.fields["owner"].label_from_instance = lambda person: (
            person.get_full_name() or str(person)
        )
