# SPDX-License-Identifier: EUPL-1.2
"""Who may reach which page: docs/access.md written as data, for the persona × URL matrix.

Every named URL of the platform must appear here (``test_access_matrix`` fails otherwise), so a
new view cannot ship without someone deciding who may see it. Add a row per view; give
``kwargs`` for a URL that takes arguments, built from the personas fixture.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from conftest import PERSONA_NAMES

# What a persona gets when it asks for the page.
OK = "ok"  # 200
LOGIN = "login"  # redirected to the login page
DENIED = "denied"  # 403 or 404: the page does not exist for them
REDIRECT = "redirect"  # a 3xx elsewhere (for example a logged-in person on the login page)
ANSWERED = "answered"  # any non-error answer; for auth flows whose page depends on state

LOGGED_IN = tuple(name for name in PERSONA_NAMES if name != "visitor")


def everyone(outcome: str) -> dict[str, str]:
    return dict.fromkeys(PERSONA_NAMES, outcome)


def logged_in_only(outcome: str = OK) -> dict[str, str]:
    return {"visitor": LOGIN, **dict.fromkeys(LOGGED_IN, outcome)}


def only(*allowed: str, others: str = DENIED, outcome: str = OK) -> dict[str, str]:
    expectations = {"visitor": LOGIN, **dict.fromkeys(LOGGED_IN, others)}
    expectations.update(dict.fromkeys(allowed, outcome))
    return expectations


@dataclass(frozen=True)
class Row:
    expect: dict[str, str]
    kwargs: Callable[[object], dict] | None = None
    query: str = ""
    why: str = ""
    extra: dict = field(default_factory=dict)


def _framework_kwargs() -> dict:
    from elan.skills.tests.factories import FrameworkFactory

    return {"slug": FrameworkFactory(slug="matrix-framework").slug}


def _network_programme(p) -> dict:
    """The running programme HR organises, in which the employee's pair is accepted."""
    from elan.network.tests.factories import matrix_programme

    return {"public_id": matrix_programme(p).public_id}


def _network_pair(p) -> dict:
    from elan.network.tests.factories import matrix_pair

    return {"public_id": matrix_pair(p).public_id}


def _insights_campaign(p, state: str = "published") -> dict:
    """A campaign on the personas' team: "draft", "open" or "published" (closed, results in)."""
    from elan.insights.tests.factories import insights_matrix_campaign

    return {"pk": insights_matrix_campaign(p, state).pk}


def _insights_unit(p, state: str = "published") -> dict:
    return {**_insights_campaign(p, state), "code": p.team.code}


def _insights_action(p) -> dict:
    from elan.insights.tests.factories import insights_matrix_action

    return {"pk": insights_matrix_action(p).pk}


def _assessment_step_kwargs(p) -> dict:
    from elan.assessments.tests.factories import in_progress_assessment

    return {"public_id": in_progress_assessment(p.employee).public_id, "step": 1}


def _submitted_profile_kwargs(p) -> dict:
    from elan.assessments.tests.factories import submitted_assessment

    submitted_assessment(p.employee)
    return {}


def _plan_step_kwargs(p) -> dict:
    from elan.assessments.recommendations import builtin_suggestion
    from elan.assessments.services import plan_step_add

    step = plan_step_add(owner=p.employee, suggestion=builtin_suggestion("elan:practice:curiosity"))
    return {"pk": step.pk}


def _share_kwargs(p) -> dict:
    from elan.assessments.tests.factories import share

    return {"share_id": share(p.employee, p.line_manager, "line_manager").pk}


def _goals_cycle(p):
    """The employee's cycle, evaluated by the line manager: the planning talk held, an agreed
    goal, an interim talk to come, a draft of the employee's own and a hub item as evidence."""
    from elan.goals.tests.factories import matrix_cycle

    return matrix_cycle(p)


def _goals_objective(p) -> dict:
    from elan.goals.tests.factories import ObjectiveFactory

    return {"public_id": ObjectiveFactory(unit=p.team).public_id}


def _experiment(p, state: str = "running") -> dict:
    """The employee's experiment (``elan/experiments/tests/factories.matrix_experiment``): a
    private draft, a running one shared with the team, or a request asked of the line manager."""
    from elan.experiments.tests.factories import matrix_experiment

    return {"public_id": matrix_experiment(p, state).public_id}


