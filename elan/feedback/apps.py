# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from elan.core.modules import ModuleLink, module_register, team_items_register
from elan.core.vocabulary import LoopStep
from elan.insights.signals import round_closed


class FeedbackConfig(AppConfig):
    name = "elan.feedback"
    label = "feedback"
    verbose_name = _("360 feedback and instrument quality")

    def ready(self) -> None:
        # Imported here because it imports models, which exist only once the registry is ready.
        from elan.assessments.services import growth_skill_confirmer_register
        from elan.feedback import home, tasks
        from elan.feedback.selectors import growth_skills_seen_by_others

        module_register(
            ModuleLink(
                LoopStep.LOOK,
                _("360 feedback"),
                ("feedback:home",),
                _("Ask colleagues how they see your innovation skills, anonymously."),
                state=home.own_state,
            )
        )
        team_items_register("feedback", home.role_items)
        # Assessments sits below feedback: the development plan asks its registered confirmers.
        growth_skill_confirmer_register(confirmer=growth_skills_seen_by_others)
        # Insights sits below feedback and cannot call it; it says when a survey round closes.
        round_closed.connect(
            tasks.quality_snapshots_after_survey_round,
            dispatch_uid="elan_feedback_quality_after_survey_round",
        )
