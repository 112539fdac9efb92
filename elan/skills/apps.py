# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SkillsConfig(AppConfig):
    name = "elan.skills"
    label = "skills"
    verbose_name = _("Skills")

    def ready(self) -> None:
        from elan.core.modules import ModuleLink, module_register
        from elan.core.vocabulary import LoopStep

        module_register(
            ModuleLink(
                LoopStep.LEARN,
                _("Innovation skills"),
                ("skills:framework_list",),
                _("The skills innovation asks for, and what each looks like at every level."),
            )
        )
