"""django-axes's records of logins, named in Thai with Buddhist-Era times.

axes builds the names of its records in English from the raw UTC time ("Attempted Access:
2026-12-02 14:09:37+00:00"); the admin shows that name in its titles, breadcrumbs and delete
pages. These replace them with the person's local time in the Buddhist Era.
"""

from __future__ import annotations

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.utils.translation import gettext as _

from core.thaidates import format_be_datetime


def access_attempt_name(attempt: AccessAttempt) -> str:
    return _("ความพยายามเข้าสู่ระบบของ %(username)s เมื่อ %(time)s") % {
        "username": attempt.username or "-",
        "time": format_be_datetime(attempt.attempt_time),
    }


def access_failure_name(failure: AccessFailureLog) -> str:
    text = _("เข้าสู่ระบบไม่สำเร็จ: %(username)s จาก %(address)s เมื่อ %(time)s") % {
        "username": failure.username or "-",
        "address": failure.ip_address or "-",
        "time": format_be_datetime(failure.attempt_time),
    }
    return f"{text} ({_('ถูกล็อก')})" if failure.locked_out else text


def access_log_name(log: AccessLog) -> str:
    return _("เข้าสู่ระบบ: %(username)s เมื่อ %(time)s") % {
        "username": log.username or "-",
        "time": format_be_datetime(log.attempt_time),
    }


def name_login_records_in_thai() -> None:
    AccessAttempt.__str__ = access_attempt_name
    AccessFailureLog.__str__ = access_failure_name
    AccessLog.__str__ = access_log_name
