# SPDX-License-Identifier: EUPL-1.2
"""The ideas' addresses (namespace "ideas", mounted at /<lang>/ideas/)."""

from django.urls import path

from elan.ideas import views

app_name = "ideas"

urlpatterns = [
    path("", views.home, name="home"),
    path("figures/", views.figures, name="figures"),
    path("boxes/", views.boxes, name="boxes"),
    path("boxes/<str:code>/", views.box, name="box"),
    path("boxes/<str:code>/new/", views.box_idea_new, name="box_idea_new"),
    path("campaigns/new/", views.campaign_new, name="campaign_new"),
    path("campaigns/<uuid:public_id>/", views.campaign, name="campaign"),
    path("campaigns/<uuid:public_id>/edit/", views.campaign_edit, name="campaign_edit"),
    path("campaigns/<uuid:public_id>/close/", views.campaign_close, name="campaign_close"),
    path("campaigns/<uuid:public_id>/new/", views.campaign_idea_new, name="campaign_idea_new"),
    path("private/<str:token>/", views.private, name="private"),
    path("<uuid:public_id>/", views.idea, name="idea"),
    path("<uuid:public_id>/support/", views.idea_support, name="idea_support"),
    path("<uuid:public_id>/comment/", views.idea_comment, name="idea_comment"),
    path("<uuid:public_id>/answer/", views.idea_answer, name="idea_answer"),
    path("<uuid:public_id>/hide/", views.idea_hide, name="idea_hide"),
    path("<uuid:public_id>/show/", views.idea_show, name="idea_show"),
    path(
        "<uuid:public_id>/comments/<uuid:comment_id>/hide/",
        views.comment_hide,
        name="comment_hide",
    ),
]
