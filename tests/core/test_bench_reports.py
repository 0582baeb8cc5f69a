"""The report benchmark prints its figure and leaves nothing behind."""

from __future__ import annotations

import io

from django.core.management import call_command

from factories.models import Factory
from inspections.models import FactoryInspection


def test_it_times_the_inspection_report_and_rolls_its_data_back(db):
    out = io.StringIO()
    call_command("bench_reports", "--photos", "2", "--runs", "1", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[-1].startswith("inspection report PDF with 2 photos: median ")
    assert lines[-1].endswith("s target)") and "s of CPU" in lines[-1]
    assert not Factory.objects.filter(name="บริษัท แป้งมันวัดผล จำกัด").exists()
    assert not FactoryInspection.objects.exists()
