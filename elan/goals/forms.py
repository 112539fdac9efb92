# SPDX-License-Identifier: EUPL-1.2
"""Forms of the evaluation cycle's pages: they read and type the input; the services decide.

The lengths here are the services' (``services.TITLE_MAX`` and so on), so that a too long text
gets its message beside its field; the rules between fields (an objective for a performance goal
only, a climate to follow for an enabling goal only) are checked here too, for the same reason,
and again by the services, which every other caller goes through.
"""

from __future__ import annotations

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from elan.core.ids import ModelIdsField
from elan.core.widgets import DateInput
from elan.feedback.selectors import colleague_by_email
from elan.goals import services
from elan.goals.constants import GoalKind, GoalProgress, InnovationKind, TalkKind
from elan.goals.models import Objective
from elan.goals.objectives import parent_choices
from elan.knowledge.models import HubItemPage
from elan.skills.multilingual import localize

DATE_ERRORS = {"invalid": _("Enter a real date, for example 2027-03-31.")}
# The hub items found by a search: enough to choose from without a page of results.
HUB_RESULTS = 20


# Control characters no keyboard types (NUL is refused earlier, by the malformed-input guard of
# elan/portal/middleware.py); tab and line breaks are text.
_CONTROL = re.compile(r"[\x01-\x08\x0b\x0c\x0e-\x1f\x7f]")


def no_control_characters(value: str) -> None:
    if value and _CONTROL.search(value):
        raise ValidationError(
            _("Remove the invisible control characters from this text."), code="control"
        )


TEXT = [no_control_characters]


def hub_items():
    """The published hub items a goal or the evidence may name."""
    return Page.objects.live().type(HubItemPage).order_by("title")


def find_hub_items(query: str):
    query = (query or "").replace("\x00", "").strip()
    if not query:
        return Page.objects.none()
    return hub_items().filter(title__icontains=query[:100])[:HUB_RESULTS]


def _hub_label(page) -> str:
    language = getattr(getattr(page, "locale", None), "language_code", "")
    return f"{page.title} ({language})" if language else page.title


class CycleStartForm(forms.Form):
    starts_on = forms.DateField(
        label=_("The cycle starts on"),
        help_text=_("Today, or a day within three months before or after today."),
        widget=DateInput(),
        error_messages={**DATE_ERRORS, "required": _("Choose the day the cycle starts.")},
    )

    @classmethod
    def fresh(cls) -> CycleStartForm:
        return cls(initial={"starts_on": timezone.localdate()})


class ObjectiveField(forms.ModelChoiceField):
    def label_from_instance(self, objective: Objective) -> str:
        return f"{objective.title} ({objective.unit.name})"


