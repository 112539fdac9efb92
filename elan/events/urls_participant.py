# SPDX-License-Identifier: EUPL-1.2
"""The events' pages for the participant: the events, registering, offering to mentor, and the
team with its help requests, result and retrospectives."""

from django.urls import path

from elan.events import views_participant

urlpatterns = [
    path("", views_participant.home, name="home"),
    path("<uuid:public_id>/", views_participant.event, name="event"),
    path("<uuid:public_id>/register/", views_participant.register, name="register"),
    path(
        "<uuid:public_id>/register/withdraw/",
        views_participant.registration_withdraw,
        name="registration_withdraw",
    ),
    path("<uuid:public_id>/mentor/", views_participant.mentor_volunteer, name="mentor_volunteer"),
    path(
        "<uuid:public_id>/mentor/withdraw/",
        views_participant.mentor_withdraw,
        name="mentor_withdraw",
    ),
    path("teams/<uuid:public_id>/", views_participant.team, name="team"),
    path("teams/<uuid:public_id>/help/", views_participant.help_post, name="help_post"),
    path("teams/<uuid:public_id>/result/", views_participant.result, name="result"),
    path(
        "teams/<uuid:public_id>/result/experiment/",
        views_participant.result_experiment,
        name="result_experiment",
    ),
    path(
        "teams/<uuid:public_id>/retrospective/",
        views_participant.retrospective,
        name="retrospective",
    ),
    path("help/<uuid:public_id>/withdraw/", views_participant.help_withdraw, name="help_withdraw"),
]
