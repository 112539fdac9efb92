# SPDX-License-Identifier: EUPL-1.2
"""Date and number formats where Django's defaults do not suit a Belgian public service."""
