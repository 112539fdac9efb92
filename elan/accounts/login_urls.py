# SPDX-License-Identifier: EUPL-1.2
"""Paths that take the place of allauth's and Wagtail's own (elan/urls.py mounts them first).

One login, allauth's, which asks for the second factor; no page where a person attaches an
e-mail address to their account (docs/security.md).
"""

from django.urls import path, re_path

from elan.accounts import views

# Inside the language prefix, before allauth's and Wagtail's URLs, on the same paths, so every
# link to theirs lands here. Enrolment keeps allauth's name: SecondFactorMiddleware lets a
# privileged person without a second factor reach it by that name.
urlpatterns = [
    path("accounts/2fa/totp/activate/", views.activate_totp, name="mfa_activate_totp"),
    path("accounts/email/", views.addresses_come_from_hr),
    path("accounts/confirm-email/", views.addresses_come_from_hr),
    re_path(r"^accounts/confirm-email/(?P<key>[-:\w]+)/$", views.addresses_come_from_hr),
    # Wagtail's login for private pages (WAGTAIL_FRONTEND_LOGIN_URL points to allauth's too).
    path("_util/login/", views.login_elsewhere),
]

# Outside the language prefix: the back office's login page.
back_office_urlpatterns = [
    path("admin/login/", views.login_elsewhere),
]
