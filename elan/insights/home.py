# SPDX-License-Identifier: EUPL-1.2
"""What the surveys ask of a person, of a team lead and of whoever runs campaigns, for the home
page (``elan.core.modules``).

A person sees their own invitations and the actions they own. A team lead sees their team's
turnout while a round is open, results waiting for the team-first decision and the team's
actions due. Whoever runs campaigns (HR within scope, a team lead for their unit) sees them and
what needs a decision.

Turnout is never a count (docs/privacy-insights.md): it is a band over at least the campaign's
minimum of invited people plus one, each band spanning at least two possible counts, so no band
says exactly how many answered, nor that nobody or everybody did. It is counted up to the end of
yesterday, so a page looked at before and after someone answers shows the same band, and a
change of band can only be dated to the day. It comes from who took part (``Participation``),
never from what was answered.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Iterable

import rules
from django.db.models import Count, F, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from elan.core.modules import Audience, DateKind, ModuleState, ModuleStatus, TeamItem
from elan.insights.constants import CampaignStatus, CheckStatus
from elan.insights.models import Action, Campaign, Participation, Release, Round
from elan.insights.selectors import ancestor_paths, round_opens_on_after, today, unit_names
from elan.organisations.constants import Role
from elan.organisations.models import StaffRecord
from elan.organisations.selectors import Coverage, coverage_of

# At most this many items of one kind on the home page; the surveys page lists them all.
LIMIT = 5
# A team's actions appear this many days before their check is due.
ACTION_NOTICE_DAYS = 7
# A round's results are waiting for the team at most this long after it closed (the team-first
# period is a fortnight by default); older rounds are not read at all.
TEAM_FIRST_LOOKBACK_DAYS = 366
# A round's chart snapshot holds the whole subtree of its campaign (thousands of units in a
# federal chart): read only where a team's subtree is looked up in it.
SNAPSHOT_FIELDS = ("chart", "partial_units")


# --- Turnout as a band ---------------------------------------------------------------------------


FEW, ENOUGH, MOST = "few", "enough", "most"


def turnout_band(*, invited: int, answered: int, minimum: int) -> str | None:
    """The band ``answered`` falls in, or None when the group is too small for any band.

    Bands: fewer than ``minimum`` (results need that many), at least ``minimum``, and three
    quarters or more of the invited. A group of ``minimum`` people or fewer gets no band: with
    it, "enough" would mean "everyone". A band that would hold a single possible count is
    merged into "at least ``minimum``", so no band ever pins the count down.
    """
    minimum = max(minimum, 2)
    if invited <= minimum:
        return None
    answered = max(0, min(answered, invited))
    if answered < minimum:
        return FEW
    most_from = max(math.ceil(0.75 * invited), minimum)
    enough_width = most_from - minimum  # counts minimum .. most_from - 1
    most_width = invited - most_from + 1  # counts most_from .. invited
    if enough_width == 1 or most_width < 2:
        return ENOUGH
    return MOST if answered >= most_from else ENOUGH


def turnout_sentence(*, band: str | None, minimum: int) -> str:
    counted = _("Counted up to yesterday, so that no answer can be timed.")
    if band == FEW:
        text = _(
            "Fewer than %(minimum)s people have answered so far; results need at least %(minimum)s."
        )
    elif band == ENOUGH:
        text = _("At least %(minimum)s people have answered so far.")
    elif band == MOST:
        text = _("Three quarters or more of the people invited have answered.")
    else:
        return _(
            "Turnout is shown only for groups of more than %(minimum)s people, so that it never "
            "tells who answered."
        ) % {"minimum": minimum}
    return f"{text % {'minimum': minimum}} {counted}"


def _turnout_counts(
    rounds: Iterable[Round], *, codes: Iterable[str] | None, day: datetime.date
) -> dict[tuple[int, str], tuple[int, int]]:
    """(round, unit code or "") -> (invited, answered before ``day``), in one query.

    With ``codes`` None, per round; else per round and unit, for those units only.
    """
    rows = Participation.objects.filter(round__in=[r.pk for r in rounds])
    fields = ["round_id"]
    if codes is not None:
        rows = rows.filter(unit_code__in=sorted(set(codes)))
        fields.append("unit_code")
    counts = {}
    for row in (
        rows.values(*fields)
        .annotate(invited=Count("pk"), answered=Count("pk", filter=Q(responded_on__lt=day)))
        .order_by()
    ):
        counts[(row["round_id"], row.get("unit_code", ""))] = (row["invited"], row["answered"])
    return counts


# --- The person's own ----------------------------------------------------------------------------


def own_state(user) -> list[ModuleState]:
    """The surveys waiting for the person's answer, those they answered while still open, and
    the actions they own whose check is pending."""
    day = today()
    states = []
    participations = Participation.objects.filter(
        user=user,
        round__closed_on__isnull=True,
        round__campaign__status=CampaignStatus.OPEN,
    ).select_related("round__campaign")
    participations = participations.defer(*(f"round__{name}" for name in SNAPSHOT_FIELDS))
    for participation in participations:
        round_ = participation.round
        campaign = round_.campaign
        if participation.responded_on is not None:
            states.append(
                ModuleState(
                    ModuleStatus.DONE,
                    _("You answered “%(title)s”") % {"title": campaign.title},
                    date=participation.responded_on,
                    date_kind=DateKind.DONE_ON,
                )
            )
        elif round_.opens_on <= day <= round_.closes_on:
            states.append(
                ModuleState(
                    ModuleStatus.WAITING,
                    _("Answer the survey “%(title)s”") % {"title": campaign.title},
                    reverse("insights:respond", kwargs={"pk": campaign.pk}),
                    round_.closes_on,
                    DateKind.OPEN_UNTIL,
                    _("Your answers are stored without your name."),
                )
            )
    # A team without a team lead of its own decides through its members; a lead sees the
    # decision among their team's items instead.
    own_unit = StaffRecord.objects.filter(user=user).values_list("unit__code", "unit__path").first()
    leads = coverage_of(user=user, role=Role.TEAM_LEAD)
    if own_unit and own_unit[0] not in leads.root_codes:
        code, path = own_unit
        decisions = _team_first_decisions(
            user, frozenset({code}), (path,), day=day, audience=Audience.TEAM
        )
        states += [item.state for item in decisions]
    actions = Action.objects.filter(owner=user, check_status=CheckStatus.PENDING).order_by(
        "check_due_on", "pk"
    )[:LIMIT]
    for action in actions:
        due = action.check_due_on <= day
        states.append(
            ModuleState(
                ModuleStatus.WAITING if due else ModuleStatus.IN_PROGRESS,
                (_("Check how “%(title)s” went") if due else _("Your team's action “%(title)s”"))
                % {"title": action.title},
                reverse("insights:action_check", kwargs={"pk": action.pk}),
                action.check_due_on,
                DateKind.DUE_ON,
            )
        )
    return states


# --- The team's and the campaigns' ---------------------------------------------------------------


def role_items(user) -> list[TeamItem]:
    """Open items of the teams the person leads and of the campaigns they run."""
    leads = coverage_of(user=user, role=Role.TEAM_LEAD)
    hr = coverage_of(user=user, role=Role.HR)
    if leads.is_empty and hr.is_empty:
        return []
    day = today()
    running = leads | hr  # who runs campaigns (selectors.surveying_coverage)
    campaign_audience = Audience.TEAM if hr.is_empty else Audience.ORGANISATION
    items = _campaign_items(running, audience=campaign_audience, day=day)
    managed_rounds = {item_round for item_round, _item in items if item_round is not None}
    result = [item for _round, item in items]
    if not leads.is_empty:
        result += _team_turnout(leads, day=day, skip=managed_rounds)
        result += _team_first_decisions(
            user, leads.root_codes, leads.root_paths, day=day, audience=Audience.TEAM
        )
        result += _team_actions(user, leads, day=day)
    return result


def _at_or_above(paths: Iterable[str]) -> Q:
    """Rounds of campaigns on the unit at one of ``paths`` or on a unit above it."""
    condition = Q(pk__in=[])
    for path in paths:
        condition |= Q(campaign__unit__path__in=ancestor_paths(path))
    return condition


def _team_turnout(leads: Coverage, *, day: datetime.date, skip: set[int]) -> list[TeamItem]:
    rounds = Round.objects.filter(
        _at_or_above(leads.root_paths), closed_on__isnull=True, campaign__status=CampaignStatus.OPEN
    ).select_related("campaign")
    teams: list[tuple[Round, str, list[str]]] = []
    for round_ in rounds:
        if round_.pk in skip:
            continue
        # The team is found in the snapshot by its code, its subtree by the path it had then.
        path_of = dict(round_.chart)
        for code in sorted(leads.root_codes):
            root = path_of.get(code)
            if root is not None:
                subtree = [c for c, path in round_.chart if path.startswith(root)]
                teams.append((round_, code, subtree))
    teams = teams[:LIMIT]
    if not teams:
        return []
    counts = _turnout_counts(
        {round_ for round_, _code, _codes in teams},
        codes=[c for _round, _code, codes in teams for c in codes],
        day=day,
    )
    names = unit_names([code for _round, code, _codes in teams])
    items = []
    for round_, code, codes in teams:
        invited = sum(counts.get((round_.pk, c), (0, 0))[0] for c in codes)
        answered = sum(counts.get((round_.pk, c), (0, 0))[1] for c in codes)
        minimum = round_.campaign.min_group
        band = turnout_band(invited=invited, answered=answered, minimum=minimum)
        items.append(
            TeamItem(
                Audience.TEAM,
                ModuleState(
                    ModuleStatus.IN_PROGRESS,
                    _("“%(title)s” is open for %(unit)s")
                    % {"title": round_.campaign.title, "unit": names.get(code, code)},
                    date=round_.closes_on,
                    date_kind=DateKind.OPEN_UNTIL,
                    detail=turnout_sentence(band=band, minimum=minimum),
                ),
            )
        )
    return items


def _team_first_decisions(
    user,
    codes: frozenset[str],
    paths: Iterable[str],
    *,
    day: datetime.date,
    audience: Audience,
) -> list[TeamItem]:
    """Closed rounds whose results the team of each unit in ``codes`` (at ``paths`` in today's
    chart) sees first and has not shared yet, where the person may share them
    (``insights.share_results``)."""
    if not codes:
        return []
    since = day - datetime.timedelta(days=TEAM_FIRST_LOOKBACK_DAYS)
    rounds = (
        Round.objects.filter(_at_or_above(paths), closed_on__gte=since)
        .exclude(campaign__status=CampaignStatus.CANCELLED)
        .select_related("campaign")
        .defer(*SNAPSHOT_FIELDS)
        .order_by("closed_on", "pk")
    )
    waiting = []
    for round_ in rounds:
        goes_up_on = round_.goes_up_on
        if goes_up_on is None or day >= goes_up_on:
            continue
        pooled = set(round_.pooled_units)
        waiting += [(round_, code) for code in sorted(codes) if code in pooled]
    if not waiting:
        return []
    shared = set(
        Release.objects.filter(round__in=[r.pk for r, _code in waiting]).values_list(
            "round_id", "unit_code"
        )
    )
    waiting = [(r, code) for r, code in waiting if (r.pk, code) not in shared][:LIMIT]
    names = unit_names([code for _round, code in waiting])
    # The rule depends on the unit only: asked once per unit.
    may_share = {
        code: rules.has_perm("insights.share_results", user, code)
        for code in {code for _round, code in waiting}
    }
    items = []
    for round_, code in waiting:
        if not may_share[code]:
            continue
        url = reverse("insights:release", kwargs={"pk": round_.campaign_id, "code": code})
        items.append(
            TeamItem(
                audience,
                ModuleState(
                    ModuleStatus.WAITING,
                    _("Results of “%(title)s” for %(unit)s: your team sees them first")
                    % {"title": round_.campaign.title, "unit": names.get(code, code)},
                    f"{url}?round={round_.number}",
                    round_.goes_up_on,
                    DateKind.DECIDE_BY,
                    _("Share them up the line now, or they go up on their own on that day."),
                ),
            )
        )
    return items


def _team_actions(user, leads: Coverage, *, day: datetime.date) -> list[TeamItem]:
    """The team's actions whose check is due soon or overdue (the person's own are theirs)."""
    actions = (
        Action.objects.filter(
            plan__unit_code__in=sorted(leads.root_codes),
            check_status=CheckStatus.PENDING,
            check_due_on__lte=day + datetime.timedelta(days=ACTION_NOTICE_DAYS),
        )
        .exclude(owner=user)
        .order_by("check_due_on", "pk")[:LIMIT]
    )
    return [
        TeamItem(
            Audience.TEAM,
            ModuleState(
                ModuleStatus.WAITING if action.check_due_on <= day else ModuleStatus.IN_PROGRESS,
                _("Check with the team how “%(title)s” went") % {"title": action.title},
                reverse("insights:action_check", kwargs={"pk": action.pk}),
                action.check_due_on,
                DateKind.DUE_ON,
            ),
        )
        for action in actions
    ]


def _campaign_items(
    running: Coverage, *, audience: Audience, day: datetime.date
) -> list[tuple[int | None, TeamItem]]:
    """The campaigns the person runs that are under way, and what needs their decision.

    Returns (open round id or None, item), so that a team lead's own campaign is not listed a
    second time as their team's turnout.
    """
    if running.is_empty:
        return []
    # A closed campaign needs nothing once its planned rounds have run: those, the many of past
    # years, are not read.
    campaigns = list(
        Campaign.objects.filter(running.unit_filter("unit__"))
        .annotate(round_count=Count("rounds"))
        .filter(
            Q(status__in=(CampaignStatus.DRAFT, CampaignStatus.OPEN))
            | Q(status=CampaignStatus.CLOSED, round_count__lt=F("planned_rounds"))
        )
        .order_by("-created_at", "-pk")
    )
    draft = [c for c in campaigns if c.status == CampaignStatus.DRAFT]
    open_ = [c for c in campaigns if c.status == CampaignStatus.OPEN]
    to_run = [c for c in campaigns if c.status == CampaignStatus.CLOSED]
    open_rounds = {
        r.campaign_id: r
        for r in Round.objects.filter(
            campaign__in=[c.pk for c in open_[:LIMIT]], closed_on__isnull=True
        ).defer(*SNAPSHOT_FIELDS)
    }
    counts = _turnout_counts(open_rounds.values(), codes=None, day=day)
    items: list[tuple[int | None, TeamItem]] = []

    def item(status, label, campaign, date=None, kind=None, detail="", round_id=None):
        url = reverse("insights:campaign_detail", kwargs={"pk": campaign.pk})
        state = ModuleState(status, label, url, date, kind, detail)
        items.append((round_id, TeamItem(audience, state)))

    for campaign in open_[:LIMIT]:
        round_ = open_rounds.get(campaign.pk)
        if round_ is None:
            continue
        values = {"title": campaign.title, "number": round_.number}
        if round_.closes_on < day:
            label = _("Close round %(number)s of “%(title)s” and publish the results") % values
            item(ModuleStatus.WAITING, label, campaign, round_.closes_on, DateKind.DUE_ON)
            continue
        invited, answered = counts.get((round_.pk, ""), (0, 0))
        minimum = campaign.min_group
        band = turnout_band(invited=invited, answered=answered, minimum=minimum)
        item(
            ModuleStatus.IN_PROGRESS,
            _("Round %(number)s of “%(title)s” is open") % values,
            campaign,
            round_.closes_on,
            DateKind.OPEN_UNTIL,
            turnout_sentence(band=band, minimum=minimum),
            round_.pk,
        )
    for campaign in draft[:LIMIT]:
        values = {"title": campaign.title}
        if campaign.opens_on <= day:
            label = _("Open the first round of “%(title)s”") % values
            item(ModuleStatus.WAITING, label, campaign, campaign.opens_on, DateKind.FROM)
        else:
            label = _("“%(title)s” is a draft") % values
            item(ModuleStatus.IN_PROGRESS, label, campaign, campaign.opens_on, DateKind.FROM)
    # When the next round may open follows from each campaign's latest round, read at once.
    latest: dict[int, Round] = {}
    for round_ in (
        Round.objects.filter(campaign__in=[c.pk for c in to_run[:LIMIT]])
        .only("campaign_id", "number", "opens_on", "closed_on")
        .order_by("campaign_id", "number")
    ):
        latest[round_.campaign_id] = round_
    for campaign in to_run[:LIMIT]:
        opens_on = round_opens_on_after(campaign=campaign, previous=latest.get(campaign.pk))
        if opens_on is None:
            continue
        values = {"title": campaign.title, "number": campaign.round_count + 1}
        if opens_on <= day:
            label = _("Open round %(number)s of “%(title)s”") % values
            item(ModuleStatus.WAITING, label, campaign, opens_on, DateKind.FROM)
        else:
            label = _("Round %(number)s of “%(title)s” is planned") % values
            item(ModuleStatus.IN_PROGRESS, label, campaign, opens_on, DateKind.FROM)
    hidden = sum(max(len(kind) - LIMIT, 0) for kind in (open_, draft, to_run))
    if hidden:
        state = ModuleState(
            ModuleStatus.IN_PROGRESS,
            _("Your other survey campaigns"),
            reverse("insights:home"),
            detail=_("%(count)s more on the surveys page.") % {"count": hidden},
        )
        items.append((None, TeamItem(audience, state)))
    return items
