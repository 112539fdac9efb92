# SPDX-License-Identifier: EUPL-1.2
from django.urls import path

from elan.assessments import views

app_name = "assessments"

urlpatterns = [
    path("", views.start, name="start"),
    path("<uuid:public_id>/step/<int:step>/", views.step, name="step"),
    path("profile/", views.profile, name="profile"),
    path("profile/pdf/", views.profile_pdf, name="profile_pdf"),
    path("profile/evaluation/", views.evaluation, name="evaluation"),
    path("profile/team-mix/", views.team_mix_choice, name="team_mix_choice"),
    path("plan/", views.plan, name="plan"),
    path("plan/steps/", views.plan_add, name="plan_add"),
    path("plan/steps/<int:pk>/", views.plan_step, name="plan_step"),
    path("plan/steps/<int:pk>/due/", views.plan_step_due, name="plan_step_due"),
    path("sharing/", views.sharing, name="sharing"),
    path("sharing/<uuid:share_id>/end/", views.share_revoke, name="share_revoke"),
    path("shared-with-me/", views.shared_list, name="shared_list"),
    path("shared-with-me/<uuid:share_id>/", views.shared_profile, name="shared_profile"),
    path("team/", views.team_overview, name="team"),
    path("team/<int:unit_id>/", views.team_unit, name="team_unit"),
]
