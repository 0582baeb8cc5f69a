"""Services of the policy app."""

from __future__ import annotations

from django.db import transaction

from offices.services import LoadReport
from policy import reference
from policy.models import Dimension


@transaction.atomic
def reference_data_load() -> LoadReport:
    """The four MIND dimensions; existing rows (perhaps reworded in admin) are left alone."""
    report = LoadReport()
    have = set(Dimension.objects.values_list("code", flat=True))
    created = [
        Dimension(code=code, order=order, name=name, name_en=name_en, description=description)
        for code, order, name, name_en, description in reference.DIMENSIONS
        if code not in have
    ]
    Dimension.objects.bulk_create(created)
    report.count("mind dimension", created=len(created))
    return report
