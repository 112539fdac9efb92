# SPDX-License-Identifier: EUPL-1.2
"""HR's process figures and the units' objectives tree; included in the "goals" namespace."""

from django.urls import path

from elan.goals import views_hr

urlpatterns = [
    path("figures/", views_hr.figures, name="figures"),
    path("figures.csv", views_hr.figures_csv, name="figures_csv"),
    path("talks/", views_hr.talks, name="talks"),
    path("talks.csv", views_hr.talks_csv, name="talks_csv"),
    path("objectives/", views_hr.objectives_home, name="objectives"),
    path("objectives/new/", views_hr.objective_new, name="objective_new"),
    path("objectives/<uuid:public_id>/edit/", views_hr.objective_edit, name="objective_edit"),
]
