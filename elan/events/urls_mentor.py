# SPDX-License-Identifier: EUPL-1.2
"""The events' pages for the mentor: the help queue, taking a question, answering it."""

from django.urls import path

from elan.events import views_mentor

urlpatterns = [
    path("<uuid:public_id>/queue/", views_mentor.mentor_queue, name="mentor_queue"),
    path("<uuid:public_id>/queue/pull/", views_mentor.help_pull, name="help_pull"),
    path("help/<uuid:public_id>/answer/", views_mentor.help_answer, name="help_answer"),
]
