# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KnowledgeConfig(AppConfig):
    name = "elan.knowledge"
    label = "knowledge"
    verbose_name = _("Knowledge hub")

    def ready(self) -> None:
        # Imported here because it imports models, which exist only once the registry is ready.
        from elan.core.modules import ModuleLink, module_register
        from elan.core.vocabulary import LoopStep
        from elan.knowledge import signals

        signals.connect()
        # The hub's root is a Wagtail page served under /hub/, reversed through the hub's view.
        module_register(
            ModuleLink(
                LoopStep.LEARN,
                _("Knowledge hub"),
                ("knowledge:page",),
                _("What innovation means here: principles, cases, tools and tips."),
                url_kwargs=(("rest", ""),),
            )
        )
