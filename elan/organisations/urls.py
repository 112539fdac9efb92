# SPDX-License-Identifier: EUPL-1.2
from django.urls import path

from elan.organisations import views

app_name = "organisations"

urlpatterns = [
    path("confirm-address/<str:token>/", views.confirm_address, name="confirm_address"),
]
