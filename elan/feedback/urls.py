# SPDX-License-Identifier: EUPL-1.2
from django.urls import path

from elan.feedback import views

app_name = "feedback"

urlpatterns = [
    path("", views.home, name="home"),
    path("<uuid:public_id>/", views.round_detail, name="round"),
    path("<uuid:public_id>/report/", views.report, name="report"),
    # The line manager's (or HR's) review of a rater list before it goes out.
    path("reviews/", views.review_list, name="reviews"),
    path("reviews/<uuid:public_id>/", views.review, name="review"),
    path("shares/<uuid:share_id>/end/", views.share_revoke, name="share_revoke"),
    path("shared-with-me/", views.shared_list, name="shared_list"),
    path("shared-with-me/<uuid:share_id>/", views.shared_report, name="shared_report"),
    # A rater's link: the secret is the key, no account needed.
    path("rate/<str:secret>/", views.respond, name="respond"),
    path("thank-you/", views.respond_done, name="respond_done"),
    path("instrument-quality/", views.psychometrics, name="psychometrics"),
]
