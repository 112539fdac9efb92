# SPDX-License-Identifier: EUPL-1.2
"""The register of personal data is complete: every model that holds something about a person is
exported to them and erased with their account, or is on the short list below with the reason.

The register is elan/core/personal_data.py; each app declares its part in its own
``personal_data.py`` (docs/privacy.md, "For module authors").
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models
from django.db.models import Q

from elan.accounts.services import user_pseudonymise
from elan.assessments.models import ProfileEvent, Share
from elan.assessments.tests.factories import share, submitted_assessment
from elan.core import personal_data
from elan.feedback import services as feedback_services
from elan.feedback.models import ReportShare
from elan.feedback.tests.factories import open_round

# A field with one of these names holds a person's name, an address or an account id, even
# when nothing else about the field says so.
PERSON_FIELD_NAMES = frozenset(
    {
        "first_name",
        "last_name",
        "full_name",
        "display_name",
        "username",
        "author",
        "authors",
        "author_name",
        "speaker",
        "expert_name",
        "user_id",
    }
)
# A model can say it holds personal data that its fields do not show (a name in a JSON field,
# answers reached through another model) by setting this class attribute to True.
MARKER = "holds_personal_data"

PUBLISHED_CREDIT = (
    "the name a published hub page credits or quotes (speaker, author, expert) is content "
    "published with that person's consent, edited in the back office, not data about an account"
)
NOT_ABOUT_AN_ACCOUNT = {
    "knowledge.PresentationPage": PUBLISHED_CREDIT,
    "knowledge.QuestionPage": PUBLISHED_CREDIT,
    "knowledge.QuotePage": PUBLISHED_CREDIT,
    "knowledge.ResourcePage": PUBLISHED_CREDIT,
    "wagtailembeds.Embed": "the author of embedded public media, as its provider publishes it",
    "admin.LogEntry": "Django's own admin is installed but never mounted (elan/urls.py), so "
    "nothing writes this table; the back office's log is Wagtail's, which is registered",
}
NOT_ERASED_BY_AN_ERASER = {
    "accounts.User": "the account row itself: accounts.services.user_pseudonymise rewrites it "
    "after every eraser has run",
}
NOT_INSTALLED_IN_PRODUCTION = {
    "oauth2_provider": "only the test settings install it, as the stand-in single sign-on "
    "provider (elan/accounts/tests/oidc_provider.py)",
}


def holds_a_person(field) -> bool:
    if field.auto_created and not field.concrete:
        return False  # a reverse relation: the model on the other side holds the reference
    if field.is_relation:
        return field.related_model is get_user_model()
    return (
        isinstance(field, models.EmailField | models.GenericIPAddressField)
        or "email" in field.name
        or field.name in PERSON_FIELD_NAMES
    )


def models_holding_a_person() -> set[str]:
    """Labels of every installed model with a person reference of its own.

    An inherited field counts for the model that declares it (a hub page's owner is
    ``wagtailcore.Page``'s), so a multi-table child is not listed for its parent's fields.
    """
    holders = set()
    for model in apps.get_models():
        if model._meta.app_label in NOT_INSTALLED_IN_PRODUCTION:
            continue
        if model.__dict__.get(MARKER, False):
            holders.add(model._meta.label)
        for field in model._meta.get_fields():
            if holds_a_person(field):
                holders.add(field.model._meta.label)
    return holders


def test_the_walk_finds_the_kinds_of_reference_it_looks_for():
    # Guards the walk itself: if it stopped seeing these, the tests below would pass on nothing.
    found = models_holding_a_person()
    for label in (
        "assessments.Share",  # a foreign key to the account
        "portal.BarrierReport",  # a typed e-mail address
        "axes.AccessLog",  # a typed login and an IP address
        "accounts.Session",  # an account id kept as a plain number
        "wagtailcore.Page",  # the page owner, not listed again for each hub page type
        "wagtailusers.UserProfile",  # a one-to-one to the account
        "assessments.Answer",  # marked: its owner is on the assessment
    ):
        assert label in found
    assert "knowledge.CasePage" not in found


def test_every_model_that_holds_a_person_is_in_the_export():
    missing = sorted(
        models_holding_a_person() - set(personal_data.exported_models()) - set(NOT_ABOUT_AN_ACCOUNT)
    )
    assert not missing, (
        f"No exporter declares {missing}: add it to an exporter's models=(...) in the app's "
        "personal_data.py, or to the reasoned exceptions of this test."
    )


def test_every_model_that_holds_a_person_is_erased_with_the_account():
    missing = sorted(
        models_holding_a_person()
        - set(personal_data.erased_models())
        - set(NOT_ABOUT_AN_ACCOUNT)
        - set(NOT_ERASED_BY_AN_ERASER)
    )
    assert not missing, (
        f"No eraser declares {missing}: add it to an eraser's models=(...) in the app's "
        "personal_data.py, or to the reasoned exceptions of this test."
    )


def test_every_model_the_register_names_exists_and_the_exceptions_are_still_needed():
    named = set(personal_data.exported_models()) | set(personal_data.erased_models())
    for label in named:
        apps.get_model(label)  # raises LookupError for a typo or a model that was removed
    found = models_holding_a_person()
    stale = sorted(
        label for label in {*NOT_ABOUT_AN_ACCOUNT, *NOT_ERASED_BY_AN_ERASER} if label not in found
    )
    assert not stale, f"These exceptions no longer match a model with a person reference: {stale}"
    assert not set(NOT_ABOUT_AN_ACCOUNT) & named, "a model is both registered and excepted"


@pytest.mark.django_db
def test_erasing_a_person_ends_every_share_they_gave_or_received(personas, client_for):
    employee = personas.employee
    submitted_assessment(employee)
    given = share(employee, personas.line_manager, kind="line_manager")
    share(personas.team_lead, employee, kind="mentor")
    own_round = open_round(employee)
    feedback_services.report_share_create(
        owner=employee, round_=own_round, grantee=personas.line_manager
    )
    feedback_services.report_share_create(
        owner=personas.team_lead, round_=open_round(personas.team_lead), grantee=employee
    )
    shared_profile = f"/en/assessments/shared-with-me/{given.pk}/"
    colleague = client_for("line_manager")
    assert colleague.get(shared_profile).status_code == 200

    user_pseudonymise(user=employee, now=datetime(2030, 1, 1, tzinfo=UTC))

    assert colleague.get(shared_profile).status_code == 404
    assert not Share.objects.filter(Q(owner=employee) | Q(grantee=employee)).exists()
    assert not ReportShare.objects.filter(Q(round__owner=employee) | Q(grantee=employee)).exists()
    # The colleague's own history keeps that they shared their profile, no longer with whom.
    assert ProfileEvent.objects.get(owner=personas.team_lead, kind="shared").share is None
