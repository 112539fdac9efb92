# SPDX-License-Identifier: EUPL-1.2
"""Who may do what with ideas, one rule per line (docs/access.md).

A campaign and its ideas are read by everyone in its unit and below, its owners, HR whose role
covers the unit and moderators; a unit's idea box by everyone in its organisation. Whoever
reads may post, support (not their own idea) and comment. The owner, or the line manager an
idea was escalated to, answers it. A moderator hides an idea or a comment, with a reason. A
hidden idea stays readable by its author, whoever answers it and the moderators.
"""

from __future__ import annotations

import rules

from elan.ideas import selectors
from elan.ideas.constants import CLOCK_STATUSES
from elan.organisations.rules import is_hr, is_moderator, is_team_lead


@rules.predicate
def reads_campaign(user, campaign) -> bool:
    return campaign is not None and selectors.may_read_campaign(user=user, campaign=campaign)


@rules.predicate
def owns_campaign(user, campaign) -> bool:
    return campaign is not None and selectors.is_campaign_owner(user=user, campaign=campaign)


@rules.predicate
def campaign_takes_ideas(user, campaign) -> bool:
    return campaign is not None and selectors.accepts_ideas(campaign)


@rules.predicate
def reads_box(user, unit) -> bool:
    return unit is not None and selectors.may_read_box(user=user, unit=unit)


@rules.predicate
def reads_idea(user, idea) -> bool:
    return idea is not None and selectors.may_read_idea(user=user, idea=idea)


@rules.predicate
def idea_is_shown(user, idea) -> bool:
    return idea is not None and not idea.is_hidden


@rules.predicate
def wrote_idea(user, idea) -> bool:
    return idea is not None and idea.author_id is not None and idea.author_id == user.pk


@rules.predicate
def answers_idea(user, idea) -> bool:
    return idea is not None and selectors.answers(user=user, idea=idea)


@rules.predicate
def clock_runs(user, idea) -> bool:
    return idea is not None and idea.status in CLOCK_STATUSES


rules.add_perm("ideas.create_campaign", rules.is_authenticated & (is_hr | is_team_lead))
rules.add_perm("ideas.view_campaign", rules.is_authenticated & reads_campaign)
rules.add_perm("ideas.manage_campaign", rules.is_authenticated & owns_campaign)
rules.add_perm(
    "ideas.post_to_campaign", rules.is_authenticated & reads_campaign & campaign_takes_ideas
)
rules.add_perm("ideas.view_box", rules.is_authenticated & reads_box)
rules.add_perm("ideas.post_to_box", rules.is_authenticated & reads_box)
rules.add_perm(
    "ideas.view_idea",
    rules.is_authenticated
    & reads_idea
    & (idea_is_shown | wrote_idea | answers_idea | is_moderator),
)
rules.add_perm(
    "ideas.support_idea", rules.is_authenticated & reads_idea & idea_is_shown & ~wrote_idea
)
rules.add_perm("ideas.comment_idea", rules.is_authenticated & reads_idea & idea_is_shown)
rules.add_perm("ideas.answer_idea", rules.is_authenticated & answers_idea & clock_runs)
rules.add_perm("ideas.moderate", rules.is_authenticated & is_moderator)
