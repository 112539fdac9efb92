# SPDX-License-Identifier: EUPL-1.2
"""The organiser's programme pages (namespace "network")."""

from django.urls import path

from elan.network import views_organiser as views

urlpatterns = [
    path("programmes/", views.programmes, name="programmes"),
    path("programmes/new/", views.programme_new, name="programme_new"),
    path("programmes/<uuid:public_id>/edit/", views.programme_edit, name="programme_edit"),
    path("programmes/<uuid:public_id>/manage/", views.programme_manage, name="programme_manage"),
    path("programmes/<uuid:public_id>/move/", views.programme_move, name="programme_move"),
    path("programmes/<uuid:public_id>/match/", views.programme_match, name="programme_match"),
    path("programmes/<uuid:public_id>/publish/", views.programme_publish, name="programme_publish"),
    path(
        "programmes/<uuid:public_id>/pairs/<uuid:match_id>/withdraw/",
        views.proposal_withdraw,
        name="proposal_withdraw",
    ),
    path("programmes/<uuid:public_id>/figures/", views.programme_figures, name="programme_figures"),
    path("programmes/<uuid:public_id>/export.csv", views.programme_export, name="programme_export"),
]
