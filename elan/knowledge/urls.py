# SPDX-License-Identifier: EUPL-1.2
"""The hub's own views; the pages themselves are Wagtail's, served under the same /hub/ prefix."""

from django.urls import path

from elan.knowledge import views

app_name = "knowledge"

urlpatterns = [
    path("navigator/", views.navigator, name="navigator"),
    path("search/", views.search, name="search"),
]
