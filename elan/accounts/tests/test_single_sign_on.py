# SPDX-License-Identifier: EUPL-1.2
"""Single sign-on against a real OpenID Connect provider run by the tests (ASVS 10.5).

The provider is django-oauth-toolkit with OIDC and an RS256 key made here, served by
pytest-django's live server under the name 127.0.0.1; Elan is the same server under the
name localhost, so the browser keeps two separate sessions, as it would with two sites.
Allauth fetches the discovery document, the key set, the token and the userinfo answer
over real HTTP. The "browser" is a requests session that follows the redirects.
"""

from __future__ import annotations

import re
import time
import uuid
from urllib.parse import parse_qs, urlencode, urlsplit, urlunsplit

import pytest
import requests
from allauth.socialaccount.models import SocialAccount
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from django.contrib.auth import get_user_model
from oauth2_provider.models import Application

from elan.accounts.tests import oidc_provider
from elan.accounts.tests.factories import UserFactory
from elan.organisations.tests.factories import StaffRecordFactory

pytestmark = pytest.mark.django_db(transaction=True)

CLIENT_ID = "elan-test-client"
CLIENT_SECRET = "a-client-secret-known-only-to-the-test-" + uuid.uuid4().hex
PROVIDER_ID = "fas"
LANGUAGES = ("nl", "fr", "de", "en")


class Browser:
    """Follows redirects one by one, so each step of the flow can be looked at or changed."""

    def __init__(self):
        self.session = requests.Session()

    def get(self, url: str, **kwargs) -> requests.Response:
        return self.session.get(url, allow_redirects=False, timeout=30, **kwargs)

    def post_form(self, url: str, data: dict | None = None) -> requests.Response:
        page = self.get(url)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
        assert token, f"no form on {url}: {page.status_code}"
        return self.session.post(
            url,
            data={"csrfmiddlewaretoken": token.group(1), **(data or {})},
            allow_redirects=False,
            timeout=30,
        )

    def follow(self, response: requests.Response, *, until: str | None = None, limit: int = 10):
        """Follow redirects; stop before a URL that contains ``until``."""
        for _ in range(limit):
            if response.status_code not in (301, 302, 303):
                return response
            location = response.headers["Location"]
            if location.startswith("/"):
                parts = urlsplit(response.url)
                location = f"{parts.scheme}://{parts.netloc}{location}"
            if until and until in location:
                return location
            response = self.get(location)
        raise AssertionError("too many redirects")


@pytest.fixture
def provider(live_server, settings):
    """The provider at http://127.0.0.1:<port>/o and Elan configured to use it."""
    port = urlsplit(live_server.url).port
    issuer = f"http://127.0.0.1:{port}/o"
    elan = f"http://localhost:{port}"
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()
    settings.ROOT_URLCONF = "elan.accounts.tests.oidc_urls"
    settings.OAUTH2_PROVIDER = {
        "OIDC_ENABLED": True,
        "OIDC_RSA_PRIVATE_KEY": pem,
        "OIDC_ISS_ENDPOINT": issuer,
        "OAUTH2_VALIDATOR_CLASS": "elan.accounts.tests.oidc_provider.TestProviderValidator",
        "SCOPES": {"openid": "OpenID Connect", "profile": "Profile", "email": "E-mail"},
        "PKCE_REQUIRED": True,
    }
    settings.SOCIALACCOUNT_PROVIDERS = {
        "openid_connect": {
            **settings.SOCIALACCOUNT_PROVIDERS["openid_connect"],
            "APPS": [
                {
                    "provider_id": PROVIDER_ID,
                    "name": "Test provider",
                    "client_id": CLIENT_ID,
                    "secret": CLIENT_SECRET,
                    "settings": {"server_url": issuer, "issuer": issuer, "fetch_userinfo": True},
                }
            ],
        }
    }
    Application.objects.create(
        name="Elan",
        client_id=CLIENT_ID,
        client_secret=CLIENT_SECRET,
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
        redirect_uris=" ".join(
            f"{elan}/{language}/accounts/oidc/{PROVIDER_ID}/login/callback/"
            for language in LANGUAGES
        ),
        algorithm=Application.RS256_ALGORITHM,
        skip_authorization=True,
    )
    oidc_provider.IDENTITIES.clear()
    oidc_provider.TAMPER.clear()
    yield Provider(issuer=issuer, elan=elan, provider_root=f"http://127.0.0.1:{port}")
    oidc_provider.IDENTITIES.clear()
    oidc_provider.TAMPER.clear()


