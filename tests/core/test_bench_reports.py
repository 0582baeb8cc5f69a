"""The report benchmark prints its figures and leaves nothing behind."""

from __future__ import annotations

import io
import re

from django.core.management import call_command

from core.models import ReportRequest
from factories.models import Factory
from inspections.models import FactoryInspection
from policy.models import Visit
from tests.builders import make_directive, make_round, make_visit


def test_it_times_the_inspection_report_and_rolls_its_data_back(db):
    out = io.StringIO()
    call_command("bench_reports", "--photos", "2", "--runs", "1", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[-1].startswith("inspection report PDF with 2 photos: median ")
    assert lines[-1].endswith("s target)") and "s of CPU" in lines[-1]
    assert not Factory.objects.filter(name="บริษัท แป้งมันวัดผล จำกัด").exists()
    assert not FactoryInspection.objects.exists()


def test_it_times_a_rounds_national_summary_reading_only(db):
    round_ = make_round(2567, 1)
    make_visit(round_, "57", reported=1)
    make_directive(Visit.objects.get(), "ตรวจโรงงานเสี่ยงให้ครบ")
    out = io.StringIO()
    call_command("bench_reports", "--no-inspection", "--round-summary", "--runs", "1", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0] == f"round {round_.pk} (รอบที่ 1/2567): 1 visits"
    assert lines[-3].startswith("round summary PDF of 76 offices: median ")
    assert lines[-1].startswith("round summary XLSX of 76 offices: median ")
    assert re.search(r"s of CPU \((within|OVER) the 30 s target\)$", lines[-1]), lines[-1]
    assert not FactoryInspection.objects.exists()  # the inspection report was left out
    assert not ReportRequest.objects.exists()
