# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentsConfig(AppConfig):
    name = "elan.assessments"
    label = "assessments"
    verbose_name = _("Self-assessments and development plans")

    def ready(self) -> None:
        # Imported here because it imports models, which exist only once the registry is ready.
        from elan.assessments.home import plan_state, self_assessment_state
        from elan.core.modules import ModuleLink, module_register
        from elan.core.vocabulary import LoopStep

        module_register(
            ModuleLink(
                LoopStep.LOOK,
                _("Self-assessment"),
                ("assessments:start",),
                _("See your own innovation skills: a private profile only you can read."),
                state=self_assessment_state,
            )
        )
        module_register(
            ModuleLink(
                LoopStep.PLAN,
                _("Development plan"),
                ("assessments:plan",),
                _("Up to three concrete next steps for the skills you want to grow."),
                state=plan_state,
            )
        )
