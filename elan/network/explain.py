# SPDX-License-Identifier: EUPL-1.2
"""Why a pair was made, and why a mentee is still waiting, in one sentence each, in the active
language (docs/network.md, "Explanations").

The matching stores its reasons as data on the pair (``Match.reasons``: the wish the mentor
can help with, whether the pair crosses departments, the languages they share, the mentee's
preference); the sentence is written only when someone reads it, so that each reader gets it in
their own language and from their own side of the pair.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from elan.network.constants import WORKING_LANGUAGES
from elan.organisations.models import Unit
from elan.skills.models import Competency


def _name(user) -> str:
    return user.get_full_name() or _("a colleague")


def _languages(codes) -> str:
    names = dict(WORKING_LANGUAGES)
    return get_text_list([str(names[code]) for code in codes if code in names], _("and"))


@dataclass(frozen=True)
class _Names:
    """The skills and departments a list of pairs' reasons name, read once for the list."""

    skills: dict[str, str]
    units: dict[str, str]

    def skill(self, reasons: dict) -> str:
        return self.skills.get(str(reasons.get("wish")), "")

    def unit(self, path: str) -> str:
        return self.units.get(path, "") if path else ""


def _names_for(all_reasons: list[dict]) -> _Names:
    wishes = {reasons["wish"] for reasons in all_reasons if reasons.get("wish")}
    paths = {
        reasons[key]
        for reasons in all_reasons
        for key in ("mentor_department", "mentee_department")
        if reasons.get(key)
    }
    skills = Competency.objects.filter(pk__in=wishes) if wishes else []
    units = Unit.objects.filter(path__in=paths) if paths else []
    return _Names(
        skills={str(competency.pk): str(competency) for competency in skills},
        units={unit.path: unit.name for unit in units},
    )


def pair_sentence(*, match, reader) -> str:
    """One sentence on why this pair was made, from the reader's side: the mentee reads about
    their mentor, the mentor about their mentee, anyone else (the organiser) about both."""
    return pair_sentences(matches=[match], reader=reader)[0]


def pair_sentences(*, matches, reader) -> list[str]:
    """``pair_sentence`` for each of ``matches``, with the skills and departments they name
    read in two queries rather than per pair (an organiser's page lists every pair)."""
    matches = list(matches)
    names = _names_for([match.reasons or {} for match in matches])
    return [_sentence(match, reader, names) for match in matches]


def _sentence(match, reader, names: _Names) -> str:
    reasons = match.reasons or {}
    mentee, mentor = match.mentee.user, match.mentor.user
    skill = names.skill(reasons)
    languages = _languages(reasons.get("languages", ()))
    rank = reasons.get("preference_rank")
    reader_id = getattr(reader, "pk", None)
    parts: list[str] = []
    if reader_id == mentee.pk:
        name = _name(mentor)
        if skill:
            parts.append(_("%(name)s can help you with %(skill)s") % {"name": name, "skill": skill})
        else:
            parts.append(_("%(name)s mentors in this programme") % {"name": name})
        if reasons.get("cross"):
            department = names.unit(reasons.get("mentor_department", ""))
            parts.append(
                _("works in another department (%(department)s)") % {"department": department}
                if department
                else _("works in another department")
            )
        if languages:
            parts.append(_("speaks %(languages)s with you") % {"languages": languages})
        if rank is not None:
            parts.append(_("was choice %(rank)s on your list") % {"rank": rank + 1})
    elif reader_id == mentor.pk:
        name = _name(mentee)
        if skill:
            parts.append(
                _("%(name)s wants to learn %(skill)s, one of your strengths")
                % {"name": name, "skill": skill}
            )
        else:
            parts.append(_("%(name)s is a mentee in this programme") % {"name": name})
        if reasons.get("cross"):
            department = names.unit(reasons.get("mentee_department", ""))
            parts.append(
                _("works in another department (%(department)s)") % {"department": department}
                if department
                else _("works in another department")
            )
        if languages:
            parts.append(_("speaks %(languages)s with you") % {"languages": languages})
        if rank is not None:
            parts.append(_("asked for you by name"))
    else:
        values = {"mentor": _name(mentor), "mentee": _name(mentee), "skill": skill}
        if skill:
            parts.append(_("%(mentor)s can help %(mentee)s with %(skill)s") % values)
        else:
            parts.append(_("%(mentor)s mentors %(mentee)s") % values)
        if reasons.get("cross"):
            parts.append(_("across departments"))
        if languages:
            parts.append(_("in %(languages)s") % {"languages": languages})
        if rank is not None:
            parts.append(_("the mentee's choice %(rank)s") % {"rank": rank + 1})
    return _("%(reasons)s.") % {"reasons": get_text_list(parts, _("and"))}


