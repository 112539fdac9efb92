# SPDX-License-Identifier: EUPL-1.2
"""Property tests for the scoring rules: reverse items, subscale means, completeness."""

from fractions import Fraction

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from elan.assessments.scoring import (
    DEFAULT_COMPLETENESS,
    ItemSpec,
    Scale,
    answers_needed,
    changes,
    incomplete_subscales,
    is_complete,
    level_for,
    scored_value,
    strengths_and_growth,
    subscale_scores,
)

# No deadline: these tests check rules, not speed, and a loaded CI machine must not fail them.
no_deadline = settings(deadline=None)

scales = st.integers(min_value=0, max_value=3).flatmap(
    lambda low: st.integers(min_value=low + 1, max_value=low + 9).map(lambda high: Scale(low, high))
)


@st.composite
def banks(draw):
    """A scale, an item bank of 1–4 subscales of 1–6 items, and answers to some of them."""
    scale = draw(scales)
    items = []
    for s in range(draw(st.integers(1, 4))):
        for i in range(draw(st.integers(1, 6))):
            items.append(ItemSpec(code=f"s{s}i{i}", subscale=f"s{s}", reverse=draw(st.booleans())))
    answers = {}
    for item in items:
        if draw(st.booleans()):
            answers[item.code] = draw(st.integers(scale.minimum, scale.maximum))
    return scale, items, answers


@no_deadline
@given(scales, st.data())
def test_reverse_scoring_mirrors_the_scale_and_undoes_itself(scale, data):
    value = data.draw(st.integers(scale.minimum, scale.maximum))
    mirrored = scored_value(value, reverse=True, scale=scale)
    assert scale.minimum <= mirrored <= scale.maximum
    assert scored_value(mirrored, reverse=True, scale=scale) == value
    assert value + mirrored == scale.minimum + scale.maximum
    assert scored_value(scale.minimum, reverse=True, scale=scale) == scale.maximum


@no_deadline
@given(scales, st.data())
def test_a_normal_item_counts_as_answered(scale, data):
    value = data.draw(st.integers(scale.minimum, scale.maximum))
    assert scored_value(value, reverse=False, scale=scale) == value


@no_deadline
@given(scales, st.integers(-5, 20))
def test_an_answer_off_the_scale_is_refused(scale, value):
    assume(not scale.minimum <= value <= scale.maximum)
    with pytest.raises(ValueError):
        scored_value(value, reverse=False, scale=scale)


@no_deadline
@given(banks())
def test_a_subscale_mean_stays_on_the_scale_and_equals_the_mean_of_scored_answers(bank):
    scale, items, answers = bank
    scores = subscale_scores(items, answers, scale)
    for subscale, score in scores.items():
        members = [item for item in items if item.subscale == subscale]
        answered = [item for item in members if item.code in answers]
        assert score.total == len(members)
        assert score.answered == len(answered)
        if score.complete:
            expected = sum(
                scored_value(answers[i.code], reverse=i.reverse, scale=scale) for i in answered
            ) / len(answered)
            assert score.mean == pytest.approx(expected)
            assert scale.minimum <= score.mean <= scale.maximum


@no_deadline
@given(banks())
def test_a_subscale_is_scored_exactly_when_two_thirds_of_its_items_are_answered(bank):
    scale, items, answers = bank
    for score in subscale_scores(items, answers, scale).values():
        assert score.complete == (Fraction(score.answered, score.total) >= Fraction(2, 3))
        if not score.complete:
            assert score.mean is None


@no_deadline
@given(banks(), st.data())
def test_answering_one_more_item_never_makes_a_scored_subscale_unscored(bank, data):
    scale, items, answers = bank
    missing = [item for item in items if item.code not in answers]
    assume(missing)
    item = data.draw(st.sampled_from(missing))
    more = {**answers, item.code: data.draw(st.integers(scale.minimum, scale.maximum))}
    before = subscale_scores(items, answers, scale)
    after = subscale_scores(items, more, scale)
    for subscale, score in before.items():
        if score.complete:
            assert after[subscale].complete


