# SPDX-License-Identifier: EUPL-1.2
"""The events' addresses (namespace "events", mounted at /<lang>/events/): the organisers'
pages, the participants' (registration, the team, its help requests, result and
retrospective), and the mentors' queue."""

from elan.events import urls_mentor, urls_organiser, urls_participant

app_name = "events"

urlpatterns = urls_organiser.urlpatterns + urls_participant.urlpatterns + urls_mentor.urlpatterns
