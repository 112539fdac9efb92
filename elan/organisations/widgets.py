# SPDX-License-Identifier: EUPL-1.2
"""Choosing one unit among the chart's 1,500: a search within the tree, not a drop-down.

The unit picker is a form field (``UnitChoiceField``) whose widget shows a search box, a Search
button and the units found, each with the units above it, as radio buttons. It is rendered on
the server and works without JavaScript as a search-then-choose step: pressing Search sends the
form back as a *search step*, which saves nothing and shows no error, and the page returns with
everything typed kept and the units that match. With JavaScript (``organisations/unit-picker.js``,
loaded through the form's media), typing filters the list in place: the script sends the same
search step in the background and swaps in the list the server found.

A form using it derives from ``UnitPickerForm``, which makes ``is_valid()`` false on a search
step; the view needs nothing else, and loads the script with ``{{ form.media }}``. The field's
queryset is the scope: the units the person may choose, from the app's own selector (for
surveys, HR's scope or a team lead's unit and below). An unknown id, or a unit outside the
scope, is refused with a message and the search kept.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.forms.utils import ErrorDict
from django.utils.translation import gettext_lazy as _

from elan.core.ids import posted_id
from elan.organisations.models import Unit

# Enough to scan by eye; a longer list asks for a more precise search instead.
MAX_RESULTS = 40
QUERY_MAX_LENGTH = 100
QUERY_SUFFIX = "__query"
SEARCH_SUFFIX = "__search"
_NAME_FIELDS = ("name_nl", "name_fr", "name_de", "name_en")


@dataclass(frozen=True)
class UnitPick:
    """What the picker sent: the chosen unit's id as sent (perhaps junk), the search text, and
    whether the person pressed Search rather than sending the form."""

    choice: str
    query: str = ""
    searching: bool = False


@dataclass(frozen=True)
class UnitOption:
    pk: int
    code: str
    name: str
    # The names of the units above it, from the top of the chart.
    trail: tuple[str, ...]


@dataclass(frozen=True)
class UnitSearch:
    query: str
    options: tuple[UnitOption, ...]
    matches: int  # units that match, of which ``options`` shows at most MAX_RESULTS
    total: int  # units the person may choose
    chosen: UnitOption | None  # the chosen unit, when it lies in scope

    @property
    def needs_query(self) -> bool:
        """Too many units to list without a search."""
        return not self.query and self.total > len(self.options)

    @property
    def shown(self) -> tuple[UnitOption, ...]:
        """The options, with the chosen unit first when the search does not find it."""
        if self.chosen is not None and self.chosen not in self.options:
            return (self.chosen, *self.options)
        return self.options


def _fold(text: str) -> str:
    """Lower case without accents, so that "ecole" finds "École" and "bosa" finds "BOSA"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _searchable(unit: Unit) -> str:
    return _fold(" ".join([unit.code, *(getattr(unit, field) for field in _NAME_FIELDS)]))


def search_units(
    units: QuerySet[Unit], *, query: str = "", chosen: str = "", limit: int = MAX_RESULTS
) -> UnitSearch:
    """The units of ``units`` that match ``query``, in tree order, each with its trail.

    Every word of the query must appear in the unit's name (in any language) or code, or in
    those of a unit above it, and at least one in the unit's own: "finance ict" finds the ICT
    service of the finance department, and "finance" alone finds the department, not every unit
    below it. Two queries, whatever the size of the chart: the units in scope and the units
    above them.
    """
    step = Unit.steplen
    in_scope = list(units.order_by("path").only("pk", "code", "path", *_NAME_FIELDS))
    by_path = {unit.path: unit for unit in in_scope}
    above_paths = {
        unit.path[:end] for unit in in_scope for end in range(step, len(unit.path), step)
    } - by_path.keys()
    known = dict(by_path)
    if above_paths:
        known.update(
            (unit.path, unit)
            for unit in Unit.objects.filter(path__in=above_paths).only(
                "pk", "code", "path", *_NAME_FIELDS
            )
        )

    def ancestors(unit: Unit) -> list[Unit]:
        paths = (unit.path[:end] for end in range(step, len(unit.path), step))
        return [known[path] for path in paths if path in known]

    def option(unit: Unit) -> UnitOption:
        return UnitOption(
            pk=unit.pk,
            code=unit.code,
            name=unit.name,
            trail=tuple(above.name for above in ancestors(unit)),
        )

    words = _fold(query).split()
    folded: dict[str, str] = {}

    def text_of(unit: Unit) -> str:
        if unit.path not in folded:
            folded[unit.path] = _searchable(unit)
        return folded[unit.path]

    matching = []
    for unit in in_scope:
        if words:
            own = text_of(unit)
            if not any(word in own for word in words):
                continue
            around = " ".join(text_of(above) for above in ancestors(unit))
            if not all(word in own or word in around for word in words):
                continue
        matching.append(unit)
    listed = [] if not words and len(in_scope) > limit else matching[:limit]
    chosen_unit = next((unit for unit in in_scope if str(unit.pk) == chosen), None)
    return UnitSearch(
        query=query,
        options=tuple(option(unit) for unit in listed),
        matches=len(matching),
        total=len(in_scope),
        chosen=option(chosen_unit) if chosen_unit is not None else None,
    )


class UnitPicker(forms.Widget):
    """The search box, its button and the units found; see the module's docstring."""

    template_name = "organisations/widgets/unit_picker.html"
    # The field's label is the legend of a fieldset around the search and the choices.
    use_fieldset = True

    class Media:
        js = [forms.Script("organisations/unit-picker.js", defer=True)]

    def __init__(self, attrs=None) -> None:
        super().__init__(attrs)
        self.queryset: QuerySet[Unit] = Unit.objects.none()

    def value_from_datadict(self, data, files, name) -> UnitPick:
        query = str(data.get(name + QUERY_SUFFIX) or "").strip()[:QUERY_MAX_LENGTH]
        return UnitPick(
            choice=str(data.get(name) or "").strip(),
            query=query,
            searching=(name + SEARCH_SUFFIX) in data,
        )

    def value_omitted_from_data(self, data, files, name) -> bool:
        return name not in data and (name + QUERY_SUFFIX) not in data

    def id_for_label(self, id_):
        # The field's label is a legend, which names the fieldset and points at no control.
        return ""

    def format_value(self, value):
        if isinstance(value, UnitPick):
            return value.choice
        return "" if value is None else str(value)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        pick = value if isinstance(value, UnitPick) else UnitPick(choice=self.format_value(value))
        widget_id = context["widget"]["attrs"].get("id") or f"id_{name}"
        search = search_units(self.queryset, query=pick.query, chosen=pick.choice)
        attrs = context["widget"]["attrs"]
        invalid = attrs.get("aria-invalid") == "true"
        # The field's error (Django's error list, ``<id>_error``) and the count of units found.
        described_by = " ".join(
            filter(
                None,
                [
                    attrs.get("aria-describedby"),
                    f"{widget_id}_error" if invalid else "",
                    f"{widget_id}_status",
                ],
            )
        )
        context["widget"]["picker"] = {
            "id": widget_id,
            "query": pick.query,
            "query_name": name + QUERY_SUFFIX,
            "search_name": name + SEARCH_SUFFIX,
            "choice": pick.choice,
            "search": search,
            "max_length": QUERY_MAX_LENGTH,
            "described_by": described_by,
            "invalid": invalid,
        }
        return context


class UnitChoiceField(forms.ModelChoiceField):
    """One unit of ``queryset`` (the person's scope), chosen with the unit picker."""

    widget = UnitPicker
    default_error_messages = {
        "required": _("Choose a unit: search for it by name or code, then pick it from the list."),
        "invalid_choice": _(
            "We could not find that unit. Search for it and choose one of the units found."
        ),
        "out_of_scope": _(
            "That unit is not one you may choose here. Choose one of the units found, which "
            "are the units your role covers."
        ),
    }

    def __init__(self, queryset=None, **kwargs) -> None:
        super().__init__(queryset, empty_label=None, **kwargs)

    def _set_queryset(self, queryset) -> None:
        super()._set_queryset(queryset)
        if isinstance(self.widget, UnitPicker):
            self.widget.queryset = (
                self._queryset if self._queryset is not None else Unit.objects.none()
            )

    queryset = property(forms.ModelChoiceField._get_queryset, _set_queryset)

    def to_python(self, value):
        choice = value.choice if isinstance(value, UnitPick) else value
        if isinstance(choice, Unit):
            choice = str(choice.pk)
        if choice in self.empty_values:
            return None
        number = posted_id(choice)
        if number is None:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        unit = self.queryset.filter(pk=number).first()
        if unit is not None:
            return unit
        if Unit.objects.filter(pk=int(choice)).exists():
            raise ValidationError(self.error_messages["out_of_scope"], code="out_of_scope")
        raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")

    def validate(self, value) -> None:
        forms.Field.validate(self, value)

    def has_changed(self, initial, data) -> bool:
        choice = data.choice if isinstance(data, UnitPick) else data
        return str(self.prepare_value(initial) or "") != str(choice or "")


class UnitPickerForm(forms.Form):
    """A form with a unit picker: pressing the picker's Search is a search step, not a send.

    On a search step the form is not valid and carries no errors, so the view renders it again
    as it was typed, with the units found; nothing in the view has to know.
    """

    @property
    def is_search_step(self) -> bool:
        if not self.is_bound:
            return False
        return any(
            isinstance(field.widget, UnitPicker)
            and (self.add_prefix(name) + SEARCH_SUFFIX) in self.data
            for name, field in self.fields.items()
        )

    def full_clean(self) -> None:
        if self.is_search_step:
            self._errors = ErrorDict()
            self.cleaned_data = {}
            return
        super().full_clean()

    def is_valid(self) -> bool:
        return not self.is_search_step and super().is_valid()
