# SPDX-License-Identifier: EUPL-1.2
from django.urls import path

from elan.core import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("accessibility/", views.accessibility_statement, name="accessibility"),
    path("accessibility/report/", views.report_barrier, name="report_barrier"),
    path("anonymity/", views.anonymity, name="anonymity"),
    path("anonymity/rule.md", views.anonymity_rule, name="anonymity_rule"),
]
