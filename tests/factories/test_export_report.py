"""The factory list's export, written by the worker: what the list shows, to its person only."""

from __future__ import annotations

import io

from django.urls import reverse
from openpyxl import load_workbook

from core.models import ReportRequest
from tests.builders import add_factory, exported_factories


def _names(response) -> list[str]:
    sheet = load_workbook(io.BytesIO(response.content)).active
    return [row[2] for row in sheet.iter_rows(min_row=2, values_only=True)]


def _factories():
    add_factory("โรงสีข้าวเชียงแสน", type_code="00900", district="5711")
    add_factory("ไร่ชาเชียงราย", type_code="00100", district="5701")
    add_factory("โรงสีพิจิตร", province="66", type_code="00900")


def test_the_button_carries_the_filters_the_list_shows(client, member, db):
    _factories()
    client.force_login(member)
    body = client.get(reverse("factories:list"), {"factory_type": "00900"}).content.decode()
    action = reverse("core:report_request", kwargs={"kind": "factory_list", "pk": member.pk})
    assert f'hx-post="{action}"' in body
    assert 'name="query" value="factory_type=00900"' in body
    # Filtered again over HTMX, the button follows the list.
    fragment = client.get(
        reverse("factories:list"), {"q": "ชา"}, headers={"HX-Request": "true"}
    ).content.decode()
    # Only the filters are redrawn: a report being made keeps its status beside the button.
    assert 'id="export-link"' not in fragment
    assert (
        '<input type="hidden" name="query" value="q=%E0%B8%8A%E0%B8%B2" id="export-query"'
        ' hx-swap-oob="true">' in fragment
    )


def test_an_officer_gets_their_district_as_the_list_filters_it(client, member, db):
    # An officer chooses no office (they have one): the district is read for that office.
    _factories()
    client.force_login(member)
    assert _names(exported_factories(client, {"district": "5701"})) == ["ไร่ชาเชียงราย"]
    assert sorted(_names(exported_factories(client))) == ["โรงสีข้าวเชียงแสน", "ไร่ชาเชียงราย"]


def test_my_reports_names_the_export_by_its_filters(client, member, db):
    _factories()
    client.force_login(member)
    exported_factories(client, {"factory_type": "00900", "q": "โรงสี"})
    report = ReportRequest.objects.get(kind="factory_list")
    assert report.title == "ทะเบียนโรงงาน (Excel) ตามตัวกรอง 2 รายการ"
    assert report.filename.startswith("factories-") and report.filename.endswith(".xlsx")
    body = client.get(reverse("core:my_reports")).content.decode()
    assert "ทะเบียนโรงงาน (Excel) ตามตัวกรอง 2 รายการ" in body


def test_nobody_else_asks_for_or_downloads_my_export(client, member, outsider, head, db):
    _factories()
    client.force_login(member)
    exported_factories(client)
    report = ReportRequest.objects.get(kind="factory_list")
    download = reverse("core:report_download", kwargs={"pk": report.pk})
    for other in (outsider, head):  # another office's officer; even the head of my own office
        client.force_login(other)
        assert client.get(download).status_code == 404
        asked = client.post(
            reverse("core:report_request", kwargs={"kind": "factory_list", "pk": member.pk}),
            {"query": ""},
        )
        assert asked.status_code == 404
    assert ReportRequest.objects.filter(kind="factory_list").count() == 1


def test_an_odd_query_is_read_as_the_list_reads_it(client, member, db):
    _factories()
    client.force_login(member)
    odd = {"factory_type": "x" * 5000, "class_number": "สอง", "sort": "'; DROP TABLE", "zz": "1"}
    response = exported_factories(client, odd)
    assert response.status_code == 200
    assert sorted(_names(response)) == ["โรงสีข้าวเชียงแสน", "ไร่ชาเชียงราย"]
    report = ReportRequest.objects.get(kind="factory_list")
    assert "zz" not in report.params["query"] and len(report.params["query"]) < 1000
