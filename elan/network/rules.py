# SPDX-License-Identifier: EUPL-1.2
"""Who may do what in the learning network, one rule per line (docs/access.md).

A profile is its owner's; a programme's pages are its participants' and its organisers' (HR
over the programme's unit); a pair's log is the pair's alone; peer help is for any member of
staff with an active profile.
"""

from __future__ import annotations

import rules

from elan.network import selectors
from elan.organisations.rules import is_hr


@rules.predicate
def organises(user, programme) -> bool:
    return programme is not None and selectors.can_organise(user=user, programme=programme)


@rules.predicate
def takes_part(user, programme) -> bool:
    return (
        programme is not None
        and selectors.participation(user=user, programme=programme) is not None
    )


@rules.predicate
def may_join(user, programme) -> bool:
    return (
        programme is not None
        and selectors.open_programmes(user=user).filter(pk=programme.pk).exists()
    )


@rules.predicate
def in_pair(user, match) -> bool:
    return match is not None and selectors.is_in_pair(user=user, match=match)


@rules.predicate
def has_active_profile(user) -> bool:
    return selectors.active_profile(owner=user) is not None


rules.add_perm("network.use", rules.is_authenticated)
rules.add_perm("network.organise", rules.is_authenticated & is_hr)
rules.add_perm("network.manage_programme", rules.is_authenticated & organises)
rules.add_perm(
    "network.view_programme", rules.is_authenticated & (organises | takes_part | may_join)
)
rules.add_perm("network.view_pair", rules.is_authenticated & in_pair)
rules.add_perm("network.peer_help", rules.is_authenticated & has_active_profile)