class GoalForm(forms.Form):
    """A goal's fields. ``version`` is the goal's version when the form was opened: a save from
    an older one is refused as a conflict, never written over someone else's."""

    template = forms.CharField(required=False, widget=forms.HiddenInput, max_length=64)
    version = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=0)
    kind = forms.ChoiceField(
        label=_("Kind of goal"),
        choices=GoalKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a performance goal or a development goal.")},
        help_text=_(
            "A performance goal is about the results of your work; a development goal is about "
            "what you learn."
        ),
    )
    innovation = forms.ChoiceField(
        label=_("Innovation goal"),
        choices=[("", _("Not an innovation goal")), *InnovationKind.choices],
        required=False,
        widget=forms.RadioSelect,
        help_text=_(
            "An applied skill: you use an innovation skill in your work. A concrete result: "
            "something changes for the people you serve. Enabling others: you give your team "
            "room to innovate."
        ),
    )
    title = forms.CharField(
        label=_("Goal"),
        max_length=services.TITLE_MAX,
        validators=TEXT,
        help_text=_("In one sentence."),
    )
    indicator = forms.CharField(
        label=_("Indicator: what we will see"),
        max_length=services.INDICATOR_MAX,
        validators=TEXT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What anyone can observe or count when the goal is reached."),
    )
    target = forms.CharField(
        label=_("Target"),
        max_length=services.TARGET_MAX,
        validators=TEXT,
        required=False,
        help_text=_("How much, by when: for example, from 30 to 20 days by December."),
    )
    due_on = forms.DateField(
        label=_("Due on (optional)"),
        required=False,
        widget=DateInput(),
        error_messages=DATE_ERRORS,
        help_text=_("A day within the cycle."),
    )
    objective = ObjectiveField(
        label=_("Unit objective (performance goals only)"),
        queryset=Objective.objects.none(),
        required=False,
        empty_label=_("None"),
        error_messages={
            "invalid_choice": _("Choose one of the objectives in the list."),
        },
        help_text=_("The objective of your unit, or of a unit above it, this goal serves."),
    )
    competency = forms.TypedChoiceField(
        label=_("Skill (development goals only)"),
        required=False,
        coerce=int,
        empty_value=None,
        error_messages={"invalid_choice": _("Choose one of the skills in the list.")},
        help_text=_("The skill of the framework you want to develop."),
    )
    hub_pages = ModelIdsField(
        label=_("Linked knowledge hub items"),
        queryset=Page.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Choose hub items from the list.")},
        help_text=_("Ticked items are linked to the goal; untick one to unlink it."),
    )
    hub_query = forms.CharField(
        label=_("Search the knowledge hub by title"),
        required=False,
        max_length=100,
    )
    follows_climate = forms.BooleanField(
        label=_("Follow my team's climate for innovation (enabling goals only)"),
        required=False,
        help_text=_(
            'The trend of your team\'s "support for innovation" from the climate survey is shown '
            "beside the goal, only where the survey's anonymity rules release it."
        ),
    )

    def __init__(
        self, *args, unit=None, competencies=(), hub_choices=(), language=None, **kwargs
    ) -> None:
        super().__init__(*args, **kwargs)
        if unit is not None:
            self.fields["objective"].queryset = parent_choices(unit=unit).select_related("unit")
        else:
            self.fields["objective"].widget = forms.HiddenInput()
        self.fields["competency"].choices = [("", _("None")), *_grouped(competencies, language)]
        hub = self.fields["hub_pages"]
        # Any published item is accepted; only those linked or found are offered, since the
        # whole hub would be a list too long to read.
        # Built lazily: the form is made without a database too (its texts are checked so).
        hub.queryset = Page.objects.live()
        hub.widget.choices = [(page.pk, _hub_label(page)) for page in hub_choices]
        self.competencies = {competency.pk: competency for competency in competencies}

    def clean_hub_pages(self):
        pages = list(self.cleaned_data.get("hub_pages") or [])
        allowed = set(
            hub_items().filter(pk__in=[page.pk for page in pages]).values_list("pk", flat=True)
        )
        if any(page.pk not in allowed for page in pages):
            raise ValidationError(_("Choose items of the knowledge hub."), code="not_hub")
        return pages

    def clean_competency(self):
        chosen = self.cleaned_data.get("competency")
        if chosen is None:
            return None
        return self.competencies[chosen]

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind")
        if cleaned.get("objective") is not None and kind == GoalKind.DEVELOPMENT:
            self.add_error(
                "objective",
                _('Only a performance goal links to a unit objective: choose "None".'),
            )
        if cleaned.get("competency") is not None and kind == GoalKind.PERFORMANCE:
            self.add_error(
                "competency", _('Only a development goal links to a skill: choose "None".')
            )
        if cleaned.get("follows_climate") and cleaned.get("innovation") != InnovationKind.ENABLING:
            self.add_error(
                "follows_climate",
                _("Only an enabling goal can follow the team's climate."),
            )
        return cleaned

    def goal_fields(self) -> dict:
        """The fields as the services take them."""
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "innovation": data.get("innovation") or "",
            "title": data["title"],
            "indicator": data.get("indicator") or "",
            "target": data.get("target") or "",
            "due_on": data.get("due_on"),
            "objective": data.get("objective"),
            "competency": data.get("competency"),
            "hub_pages": list(data.get("hub_pages") or []),
            "follows_climate": bool(data.get("follows_climate")),
        }


