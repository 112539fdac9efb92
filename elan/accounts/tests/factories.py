# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

import factory
from django.contrib.auth import get_user_model

DEFAULT_TEST_PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("email",)
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@elan.test")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    preferred_language = "en"
    password = factory.PostGenerationMethodCall("set_password", DEFAULT_TEST_PASSWORD)

    class Params:
        inactive = factory.Trait(is_active=False)
        dutch = factory.Trait(preferred_language="nl")
        french = factory.Trait(preferred_language="fr")
        german = factory.Trait(preferred_language="de")

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()