def _finished_experiment(p) -> dict:
    from elan.experiments.constants import Decision
    from elan.experiments.tests.factories import decided_experiment

    return {"public_id": decided_experiment(p.employee, Decision.STOP).public_id}


def _feedback_round(p) -> dict:
    from elan.feedback.tests.factories import feedback_round

    return {"public_id": feedback_round(p.employee, raters={"peer": 3}).public_id}


def _feedback_share(p) -> dict:
    from elan.feedback.services import report_share_create
    from elan.feedback.tests.factories import feedback_round

    round_ = feedback_round(p.employee, raters={"peer": 3})
    share = report_share_create(owner=p.employee, round_=round_, grantee=p.line_manager)
    return {"share_id": share.pk}


def _feedback_link(p) -> dict:
    from elan.feedback.tests.factories import invite, open_round, send_list

    round_ = open_round(p.employee)
    _invitation, secret = invite(round_)
    send_list(round_)
    return {"secret": secret}


def _feedback_list_in_review(p) -> dict:
    from elan.feedback.services import round_send_list
    from elan.feedback.tests.factories import invite, open_round

    round_ = open_round(p.employee)
    invite(round_)
    return {"public_id": round_send_list(owner=p.employee, round_=round_).public_id}


def _address_link(p) -> dict:
    from elan.organisations.tests.factories import pending_address_change

    _change, token = pending_address_change(p.employee, "employee.new@elan.test")
    return {"token": token}


