# SPDX-License-Identifier: EUPL-1.2
"""A programme's pages for its participants, and the pair's own pages."""

from django.urls import path

from elan.network import views_participant

urlpatterns = [
    path("programmes/<uuid:public_id>/", views_participant.programme, name="programme"),
    path(
        "programmes/<uuid:public_id>/join/",
        views_participant.programme_join,
        name="programme_join",
    ),
    path(
        "programmes/<uuid:public_id>/leave/",
        views_participant.programme_leave,
        name="programme_leave",
    ),
    path(
        "programmes/<uuid:public_id>/preferences/",
        views_participant.preferences,
        name="preferences",
    ),
    path(
        "programmes/<uuid:public_id>/request/",
        views_participant.request_mentor,
        name="request",
    ),
    path("programmes/<uuid:public_id>/survey/", views_participant.survey, name="survey"),
    path("pairs/<uuid:public_id>/", views_participant.pair, name="pair"),
    path("pairs/<uuid:public_id>/answer/", views_participant.pair_answer, name="pair_answer"),
    path("pairs/<uuid:public_id>/meetings/", views_participant.meeting_new, name="meeting_new"),
    path("pairs/<uuid:public_id>/check-in/", views_participant.check_in, name="check_in"),
]
