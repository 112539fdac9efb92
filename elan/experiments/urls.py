# SPDX-License-Identifier: EUPL-1.2
"""The experiments' addresses (namespace "experiments", mounted at /<lang>/experiments/): the
card and its lifecycle here; the learning wall and the yearly report, the manager's and HR's
pages from their own modules."""

from elan.experiments import urls_card, urls_links, urls_team, urls_wall

app_name = "experiments"

urlpatterns = (
    urls_card.urlpatterns + urls_wall.urlpatterns + urls_team.urlpatterns + urls_links.urlpatterns
)
