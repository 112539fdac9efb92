# SPDX-License-Identifier: EUPL-1.2
from django.core.management import call_command


def test_every_message_catalogue_is_current_and_complete_in_every_language():
    # Raises CommandError listing each stale, untranslated or fuzzy entry.
    call_command("translations", "check")
