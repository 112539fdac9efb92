# SPDX-License-Identifier: EUPL-1.2
"""Settings for the load benchmark (bench/load/run.py): production, plus one bare view.

Nothing else differs from a deployment: the nodes run these through the same gunicorn.conf.py,
behind the same nginx snippet, with the same environment (tests/cluster.py).
"""

from elan.settings.production import *  # noqa: F403

ROOT_URLCONF = "bench.load.urls"