class Provider:
    def __init__(self, *, issuer: str, elan: str, provider_root: str):
        self.issuer = issuer
        self.elan = elan
        self.provider_root = provider_root

    def identity(self, *, sub: str, employee_id: str | None, email: str) -> object:
        """A person signed in at the provider, with the claims the provider asserts."""
        account = UserFactory(email=f"idp-{uuid.uuid4().hex[:8]}@provider.test")
        claims = {
            "sub": sub,
            "email": email,
            "email_verified": True,
            "given_name": "Provider",
            "family_name": "Person",
        }
        if employee_id is not None:
            claims["employee_id"] = employee_id
        oidc_provider.IDENTITIES[account.pk] = claims
        return account

    def browser_signed_in_as(self, account) -> Browser:
        browser = Browser()
        response = browser.get(
            f"{self.provider_root}/provider/sign-in/", params={"as": account.email}
        )
        assert response.status_code == 200
        return browser

    def start_login(self, browser: Browser, *, language: str = "en") -> str:
        """Press "log in with the provider"; returns the provider's authorisation URL."""
        response = browser.post_form(f"{self.elan}/{language}/accounts/oidc/{PROVIDER_ID}/login/")
        assert response.status_code == 302, response.text[:500]
        return response.headers["Location"]

    def authorise(self, browser: Browser, authorisation_url: str) -> str:
        """The provider's answer: the callback URL with a code and the state."""
        callback = browser.follow(browser.get(authorisation_url), until="/login/callback/")
        assert isinstance(callback, str), f"the provider did not send us back: {callback}"
        return callback

    def log_in(self, browser: Browser, *, language: str = "en") -> requests.Response:
        callback = self.authorise(browser, self.start_login(browser, language=language))
        return browser.get(callback)


def person_with_staff_record(external_id: str, **fields):
    user = UserFactory(**fields)
    StaffRecordFactory(user=user, external_id=external_id)
    return user


def logged_in_user(provider: Provider, browser: Browser):
    page = browser.get(f"{provider.elan}/en/me/")
    if page.status_code != 200:
        return None
    for user in get_user_model().objects.all():
        if user.email in page.text and not user.email.endswith("@provider.test"):
            return user
    return None


def assert_refused(response: requests.Response, browser: Browser, provider: Provider) -> None:
    assert response.status_code in (401, 403), response.status_code
    assert "<h1>" in response.text and "Traceback" not in response.text
    assert logged_in_user(provider, browser) is None


# --- What works ----------------------------------------------------------------------------


def test_the_authorisation_request_carries_a_nonce_a_state_and_an_s256_challenge(provider):
    account = provider.identity(sub="sub-1", employee_id="P000001", email="x@provider.test")
    browser = provider.browser_signed_in_as(account)
    query = parse_qs(urlsplit(provider.start_login(browser)).query)
    assert len(query["nonce"][0]) >= 32
    assert len(query["state"][0]) >= 16
    assert query["code_challenge_method"] == ["S256"]
    assert "openid" in query["scope"][0].split()


def test_a_first_login_links_the_person_by_hr_id_and_stores_the_providers_subject(provider):
    person = person_with_staff_record("P000123", email="anna.claes@elan.test")
    account = provider.identity(
        sub="fas-7f3a", employee_id="P000123", email="a.claes@provider.test"
    )
    browser = provider.browser_signed_in_as(account)

    response = provider.log_in(browser)

    assert response.status_code == 302, response.text[:800]
    assert logged_in_user(provider, browser) == person
    link = SocialAccount.objects.get(provider=PROVIDER_ID)
    assert (link.user, link.uid) == (person, "fas-7f3a")
    person.refresh_from_db()
    assert person.email == "anna.claes@elan.test", "the provider's address does not replace HR's"


