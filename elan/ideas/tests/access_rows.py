# SPDX-License-Identifier: EUPL-1.2
"""The ideas' pages in the persona × URL matrix (tests/access_table.py).

The matrix campaign is HR's, put to the personas' organisation: everyone in it reads the
campaign and its ideas and may post; the outsider, in another organisation, gets 404. The
team's idea box is read by everyone in the organisation. The private link of an anonymous idea
answers whoever holds it, logged in or not, and names nobody.
"""

from __future__ import annotations

from tests.access_table import ANSWERED, OK, Row, everyone, logged_in_only, only

IN_ORGANISATION = (
    "employee",
    "line_manager",
    "team_lead",
    "hr",
    "content_editor",
    "moderator",
    "administrator",
)


def _campaign(p) -> dict:
    from elan.ideas.tests.factories import matrix_campaign

    return {"public_id": matrix_campaign(p).public_id}


def _idea(p) -> dict:
    from elan.ideas.tests.factories import matrix_idea

    return {"public_id": matrix_idea(p).public_id}


def _comment(p) -> dict:
    from elan.ideas.tests.factories import matrix_comment

    comment = matrix_comment(p)
    return {"public_id": comment.idea.public_id, "comment_id": comment.public_id}


def _box(p) -> dict:
    return {"code": p.team.code}


def _private(p) -> dict:
    from elan.ideas.tests.factories import MATRIX_TOKEN, matrix_anonymous_idea

    matrix_anonymous_idea(p)
    return {"token": MATRIX_TOKEN}


SCOPE = "everyone in the campaign's or the box's organisation; nobody else learns it exists"

IDEA_ROWS: dict[str, Row] = {
    "ideas:home": Row(logged_in_only(), why="campaigns one reads, one's boxes and ideas"),
    "ideas:figures": Row(
        logged_in_only(), why="each unit's response record, in one's organisation"
    ),
    "ideas:boxes": Row(logged_in_only(), why="the boxes of one's organisation"),
    "ideas:box": Row(only(*IN_ORGANISATION), kwargs=_box, why=SCOPE),
    "ideas:box_idea_new": Row(only(*IN_ORGANISATION), kwargs=_box, why=SCOPE),
    "ideas:campaign_new": Row(only("hr", "team_lead"), why="HR and team leads, in their scope"),
    "ideas:campaign": Row(only(*IN_ORGANISATION), kwargs=_campaign, why=SCOPE),
    "ideas:campaign_edit": Row(only("hr"), kwargs=_campaign, why="the campaign's owners"),
    "ideas:campaign_close": Row(logged_in_only(ANSWERED), kwargs=_campaign, why="POST only"),
    "ideas:campaign_idea_new": Row(only(*IN_ORGANISATION), kwargs=_campaign, why=SCOPE),
    "ideas:private": Row(everyone(OK), kwargs=_private, why="whoever holds the private link"),
    "ideas:idea": Row(only(*IN_ORGANISATION), kwargs=_idea, why=SCOPE),
    "ideas:idea_support": Row(logged_in_only(ANSWERED), kwargs=_idea, why="POST only"),
    "ideas:idea_comment": Row(logged_in_only(ANSWERED), kwargs=_idea, why="POST only"),
    "ideas:idea_answer": Row(logged_in_only(ANSWERED), kwargs=_idea, why="POST only"),
    "ideas:idea_hide": Row(logged_in_only(ANSWERED), kwargs=_idea, why="POST only"),
    "ideas:idea_show": Row(logged_in_only(ANSWERED), kwargs=_idea, why="POST only"),
    "ideas:comment_hide": Row(logged_in_only(ANSWERED), kwargs=_comment, why="POST only"),
}
