# SPDX-License-Identifier: EUPL-1.2
"""The learning network's addresses (namespace "network", mounted at /<lang>/network/): the
profile and peer help, the organiser's programme pages, and the participants' pages."""

from elan.network import urls_organiser, urls_participant, urls_profile

app_name = "network"

urlpatterns = urls_profile.urlpatterns + urls_organiser.urlpatterns + urls_participant.urlpatterns
