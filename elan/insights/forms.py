# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.core import signing
from django.http import QueryDict
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from elan.core.widgets import DateInput
from elan.insights.constants import PART_COMMENTS, CheckStatus, InstrumentCode
from elan.insights.instruments import CHOICE, MULTIPLE, SCALE, Instrument, Item
from elan.insights.models import (
    CAMPAIGN_DESCRIPTION_MAX_LENGTH,
    CAMPAIGN_TITLE_MAX_LENGTH,
    Campaign,
)
from elan.organisations.widgets import UnitChoiceField, UnitPickerForm
from elan.skills.multilingual import language_codes

COMMENT_MAX_LENGTH = 2000


def _language_names() -> dict[str, str]:
    return {code: str(name) for code, name in settings.LANGUAGES}


class CampaignForm(UnitPickerForm):
    """A campaign's settings, its title and description in each language, and its unit, chosen
    with the unit picker among the units the person may survey."""

    instrument = forms.ChoiceField(
        label=_("Questionnaire"), choices=InstrumentCode.choices, widget=forms.RadioSelect
    )
    unit = UnitChoiceField(
        label=_("Unit"),
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
        # One title and one description per language, the reader's own language first: the
        # form is written mostly in it. Each input says its language, for screen readers and
        # spelling checkers.
        reader = (translation.get_language() or settings.LANGUAGE_CODE)[:2]
        codes = sorted(language_codes(), key=lambda code: code != reader)
        self.languages = [(code, _language_names()[code]) for code in codes]
        for code, name in self.languages:
            self.fields[f"title_{code}"] = forms.CharField(
                label=_("Title in %(language)s") % {"language": name},
                max_length=CAMPAIGN_TITLE_MAX_LENGTH,
                required=False,
                widget=forms.TextInput(attrs={"lang": code}),
            )
            self.fields[f"description_{code}"] = forms.CharField(
                label=_("Description in %(language)s (optional)") % {"language": name},
                max_length=CAMPAIGN_DESCRIPTION_MAX_LENGTH,
                required=False,
                widget=forms.Textarea(attrs={"rows": 3, "lang": code}),
            )
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
        # The texts first, in the order of the page; then the rest as declared.
        self.order_fields(
            [
                f"{kind}_{code}"
                for code, _name in self.languages
                for kind in ("title", "description")
            ]
        )

    @classmethod
    def initial_for(cls, campaign: Campaign) -> dict[str, object]:
        initial: dict[str, object] = {
            name: getattr(campaign, name)
            for name in (
                "instrument",
                "unit",
                "opens_on",
                "closes_on",
                "planned_rounds",
                "round_interval_days",
                "min_group",
                "min_comments",
            )
        }
        for code in language_codes():
            initial[f"title_{code}"] = campaign.titles.get(code, "")
            initial[f"description_{code}"] = campaign.descriptions.get(code, "")
        return initial

    def text_fields(self) -> list[dict]:
        """Per language, its name and its two bound fields, for the template's fieldsets."""
        return [
            {
                "code": code,
                "name": name,
                "title": self[f"title_{code}"],
                "description": self[f"description_{code}"],
            }
            for code, name in self.languages
        ]

    def other_fields(self) -> list:
        return [field for field in self if not field.name.startswith(("title_", "description_"))]

    def clean(self):
        cleaned = super().clean()
        if self.languages and not any(
            (cleaned.get(f"title_{code}") or "").strip() for code, _name in self.languages
        ):
            first = self.languages[0][0]
            if f"title_{first}" not in self.errors:
                self.add_error(
                    f"title_{first}",
                    _("Give the campaign a title in at least one language."),
                )
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

    def campaign_data(self) -> dict[str, object]:
        """The cleaned fields as the campaign services take them."""
        data = {
            name: value
            for name, value in self.cleaned_data.items()
            if not name.startswith(("title_", "description_"))
        }
        data["titles"] = {
            code: self.cleaned_data.get(f"title_{code}", "") for code, _name in self.languages
        }
        data["descriptions"] = {
            code: self.cleaned_data.get(f"description_{code}", "") for code, _name in self.languages
        }
        return data


# A page of a survey holds this many statements; the comment comes with the last page.
SURVEY_PAGE_SIZE = 5


@dataclass(frozen=True)
class SurveyPage:
    number: int
    items: tuple[Item, ...]
    offset: int  # statements on the pages before, for their numbers
    is_last: bool

    def field_names(self) -> tuple[str, ...]:
        return tuple(item.code for item in self.items) + (("comment",) if self.is_last else ())


def survey_pages(instrument: Instrument) -> tuple[SurveyPage, ...]:
    items = instrument.items
    chunks = [
        items[start : start + SURVEY_PAGE_SIZE] for start in range(0, len(items), SURVEY_PAGE_SIZE)
    ]
    chunks = chunks or [()]
    return tuple(
        SurveyPage(
            number=index + 1,
            items=chunk,
            offset=index * SURVEY_PAGE_SIZE,
            is_last=index == len(chunks) - 1,
        )
        for index, chunk in enumerate(chunks)
    )


class ResponseForm(forms.Form):
    """One field per item of the instrument, in its order, plus the optional comment; or, with
    ``page``, only that page's items (and the comment on the last page)."""

    def __init__(self, *args, instrument: Instrument, page: SurveyPage | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.instrument = instrument
        self.page = page
        scale = [(str(value), label) for value, label in instrument.anchors]
        for item in instrument.items if page is None else page.items:
            field: forms.Field
            if item.kind == SCALE:
                field = forms.ChoiceField(
                    label=item.text,
                    choices=scale,
                    widget=forms.RadioSelect,
                    error_messages={"required": instrument.scale_required},
                )
                # Shown as a numbered statement with its scale (core/includes/statement.html).
                field.is_statement = True  # type: ignore[attr-defined]
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
        if page is None or page.is_last:
            self.fields["comment"] = forms.CharField(
                label=instrument.comment_prompt,
                widget=forms.Textarea(attrs={"rows": 4}),
                required=False,
                max_length=COMMENT_MAX_LENGTH,
            )

    def answers(self) -> dict[str, object]:
        return {item.code: self.cleaned_data.get(item.code) for item in self.instrument.items}

    def kept_in(self, answers: dict[str, object]) -> dict[str, object]:
        """``answers`` with this form's valid answers in and the others out: what the draft
        keeps of this page (call after ``is_valid()``)."""
        kept = dict(answers)
        for name in self.fields:
            value = self.cleaned_data.get(name) if name not in self.errors else None
            if value in (None, "", []):
                kept.pop(name, None)
            else:
                kept[name] = value
        return kept


class SurveyDraft:
    """The answers of the pages done so far, carried by the form itself until they are sent.

    Nothing of a survey is stored before the answers are sent: no draft row, and no session
    entry either, since a session is a database row that holds the person's id. The draft
    travels in a hidden field of each page, signed with the site's key for this person and
    this round, so that the server takes back only what it wrote itself, and for no longer than
    the longest login. The answers are checked again, all of them, when they are sent.
    """

    FIELD = "draft"

    def __init__(self, *, instrument: Instrument, round_id: int, user_id: int) -> None:
        self.instrument = instrument
        self.salt = f"elan.insights.survey-draft:{round_id}:{user_id}"

    def dump(self, answers: dict[str, object]) -> str:
        return signing.dumps(answers, salt=self.salt, compress=True)

    def load(self, data) -> dict[str, object]:
        """The answers in ``data``'s draft; none when it is missing, altered or too old."""
        try:
            loaded = signing.loads(
                str(data.get(self.FIELD) or ""),
                salt=self.salt,
                max_age=settings.SESSION_ABSOLUTE_LIFETIME_SECONDS,
            )
        except signing.BadSignature:
            return {}
        if not isinstance(loaded, dict):
            return {}
        names = {item.code for item in self.instrument.items} | {"comment"}
        return {
            name: value
            for name, value in loaded.items()
            if name in names
            and (
                isinstance(value, str)
                or (isinstance(value, list) and all(isinstance(v, str) for v in value))
            )
        }

    @staticmethod
    def form_data(post: QueryDict, answers: dict[str, object], page: SurveyPage | None):
        """What the forms are bound to: this page's fields as sent (even when absent: a box
        unticked), every other answer from the draft."""
        from_post = set(post) if page is None else set(page.field_names())
        data = QueryDict(mutable=True)
        for name, value in answers.items():
            if name not in from_post:
                data.setlist(name, value if isinstance(value, list) else [value])
        for name in from_post:
            if name in post:
                data.setlist(name, post.getlist(name))
        return data


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
            (key, s.label) for key, s in self.suggestions.items()
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
