# SPDX-License-Identifier: EUPL-1.2
"""The project's URLs plus a view that logs a person in by address alone, as a careless login
view of some library would: what SecondFactorMiddleware must undo."""

from django.contrib.auth import get_user_model, login
from django.http import HttpResponse
from django.urls import path

from elan.urls import urlpatterns as project_urlpatterns


def rogue_login(request):
    user = get_user_model().objects.get(email=request.POST["email"])
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    return HttpResponse("logged in")


urlpatterns = [path("rogue-login/", rogue_login), *project_urlpatterns]
