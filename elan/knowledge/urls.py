# SPDX-License-Identifier: EUPL-1.2
"""The hub's own views; the pages themselves are Wagtail's, served under the same /hub/ prefix."""

from django.urls import path, re_path

from elan.knowledge import views

app_name = "knowledge"

urlpatterns = [
    path("navigator/", views.navigator, name="navigator"),
    path("search/", views.search, name="search"),
    # Every other address under /<lang>/hub/ is a Wagtail page; this view hands it to Wagtail
    # and keeps a copy for visitors. Pages are still reversed through Wagtail's own
    # "wagtail_serve", which stays after this in elan/urls.py.
    re_path(r"^(?P<rest>.*)$", views.hub_page, name="page"),
]
