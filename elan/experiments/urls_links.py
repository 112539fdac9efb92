# SPDX-License-Identifier: EUPL-1.2
"""The experiments' links to the rest of Elan: proposing a finished experiment as a hub case."""

from django.urls import path

from elan.experiments import views_links

urlpatterns = [
    path("<uuid:public_id>/propose-case/", views_links.propose_case, name="propose_case"),
]