def test_a_later_login_with_the_same_subject_and_a_new_address_reaches_the_same_person(provider):
    person = person_with_staff_record("P000123", email="anna.claes@elan.test")
    account = provider.identity(sub="fas-7f3a", employee_id="P000123", email="old@provider.test")
    provider.log_in(provider.browser_signed_in_as(account))

    oidc_provider.IDENTITIES[account.pk]["email"] = "completely.new@provider.test"
    oidc_provider.IDENTITIES[account.pk].pop("employee_id")  # not needed once linked
    browser = provider.browser_signed_in_as(account)
    response = provider.log_in(browser)

    assert response.status_code == 302
    assert logged_in_user(provider, browser) == person
    assert SocialAccount.objects.filter(user=person).count() == 1


def test_a_matching_email_address_alone_never_links_an_account(provider):
    person_with_staff_record("P000123", email="anna.claes@elan.test")
    stranger = provider.identity(
        sub="fas-other", employee_id="P999999", email="anna.claes@elan.test"
    )
    browser = provider.browser_signed_in_as(stranger)
    response = provider.log_in(browser)
    assert_refused(response, browser, provider)
    assert not SocialAccount.objects.exists()


def test_a_login_without_the_hr_id_claim_is_refused_with_an_explanation(provider):
    person_with_staff_record("P000123", email="anna.claes@elan.test")
    account = provider.identity(sub="fas-7f3a", employee_id=None, email="anna.claes@elan.test")
    browser = provider.browser_signed_in_as(account)
    response = provider.log_in(browser)
    assert_refused(response, browser, provider)


def test_a_second_subject_claiming_an_already_linked_hr_id_is_refused(provider):
    person_with_staff_record("P000123")
    first = provider.identity(sub="fas-first", employee_id="P000123", email="a@provider.test")
    provider.log_in(provider.browser_signed_in_as(first))
    second = provider.identity(sub="fas-second", employee_id="P000123", email="b@provider.test")
    browser = provider.browser_signed_in_as(second)
    response = provider.log_in(browser)
    assert_refused(response, browser, provider)
    assert list(SocialAccount.objects.values_list("uid", flat=True)) == ["fas-first"]


def test_a_deactivated_person_cannot_log_in_through_the_provider(provider):
    person = person_with_staff_record("P000123")
    account = provider.identity(sub="fas-7f3a", employee_id="P000123", email="a@provider.test")
    provider.log_in(provider.browser_signed_in_as(account))
    person.is_active = False
    person.save()
    browser = provider.browser_signed_in_as(account)
    provider.log_in(browser)
    assert logged_in_user(provider, browser) is None


@pytest.mark.parametrize("language", ["nl", "fr", "de"])
def test_the_refusal_page_is_in_the_persons_language(provider, language):
    account = provider.identity(sub="fas-x", employee_id="P404", email="x@provider.test")
    browser = provider.browser_signed_in_as(account)
    response = provider.log_in(browser, language=language)
    assert response.status_code == 403
    assert f'<html lang="{language}"' in response.text
    assert "Single sign-on did not work" not in response.text


# --- What is refused -----------------------------------------------------------------------


@pytest.fixture
def linkable(provider):
    person_with_staff_record("P000123", email="anna.claes@elan.test")
    account = provider.identity(sub="fas-7f3a", employee_id="P000123", email="a@provider.test")
    return provider.browser_signed_in_as(account)


def with_state(url: str, state: str) -> str:
    parts = urlsplit(url)
    query = {key: values[0] for key, values in parse_qs(parts.query).items()}
    query["state"] = state
    return urlunsplit(parts._replace(query=urlencode(query)))


def test_a_wrong_state_is_refused(provider, linkable):
    callback = provider.authorise(linkable, provider.start_login(linkable))
    response = linkable.get(with_state(callback, "not-the-state-we-sent"))
    assert_refused(response, linkable, provider)
    assert not SocialAccount.objects.exists()


