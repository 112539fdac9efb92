# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentsConfig(AppConfig):
    name = "elan.assessments"
    label = "assessments"
    verbose_name = _("Self-assessments and development plans")