ACCESS_TABLE: dict[str, Row] = {
    # --- portal ------------------------------------------------------------------------------
    "portal:home": Row(everyone(OK), why="the loop and the principles are public"),
    "portal:accessibility": Row(everyone(OK)),
    "portal:report_barrier": Row(everyone(OK), why="anyone can report a barrier"),
    # --- core --------------------------------------------------------------------------------
    "core:anonymity": Row(everyone(OK), why="respondents read it before they answer"),
    "core:anonymity_rule": Row(everyone(OK)),
    # Outside the language prefixes: the load balancer's probe, which says "ok" and nothing more.
    "health": Row(everyone(OK), why="the database is reachable; no data, no session"),
    # --- allauth: the login flow is public; account pages need a login ------------------------
    "account_login": Row({"visitor": OK, **dict.fromkeys(LOGGED_IN, REDIRECT)}),
    "account_logout": Row(everyone(ANSWERED)),
    "account_signup": Row(everyone(ANSWERED), why="closed: staff come from the HR import"),
    "account_reauthenticate": Row(logged_in_only(ANSWERED)),
    # Addresses come from the staff records or single sign-on: these lead to "My account".
    "account_email": Row(everyone(REDIRECT), why="nobody attaches an address in the app"),
    "account_change_password": Row(logged_in_only(OK)),
    "account_set_password": Row(logged_in_only(ANSWERED)),
    "account_inactive": Row(everyone(ANSWERED)),
    "account_email_verification_sent": Row(everyone(REDIRECT), why="no address to confirm"),
    "account_confirm_email": Row(everyone(REDIRECT), kwargs=lambda p: {"key": "not-a-key"}),
    "account_reset_password": Row({"visitor": OK, **dict.fromkeys(LOGGED_IN, ANSWERED)}),
    "account_reset_password_done": Row(everyone(ANSWERED)),
    "account_reset_password_from_key": Row(
        everyone(ANSWERED), kwargs=lambda p: {"uidb36": "0", "key": "not-a-key"}
    ),
    "account_reset_password_from_key_done": Row(everyone(ANSWERED)),
    "account_confirm_login_code": Row(everyone(ANSWERED)),
    "account_request_reauthentication_code": Row(logged_in_only(ANSWERED)),
    "account_confirm_reauthentication_code": Row(logged_in_only(ANSWERED)),
    "mfa_index": Row(logged_in_only(ANSWERED)),
    "mfa_authenticate": Row(everyone(ANSWERED)),
    "mfa_reauthenticate": Row(logged_in_only(ANSWERED)),
    "mfa_activate_totp": Row(logged_in_only(ANSWERED)),
    "mfa_deactivate_totp": Row(logged_in_only(ANSWERED)),
    "mfa_view_recovery_codes": Row(logged_in_only(ANSWERED)),
    "mfa_generate_recovery_codes": Row(logged_in_only(ANSWERED)),
    "mfa_download_recovery_codes": Row(logged_in_only(ANSWERED)),
    "socialaccount_signup": Row(everyone(ANSWERED)),
    "socialaccount_login_cancelled": Row(everyone(ANSWERED)),
    "socialaccount_login_error": Row(everyone(ANSWERED)),
    "socialaccount_connections": Row(logged_in_only(ANSWERED)),
    "openid_connect_login": Row(everyone(ANSWERED), kwargs=lambda p: {"provider_id": "none"}),
    "openid_connect_callback": Row(everyone(ANSWERED), kwargs=lambda p: {"provider_id": "none"}),
    # --- skills: published frameworks are open content (CC BY-SA), readable by everyone ---------
    "skills:framework_list": Row(everyone(OK), why="frameworks are published content"),
    "skills:framework_detail": Row(everyone(OK), kwargs=lambda p: _framework_kwargs()),
    "skills:framework_export": Row(everyone(OK), kwargs=lambda p: _framework_kwargs()),
    "skills:framework_case": Row(everyone(OK), kwargs=lambda p: _framework_kwargs()),
    # The framework import in the back office: HR and administrators. Editors and moderators
    # are in the back office, and Wagtail sends them back to its dashboard with a message.
    "skills_admin:framework_import": Row(
        {
            **only("hr", "administrator"),
            "content_editor": REDIRECT,
            "moderator": REDIRECT,
        },
        why="HR import frameworks (docs/skills.md)",
    ),
    "skills_admin:framework_import_apply": Row(
        only("hr", "administrator", "content_editor", "moderator", outcome=ANSWERED),
        why="POST only: a GET is answered 405 in the back office; the POST checks the rule",
    ),
    # --- insights: survey aggregates for the team and its line; HR within scope (docs/access.md) --
    # The campaign runs on the personas' team: its members and team lead answer and see the
    # results first; HR (scope: the organisation) sees them too, marked "not shared yet" until
    # the team shares them or 14 days pass. Everyone else gets 404, administrators included.
    "insights:home": Row(logged_in_only(OK), why="lists only what each person may see"),
    "insights:campaign_create": Row(
        only("hr", "team_lead"), why="HR in scope, a lead for their unit"
    ),
    "insights:campaign_detail": Row(
        only("hr", "team_lead"), kwargs=lambda p: _insights_campaign(p, "open")
    ),
    "insights:campaign_edit": Row(
        only("hr", "team_lead"), kwargs=lambda p: _insights_campaign(p, "draft")
    ),
    "insights:campaign_transition": Row(
        only("hr", "team_lead", outcome=ANSWERED),
        kwargs=lambda p: _insights_campaign(p, "draft"),
        why="POST only (405 on GET for those who may run it)",
    ),
    "insights:campaign_remind": Row(
        only("hr", "team_lead", outcome=ANSWERED),
        kwargs=lambda p: _insights_campaign(p, "open"),
        why="POST only",
    ),
    "insights:respond": Row(
        only("employee", "line_manager", "team_lead"),
        kwargs=lambda p: _insights_campaign(p, "open"),
        why="only the people invited when the round opened",
    ),
    "insights:respond_done": Row(
        only("employee", "line_manager", "team_lead"),
        kwargs=lambda p: _insights_campaign(p, "open"),
    ),
    "insights:heatmap": Row(
        only("employee", "line_manager", "team_lead", "hr"), kwargs=_insights_campaign
    ),
    "insights:export": Row(
        only("employee", "line_manager", "team_lead", "hr"),
        kwargs=lambda p: {**_insights_campaign(p), "fmt": "csv"},
    ),
    "insights:team_report": Row(
        only("employee", "line_manager", "team_lead", "hr"), kwargs=_insights_unit
    ),
    "insights:trends": Row(
        only("employee", "line_manager", "team_lead", "hr"), kwargs=_insights_unit
    ),
    "insights:comments": Row(
        only("employee", "line_manager", "team_lead", "hr"), kwargs=_insights_unit
    ),
    "insights:release": Row(
        only("team_lead"),
        kwargs=_insights_unit,
        why="the unit's own lead decides with the team; in a unit without one, its members",
    ),
    "insights:action_plan": Row(
        only("employee", "line_manager", "team_lead"),
        kwargs=_insights_unit,
        why="the team's plan stays with the team",
    ),
    "insights:action_check": Row(
        only("employee", "team_lead"), kwargs=_insights_action, why="the owner and the lead"
    ),
    # --- knowledge hub: published hub content is public, visitors included (docs/access.md) ---
    "knowledge:navigator": Row(everyone(OK), why="the hub is public"),
    "knowledge:search": Row(everyone(OK), query="?q=innovation", why="the hub is public"),
    # --- accounts: "My account" for everyone logged in; account administration for admins --
    "accounts:me": Row(logged_in_only(OK), why="each person's own account page"),
    "accounts:my_data": Row(logged_in_only(OK)),
    "accounts:my_data_download": Row(
        logged_in_only(OK), why="the export holds only the requester's own data"
    ),
    "accounts:person_list": Row(only("administrator"), why="administrators own accounts"),
    "accounts:person_detail": Row(only("administrator"), kwargs=lambda p: {"pk": p.employee.pk}),
    "accounts:person_deactivate": Row(
        only("administrator"), kwargs=lambda p: {"pk": p.employee.pk}, why="confirmation page"
    ),
    "accounts:person_reactivate": Row(
        only("administrator", outcome=REDIRECT),
        kwargs=lambda p: {"pk": p.employee.pk},
        why="the employee is active, so the page sends the administrator back",
    ),
    # --- assessments: a profile and plan are their owner's; others read them only while shared --
    "assessments:start": Row(logged_in_only(OK), why="everyone may assess their own skills"),
    "assessments:step": Row(
        only("employee"),
        kwargs=lambda p: _assessment_step_kwargs(p),
        why="an open assessment exists only for its owner",
    ),
    "assessments:profile": Row(logged_in_only(OK), why="each person sees only their own profile"),
    "assessments:profile_pdf": Row(
        {"visitor": LOGIN, **dict.fromkeys(LOGGED_IN, REDIRECT), "employee": OK},
        kwargs=lambda p: _submitted_profile_kwargs(p),
        why="only the employee has a profile; the others are sent to their own, empty one",
    ),
    "assessments:evaluation": Row(logged_in_only(ANSWERED), why="POST only; tests cover owners"),
    "assessments:team_mix_choice": Row(
        logged_in_only(ANSWERED), why="POST only: each person's own choice to count"
    ),
    "assessments:plan": Row(logged_in_only(OK), why="each person sees only their own plan"),
    "assessments:plan_add": Row(logged_in_only(ANSWERED), why="POST only"),
    "assessments:plan_step": Row(
        logged_in_only(ANSWERED), kwargs=lambda p: _plan_step_kwargs(p), why="POST only"
    ),
    "assessments:plan_step_due": Row(
        logged_in_only(ANSWERED),
        kwargs=lambda p: _plan_step_kwargs(p),
        why="POST only; someone else's step answers 404 (tests cover it)",
    ),
    "assessments:sharing": Row(logged_in_only(OK), why="each person manages their own sharing"),
    "assessments:share_revoke": Row(
        logged_in_only(ANSWERED), kwargs=lambda p: _share_kwargs(p), why="POST only"
    ),
    "assessments:shared_list": Row(logged_in_only(OK), why="lists what was shared with oneself"),
    "assessments:shared_profile": Row(
        only("employee", "line_manager"),
        kwargs=lambda p: _share_kwargs(p),
        why="the employee shared with the line manager; nobody else may read it",
    ),
    "assessments:team": Row(only("team_lead", "hr"), why="team leads and HR, within scope"),
    "assessments:team_unit": Row(
        only("team_lead", "hr"),
        kwargs=lambda p: {"unit_id": p.team.pk},
        why="guarded aggregates for the lead of the team and HR above it",
    ),
    # --- feedback: a 360 round and its report are their owner's; raters come by their link ----
    "feedback:home": Row(logged_in_only(OK), why="everyone may ask for feedback on themselves"),
    "feedback:round": Row(
        only("employee"),
        kwargs=lambda p: _feedback_round(p),
        why="a round exists only for its owner",
    ),
    "feedback:report": Row(
        only("employee"),
        kwargs=lambda p: _feedback_round(p),
        why="private to its owner; others read it only through a share",
    ),
    "feedback:share_revoke": Row(
        logged_in_only(ANSWERED), kwargs=lambda p: _feedback_share(p), why="POST only"
    ),
    "feedback:shared_list": Row(logged_in_only(OK), why="lists what was shared with oneself"),
    "feedback:reviews": Row(logged_in_only(OK), why="lists the rater lists waiting for oneself"),
    "feedback:review": Row(
        only("line_manager"),
        kwargs=lambda p: _feedback_list_in_review(p),
        why="the owner's line manager sees and challenges the rater list before it goes out",
    ),
    "feedback:shared_report": Row(
        only("line_manager"),
        kwargs=lambda p: _feedback_share(p),
        why="shared with the line manager; the share is the grantee's, the owner has the report",
    ),
    "feedback:respond": Row(
        everyone(OK),
        kwargs=lambda p: _feedback_link(p),
        why="the link is the rater's key: no account needed, whoever holds it",
    ),
    "feedback:respond_done": Row(everyone(OK), why="a thank-you page without data"),
    # --- organisations -----------------------------------------------------------------------
    "organisations:confirm_address": Row(
        everyone(OK),
        kwargs=lambda p: _address_link(p),
        why="the link is the key sent to the new address: no account needed, whoever holds it",
    ),
    "feedback:psychometrics": Row(
        only("hr"), why="instrument quality for HR, never per person (docs/access.md)"
    ),
    # --- goals: a cycle is its person's and their evaluators'; HR sees process figures only ---
    "goals:home": Row(logged_in_only(OK), why="everyone has their own evaluation cycle"),
    "goals:cycle_start": Row(logged_in_only(ANSWERED), why="POST only"),
    "goals:cycle": Row(
        only("employee", "line_manager"),
        kwargs=lambda p: {"public_id": _goals_cycle(p).cycle.public_id},
        why="the person and their evaluator; never HR or colleagues (docs/access.md)",
    ),
    "goals:goal_new": Row(
        only("employee"),
        kwargs=lambda p: {"public_id": _goals_cycle(p).cycle.public_id},
        why="only the person writes their goals",
    ),
    "goals:talk_new": Row(
        only("employee", "line_manager"),
        kwargs=lambda p: {"public_id": _goals_cycle(p).cycle.public_id},
    ),
    "goals:evidence": Row(
        only("employee", "line_manager"),
        kwargs=lambda p: {"public_id": _goals_cycle(p).cycle.public_id},
        why="the evaluator reads what the person added; only the person adds or withdraws",
    ),
    "goals:goal_edit": Row(
        only("employee"),
        kwargs=lambda p: {"public_id": _goals_cycle(p).draft.public_id},
        why="a draft is its owner's alone",
    ),
    "goals:goal_action": Row(
        logged_in_only(ANSWERED),
        kwargs=lambda p: {"public_id": _goals_cycle(p).agreed.public_id, "action": "agree"},
        why="POST only",
    ),
    "goals:talk": Row(
        only("employee", "line_manager"),
        kwargs=lambda p: {"public_id": _goals_cycle(p).interim.public_id},
    ),
    "goals:goal_change": Row(
        only("employee", "line_manager"),
        kwargs=lambda p: {
            "talk_id": (c := _goals_cycle(p)).interim.public_id,
            "goal_id": c.agreed.public_id,
        },
        why="an agreed goal changes in an interim talk, with both present",
    ),
    "goals:evidence_view": Row(
        only("employee", "line_manager"),
        kwargs=lambda p: {"public_id": _goals_cycle(p).evidence.public_id},
    ),
    "goals:sheet": Row(
        only("employee", "line_manager"),
        kwargs=lambda p: {"public_id": _goals_cycle(p).cycle.public_id},
    ),
    "goals:sheet_pdf": Row(
        only("employee", "line_manager"),
        kwargs=lambda p: {"public_id": _goals_cycle(p).cycle.public_id},
    ),
    "goals:figures": Row(only("hr"), why="process figures under the guard, never goals or notes"),
    "goals:figures_csv": Row(only("hr"), why="the same figures as a file"),
    "goals:talks": Row(only("hr"), why="which talks took place and when; no goal or note"),
    "goals:talks_csv": Row(only("hr"), why="the same talk days as a file"),
    "goals:objectives": Row(
        only("hr", "team_lead"), why="HR within scope and the unit's team lead keep objectives"
    ),
    "goals:objective_new": Row(only("hr", "team_lead"), query="?unit=FPS-ONE-TEAM"),
    "goals:objective_edit": Row(only("hr", "team_lead"), kwargs=_goals_objective),
    # --- experiments: a draft is its owners'; a shared one its readers'; figures for HR --------
    "experiments:home": Row(logged_in_only(OK), why="everyone has their own experiments"),
    "experiments:new": Row(logged_in_only(OK)),
    "experiments:detail": Row(
        only("employee", "line_manager", "team_lead"),
        kwargs=_experiment,
        why="shared with the team: the unit, the owner's line and the unit's team lead",
    ),
    "experiments:edit": Row(only("employee"), kwargs=_experiment, why="owners only"),
    "experiments:iteration_new": Row(only("employee"), kwargs=_experiment),
    "experiments:decide": Row(only("employee"), kwargs=_experiment),
    "experiments:close": Row(only("employee"), kwargs=_experiment),
    "experiments:mandate": Row(only("employee"), kwargs=lambda p: _experiment(p, "draft")),
    "experiments:start": Row(only("employee"), kwargs=lambda p: _experiment(p, "draft")),
    "experiments:regularise": Row(
        only("employee", outcome=REDIRECT), kwargs=_experiment, why="not decided: back to it"
    ),
    "experiments:resume": Row(
        only("employee", outcome=REDIRECT), kwargs=_experiment, why="not parked: back to it"
    ),
    "experiments:ask": Row(logged_in_only(ANSWERED), kwargs=_experiment, why="POST only"),
    "experiments:share": Row(logged_in_only(ANSWERED), kwargs=_experiment, why="POST only"),
    "experiments:owners": Row(logged_in_only(ANSWERED), kwargs=_experiment, why="POST only"),
    "experiments:profile_evidence": Row(
        logged_in_only(ANSWERED), kwargs=_experiment, why="POST only"
    ),
    "experiments:try_too": Row(logged_in_only(ANSWERED), kwargs=_experiment, why="POST only"),
    "experiments:propose_case": Row(
        logged_in_only(ANSWERED), kwargs=_finished_experiment, why="POST only"
    ),
    "experiments:permission": Row(
        only("employee", "line_manager"),
        kwargs=lambda p: _experiment(p, "request"),
        why="the owners and the person asked",
    ),
    "experiments:wall": Row(logged_in_only(OK), why="the learning wall: what each may read"),
    "experiments:report": Row(logged_in_only(OK), why="the organisation's shared lessons"),
    "experiments:report_pdf": Row(logged_in_only(OK), why="the same report as a PDF"),
    "experiments:team": Row(
        only("line_manager", "team_lead"), why="people with reports on the chart or a team"
    ),
    "experiments:figures": Row(only("hr"), why="counts of shared work under the guard"),
    "experiments:figures_csv": Row(only("hr"), why="the same figures as a file"),
    # --- the learning network: profiles opt-in; a programme its organisers' and people's; a pair
    # the pair's alone -------------------------------------------------------------------------
    "network:home": Row(logged_in_only(OK), why="everyone may join the network"),
    "network:profile": Row(logged_in_only(OK), why="one's own profile, opt-in"),
    "network:profile_pause": Row(logged_in_only(ANSWERED), why="POST only"),
    "network:profile_resume": Row(logged_in_only(ANSWERED), why="POST only"),
    "network:profile_delete": Row(
        logged_in_only(REDIRECT), why="without a profile there is nothing to delete"
    ),
    "network:help": Row(logged_in_only(OK), why="peer help explains itself without a profile"),
    "network:introduce": Row(
        logged_in_only(REDIRECT), why="without an active profile, back to peer help"
    ),
    "network:programmes": Row(only("hr"), why="HR runs mentor programmes"),
    "network:programme_new": Row(only("hr")),
    "network:programme_edit": Row(only("hr"), kwargs=_network_programme),
    "network:programme_manage": Row(
        only("hr"), kwargs=_network_programme, why="proposed pairs and reasons: organisers only"
    ),
    "network:programme_publish": Row(
        only("hr", outcome=REDIRECT),
        kwargs=_network_programme,
        why="nothing proposed to publish: back to the programme's page",
    ),
    "network:programme_figures": Row(only("hr"), kwargs=_network_programme),
    "network:programme_export": Row(only("hr"), kwargs=_network_programme),
    "network:programme_move": Row(
        logged_in_only(ANSWERED), kwargs=_network_programme, why="POST only"
    ),
    "network:programme_match": Row(
        logged_in_only(ANSWERED), kwargs=_network_programme, why="POST only"
    ),
    "network:proposal_withdraw": Row(
        logged_in_only(ANSWERED),
        kwargs=lambda p: {**_network_programme(p), "match_id": _network_pair(p)["public_id"]},
        why="POST only",
    ),
    "network:programme": Row(
        only("employee", "hr"),
        kwargs=_network_programme,
        why="a running programme: its people and its organisers",
    ),
    "network:programme_join": Row(
        logged_in_only(ANSWERED), kwargs=_network_programme, why="POST only"
    ),
    "network:programme_leave": Row(
        logged_in_only(ANSWERED), kwargs=_network_programme, why="POST only"
    ),
    "network:preferences": Row(
        only("employee", "hr", outcome=REDIRECT),
        kwargs=_network_programme,
        why="a matched mentee ranks no more: back to the programme, which both may read",
    ),
    "network:request": Row(logged_in_only(ANSWERED), kwargs=_network_programme, why="POST only"),
    "network:survey": Row(
        only("employee", "hr", outcome=ANSWERED),
        kwargs=_network_programme,
        why="the programme's readers; only the people of its pairs answer, once it closes",
    ),
    "network:pair": Row(
        only("employee"), kwargs=_network_pair, why="the pair's alone, not the organiser's"
    ),
    "network:pair_answer": Row(logged_in_only(ANSWERED), kwargs=_network_pair, why="POST only"),
    "network:meeting_new": Row(logged_in_only(ANSWERED), kwargs=_network_pair, why="POST only"),
    "network:check_in": Row(logged_in_only(ANSWERED), kwargs=_network_pair, why="POST only"),
    # --- Wagtail's password form for restricted pages; unknown ids answer 404 -----------------
    "wagtailcore_authenticate_with_password": Row(
        everyone(ANSWERED), kwargs=lambda p: {"page_view_restriction_id": 0, "page_id": 0}
    ),
    "wagtailcore_login": Row(everyone(REDIRECT), why="one login: leads to allauth's"),
}

