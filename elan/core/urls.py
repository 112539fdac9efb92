# SPDX-License-Identifier: EUPL-1.2
from django.urls import path

from elan.core import views

app_name = "core"

urlpatterns = [
    path("anonymity/", views.anonymity, name="anonymity"),
    path("anonymity/rule.md", views.anonymity_rule, name="anonymity_rule"),
]
