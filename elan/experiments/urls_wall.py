# SPDX-License-Identifier: EUPL-1.2
"""The learning wall and the yearly "what we learnt" report: for everyone logged in."""

from django.urls import path

from elan.experiments import views_wall

urlpatterns = [
    path("wall/", views_wall.wall, name="wall"),
    path("report/", views_wall.report, name="report"),
    path("report.pdf", views_wall.report_pdf, name="report_pdf"),
]
