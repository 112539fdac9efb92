# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# Imported for its side effect: registering the configuration checks. With the shell, because
# they check settings of several apps (accounts' encryption key among them), which core, at the
# bottom, must not import.
from elan import checks  # noqa: F401


class PortalConfig(AppConfig):
    """The site's shell: the home page, the accessibility statement and barrier reports, the
    error pages, the context processors and the demo. It sits on top of every other app, and
    no app imports it (docs/adr/0013-layers-and-checks.md)."""

    name = "elan.portal"
    label = "portal"
    verbose_name = _("Portal")
