# SPDX-License-Identifier: EUPL-1.2
from django.urls import path, register_converter

from elan.insights import views


class UnitCodeConverter:
    """Unit codes as organisations.models.CODE_PATTERN allows them."""

    regex = r"[A-Za-z0-9][A-Za-z0-9._-]*"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(UnitCodeConverter, "unitcode")

app_name = "insights"

urlpatterns = [
    path("", views.home, name="home"),
    path("campaigns/new/", views.campaign_create, name="campaign_create"),
    path("campaigns/<int:pk>/", views.campaign_detail, name="campaign_detail"),
    path("campaigns/<int:pk>/edit/", views.campaign_edit, name="campaign_edit"),
    path("campaigns/<int:pk>/status/", views.campaign_transition, name="campaign_transition"),
    path("campaigns/<int:pk>/remind/", views.campaign_remind, name="campaign_remind"),
    path("campaigns/<int:pk>/answer/", views.respond, name="respond"),
    path("campaigns/<int:pk>/thanks/", views.respond_done, name="respond_done"),
    path("campaigns/<int:pk>/heatmap/", views.heatmap, name="heatmap"),
    path("campaigns/<int:pk>/export.<str:fmt>", views.export, name="export"),
    path("campaigns/<int:pk>/units/<unitcode:code>/", views.team_report, name="team_report"),
    path("campaigns/<int:pk>/units/<unitcode:code>/trends/", views.trends, name="trends"),
    path("campaigns/<int:pk>/units/<unitcode:code>/comments/", views.comments, name="comments"),
    path("campaigns/<int:pk>/units/<unitcode:code>/share/", views.release, name="release"),
    path(
        "campaigns/<int:pk>/units/<unitcode:code>/actions/", views.action_plan, name="action_plan"
    ),
    path("actions/<int:pk>/check/", views.action_check, name="action_check"),
]
