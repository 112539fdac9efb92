# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from elan.core.modules import ModuleLink, module_register, team_items_register
from elan.core.vocabulary import LoopStep


class InsightsConfig(AppConfig):
    name = "elan.insights"
    label = "insights"
    verbose_name = _("Team and organisation insights")

    def ready(self) -> None:
        # Imported here because it imports models, which exist only once the registry is ready.
        from elan.insights import home

        module_register(
            ModuleLink(
                LoopStep.LOOK,
                _("Team climate"),
                ("insights:home",),
                _("Answer your team's climate survey and see its results, never anyone's answers."),
                state=home.own_state,
            )
        )
        team_items_register("insights", home.role_items)
