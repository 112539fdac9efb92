# SPDX-License-Identifier: EUPL-1.2
"""Team formation's reasons worded for people, in the active language (issue 19).

``formation`` stores reasons as codes with parameters (``TeamMember.reasons``,
``Team.mentor_gap``, ``Infeasible.blockers``); the sentence is written only when someone reads
it, so that each reader gets it in their own language, and a member reads about themself
("you") where the organiser reads the member's name. The names the codes point at (challenges
by id, skills by slug, units by code, languages by code) are read once per call, not per
sentence.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from django.conf import settings
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from elan.events import formation
from elan.events.models import Challenge, Team, TeamMember
from elan.organisations.models import Unit
from elan.skills.models import Competency

# The rule families an infeasibility diagnosis names "together with" another.
FAMILY_NAMES = {
    "team_sizes": gettext_lazy("the team sizes"),
    "required_skill": gettext_lazy("a skill every team needs"),
    "unit_cap": gettext_lazy("the limit per unit"),
    "language": gettext_lazy("the working languages"),
    "challenge_capacity": gettext_lazy("the number of teams the challenges take"),
}


@dataclass(frozen=True)
class _Names:
    challenges: Mapping[str, str]
    skills: Mapping[str, str]
    units: Mapping[str, str]

    def challenge(self, key: object) -> str:
        return self.challenges.get(str(key), _("a challenge"))

    def skill(self, slug: object) -> str:
        return self.skills.get(str(slug), str(slug))

    def unit(self, code: object) -> str:
        code = str(code)
        if code.startswith("no-unit:"):
            return _("no unit")
        return self.units.get(code, code)


def _language(code: object) -> str:
    return str(dict(settings.LANGUAGES).get(str(code), code))


def _names(reasons: Iterable[Mapping]) -> _Names:
    """The challenges, skills and units that ``reasons`` (code and params dicts) point at."""
    challenges, skills, units = set(), set(), set()
    for reason in reasons:
        params = reason.get("params") or {}
        if params.get("challenge") is not None:
            challenges.add(str(params["challenge"]))
        if params.get("skill"):
            skills.add(str(params["skill"]))
        if params.get("unit"):
            units.add(str(params["unit"]))
    challenge_ids = [int(key) for key in challenges if key.isdigit()]
    skill_names: dict[str, str] = {}
    if skills:
        # The same slug may name a skill in several versions of its framework: the newest wins.
        for competency in Competency.objects.filter(slug__in=skills).order_by("pk"):
            skill_names[competency.slug] = str(competency)
    return _Names(
        challenges={
            str(pk): title
            for pk, title in Challenge.objects.filter(pk__in=challenge_ids).values_list(
                "pk", "title"
            )
        }
        if challenge_ids
        else {},
        skills=skill_names,
        units={unit.code: unit.name for unit in Unit.objects.filter(code__in=units)}
        if units
        else {},
    )


# --- why a member is in their team ----------------------------------------------------------


def _own_clause(code: str, params: Mapping, names: _Names) -> str | None:
    if code == "challenge_rank":
        challenge = names.challenge(params.get("challenge"))
        if params.get("rank") == 1:
            return _("it works on “%(challenge)s”, your first choice") % {"challenge": challenge}
        return _("it works on “%(challenge)s”, your choice number %(rank)s") % {
            "challenge": challenge,
            "rank": params.get("rank"),
        }
    if code == "challenge_unranked":
        return _("it works on “%(challenge)s”, which needed people when your choices were full") % {
            "challenge": names.challenge(params.get("challenge"))
        }
    if code == "brings_skill":
        skill = names.skill(params.get("skill"))
        if params.get("holders") == 1:
            return _("you are the only member who brings %(skill)s, which every team needs") % {
                "skill": skill
            }
        return _("you are one of two members who bring %(skill)s, which every team needs") % {
            "skill": skill
        }
    if code == "working_language":
        return _("it works in %(language)s, which you speak") % {
            "language": _language(params.get("language"))
        }
    if code == "group_kept":
        size = int(params.get("size") or 0)
        return ngettext(
            "your group of %(size)s stays together",
            "your group of %(size)s stays together",
            size,
        ) % {"size": size}
    return None


def _their_clause(code: str, params: Mapping, names: _Names) -> str | None:
    if code == "challenge_rank":
        challenge = names.challenge(params.get("challenge"))
        if params.get("rank") == 1:
            return _("it works on “%(challenge)s”, their first choice") % {"challenge": challenge}
        return _("it works on “%(challenge)s”, their choice number %(rank)s") % {
            "challenge": challenge,
            "rank": params.get("rank"),
        }
    if code == "challenge_unranked":
        return _("it works on “%(challenge)s”, which was not among their choices") % {
            "challenge": names.challenge(params.get("challenge"))
        }
    if code == "brings_skill":
        skill = names.skill(params.get("skill"))
        if params.get("holders") == 1:
            return _("they are the only member who brings %(skill)s, which every team needs") % {
                "skill": skill
            }
        return _("they are one of two members who bring %(skill)s, which every team needs") % {
            "skill": skill
        }
    if code == "working_language":
        return _("it works in %(language)s, which they speak") % {
            "language": _language(params.get("language"))
        }
    if code == "group_kept":
        size = int(params.get("size") or 0)
        return ngettext(
            "their group of %(size)s stays together",
            "their group of %(size)s stays together",
            size,
        ) % {"size": size}
    return None


def member_sentences(*, members: Sequence[TeamMember], reader=None) -> list[str]:
    """One sentence per member on why they are in their team: to ``reader`` about themself
    ("you"), to anyone else (the organiser) about the member by name."""
    members = list(members)
    names = _names(reason for member in members for reason in member.reasons or [])
    sentences = []
    for member in members:
        user = member.registration.user
        own = reader is not None and user.pk == reader.pk
        wording = _own_clause if own else _their_clause
        clauses = [
            clause
            for reason in member.reasons or []
            if (clause := wording(reason.get("code", ""), reason.get("params") or {}, names))
        ]
        if own:
            sentence = (
                _("You are in this team because %(reasons)s.")
                % {"reasons": get_text_list(clauses, _("and"))}
                if clauses
                else _("You were placed in this team to fill it while keeping every rule.")
            )
        else:
            name = user.get_full_name() or _("a colleague")
            sentence = (
                _("%(name)s is in this team because %(reasons)s.")
                % {"name": name, "reasons": get_text_list(clauses, _("and"))}
                if clauses
                else _("%(name)s was placed in this team to fill it while keeping every rule.")
                % {"name": name}
            )
        sentences.append(sentence)
    return sentences


# --- why a team has no mentor ----------------------------------------------------------------


def mentor_gap_sentence(*, team: Team) -> str:
    """Why the team was left without a mentor; empty when it has one or no reason is stored."""
    gap = team.mentor_gap or {}
    code, params = gap.get("code"), gap.get("params") or {}
    if team.mentor_id or not code:
        return ""
    names = _names([gap])
    language = _language(params.get("language"))
    skill = names.skill(params["skill"]) if params.get("skill") else ""
    if code == "no_mentor_speaks_language":
        return _("No mentor who offered speaks %(language)s, the team's working language.") % {
            "language": language
        }
    if code == "no_mentor_holds_skill":
        return _("No mentor who offered holds %(skill)s, the skill this team has least of.") % {
            "skill": skill
        }
    if code == "no_mentor_with_language_and_skill":
        return _("Some mentors speak %(language)s and some hold %(skill)s, but none does both.") % {
            "language": language,
            "skill": skill,
        }
    if code == "eligible_mentors_full":
        eligible = int(params.get("eligible") or 0)
        return ngettext(
            "%(eligible)s mentor speaks %(language)s and holds %(skill)s, but their "
            "%(places)s places went to other teams.",
            "%(eligible)s mentors speak %(language)s and hold %(skill)s, but their "
            "%(places)s places went to other teams.",
            eligible,
        ) % {
            "eligible": eligible,
            "language": language,
            "skill": skill,
            "places": params.get("places"),
        }
    return _("No mentor could be matched to this team.")


# --- why no teams could be formed -------------------------------------------------------------


def _blocker_sentence(code: str, params: Mapping, names: _Names) -> str:
    if code == "group_too_big":
        return (
            _(
                "The group with code %(group)s has %(size)s people, more than the largest team "
                "of %(max_size)s."
            )
            % params
        )
    if code == "group_unit_cap":
        return _(
            "The group with code %(group)s brings %(count)s people from %(unit)s, but a team "
            "takes at most %(max_per_unit)s from one unit."
        ) % {**params, "unit": names.unit(params.get("unit"))}
    if code == "group_language":
        return _("The %(size)s people of the group with code %(group)s share no language.") % (
            params
        )
    if code == "team_sizes":
        return (
            _("%(people)s people cannot be split into teams of %(min_size)s to %(max_size)s.")
            % params
        )
    if code == "challenge_capacity":
        if "teams_needed" in params:
            return _(
                "%(people)s people need at least %(teams_needed)s teams, but the challenges "
                "take only %(teams_allowed)s: %(short)s short."
            ) % {**params, "short": params["teams_needed"] - params["teams_allowed"]}
        return _("The challenges take too few teams for everyone who registered.")
    if code == "required_skill":
        skill = names.skill(params.get("skill"))
        carriers, needed = params.get("carriers", 0), params.get("teams_needed", 0)
        if carriers < needed:
            return _(
                "Every team needs %(skill)s, but only %(holders)s people bring it, spread over "
                "%(carriers)s groups or free agents, for at least %(teams_needed)s teams: "
                "%(short)s short."
            ) % {**params, "skill": skill, "short": needed - carriers}
        return _(
            "Every team needs %(skill)s, and its %(holders)s holders cannot be spread over the "
            "teams while the other rules hold."
        ) % {**params, "skill": skill}
    if code == "unit_cap":
        unit = names.unit(params.get("unit"))
        if "places" in params:
            return _(
                "%(people)s people come from %(unit)s, but at %(max_per_unit)s per team and at "
                "most %(teams)s teams there are %(places)s places: %(over)s too many."
            ) % {**params, "unit": unit, "over": params["people"] - params["places"]}
        return _(
            "%(people)s people come from %(unit)s: too many to spread at %(max_per_unit)s per "
            "team while the other rules hold."
        ) % {**params, "unit": unit}
    if code == "language":
        if "min_size" in params:
            return (
                _("%(people)s people speak no language that at least %(min_size)s people share.")
                % params
            )
        speakers = params.get("speakers") or {}
        counts = get_text_list(
            [
                _("%(language)s: %(count)s") % {"language": _language(code), "count": count}
                for code, count in speakers.items()
            ],
            _("and"),
        )
        return _(
            "Not enough people share a language to form teams that each work in one "
            "(speakers: %(counts)s)."
        ) % {"counts": counts}
    if code == "time_limit":
        return _("The solver ran out of time before finding teams. Try again, or relax one rule.")
    if code == "no_split_found":
        return _(
            "The solver found no way to split people into teams that meets every rule. Try "
            "wider team sizes or a higher limit per unit."
        )
    return _("A rule blocks the teams: %(rule)s.") % {"rule": code}


def blocker_sentences(*, infeasible: formation.Infeasible, event=None) -> list[str]:
    """Which rules block any plan, and by how much, one sentence each; a rule that blocks only
    together with others says which."""
    reasons = [
        {"code": reason.code, "params": dict(reason.params)} for reason in infeasible.blockers
    ]
    names = _names(reasons)
    sentences = []
    for reason in reasons:
        sentence = _blocker_sentence(reason["code"], reason["params"], names)
        others = [
            str(FAMILY_NAMES[other])
            for other in dict.fromkeys(reason["params"].get("together_with") or ())
            if other in FAMILY_NAMES
        ]
        if others:
            sentence += " " + _("It blocks together with %(others)s.") % {
                "others": get_text_list(others, _("and"))
            }
        sentences.append(sentence)
    return sentences
