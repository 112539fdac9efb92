# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class SourceBlock(blocks.StructBlock):
    """One source a page draws on: every hub text credits what it rests on, with a link."""

    title = blocks.CharBlock(label=_("Title"), max_length=300)
    url = blocks.URLBlock(label=_("Link"))
    note = blocks.CharBlock(
        label=_("Note"),
        required=False,
        max_length=300,
        help_text=_("Optional: what this source contributed, or its author and year."),
    )

    class Meta:
        icon = "link"
        label = _("Source")
        template = "knowledge/blocks/source.html"
