# SPDX-License-Identifier: EUPL-1.2
"""The demo profile: what ``make run`` uses. Debug on unless told otherwise, console e-mail."""

import os

os.environ.setdefault("DEBUG", "true")

from elan.settings.base import *  # noqa: F403
