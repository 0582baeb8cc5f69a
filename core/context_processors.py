"""What every page's shell needs: today in the Buddhist Era and the fiscal year.

The menu is rendered by ``core.templatetags.shell``.
"""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import timezone

from core.thaidates import current_fiscal_year


def shell(request: HttpRequest) -> dict:
    return {
        "today": timezone.localdate(),
        "current_fiscal_year": current_fiscal_year(),
    }
