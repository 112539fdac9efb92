# SPDX-License-Identifier: EUPL-1.2
"""The evaluation cycle's addresses (namespace "goals", mounted at /<lang>/goals/): the person's
and evaluators' pages here, the goals sheet and HR's pages from their own modules."""

from django.urls import path

from elan.goals import urls_hr, urls_sheet, views

app_name = "goals"

urlpatterns = [
    path("", views.home, name="home"),
    path("start/", views.cycle_start, name="cycle_start"),
    path("<uuid:public_id>/", views.cycle_detail, name="cycle"),
    path("<uuid:public_id>/goals/new/", views.goal_new, name="goal_new"),
    path("<uuid:public_id>/talks/new/", views.talk_new, name="talk_new"),
    path("<uuid:public_id>/evidence/", views.evidence, name="evidence"),
    path("goal/<uuid:public_id>/edit/", views.goal_edit, name="goal_edit"),
    path("goal/<uuid:public_id>/<slug:action>/", views.goal_action, name="goal_action"),
    path("talk/<uuid:public_id>/", views.talk_detail, name="talk"),
    path("talk/<uuid:talk_id>/goal/<uuid:goal_id>/", views.goal_change, name="goal_change"),
    path("evidence/<uuid:public_id>/", views.evidence_view, name="evidence_view"),
]
urlpatterns += urls_hr.urlpatterns + urls_sheet.urlpatterns