def test_a_missing_state_is_refused(provider, linkable):
    callback = provider.authorise(linkable, provider.start_login(linkable))
    parts = urlsplit(callback)
    query = {k: v[0] for k, v in parse_qs(parts.query).items() if k != "state"}
    response = linkable.get(urlunsplit(parts._replace(query=urlencode(query))))
    assert_refused(response, linkable, provider)


def test_a_callback_started_in_another_browser_is_refused(provider, linkable):
    # Login CSRF: an attacker's own code and state, planted in the victim's browser.
    callback = provider.authorise(linkable, provider.start_login(linkable))
    victim = Browser()
    response = victim.get(callback)
    assert_refused(response, victim, provider)


def test_a_state_cannot_be_used_twice(provider, linkable):
    callback = provider.authorise(linkable, provider.start_login(linkable))
    assert linkable.get(callback).status_code == 302
    linkable.get(f"{provider.elan}/en/accounts/logout/")  # GET shows the form; log out by POST
    linkable.post_form(f"{provider.elan}/en/accounts/logout/")
    response = linkable.get(callback)
    assert_refused(response, linkable, provider)


@pytest.mark.parametrize(
    ("tamper", "reason"),
    [
        ({"nonce": "a-nonce-from-another-login"}, "nonce does not match"),
        ({"iss": "http://127.0.0.1:9/o"}, "InvalidIssuerError"),
        ({"aud": "another-client"}, "InvalidAudienceError"),
        ({"aud": [CLIENT_ID, "another-client"]}, "other audiences"),
        ({"exp": int(time.time()) - 60}, "ExpiredSignatureError"),
        ({"forge_signature": True}, "InvalidSignatureError"),
    ],
    ids=[
        "wrong nonce",
        "wrong issuer",
        "wrong audience",
        "extra audience",
        "expired",
        "forged signature",
    ],
)
def test_an_id_token_is_refused_for(provider, linkable, caplog, tamper, reason):
    oidc_provider.TAMPER.update(tamper)
    response = provider.log_in(linkable)
    assert_refused(response, linkable, provider)
    assert response.status_code == 401
    assert reason in caplog.text, "refused, but not by the check this test is about"
    assert not SocialAccount.objects.exists()


def test_an_id_token_without_a_nonce_is_refused(provider, linkable, caplog):
    # The provider echoes the nonce we sent; a token with none of it cannot be tied to us.
    oidc_provider.TAMPER.update({"nonce": ""})
    response = provider.log_in(linkable)
    assert_refused(response, linkable, provider)
    assert "nonce does not match" in caplog.text


def test_the_same_tampered_flow_works_once_the_provider_behaves(provider, linkable):
    # The refusals above are the checks at work, not a broken setup.
    oidc_provider.TAMPER.update({"aud": "another-client"})
    assert provider.log_in(linkable).status_code == 401
    oidc_provider.TAMPER.clear()
    assert provider.log_in(linkable).status_code == 302


# --- Second factor ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("amr", "reaches_my_account"), [(["pwd", "otp"], True), (["pwd"], False), (None, False)]
)
def test_a_moderators_single_sign_on_counts_as_the_second_factor_only_when_the_provider_says_so(
    provider, amr, reaches_my_account
):
    from elan.organisations import services as organisation_services
    from elan.organisations.constants import Role

    person = person_with_staff_record("P000123", email="mo.derator@elan.test")
    organisation_services.role_assign(user=person, role=Role.MODERATOR)
    account = provider.identity(sub="fas-mo", employee_id="P000123", email="mo@provider.test")
    if amr is not None:
        oidc_provider.IDENTITIES[account.pk]["amr"] = amr
    browser = provider.browser_signed_in_as(account)

    assert provider.log_in(browser).status_code == 302
    page = browser.get(f"{provider.elan}/en/me/")
    if reaches_my_account:
        assert page.status_code == 200 and person.email in page.text
    else:
        assert page.status_code == 302
        assert page.headers["Location"] == "/en/accounts/2fa/totp/activate/"
