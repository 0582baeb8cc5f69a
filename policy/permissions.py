"""Who may change the MIND policy's settings (``offices.permissions`` for the office rules)."""

from __future__ import annotations

from offices.models import Role
from offices.permissions import is_admin, is_signed_in


def may_set_targets(user) -> bool:
    """The ministry's executives and the system's admins set the KPI targets, national and per
    office; nobody in an office or on inspection duty does."""
    return is_admin(user) or (is_signed_in(user) and user.role == Role.EXECUTIVE)
