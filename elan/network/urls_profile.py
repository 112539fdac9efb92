# SPDX-License-Identifier: EUPL-1.2
"""The network's home, the person's own profile, and peer help."""

from django.urls import path

from elan.network import views_profile

urlpatterns = [
    path("", views_profile.home, name="home"),
    path("profile/", views_profile.profile, name="profile"),
    path("profile/pause/", views_profile.profile_pause, name="profile_pause"),
    path("profile/resume/", views_profile.profile_resume, name="profile_resume"),
    path("profile/delete/", views_profile.profile_delete, name="profile_delete"),
    path("help/", views_profile.peer_help, name="help"),
    path("help/introduce/", views_profile.introduce, name="introduce"),
]
