# SPDX-License-Identifier: EUPL-1.2
"""What the goals module does when a module below it reports a change."""

from __future__ import annotations

from django.utils.translation import gettext_noop

from elan.goals import services


def follow_line_manager_changes(sender, *, changes, **kwargs) -> None:
    # Stored untranslated: the history page translates it for each reader.
    services.evaluators_follow_the_chart(
        changes=changes, note=gettext_noop("The organisation chart named a new line manager.")
    )