@no_deadline
@given(banks())
def test_flipping_an_item_and_mirroring_its_answer_leaves_every_score_unchanged(bank):
    scale, items, answers = bank
    flipped_items = [ItemSpec(i.code, i.subscale, not i.reverse) for i in items]
    mirrored = {code: scale.minimum + scale.maximum - value for code, value in answers.items()}
    assert subscale_scores(items, answers, scale) == subscale_scores(flipped_items, mirrored, scale)


@no_deadline
@given(banks(), st.randoms())
def test_the_order_of_items_and_answers_does_not_matter(bank, random):
    scale, items, answers = bank
    shuffled = list(items)
    random.shuffle(shuffled)
    reordered = dict(random.sample(list(answers.items()), len(answers)))
    assert subscale_scores(shuffled, reordered, scale) == subscale_scores(items, answers, scale)


@no_deadline
@given(scales, st.data())
def test_answering_every_item_with_the_same_agreement_gives_that_score(scale, data):
    value = data.draw(st.integers(scale.minimum, scale.maximum))
    items = [ItemSpec("a", "s"), ItemSpec("b", "s", reverse=True), ItemSpec("c", "s")]
    answers = {"a": value, "b": scale.minimum + scale.maximum - value, "c": value}
    assert subscale_scores(items, answers, scale)["s"].mean == value


@no_deadline
@given(st.integers(0, 50), st.integers(1, 50))
def test_completeness_is_a_share_of_the_items(answered, total):
    assume(answered <= total)
    assert is_complete(answered, total) == (3 * answered >= 2 * total)


def test_completeness_with_four_items_needs_three_answers():
    assert not is_complete(2, 4)
    assert is_complete(3, 4)
    assert not is_complete(0, 0)
    assert Fraction(2, 3) == DEFAULT_COMPLETENESS


@no_deadline
@given(st.integers(1, 50), st.integers(1, 6), st.integers(1, 6))
def test_the_answers_a_submission_needs_are_exactly_what_scoring_accepts(total, top, bottom):
    assume(top <= bottom)
    rule = Fraction(top, bottom)
    needed = answers_needed(total, rule)
    assert is_complete(needed, total, rule)
    assert not is_complete(needed - 1, total, rule)


def test_the_subscales_left_without_a_score_are_the_incomplete_ones():
    items = [ItemSpec(f"{subscale}{n}", subscale) for subscale in "st" for n in (1, 2, 3)]
    answers = {"s1": 3, "s2": 4, "t1": 2}
    incomplete = incomplete_subscales(items, answers, Scale(1, 5))
    assert list(incomplete) == ["t"]
    assert (incomplete["t"].answered, incomplete["t"].total) == (1, 3)
    assert subscale_scores(items, answers, Scale(1, 5))["t"].mean is None


def test_answers_to_unknown_items_are_refused():
    with pytest.raises(ValueError):
        subscale_scores([ItemSpec("a", "s")], {"zz": 3}, Scale(1, 5))


@no_deadline
@given(scales, st.floats(allow_nan=False, allow_infinity=False, min_value=0, max_value=12))
def test_a_mean_always_falls_in_one_of_three_levels(scale, mean):
    assume(scale.minimum <= mean <= scale.maximum)
    assert level_for(mean, scale) in (1, 2, 3)
    assert level_for(scale.minimum, scale) == 1
    assert level_for(scale.maximum, scale) == 3


@no_deadline
@given(st.dictionaries(st.sampled_from("abcdef"), st.one_of(st.none(), st.floats(1, 5))))
def test_strengths_and_growth_areas_never_overlap_and_are_ordered(scores):
    strengths, growth = strengths_and_growth(scores)
    assert not set(strengths) & set(growth)
    scored = {k: v for k, v in scores.items() if v is not None}
    if strengths and growth:
        assert min(scored[k] for k in strengths) >= max(scored[k] for k in growth)


def test_change_is_only_computed_where_both_scores_exist():
    assert changes({"a": 4.0, "b": 3.0, "c": None}, {"a": 3.5, "b": None, "c": 2.0}) == {
        "a": 0.5,
        "b": None,
        "c": None,
    }