def _grouped(competencies, language) -> list:
    """The skills under their framework groups, as the framework lists them."""
    groups: dict = {}
    for competency in competencies:
        label = (
            str(localize(competency.group.name, language))
            if competency.group_id
            else str(_("Other skills"))
        )
        groups.setdefault(label, []).append(
            (competency.pk, str(localize(competency.name, language)))
        )
    return list(groups.items())


class GoalChangeForm(GoalForm):
    reason = forms.CharField(
        label=_("Reason for the change"),
        max_length=services.REASON_MAX,
        validators=TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Say why the goal changes: it is kept with the change.")},
        help_text=_("Kept in the goal's history with the change."),
    )


class SendBackForm(forms.Form):
    reason = forms.CharField(
        label=_("What should change"),
        max_length=services.REASON_MAX,
        validators=TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Say what should change before you agree.")},
    )


class ProgressForm(forms.Form):
    progress = forms.ChoiceField(label=_("Status"), choices=GoalProgress.choices)
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class TalkForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind of talk"),
        choices=TalkKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the kind of talk.")},
    )
    planned_on = forms.DateField(
        label=_("Date"),
        widget=DateInput(),
        error_messages={**DATE_ERRORS, "required": _("Choose the day of the talk.")},
    )


class NotesForm(forms.Form):
    notes = forms.CharField(
        label=_("Notes"),
        max_length=services.NOTES_MAX,
        validators=TEXT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class HoldForm(forms.Form):
    held_on = forms.DateField(
        label=_("The talk took place on"),
        widget=DateInput(),
        error_messages={**DATE_ERRORS, "required": _("Choose the day the talk took place.")},
    )


class MoveTalkForm(forms.Form):
    planned_on = forms.DateField(
        label=_("New day of the talk"),
        widget=DateInput(),
        error_messages={**DATE_ERRORS, "required": _("Choose the new day of the talk.")},
    )


class StopCycleForm(forms.Form):
    note = forms.CharField(
        label=_("Why the cycle stops"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "For example: the person moved to another service, or a long absence. The person "
            "and the evaluators read it in the cycle's history."
        ),
        error_messages={
            "required": _("Say in a line why the cycle stops."),
            "max_length": _("Keep it to 500 characters."),
        },
    )


class SecondEvaluatorForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address of the second evaluator"),
        max_length=254,
        help_text=_("An active colleague with an Elan account."),
        error_messages={"invalid": _("Enter a valid e-mail address, like name@example.org.")},
    )

    def clean_email(self):
        email = self.cleaned_data["email"]
        self.colleague = colleague_by_email(email)
        if self.colleague is None:
            raise forms.ValidationError(
                _("We could not find an active colleague with that address.")
            )
        return email


class SheetChoiceForm(forms.Form):
    show_self_assessment = forms.BooleanField(
        label=_("Show my self-assessment summary on the goals sheet"),
        help_text=_(
            "The sheet shows the self-assessment you added to this cycle as evidence, never a "
            "later one."
        ),
        required=False,
    )


class EvidenceChoiceForm(forms.Form):
    """One thing of one's own to add to the cycle, chosen from the list offered."""

    choice = forms.TypedChoiceField(
        label=_("Choose"),
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose one in the list."),
            "invalid_choice": _("Choose one in the list."),
        },
    )

    def __init__(self, *args, choices=(), label=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["choice"].choices = list(choices)
        if label is not None:
            self.fields["choice"].label = label


class HubSearchForm(forms.Form):
    q = forms.CharField(label=_("Search the knowledge hub by title"), max_length=100)
