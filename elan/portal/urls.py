# SPDX-License-Identifier: EUPL-1.2
from django.urls import path

from elan.portal import views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("accessibility/", views.accessibility_statement, name="accessibility"),
    path("accessibility/report/", views.report_barrier, name="report_barrier"),
]
