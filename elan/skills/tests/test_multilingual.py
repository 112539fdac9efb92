# SPDX-License-Identifier: EUPL-1.2
import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from elan.skills.multilingual import localize, validate_multilingual


def test_the_text_in_the_asked_language_is_not_a_fallback():
    text = localize({"en": "Curiosity", "fr": "Curiosité"}, "fr")
    assert (text.text, text.language, text.is_fallback) == ("Curiosité", "fr", False)


def test_a_missing_translation_falls_back_to_english_and_says_so():
    text = localize({"en": "Curiosity", "fr": "Curiosité"}, "de")
    assert (text.text, text.language, text.is_fallback) == ("Curiosity", "en", True)


def test_a_blank_translation_counts_as_missing():
    assert localize({"en": "Curiosity", "nl": "  "}, "nl").is_fallback


def test_the_active_language_is_used_when_none_is_given():
    with translation.override("nl"):
        assert localize({"en": "Curiosity", "nl": "Nieuwsgierigheid"}).text == "Nieuwsgierigheid"


def test_english_is_required_because_it_is_the_fallback():
    with pytest.raises(ValidationError):
        validate_multilingual({"nl": "Alleen Nederlands"})


def test_unknown_language_codes_are_refused():
    with pytest.raises(ValidationError):
        validate_multilingual({"en": "Text", "xx": "?"})


def test_the_template_tag_marks_fallback_text_with_its_language():
    from django.template import Context, Template

    template = Template("{% load skills_text %}{% localized value %}")
    with translation.override("de"):
        html = template.render(Context({"value": {"en": "Iteration <1>", "de": ""}}))
    assert html == '<span lang="en">Iteration &lt;1&gt;</span>'
    with translation.override("en"):
        assert template.render(Context({"value": {"en": "Iteration"}})) == "Iteration"
