# SPDX-License-Identifier: EUPL-1.2
"""Issue 16, point 4: the balance check, rule by rule, each with a set that passes and one that
fails; the innovation-theatre heuristic in four languages; no shipped template is flagged."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.utils import translation
from django.utils.functional import Promise

from elan.core.content import load_content
from elan.goals.balance import (
    RULES,
    activity_words_in,
    check_balance,
    is_activity_only,
    rule_table,
)
from elan.goals.constants import (
    GoalKind,
    GoalProgress,
    InnovationKind,
    TemplateAudience,
)
from elan.goals.models import Goal, GoalTemplate
from elan.goals.tests.factories import GoalFactory, GoalTemplateFactory, cycle_of

TEMPLATES_FILE = Path(__file__).resolve().parents[1] / "content" / "templates.yaml"


def goal(innovation=InnovationKind.APPLIED_SKILL, **fields) -> Goal:
    """An unsaved goal, well formed unless told otherwise."""
    values = {
        "kind": GoalKind.DEVELOPMENT,
        "innovation": innovation,
        "title": "Test the new permit form with five users",
        "indicator": "What the users did, written down after each test",
        "target": "5 users by June",
    } | fields
    return Goal(**values)


def applied(**fields) -> Goal:
    return goal(InnovationKind.APPLIED_SKILL, **fields)


def result(**fields) -> Goal:
    return goal(
        InnovationKind.RESULT,
        kind=GoalKind.PERFORMANCE,
        **{
            "title": "Shorter waiting time for a permit",
            "indicator": "Median days from request to decision",
            "target": "From 30 to 20 days by December",
        }
        | fields,
    )


def enabling(**fields) -> Goal:
    return goal(
        InnovationKind.ENABLING,
        kind=GoalKind.PERFORMANCE,
        **{
            "title": "Give the team room to test",
            "indicator": "Days a month the team may spend on tests",
            "target": "Two days a month; 3 tests started",
        }
        | fields,
    )


def template(code, innovation, audience=TemplateAudience.EVERYONE, sort_order=0, **fields):
    return GoalTemplate(
        code=code,
        innovation=innovation,
        audience=audience,
        sort_order=sort_order,
        is_active=True,
        **fields,
    )


TEMPLATES = [
    template("apply-a-skill", InnovationKind.APPLIED_SKILL, sort_order=10),
    template("second-result", InnovationKind.RESULT, sort_order=30),
    template("first-result", InnovationKind.RESULT, sort_order=20),
    template("enable-others", InnovationKind.ENABLING, TemplateAudience.MANAGERS, sort_order=40),
]


def codes(findings) -> list[str]:
    return [finding.code for finding in findings]


def check(goals, *, is_manager=False, templates=TEMPLATES):
    return check_balance(goals=goals, is_manager=is_manager, templates=templates)


# --- A balanced set ----------------------------------------------------------------------------


def test_a_balanced_set_has_no_findings():
    assert check([applied(), result()]) == []


def test_a_balanced_managers_set_has_no_findings():
    assert check([applied(), result(), enabling()], is_manager=True) == []


def test_the_check_is_guidance_and_returns_findings_only():
    findings = check([])
    assert isinstance(findings, list) and findings


# --- needs-innovation-goal, needs-applied-skill, needs-result ----------------------------------


def test_a_set_without_innovation_goals_needs_one_instead_of_one_of_each_kind():
    plain = goal(innovation="", title="Answer letters within ten days")
    findings = check([plain])
    assert codes(findings) == ["needs-innovation-goal"]
    assert findings[0].goal is None
    assert findings[0].template_code == "apply-a-skill"


def test_a_set_with_an_innovation_goal_does_not_need_one():
    assert "needs-innovation-goal" not in codes(check([result()]))


def test_innovation_goals_without_an_applied_skill_goal_need_one():
    findings = check([result()])
    assert codes(findings) == ["needs-applied-skill"]
    assert findings[0].template_code == "apply-a-skill"


def test_innovation_goals_with_an_applied_skill_goal_pass_that_rule():
    assert "needs-applied-skill" not in codes(check([applied(), result()]))


def test_innovation_goals_without_a_result_goal_need_one_and_the_first_result_template_fixes_it():
    findings = check([applied()])
    assert codes(findings) == ["needs-result"]
    assert findings[0].goal is None
    # The templates come in their order, not in the order they were passed.
    assert findings[0].template_code == "first-result"


def test_innovation_goals_with_a_result_goal_pass_that_rule():
    assert "needs-result" not in codes(check([applied(), result()]))


def test_a_dropped_goal_does_not_count():
    findings = check([applied(), result(progress=GoalProgress.DROPPED)])
    assert codes(findings) == ["needs-result"]


def test_a_done_goal_counts():
    assert check([applied(), result(progress=GoalProgress.DONE)]) == []


# --- needs-indicator, needs-target -------------------------------------------------------------


def test_each_goal_without_an_indicator_is_named():
    first, second = applied(indicator=""), result(indicator="   ")
    findings = [f for f in check([first, second]) if f.code == "needs-indicator"]
    assert [f.goal for f in findings] == [first, second]
    assert [f.template_code for f in findings] == ["apply-a-skill", "first-result"]


def test_goals_with_an_indicator_pass_that_rule():
    assert "needs-indicator" not in codes(check([applied(), result()]))


def test_each_goal_without_a_target_is_named():
    missing = result(target="")
    findings = check([applied(), missing])
    assert codes(findings) == ["needs-target"]
    assert findings[0].goal is missing


def test_goals_with_a_target_pass_that_rule():
    assert "needs-target" not in codes(check([applied(), result()]))


def test_a_goal_that_is_not_an_innovation_goal_needs_an_indicator_too_without_a_template():
    plain = goal(innovation="", title="Answer letters within ten days", indicator="")
    findings = [f for f in check([applied(), result(), plain]) if f.code == "needs-indicator"]
    assert [f.goal for f in findings] == [plain]
    assert findings[0].template_code is None


@pytest.mark.django_db
def test_a_goal_started_from_a_template_is_pointed_back_to_it(personas):
    started_from = GoalTemplateFactory(code="my-start", innovation=InnovationKind.RESULT)
    other = GoalTemplateFactory(code="another", innovation=InnovationKind.RESULT, sort_order=0)
    started_from.sort_order = 5
    started_from.save()
    saved = GoalFactory(cycle=cycle_of(personas.employee), result=True, template=started_from)
    saved.target = ""
    findings = check([applied(), saved], templates=[other, started_from])
    assert codes(findings) == ["needs-target"]
    assert findings[0].template_code == "my-start"


# --- needs-enabling ----------------------------------------------------------------------------


def test_a_managers_set_without_an_enabling_goal_needs_one():
    findings = check([applied(), result()], is_manager=True)
    assert codes(findings) == ["needs-enabling"]
    assert findings[0].template_code == "enable-others"


def test_a_managers_set_with_an_enabling_goal_passes_that_rule():
    assert "needs-enabling" not in codes(check([applied(), result(), enabling()], is_manager=True))


def test_someone_who_manages_nobody_needs_no_enabling_goal():
    assert "needs-enabling" not in codes(check([applied(), result()], is_manager=False))


def test_managers_templates_are_suggested_to_managers_only():
    findings = check([applied(), result(), enabling(indicator="")], is_manager=False)
    assert codes(findings) == ["needs-indicator"]
    assert findings[0].template_code is None


# --- innovation-theatre ------------------------------------------------------------------------

ACTIVITY_ONLY = [
    # (language, title, indicator, target)
    ("en", "Attend a design-thinking conference", "I was there and took notes", "Before summer"),
    ("en", "Organise a brainstorm on the intake", "The brainstorm took place", "In spring"),
    ("nl", "Deelnemen aan een hackathon", "Ik was erbij", "Voor de zomer"),
    ("nl", "Een cursus design thinking volgen", "Cursus afgerond", "Tegen het najaar"),
    ("fr", "Participer à un atelier de co-création", "J'y étais", "Avant l'été"),
    ("fr", "Suivre une formation en conception de services", "Formation terminée", "Cet automne"),
    ("de", "An einem Workshop zu Design Thinking teilnehmen", "Ich war dabei", "Vor dem Sommer"),
    ("de", "Eine Innovationskonferenz besuchen", "Besuch erledigt", "Im Herbst"),
]

WITH_A_RESULT = [
    (
        "en",
        "Attend user sessions to reduce errors in the form",
        "Errors per month",
        "Before summer",
    ),
    ("en", "Organise user tests of the letter", "Complaints measured before and after", "June"),
    ("nl", "Deelnemen aan een hackathon", "Aantal dossiers per week", "Van 40 naar 50 dossiers"),
    ("nl", "Een cursus volgen over data", "Doorlooptijd gemeten", "Korter dan vorig jaar"),
    ("fr", "Participer à un atelier", "Délais mesurés avant et après", "D'ici l'été"),
    ("fr", "Suivre une formation", "Taux d'erreur", "Moins d'erreurs qu'en janvier"),
    ("de", "An einem Workshop teilnehmen", "Bearbeitungszeit", "Um 20 % verkürzt"),
    ("de", "Eine Konferenz besuchen", "Weniger Rückfragen", "Bis Dezember"),
]


@pytest.mark.parametrize(("language", "title", "indicator", "target"), ACTIVITY_ONLY)
def test_an_innovation_goal_that_names_activities_only_is_possible_innovation_theatre(
    language, title, indicator, target
):
    flagged = applied(title=title, indicator=indicator, target=target)
    findings = check([flagged, result()])
    assert codes(findings) == ["innovation-theatre"], language
    assert findings[0].goal is flagged
    assert findings[0].words, "the finding names the activity words it found"
    # A template of the goal's own kind keeps what the person meant.
    assert findings[0].template_code == "apply-a-skill"


@pytest.mark.parametrize(("language", "title", "indicator", "target"), WITH_A_RESULT)
def test_an_innovation_goal_with_an_activity_and_a_measure_is_not_theatre(
    language, title, indicator, target
):
    assert not is_activity_only(applied(title=title, indicator=indicator, target=target))
    assert check([applied(title=title, indicator=indicator, target=target), result()]) == []


def test_the_finding_says_which_activity_words_it_found_as_written():
    flagged = applied(title="S'inscrire et participer à un atelier", indicator="", target="")
    theatre = [f for f in check([flagged, result()]) if f.code == "innovation-theatre"]
    assert theatre[0].words == ("s'inscrire", "participer")


def test_accents_and_case_do_not_hide_a_word():
    assert activity_words_in("PARTICIPE à la réunion") == ("participe",)
    assert not is_activity_only(
        applied(title="Participer a un atelier", indicator="Delais reduits", target="")
    )


def test_a_word_that_only_begins_like_an_activity_is_not_one():
    assert activity_words_in("The organisation of the intake, following the next visitors") == (
        "following",
    )
    assert activity_words_in("Organisation de l'accueil") == ()


def test_a_goal_that_is_not_an_innovation_goal_is_never_theatre():
    plain = goal(innovation="", title="Attend the yearly staff day", indicator="", target="")
    assert "innovation-theatre" not in codes(check([applied(), result(), plain]))


def test_an_activity_only_result_goal_is_fixed_by_a_result_template():
    flagged = result(title="Organise a hackathon", indicator="It took place", target="In May")
    findings = check([applied(), flagged])
    assert codes(findings) == ["innovation-theatre"]
    assert findings[0].template_code == "first-result"


def test_an_activity_only_enabling_goal_of_someone_who_manages_nobody_falls_back_to_a_result():
    flagged = enabling(title="Organise an innovation day", indicator="It happened", target="May")
    findings = check([applied(), result(), flagged], is_manager=False)
    assert codes(findings) == ["innovation-theatre"]
    assert findings[0].template_code == "first-result"


# --- Shipped templates -------------------------------------------------------------------------


def shipped_templates() -> list[dict]:
    return load_content(TEMPLATES_FILE)["templates"]


def test_no_shipped_template_would_be_flagged_in_any_language():
    flagged = []
    for shipped in shipped_templates():
        for language in ("nl", "fr", "de", "en"):
            as_goal = goal(
                shipped["innovation"],
                kind=shipped["kind"],
                title=shipped["title"][language],
                indicator=shipped["indicator"][language],
                target=shipped["target"][language],
            )
            for finding in check([as_goal], is_manager=True):
                if finding.goal is as_goal:
                    flagged.append((shipped["code"], language, finding.code))
    assert flagged == []


def test_the_shipped_templates_fix_every_set_rule():
    offered = [
        template(s["code"], s["innovation"], s["audience"], s["sort_order"])
        for s in shipped_templates()
    ]
    findings = check([], is_manager=True, templates=offered)
    assert codes(findings) == ["needs-innovation-goal", "needs-enabling"]
    assert all(finding.template_code for finding in findings)


@pytest.mark.django_db
def test_without_templates_given_the_active_ones_in_the_database_are_suggested():
    GoalTemplateFactory(code="hidden-result", innovation=InnovationKind.RESULT, is_active=False)
    GoalTemplateFactory(code="offered-result", innovation=InnovationKind.RESULT)
    findings = check_balance(goals=[applied()], is_manager=False)
    assert codes(findings) == ["needs-result"]
    assert findings[0].template_code == "offered-result"


# --- The rules as data -------------------------------------------------------------------------


def test_every_rule_has_a_unique_stable_code():
    assert [rule.code for rule in RULES] == [
        "needs-innovation-goal",
        "needs-applied-skill",
        "needs-result",
        "needs-enabling",
        "needs-indicator",
        "needs-target",
        "innovation-theatre",
    ]


def test_the_rule_table_lists_each_rule_with_its_reason():
    assert rule_table() == [(rule.code, rule.reason) for rule in RULES]


def test_every_balance_reason_is_a_lazy_translatable_string():
    for code, reason in rule_table():
        assert isinstance(reason, Promise), code
        assert str(reason).strip(), code


def test_a_findings_reason_is_its_rules_reason():
    reasons = dict(rule_table())
    for finding in check([goal(innovation="", indicator="", target="")], is_manager=True):
        assert finding.reason is reasons[finding.code]


@pytest.mark.parametrize("language", ["nl", "fr", "de"])
def test_every_balance_reason_is_translated_in_each_language(language):
    english = {code: str(reason) for code, reason in rule_table()}
    with translation.override(language):
        untranslated = [code for code, reason in rule_table() if str(reason) == english[code]]
    assert untranslated == []
