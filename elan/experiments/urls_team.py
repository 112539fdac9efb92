# SPDX-License-Identifier: EUPL-1.2
"""The manager's view and HR's figures; included in the "experiments" namespace."""

from django.urls import path

from elan.experiments import views_team

urlpatterns = [
    path("team/", views_team.team, name="team"),
    path("figures/", views_team.figures, name="figures"),
    path("figures.csv", views_team.figures_csv, name="figures_csv"),
]
