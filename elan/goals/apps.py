# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from elan.core.modules import ModuleLink, module_register, team_items_register
from elan.core.vocabulary import LoopStep


class GoalsConfig(AppConfig):
    name = "elan.goals"
    label = "goals"
    verbose_name = _("Innovation goals and the evaluation cycle")

    def ready(self) -> None:
        # Imported here because they import models, which exist only once the registry is ready.
        from elan.goals import home, receivers, rules  # noqa: F401
        from elan.organisations.signals import line_managers_changed

        module_register(
            ModuleLink(
                LoopStep.PLAN,
                _("Innovation goals"),
                ("goals:home",),
                _("Balanced goals for your evaluation cycle: a skill to apply, a result to reach."),
                state=home.own_state,
            )
        )
        team_items_register("goals", home.role_items)

        # Organisations sits below goals and cannot call it; it says when managers change.
        line_managers_changed.connect(
            receivers.follow_line_manager_changes,
            dispatch_uid="elan_goals_evaluators_follow_the_chart",
        )
