# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedbackConfig(AppConfig):
    name = "elan.feedback"
    label = "feedback"
    verbose_name = _("360 feedback and instrument quality")

    def ready(self) -> None:
        from elan.core.modules import ModuleLink, module_register
        from elan.core.vocabulary import LoopStep

        module_register(
            ModuleLink(
                LoopStep.LOOK,
                _("360 feedback"),
                ("feedback:home",),
                _("Ask colleagues how they see your innovation skills, anonymously."),
            )
        )
