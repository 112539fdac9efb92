# SPDX-License-Identifier: EUPL-1.2
"""The cohorts' addresses (namespace "cohorts", mounted at /<lang>/cohorts/)."""

from django.urls import path

from elan.cohorts import views

app_name = "cohorts"

urlpatterns = [
    path("", views.cohorts, name="cohorts"),
    path("new/", views.cohort_new, name="cohort_new"),
    path("<uuid:public_id>/", views.cohort, name="cohort"),
    path("<uuid:public_id>/edit/", views.cohort_edit, name="cohort_edit"),
    path("<uuid:public_id>/move/", views.cohort_move, name="cohort_move"),
    path("<uuid:public_id>/members/add/", views.member_add, name="member_add"),
    path(
        "<uuid:public_id>/members/<int:member_id>/remove/",
        views.member_remove,
        name="member_remove",
    ),
    path("<uuid:public_id>/calendar/", views.cohort_calendar, name="cohort_calendar"),
    path("<uuid:public_id>/calendar.ics", views.cohort_calendar_ics, name="cohort_calendar_ics"),
    path("<uuid:public_id>/sessions/new/", views.session_new, name="session_new"),
    path("<uuid:public_id>/sessions/<uuid:session_id>/", views.session, name="session"),
    path(
        "<uuid:public_id>/sessions/<uuid:session_id>/edit/",
        views.session_edit,
        name="session_edit",
    ),
    path("<uuid:public_id>/board/", views.cohort_board, name="cohort_board"),
    path("<uuid:public_id>/board/new/", views.board_item_new, name="board_item_new"),
    path(
        "<uuid:public_id>/board/<uuid:item_id>/edit/",
        views.board_item_edit,
        name="board_item_edit",
    ),
    path(
        "<uuid:public_id>/board/<uuid:item_id>/delete/",
        views.board_item_delete,
        name="board_item_delete",
    ),
    path("<uuid:public_id>/experiments/", views.cohort_experiments, name="cohort_experiments"),
]