# Names the matrix does not walk, with the reason; each has its own tests.
NOT_WALKED: dict[str, str] = {
    # The hub's pages are Wagtail pages by path (like wagtail_serve below); the hub's own tests
    # cover who sees drafts and previews (elan/knowledge/tests/test_editing.py).
    "knowledge:page": "Wagtail's hub pages, served by path",
}
# Wagtail serves the hub's pages by path; the hub's own tests cover who sees drafts.
NOT_WALKED_PREFIXES = ("wagtail_serve",)

# The events', cohorts', ideas' and retrospectives' rows live beside their factories; each
# module only reads the helpers above, which is why the import comes last.
from elan.cohorts.tests.access_rows import COHORT_ROWS  # noqa: E402
from elan.events.tests.access_rows_organiser import ORGANISER_ROWS  # noqa: E402
from elan.events.tests.access_rows_participant import PARTICIPANT_ROWS  # noqa: E402
from elan.ideas.tests.access_rows import IDEA_ROWS  # noqa: E402
from elan.retrospectives.tests.access_rows import RETROSPECTIVE_ROWS  # noqa: E402

ACCESS_TABLE.update(
    ORGANISER_ROWS | PARTICIPANT_ROWS | COHORT_ROWS | IDEA_ROWS | RETROSPECTIVE_ROWS
)
