# SPDX-License-Identifier: EUPL-1.2
"""Who may do what with frameworks, one rule per line (docs/access.md).

Frameworks are published content (CC BY-SA): everyone may read and download them. HR and
content editors manage them in the back office; Wagtail asks for the Django model permissions
below through django-rules, so the roles (data) decide, not hand-kept group memberships.
"""

from __future__ import annotations

import rules

from elan.organisations.rules import is_administrator, is_content_editor, is_hr

can_manage_frameworks = is_hr | is_content_editor | is_administrator
# Importing replaces a framework's texts and links wholesale: HR, who own the frameworks, and
# administrators; editors change them one text at a time.
can_import_frameworks = is_hr | is_administrator

rules.add_perm("skills.view_frameworks", rules.always_allow)
rules.add_perm("skills.manage_frameworks", can_manage_frameworks)
rules.add_perm("skills.import_frameworks", can_import_frameworks)
# Who enters the back office at all is elan/organisations/rules.py's ``wagtailadmin.access_admin``.

# The model permissions Wagtail's back office asks for.
rules.add_perm("skills.add_framework", can_manage_frameworks)
rules.add_perm("skills.change_framework", can_manage_frameworks)
rules.add_perm("skills.delete_framework", can_manage_frameworks)
rules.add_perm("skills.view_framework", can_manage_frameworks)
rules.add_perm("skills.add_competencygroup", can_manage_frameworks)
rules.add_perm("skills.change_competencygroup", can_manage_frameworks)
rules.add_perm("skills.delete_competencygroup", can_manage_frameworks)
rules.add_perm("skills.view_competencygroup", can_manage_frameworks)
rules.add_perm("skills.add_competency", can_manage_frameworks)
rules.add_perm("skills.change_competency", can_manage_frameworks)
rules.add_perm("skills.delete_competency", can_manage_frameworks)
rules.add_perm("skills.view_competency", can_manage_frameworks)
rules.add_perm("skills.add_proficiencylevel", can_manage_frameworks)
rules.add_perm("skills.change_proficiencylevel", can_manage_frameworks)
rules.add_perm("skills.delete_proficiencylevel", can_manage_frameworks)
rules.add_perm("skills.view_proficiencylevel", can_manage_frameworks)
rules.add_perm("skills.add_behaviouralindicator", can_manage_frameworks)
rules.add_perm("skills.change_behaviouralindicator", can_manage_frameworks)
rules.add_perm("skills.delete_behaviouralindicator", can_manage_frameworks)
rules.add_perm("skills.view_behaviouralindicator", can_manage_frameworks)
rules.add_perm("skills.add_crosswalklink", can_manage_frameworks)
rules.add_perm("skills.change_crosswalklink", can_manage_frameworks)
rules.add_perm("skills.delete_crosswalklink", can_manage_frameworks)
rules.add_perm("skills.view_crosswalklink", can_manage_frameworks)
rules.add_perm("skills.add_lensentry", can_manage_frameworks)
rules.add_perm("skills.change_lensentry", can_manage_frameworks)
rules.add_perm("skills.delete_lensentry", can_manage_frameworks)
rules.add_perm("skills.view_lensentry", can_manage_frameworks)
