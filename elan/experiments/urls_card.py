# SPDX-License-Identifier: EUPL-1.2
"""The card and its lifecycle (namespace "experiments", mounted at /<lang>/experiments/): my
experiments, a new card, the card, the mandate check and its permission requests, the start,
iterations, the decision and the steps after it, sharing and co-owners."""

from django.urls import path

from elan.experiments import views

urlpatterns = [
    path("", views.home, name="home"),
    path("new/", views.new, name="new"),
    path("<uuid:public_id>/", views.detail, name="detail"),
    path("<uuid:public_id>/edit/", views.edit, name="edit"),
    path("<uuid:public_id>/mandate/", views.mandate, name="mandate"),
    path("<uuid:public_id>/ask/", views.ask, name="ask"),
    path("<uuid:public_id>/start/", views.start, name="start"),
    path("<uuid:public_id>/iterations/new/", views.iteration_new, name="iteration_new"),
    path("<uuid:public_id>/decide/", views.decide, name="decide"),
    path("<uuid:public_id>/regularise/", views.regularise, name="regularise"),
    path("<uuid:public_id>/close/", views.close, name="close"),
    path("<uuid:public_id>/resume/", views.resume, name="resume"),
    path("<uuid:public_id>/share/", views.share, name="share"),
    path("<uuid:public_id>/owners/", views.owners, name="owners"),
    path("<uuid:public_id>/profile-evidence/", views.profile_evidence, name="profile_evidence"),
    path("<uuid:public_id>/try-too/", views.try_too, name="try_too"),
    path("permission/<uuid:public_id>/", views.permission, name="permission"),
]
