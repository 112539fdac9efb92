# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from elan.core.widgets import DateInput
from elan.insights.constants import PART_COMMENTS, CheckStatus, InstrumentCode
from elan.insights.instruments import CHOICE, MULTIPLE, SCALE, Instrument

COMMENT_MAX_LENGTH = 2000


class CampaignForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    instrument = forms.ChoiceField(
        label=_("Questionnaire"), choices=InstrumentCode.choices, widget=forms.RadioSelect
    )
    unit = forms.ModelChoiceField(
        label=_("Unit"),
        queryset=None,
        help_text=_("The survey covers this unit and every unit below it."),
    )
    opens_on = forms.DateField(label=_("First round opens on"), widget=DateInput())
    closes_on = forms.DateField(label=_("First round closes on"), widget=DateInput())
    planned_rounds = forms.IntegerField(
        label=_("Number of rounds"), min_value=1, max_value=12, initial=1
    )
    round_interval_days = forms.IntegerField(
        label=_("Days between rounds"), min_value=7, max_value=366, initial=90
    )

    def __init__(self, *args, units, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        # Built here so the floors follow the platform's settings: raise, never lower.
        locked = _("You can raise it, never lower it. It is locked when the campaign opens.")
        self.fields["min_group"] = forms.IntegerField(
            label=_("Minimum group for scores, counts and rates"),
            help_text=locked,
            min_value=settings.ANONYMITY_MIN_GROUP,
            max_value=100,
            initial=settings.ANONYMITY_MIN_GROUP,
        )
        self.fields["min_comments"] = forms.IntegerField(
            label=_("Minimum group for comments"),
            help_text=locked,
            min_value=settings.ANONYMITY_MIN_COMMENTS,
            max_value=100,
            initial=settings.ANONYMITY_MIN_COMMENTS,
        )

    def clean(self):
        cleaned = super().clean()
        opens_on, closes_on = cleaned.get("opens_on"), cleaned.get("closes_on")
        if opens_on and closes_on and closes_on <= opens_on:
            self.add_error("closes_on", _("The closing date must come after the opening date."))
        min_group, min_comments = cleaned.get("min_group"), cleaned.get("min_comments")
        if min_group and min_comments and min_comments < min_group:
            self.add_error(
                "min_comments",
                _(
                    "Comments identify people more easily than scores: use at least the group "
                    "minimum."
                ),
            )
        return cleaned


class ResponseForm(forms.Form):
    """One field per item of the instrument, in its order, plus the optional comment."""

    def __init__(self, *args, instrument: Instrument, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.instrument = instrument
        scale = [(str(value), label) for value, label in instrument.anchors]
        for item in instrument.items:
            if item.kind == SCALE:
                field = forms.ChoiceField(
                    label=item.text,
                    choices=scale,
                    widget=forms.RadioSelect,
                    error_messages={"required": instrument.scale_required},
                )
            elif item.kind == CHOICE:
                field = forms.ChoiceField(
                    label=item.text,
                    choices=[(o.code, o.label) for o in item.options],
                    widget=forms.RadioSelect,
                    error_messages={"required": _("Choose an answer.")},
                )
            else:
                assert item.kind == MULTIPLE
                field = forms.MultipleChoiceField(
                    label=item.text,
                    choices=[(o.code, o.label) for o in item.options],
                    widget=forms.CheckboxSelectMultiple,
                    required=item.required,
                )
            self.fields[item.code] = field
        self.fields["comment"] = forms.CharField(
            label=instrument.comment_prompt,
            widget=forms.Textarea(attrs={"rows": 4}),
            required=False,
            max_length=COMMENT_MAX_LENGTH,
        )

    def answers(self) -> dict[str, object]:
        return {item.code: self.cleaned_data.get(item.code) for item in self.instrument.items}


class ReleaseForm(forms.Form):
    parts = forms.MultipleChoiceField(
        label=_("What the team shares up the line now"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one result to share.")},
    )
    note = forms.CharField(
        label=_("A message for the people up the line (optional)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=1000,
    )
    confirm = forms.BooleanField(
        label=_("We talked about these results as a team and agree to share them."),
        error_messages={"required": _("Confirm that the team agrees.")},
    )

    def __init__(self, *args, instrument: Instrument, already: frozenset[str], **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(m.code, m.label) for m in instrument.measures] + [
            (PART_COMMENTS, _("Comments"))
        ]
        self.fields["parts"].choices = [
            (code, label) for code, label in choices if code not in already
        ]


class ActionForm(forms.Form):
    suggestion = forms.ChoiceField(label=_("Pick a suggested action"), widget=forms.RadioSelect)
    own_title = forms.CharField(
        label=_("Or describe your own action"), max_length=200, required=False
    )
    own_measure = forms.ChoiceField(label=_("What your own action works on"), required=False)
    owner = forms.ModelChoiceField(label=_("Owner"), queryset=None)

    OWN = "own"

    def __init__(self, *args, suggestions, measures, owners, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.suggestions = {str(index): s for index, s in enumerate(suggestions)}
        self.fields["suggestion"].choices = [
            (key, s.title) for key, s in self.suggestions.items()
        ] + [(self.OWN, _("Our own action (describe it below)"))]
        self.fields["own_measure"].choices = [("", "—")] + [(m.code, m.label) for m in measures]
        self.fields["owner"].queryset = owners
        self.fields["owner"].label_from_instance = lambda user: str(user)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("suggestion") == self.OWN:
            if not cleaned.get("own_title", "").strip():
                self.add_error("own_title", _("Describe the action."))
            if not cleaned.get("own_measure"):
                self.add_error("own_measure", _("Choose what the action works on."))
        return cleaned

    def action(self) -> tuple[str, str, str]:
        """(measure, title, url) of the chosen action."""
        if self.cleaned_data["suggestion"] == self.OWN:
            return self.cleaned_data["own_measure"], self.cleaned_data["own_title"].strip(), ""
        suggestion = self.suggestions[self.cleaned_data["suggestion"]]
        return suggestion.measure, str(suggestion.title), suggestion.url


class ActionCheckForm(forms.Form):
    status = forms.ChoiceField(
        label=_("How did it go?"),
        choices=[c for c in CheckStatus.choices if c[0] != CheckStatus.PENDING],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("What did the team learn? (optional)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )
