# SPDX-License-Identifier: EUPL-1.2
"""Two small model fields the hub needs: tag lists from the core vocabulary, and a search vector."""

from __future__ import annotations

from django import forms
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.module_loading import import_string

VOCABULARIES = {
    "principle": "elan.core.vocabulary.Principle",
    "skill": "elan.core.vocabulary.InnovationSkill",
}


class TagListField(models.JSONField):
    """A list of slugs from one vocabulary of ``elan.core.vocabulary``, edited as checkboxes.

    Stored as JSON so that it works the same on SQLite and PostgreSQL; the search index keeps a
    denormalised copy for filtering, so nothing queries inside the JSON.
    """

    def __init__(self, *args, vocabulary: str = "principle", **kwargs):
        if vocabulary not in VOCABULARIES:
            raise ValueError(f"Unknown vocabulary {vocabulary!r}")
        self.vocabulary = vocabulary
        kwargs.setdefault("default", list)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["vocabulary"] = self.vocabulary
        return name, path, args, kwargs

    @property
    def vocabulary_choices(self):
        return import_string(VOCABULARIES[self.vocabulary]).choices

    def formfield(self, **kwargs):
        # Wagtail passes its own widget for JSON fields; a checkbox list is what editors need.
        kwargs.pop("widget", None)
        kwargs.pop("encoder", None)
        kwargs.pop("decoder", None)
        return forms.MultipleChoiceField(
            choices=self.vocabulary_choices,
            widget=forms.CheckboxSelectMultiple,
            required=not self.blank,
            label=kwargs.get("label", self.verbose_name),
            help_text=kwargs.get("help_text", self.help_text),
        )

    def validate(self, value, model_instance):
        super().validate(value, model_instance)
        allowed = {choice for choice, _label in self.vocabulary_choices}
        unknown = [slug for slug in value or [] if slug not in allowed]
        if unknown:
            raise ValidationError(f"Unknown {self.vocabulary} slugs: {', '.join(unknown)}")


class SearchVectorOrTextField(SearchVectorField):
    """A ``tsvector`` on PostgreSQL; on SQLite an unused text column, so one model serves both."""

    def db_type(self, connection):
        return "tsvector" if connection.vendor == "postgresql" else "text"
