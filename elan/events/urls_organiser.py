# SPDX-License-Identifier: EUPL-1.2
"""The events' pages for the organiser, and a unit's challenge form."""

from django.urls import path

from elan.events import views_organiser as views

urlpatterns = [
    path("organise/", views.organiser_list, name="organiser_list"),
    path("organise/new/", views.event_new, name="event_new"),
    path("organise/<uuid:public_id>/", views.event_manage, name="event_manage"),
    path("organise/<uuid:public_id>/edit/", views.event_edit, name="event_edit"),
    path("organise/<uuid:public_id>/move/", views.event_move, name="event_move"),
    path("organise/<uuid:public_id>/teams/", views.event_teams, name="event_teams"),
    path("organise/<uuid:public_id>/teams/propose/", views.teams_propose, name="teams_propose"),
    path("organise/<uuid:public_id>/teams/swap/", views.team_swap, name="team_swap"),
    path("organise/<uuid:public_id>/teams/publish/", views.teams_publish, name="teams_publish"),
    path("organise/<uuid:public_id>/help/", views.help_figures, name="help_figures"),
    path("<uuid:public_id>/challenges/new/", views.challenge_new, name="challenge_new"),
]
