# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from elan.core.vocabulary import InnovationSkill, Principle
from elan.knowledge.constants import KIND_PLURALS, HubKind, Intention

SEARCHABLE_KINDS = [(kind.value, KIND_PLURALS[kind]) for kind in HubKind]


class NavigatorForm(forms.Form):
    intention = forms.ChoiceField(
        label=_("What do you want to do?"),
        choices=Intention.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose what you want to do."),
            "invalid_choice": _("Choose one of the options in the list."),
        },
    )


class HubSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search the hub"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
        error_messages={"max_length": _("Use at most %(limit_value)d characters.")},
    )
    kind = forms.ChoiceField(
        label=_("Type"),
        required=False,
        choices=[("", _("All types")), *SEARCHABLE_KINDS],
        error_messages={"invalid_choice": _("Choose a type from the list.")},
    )
    principle = forms.ChoiceField(
        label=_("Principle"),
        required=False,
        choices=[("", _("All principles")), *Principle.choices],
        error_messages={"invalid_choice": _("Choose a principle from the list.")},
    )
    skill = forms.ChoiceField(
        label=_("Innovation skill"),
        required=False,
        choices=[("", _("All skills")), *InnovationSkill.choices],
        error_messages={"invalid_choice": _("Choose a skill from the list.")},
    )

    def has_criteria(self) -> bool:
        data = self.cleaned_data
        return any(data.get(name) for name in ("q", "kind", "principle", "skill"))
