# SPDX-License-Identifier: EUPL-1.2
"""A team's retrospective boards: columns, cards (named or anonymous), dot votes, groups, and
the actions the team agreed, which live in the team's plan in insights (docs/retrospectives.md,
docs/adr/0019-retrospective-actions-join-the-team-plan.md).

An anonymous card holds no author and no time: nothing in its row, its history or its
neighbours says who wrote it or when.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from elan.core.models import AppendedEvent
from elan.retrospectives.constants import (
    CARD_MAX,
    COLUMN_LABELS,
    COLUMN_TITLE_MAX,
    DEFAULT_DOTS,
    GROUP_TITLE_MAX,
    TITLE_MAX,
    BoardFormat,
    BoardStatus,
)


class Board(models.Model):
    """One retrospective of one team (a unit). Purpose: the team looks back and agrees what to
    change. Retention: with the team; its actions stay in the team's plan."""

    unit = models.ForeignKey(
        "organisations.Unit",
        on_delete=models.PROTECT,
        related_name="retrospective_boards",
        verbose_name=_("team"),
    )
    title = models.CharField(_("title"), max_length=TITLE_MAX)
    format = models.CharField(_("columns"), max_length=32, choices=BoardFormat.choices)
    status = models.CharField(
        _("status"), max_length=16, choices=BoardStatus.choices, default=BoardStatus.COLLECTING
    )
    dots_per_person = models.PositiveSmallIntegerField(_("dots per person"), default=DEFAULT_DOTS)
    facilitator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("facilitator"),
    )
    held_on = models.DateField(_("held on"))

    class Meta:
        verbose_name = _("retrospective")
        verbose_name_plural = _("retrospectives")
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return self.title


class BoardEvent(AppendedEvent):
    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="history")
    from_status = models.CharField(max_length=16, blank=True)
    to_status = models.CharField(max_length=16)

    class Meta(AppendedEvent.Meta):
        verbose_name = _("retrospective event")
        verbose_name_plural = _("retrospective events")


class Column(models.Model):
    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="columns")
    position = models.PositiveSmallIntegerField()
    # A ready-made column is its key, shown in the reader's language; a custom one its title.
    key = models.CharField(max_length=32, blank=True)
    title = models.CharField(_("column"), max_length=COLUMN_TITLE_MAX, blank=True)

    class Meta:
        verbose_name = _("column")
        verbose_name_plural = _("columns")
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["board", "position"], name="one_column_per_position"),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return str(COLUMN_LABELS[self.key]) if self.key in COLUMN_LABELS else self.title


class CardGroup(models.Model):
    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="groups")
    title = models.CharField(_("group"), max_length=GROUP_TITLE_MAX)

    class Meta:
        verbose_name = _("group of cards")
        verbose_name_plural = _("groups of cards")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.title


class Card(models.Model):
    """What one person wants the team to hear. Purpose: the retrospective. Retention: with the
    board; a named card goes when its author's account is erased.

    No time is stored, for any card, and the key is random rather than a sequence: the board
    lists cards in the order of their keys, and its page carries them, so that neither says
    which card came right after a named one."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="cards")
    column = models.ForeignKey(Column, on_delete=models.CASCADE, related_name="cards")
    text = models.TextField(_("card"), max_length=CARD_MAX)
    # The language the card was written in (the writer's interface language), so that the board
    # marks it for screen readers; the text shows it anyway, so it tells no more than the text.
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    # None for an anonymous card: the only way to keep a name out is never to write it.
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="retrospective_cards",
        verbose_name=_("author"),
    )
    group = models.ForeignKey(
        CardGroup,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="cards",
        verbose_name=_("group"),
    )

    class Meta:
        verbose_name = _("card")
        verbose_name_plural = _("cards")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.text[:60]


class Vote(models.Model):
    """One dot of one person on one card. Counted, never shown by name."""

    card = models.ForeignKey(Card, on_delete=models.CASCADE, related_name="votes")
    voter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="retrospective_votes"
    )

    class Meta:
        verbose_name = _("dot vote")
        verbose_name_plural = _("dot votes")
        constraints = [
            models.UniqueConstraint(fields=["card", "voter"], name="one_dot_per_card_and_voter"),
        ]

    def __str__(self) -> str:
        # A dot names no one where it is shown: the card it is on is all it says.
        return str(self.card)


class BoardAction(models.Model):
    """Which of the team's actions (in insights) this retrospective agreed."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="actions")
    action = models.OneToOneField(
        "insights.Action", on_delete=models.CASCADE, related_name="retrospective"
    )

    class Meta:
        verbose_name = _("retrospective action")
        verbose_name_plural = _("retrospective actions")
        ordering = ["pk"]

    def __str__(self) -> str:
        return str(self.action)