@dataclass(frozen=True)
class Waiting:
    """Why a mentee has no mentor yet, and what would change it."""

    why: str
    change: str


def unmatched_explanation(*, diagnosis: dict, for_organiser: bool = False) -> Waiting | None:
    """The diagnosis ``services.diagnose`` stored on the participant, as two sentences for the
    mentee (or, with ``for_organiser``, about them). None when nothing is stored."""
    blocked = (diagnosis or {}).get("blocked")
    if not blocked:
        return None
    names = dict(WORKING_LANGUAGES)
    if blocked == "language":
        why = (
            _("No mentor with a free place shares a working language with this mentee.")
            if for_organiser
            else _("No mentor with a free place shares a working language with you.")
        )
        others = sorted(
            diagnosis.get("other_languages", {}).items(), key=lambda item: (-item[1], item[0])
        )
        if others:
            code, count = others[0]
            change = ngettext(
                "%(count)s mentor speaks %(language)s: that language in the profile would "
                "open a match.",
                "%(count)s mentors speak %(language)s: that language in the profile would "
                "open a match.",
                count,
            ) % {"count": count, "language": names.get(code, code)}
        else:
            change = _("A mentor who speaks one of the same languages needs to join.")
        return Waiting(why, change)
    if blocked == "department":
        return Waiting(
            _(
                "Every mentor who could suit works in the same department, and this programme "
                "pairs people across departments."
            ),
            _("A mentor from another department joining the programme would change this."),
        )
    if blocked == "no_grade":
        return Waiting(
            _(
                "This programme pairs people by level, and the organisation chart has no level "
                "for this person."
            )
            if for_organiser
            else _(
                "This programme pairs people by level, and the organisation chart has no level "
                "for you."
            ),
            _("Once HR records the level in the organisation chart, the next matching counts it."),
        )
    if blocked == "grade":
        return Waiting(
            _("No mentor who could suit is at the level distance this programme asks for."),
            _("The organiser can widen the level distance, or more mentors can join."),
        )
    if blocked == "wish":
        held = [
            (Competency.objects.filter(pk=pk).first(), count)
            for pk, count in diagnosis.get("skills_held", [])
        ]
        skills = get_text_list([str(c) for c, _count in held if c is not None], _("or"))
        why = (
            _("No mentor in this programme shows a strength in the mentee's learning wishes.")
            if for_organiser
            else _("No mentor in this programme shows a strength in your learning wishes.")
        )
        change = (
            _("Mentors here can help with %(skills)s: one of those as a wish would open a match.")
            % {"skills": skills}
            if skills
            else _("A mentor with one of these strengths needs to join.")
        )
        return Waiting(why, change)
    candidates = diagnosis.get("candidates", 0)
    return Waiting(
        ngettext(
            "%(count)s mentor would suit, but every place is taken by mentees they suit as well.",
            "%(count)s mentors would suit, but every place is taken by mentees they suit as well.",
            candidates,
        )
        % {"count": candidates},
        _(
            "A place that frees up, or a mentor taking one more mentee, leads to a match at the "
            "next matching."
        ),
    )
