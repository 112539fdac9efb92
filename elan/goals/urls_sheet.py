# SPDX-License-Identifier: EUPL-1.2
"""The goals sheet's addresses, included into the "goals" namespace by elan/goals/urls.py."""

from django.urls import path

from elan.goals import views_sheet

urlpatterns = [
    path("<uuid:public_id>/sheet/", views_sheet.sheet, name="sheet"),
    path("<uuid:public_id>/sheet.pdf", views_sheet.sheet_pdf, name="sheet_pdf"),
]
