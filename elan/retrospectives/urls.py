# SPDX-License-Identifier: EUPL-1.2
"""The retrospectives' addresses (namespace "retrospectives", at /<lang>/retrospectives/)."""

from django.urls import path

from elan.retrospectives import views

app_name = "retrospectives"

urlpatterns = [
    path("", views.index, name="index"),
    path("teams/<str:code>/new/", views.board_new, name="board_new"),
    path("<int:pk>/", views.board, name="board"),
    path("<int:pk>/cards/", views.card_add, name="card_add"),
    path("<int:pk>/groups/", views.group_add, name="group_add"),
    path("<int:pk>/step/", views.board_move, name="board_move"),
    path("<int:pk>/actions/", views.action_add, name="action_add"),
    path("cards/<uuid:pk>/remove/", views.card_remove, name="card_remove"),
    path("cards/<uuid:pk>/vote/", views.vote, name="vote"),
    path("groups/<int:pk>/dissolve/", views.group_dissolve, name="group_dissolve"),
]
