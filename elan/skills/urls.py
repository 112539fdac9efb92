# SPDX-License-Identifier: EUPL-1.2
from django.urls import path

from elan.skills import views

app_name = "skills"

urlpatterns = [
    path("frameworks/", views.framework_list, name="framework_list"),
    path("frameworks/<slug:slug>/", views.framework_detail, name="framework_detail"),
    path("frameworks/<slug:slug>/export.json", views.framework_export, name="framework_export"),
    path("frameworks/<slug:slug>/case.json", views.framework_case, name="framework_case"),
]
