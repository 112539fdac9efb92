# SPDX-License-Identifier: EUPL-1.2
"""Factories of the ideas, with traits, and the objects of the persona × URL matrix.

- ``CampaignFactory(owner=…, unit=…)``: an open campaign, open since today for a week;
  ``closed=True`` closes it.
- ``post(…)``: an idea posted through the service (deadline, owner and history as in life);
  ``anonymous=True`` returns the private link's token too.
- ``matrix_campaign(personas)``, ``matrix_idea``, ``matrix_comment``, ``MATRIX_TOKEN``: the
  matrix's campaign by HR on the personas' organisation, the employee's named idea in it, a
  colleague's comment, and an anonymous idea in the team's box whose private link is known.
"""

from __future__ import annotations

import datetime

import factory
from django.utils import timezone

from elan.ideas import selectors, services
from elan.ideas.constants import CampaignStatus
from elan.ideas.models import Campaign, Comment, Idea

MATRIX_TITLE = "Matrix campaign"
MATRIX_TOKEN = "matrix-private-link-token-0123456789abcdef"


class CampaignFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Campaign
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Campaign {n}")
    question = "How could we spend less time on paper?"
    language = "en"
    opens_on = factory.LazyFunction(timezone.localdate)
    closes_on = factory.LazyAttribute(lambda c: c.opens_on + datetime.timedelta(days=7))

    class Params:
        closed = factory.Trait(status=CampaignStatus.CLOSED)

    @factory.post_generation
    def owner(self, create, extracted, **kwargs):
        if create and extracted is not None:
            self.owners.add(extracted)
            self.created_by = extracted
            self.save(update_fields=["created_by"])


def post(
    author,
    *,
    campaign: Campaign | None = None,
    box_unit=None,
    title: str = "Print less",
    body: str = "Sign the forms on screen instead of printing them.",
    anonymous: bool = False,
    language: str = "en",
    today: datetime.date | None = None,
):
    """Post an idea as ``author`` would. Returns the idea, and its token when anonymous."""
    idea, token = services.idea_post(
        author=author,
        title=title,
        body=body,
        language=language,
        anonymous=anonymous,
        campaign=campaign,
        box_unit=box_unit,
        today=today,
    )
    return (idea, token) if anonymous else idea


def matrix_campaign(personas) -> Campaign:
    existing = Campaign.objects.filter(title=MATRIX_TITLE).first()
    if existing is not None:
        return existing
    return CampaignFactory(title=MATRIX_TITLE, unit=personas.organisation, owner=personas.hr)


def matrix_idea(personas) -> Idea:
    campaign = matrix_campaign(personas)
    existing = campaign.ideas.filter(author=personas.employee).first()
    return existing or post(personas.employee, campaign=campaign, title="Matrix idea")


def matrix_comment(personas) -> Comment:
    idea = matrix_idea(personas)
    existing = idea.comments.first()
    return existing or services.comment_add(idea=idea, author=personas.team_lead, body="Yes!")


def matrix_anonymous_idea(personas) -> Idea:
    """An anonymous idea in the team's box whose private link is ``MATRIX_TOKEN``."""
    existing = Idea.objects.filter(token_hash=selectors.token_hash(MATRIX_TOKEN)).first()
    if existing is not None:
        return existing
    idea, _token = post(personas.line_manager, box_unit=personas.team, anonymous=True)
    Idea.objects.filter(pk=idea.pk).update(token_hash=selectors.token_hash(MATRIX_TOKEN))
    return idea
