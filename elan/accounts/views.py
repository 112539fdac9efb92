# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

import json
from urllib.parse import urlencode

import rules
from allauth.account.internal.flows.login import record_authentication
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.views import ActivateTOTPView as AllauthActivateTOTPView
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from elan.accounts import selectors, services
from elan.accounts.forms import ConfirmForm, PersonSearchForm, PreferredLanguageForm
from elan.accounts.models import User

PEOPLE_PER_PAGE = 50


def _require(request: HttpRequest, permission: str, obj=None) -> None:
    # rules.has_perm rather than user.has_perm: Django lets superusers pass every check, and
    # "an administrator cannot deactivate themselves" must hold for them too.
    if not rules.has_perm(permission, request.user, obj):
        raise PermissionDenied


def _posted(request: HttpRequest):
    # Not ``request.POST or None``: an empty POST must still be a submitted form.
    return request.POST if request.method == "POST" else None


@login_required
@require_http_methods(["GET", "POST"])
def me(request: HttpRequest) -> HttpResponse:
    _require(request, "accounts.view_own_account")
    form = PreferredLanguageForm(
        _posted(request), initial={"preferred_language": request.user.preferred_language}
    )
    if request.method == "POST" and form.is_valid():
        language = form.cleaned_data["preferred_language"]
        services.user_preferred_language_set(user=request.user, language=language)
        # Confirm in the language just chosen, on the same page in that language.
        with translation.override(language):
            messages.success(request, _("Elan now uses your chosen language."))
            return redirect(reverse("accounts:me"))
    context = selectors.my_account_summary(user=request.user)
    return render(request, "accounts/me.html", {**context, "form": form})


@login_required
@require_GET
def my_data(request: HttpRequest) -> HttpResponse:
    _require(request, "accounts.view_own_account")
    return render(request, "accounts/my_data.html")


@never_cache
@login_required
@require_GET
def my_data_download(request: HttpRequest) -> HttpResponse:
    _require(request, "accounts.view_own_account")
    export = selectors.personal_data_export(user=request.user)
    body = json.dumps(export, indent=2, ensure_ascii=False, default=str, sort_keys=True)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    filename = f"elan-personal-data-{timezone.localdate():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_GET
def person_list(request: HttpRequest) -> HttpResponse:
    _require(request, "accounts.administer_accounts")
    form = PersonSearchForm(request.GET or None)
    search = form.cleaned_data["q"] if form.is_valid() else ""
    page = Paginator(selectors.people_for_administration(search=search), PEOPLE_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request, "accounts/person_list.html", {"form": form, "page": page, "search": search}
    )


def _person(pk: int) -> User:
    return get_object_or_404(User, pk=pk, pseudonymised_at__isnull=True)


@login_required
@require_GET
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request, "accounts.administer_accounts")
    person = _person(pk)
    context = selectors.person_administration_summary(person=person)
    context["may_change_status"] = rules.has_perm(
        "accounts.change_active_status", request.user, person
    )
    return render(request, "accounts/person_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def person_deactivate(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request, "accounts.administer_accounts")
    person = _person(pk)
    _require(request, "accounts.change_active_status", person)
    if not person.is_active:
        return redirect("accounts:person_detail", pk=person.pk)
    form = ConfirmForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        services.user_deactivate(user=person, actor=request.user)
        messages.success(
            request,
            _("%(name)s is deactivated and their open sessions have ended.") % {"name": person},
        )
        return redirect("accounts:person_detail", pk=person.pk)
    return render(
        request,
        "accounts/person_confirm.html",
        {"person": person, "form": form, "action": "deactivate"},
    )


@login_required
@require_http_methods(["GET", "POST"])
def person_reactivate(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request, "accounts.administer_accounts")
    person = _person(pk)
    _require(request, "accounts.change_active_status", person)
    if person.is_active:
        return redirect("accounts:person_detail", pk=person.pk)
    form = ConfirmForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        services.user_reactivate(user=person, actor=request.user)
        messages.success(request, _("%(name)s can log in again.") % {"name": person})
        return redirect("accounts:person_detail", pk=person.pk)
    return render(
        request,
        "accounts/person_confirm.html",
        {"person": person, "form": form, "action": "reactivate"},
    )


class ActivateTOTPView(AllauthActivateTOTPView):
    """Allauth's TOTP enrolment; the code that enrols also passes the second factor.

    The person has just proved they hold the authenticator. Without this record the session
    would count as one that skipped the second factor of an account that now has one, and be
    logged out on the next page (``SecondFactorMiddleware``).
    """

    def form_valid(self, form) -> HttpResponse:
        response = super().form_valid(form)
        authenticator = Authenticator.objects.get(
            user_id=self.request.user.pk, type=Authenticator.Type.TOTP
        )
        record_authentication(
            self.request, self.request.user, "mfa", id=authenticator.pk, type=authenticator.type
        )
        return response


activate_totp = login_required(ActivateTOTPView.as_view())


def login_elsewhere(request: HttpRequest, *args, **kwargs) -> HttpResponse:
    """Every login page but allauth's sends here: one login, the one that asks for the second
    factor (the back office's and Wagtail's private-page login each took a password alone).

    ``next`` goes along when it stays on this site; whatever was posted is dropped unread.
    """
    url = reverse("account_login")
    next_url = request.GET.get("next", "")
    if next_url and url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        url = f"{url}?{urlencode({'next': next_url})}"
    return HttpResponseRedirect(url)


def addresses_come_from_hr(request: HttpRequest, *args, **kwargs) -> HttpResponse:
    """Allauth's pages to add, confirm and choose e-mail addresses lead to "My account".

    Login addresses come from the staff records or single sign-on (docs/security.md); "My
    account" shows the address and says so.
    """
    return redirect("accounts:me")
