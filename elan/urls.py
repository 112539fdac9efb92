# SPDX-License-Identifier: EUPL-1.2
"""Every page of our own lives under a language prefix (docs/access.md).

The back office does not.
"""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from elan.accounts import login_urls
from elan.core import views as core_views
from elan.insights.api import api as insights_api
from elan.portal import views as portal_views

urlpatterns = [
    path("", portal_views.root_redirect, name="root"),
    # Browsers ask for it at the root, whatever the page's <link rel="icon"> says.
    path("favicon.ico", core_views.favicon, name="favicon"),
    # For the load balancer: no language prefix, no session, never cached (docs/security.md).
    path("health/", portal_views.health, name="health"),
    # One login, allauth's: the back office's own login page sends there (docs/security.md).
    *login_urls.back_office_urlpatterns,
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # The insights JSON API: session login, no language prefix (it returns codes, not prose).
    path("api/insights/", insights_api.urls),
]

urlpatterns += i18n_patterns(
    path("", include("elan.portal.urls")),
    path("", include("elan.core.urls")),
    # Before allauth's and Wagtail's: their other logins and address pages lead elsewhere.
    path("", include(login_urls)),
    path("accounts/", include("allauth.urls")),
    # "My account" (me/) and account administration (people/).
    path("", include("elan.accounts.urls")),
    path("organisation/", include("elan.organisations.urls")),
    path("hub/", include("elan.knowledge.urls")),
    path("skills/", include("elan.skills.urls")),
    path("assessments/", include("elan.assessments.urls")),
    path("insights/", include("elan.insights.urls")),
    path("feedback/", include("elan.feedback.urls")),
    path("goals/", include("elan.goals.urls")),
    path("experiments/", include("elan.experiments.urls")),
    path("network/", include("elan.network.urls")),
    path("events/", include("elan.events.urls")),
    path("cohorts/", include("elan.cohorts.urls")),
    path("ideas/", include("elan.ideas.urls")),
    path("retrospectives/", include("elan.retrospectives.urls")),
    # Wagtail serves the hub pages; it comes last because it matches any remaining path.
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

handler400 = "elan.portal.errors.bad_request"
handler403 = "elan.portal.errors.permission_denied"
handler404 = "elan.portal.errors.page_not_found"
handler500 = "elan.portal.errors.server_error"

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
