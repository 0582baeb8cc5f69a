"""Filling an inspection, the pages: who may start, fill, submit and read it; autosave answers;
photos; location; query counts."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from inspections.models import Answer, FactoryInspection, InspectionStatus
from tests.builders import (
    answer,
    answer_everything,
    item,
    png_upload,
    post_answer,
    risky_factory,
    start,
    tiny_png,
    url,
)
from tests.pages import page_texts


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def factory(db):
    return risky_factory()


@pytest.fixture
def inspection(member, factory):
    return start(factory, member)


# Starting --------------------------------------------------------------------------------------


def test_it_starts_an_inspection_from_the_page(client, member, head, factory):
    client.force_login(member)
    start_url = reverse("inspections:start", kwargs={"factory_pk": factory.pk})
    page = client.get(start_url)
    assert page.status_code == 200
    assert "น้ำเสียและน้ำทิ้ง" in page.content.decode()
    response = client.post(
        start_url, {"kind": "routine", "inspected_on": "24/02/2567", "co_inspectors": [head.pk]}
    )
    inspection = FactoryInspection.objects.get()
    assert response.url == url("form", inspection)
    assert inspection.inspected_on.isoformat() == "2024-02-24"
    assert list(inspection.co_inspectors.all()) == [head]


def test_it_links_the_start_page_from_the_factory_for_its_office_only(
    client, member, inspector, factory
):
    client.force_login(member)
    start_url = reverse("inspections:start", kwargs={"factory_pk": factory.pk})
    assert start_url in client.get(reverse("factories:detail", args=[factory.pk])).content.decode()
    client.force_login(inspector)
    assert (
        start_url not in client.get(reverse("factories:detail", args=[factory.pk])).content.decode()
    )


@pytest.mark.parametrize(
    ("person", "status"),
    [("head", 200), ("outsider", 404), ("inspector", 403), ("executive", 403)],
)
def test_it_lets_only_the_office_start(client, request, factory, person, status):
    client.force_login(request.getfixturevalue(person))
    start_url = reverse("inspections:start", kwargs={"factory_pk": factory.pk})
    assert client.get(start_url).status_code == status
    response = client.post(start_url, {"kind": "routine", "inspected_on": "24/02/2567"})
    assert response.status_code == (302 if status == 200 else status)


# The form and the read-only page ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("person", "form_status", "detail_status"),
    [
        ("member", 200, 200),
        ("head", 302, 200),  # not lead nor co-inspector: sent to the read-only page
        ("outsider", 404, 404),
        ("inspector", 302, 200),
        ("executive", 302, 200),
    ],
)
def test_it_shows_the_form_to_its_inspectors_and_the_page_to_the_scope(
    client, request, inspection, person, form_status, detail_status
):
    client.force_login(request.getfixturevalue(person))
    response = client.get(url("form", inspection))
    assert response.status_code == form_status
    if form_status == 302:
        assert response.url == url("detail", inspection)
    assert client.get(url("detail", inspection)).status_code == detail_status


def test_it_lets_a_co_inspector_fill_the_form(client, head, member, factory):
    inspection = start(factory, member, co_inspectors=[head])
    client.force_login(head)
    html = client.get(url("form", inspection)).content.decode()
    assert factory.name in html
    assert f'id="version-{item("WW-01").pk}"' in html  # the wastewater checklist, to fill
    html = post_answer(client, inspection, "WW-01", "yes").content.decode()
    assert "บันทึกแล้ว" in html
    assert Answer.objects.get(inspection=inspection, item=item("WW-01")).value == "yes"


def test_it_renders_each_kind_of_item_for_a_phone(client, member, inspection):
    client.force_login(member)
    html = client.get(url("form", inspection)).content.decode()
    assert 'inputmode="decimal"' in html  # numbers
    assert "≤ 20 mg/L" in html  # the legal limit of BOD
    assert 'class="btn-check" name="value" value="yes"' in html  # large yes/no buttons
    assert "js/inspection-form.js" in html
    assert "<script>" not in html  # no inline script (CSP)


def test_it_counts_the_saved_answers_when_the_form_is_reopened(client, member, inspection):
    answer(inspection, "GEN-01", "yes", member)
    answer(inspection, "WW-11", "35", member)  # over the limit: answered all the same
    answer(inspection, "WW-12", "na", member)
    answer(inspection, "WW-13", "", member, note="ยังไม่ได้วัด")  # a note alone answers nothing
    client.force_login(member)
    page = page_texts(client.get(url("form", inspection)))
    assert page.texts["progress-text"] == "ตอบแล้ว 3 / 20 ข้อ"
    html = client.get(url("form", inspection)).content.decode()
    assert '<progress class="form-progress" max="20" value="3"' in html
    assert 'data-testid="item-WW-11" data-kind="number" data-answered="1"' in html
    assert 'data-testid="item-WW-13" data-kind="number" data-answered="0"' in html
    # The submit sits in the bar with the count, and is the only one.
    assert page.all("submit-inspection") == ["ส่งผลการตรวจ"]
    assert "ส่งผลการตรวจ" in page.texts["form-progress"]
    assert "ข้อถัดไปที่ยังไม่ตอบ" in page.texts["form-progress"]


def test_it_says_whether_a_saved_answer_counts(client, member, inspection):
    client.force_login(member)
    saved = post_answer(client, inspection, "WW-11", "35").content.decode()
    assert 'data-state="saved" data-answered="1"' in saved
    emptied = post_answer(client, inspection, "WW-11", "", version=1).content.decode()
    assert 'data-state="saved" data-answered="0"' in emptied
    refused = post_answer(client, inspection, "WW-11", "มาก", version=2).content.decode()
    assert 'data-state="error" data-answered="0"' in refused
    stale = post_answer(client, inspection, "WW-11", "40", version=1)
    assert stale.status_code == 409
    assert "data-answered" not in stale.content.decode()  # the person decides first


# Saving answers as typed -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("person", "status"), [("head", 403), ("outsider", 404), ("inspector", 403), ("member", 200)]
)
def test_it_takes_answers_only_from_its_inspectors(client, request, inspection, person, status):
    client.force_login(request.getfixturevalue(person))
    assert post_answer(client, inspection, "WW-01", "yes").status_code == status
    assert Answer.objects.exists() == (status == 200)


def test_it_saves_an_answer_and_shows_its_state(client, member, inspection):
    client.force_login(member)
    response = post_answer(client, inspection, "WW-11", "18")
    html = response.content.decode()
    assert response.status_code == 200
    assert "บันทึกแล้ว" in html and "เป็นไปตามกฎหมาย" in html
    version_input = f'id="version-{item("WW-11").pk}" value="1" hx-swap-oob="true"'
    assert version_input in html
    # Re-evaluated on every save: now over the limit, a red badge and the note asked for.
    response = post_answer(client, inspection, "WW-11", "35", version=1)
    html = response.content.decode()
    assert "text-bg-danger" in html and 'data-testid="needs-note"' in html
    stored = Answer.objects.get()
    assert (stored.value, stored.version, stored.compliance) == ("35", 2, "noncompliant")
    response = post_answer(client, inspection, "WW-11", "35", version=2, note="บ่อสุดท้าย")
    assert 'data-testid="needs-note"' not in response.content.decode()


def test_it_saves_not_applicable_for_numbers(client, member, inspection):
    client.force_login(member)
    assert post_answer(client, inspection, "WW-16", "", na="1").status_code == 200
    assert Answer.objects.get().compliance == "na"


def test_it_refuses_a_stale_version_without_overwriting(client, member, head, factory):
    inspection = start(factory, member, co_inspectors=[head])
    client.force_login(head)
    post_answer(client, inspection, "WW-01", "no", note="ระบบไม่เดิน")
    client.force_login(member)
    response = post_answer(client, inspection, "WW-01", "yes", version=0)
    assert response.status_code == 409
    html = response.content.decode()
    assert "กฤษณา" in html and "“ไม่ใช่”" in html and "ระบบไม่เดิน" in html
    assert f'data-keep-mine data-item="{item("WW-01").pk}" data-version="1"' in html
    stored = Answer.objects.get()
    assert (stored.value, stored.version, stored.answered_by) == ("no", 1, head)
    # Keeping mine: sent again on the version now stored.
    assert post_answer(client, inspection, "WW-01", "yes", version=1).status_code == 200
    assert Answer.objects.get().value == "yes"


def test_it_explains_a_value_it_cannot_take(client, member, inspection):
    client.force_login(member)
    response = post_answer(client, inspection, "WW-11", "สูง")
    assert response.status_code == 422
    assert "บันทึกไม่สำเร็จ — กรุณากรอกเป็นตัวเลข" in response.content.decode()
    assert not Answer.objects.exists()


def test_it_answers_404_for_an_item_outside_the_inspection(client, member, inspection):
    client.force_login(member)
    assert post_answer(client, inspection, "AIR-01", "yes").status_code == 404


# Photos ------------------------------------------------------------------------------------------


def test_it_takes_a_real_photo_and_serves_it_only_within_scope(
    client, member, head, outsider, inspector, inspection
):
    client.force_login(member)
    response = client.post(
        url("photo_upload", inspection),
        {"image": png_upload(), "caption": "ป้ายโรงงาน", "item": item("WW-01").pk},
    )
    assert response.status_code == 200
    photo = inspection.photos.get()
    assert (photo.content_type, photo.size, photo.answer.item.code) == (
        "image/png",
        len(tiny_png()),
        "WW-01",
    )
    photo_url = reverse("inspections:photo", kwargs={"pk": photo.pk})
    assert photo_url in response.content.decode()
    assert not photo.image.url.startswith(photo_url)  # never the media URL
    for person in (member, head, inspector):
        client.force_login(person)
        served = client.get(photo_url)
        assert served.status_code == 200 and served["Content-Type"] == "image/png"
        assert b"".join(served.streaming_content) == tiny_png()
    client.force_login(outsider)
    assert client.get(photo_url).status_code == 404


def test_it_refuses_a_pdf_named_jpg_and_an_oversized_photo(client, member, inspection):
    client.force_login(member)
    pdf = SimpleUploadedFile("photo.jpg", b"%PDF-1.7\n1 0 obj", content_type="image/jpeg")
    response = client.post(url("photo_upload", inspection), {"image": pdf, "caption": ""})
    assert response.status_code == 422
    assert "ไม่ใช่ภาพถ่าย" in response.content.decode()
    big = SimpleUploadedFile("big.png", tiny_png() + b"\0" * (10 * 1024 * 1024 + 1), "image/png")
    response = client.post(url("photo_upload", inspection), {"image": big})
    assert response.status_code == 422 and "10 MB" in response.content.decode()
    assert not inspection.photos.exists()


def test_it_shows_heic_as_a_file_link(client, member, inspection):
    client.force_login(member)
    heic = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\0" * 64
    upload = SimpleUploadedFile("IMG_0001.HEIC", heic, content_type="application/octet-stream")
    response = client.post(url("photo_upload", inspection), {"image": upload, "caption": "ท่อ"})
    assert response.status_code == 200
    photo = inspection.photos.get()
    assert photo.content_type == "image/heic"
    assert "<img" not in response.content.decode()
    served = client.get(reverse("inspections:photo", kwargs={"pk": photo.pk}))
    assert served["Content-Disposition"].startswith("attachment")


@pytest.mark.parametrize(
    ("person", "status"), [("head", 403), ("outsider", 404), ("inspector", 403)]
)
def test_it_takes_photos_only_from_its_inspectors(client, request, inspection, person, status):
    client.force_login(request.getfixturevalue(person))
    response = client.post(url("photo_upload", inspection), {"image": png_upload()})
    assert response.status_code == status


# Location, summary, submit -----------------------------------------------------------------------


def test_it_saves_the_location_when_given(client, member, head, inspection):
    client.force_login(member)
    response = client.post(
        url("location", inspection),
        {"latitude": "19.9105481", "longitude": "99.8406", "accuracy": "12.7"},
    )
    assert response.status_code == 200
    inspection.refresh_from_db()
    assert (str(inspection.latitude), str(inspection.longitude)) == ("19.910548", "99.840600")
    assert inspection.location_accuracy_m == 12
    assert client.post(url("location", inspection), {"latitude": "abc"}).status_code == 422
    client.force_login(head)
    assert client.post(url("location", inspection), {"latitude": "1"}).status_code == 403


def test_it_saves_the_summary_as_typed(client, member, outsider, inspection):
    client.force_login(member)
    assert client.post(url("summary", inspection), {"summary": "เรียบร้อย"}).status_code == 200
    inspection.refresh_from_db()
    assert inspection.summary == "เรียบร้อย"
    client.force_login(outsider)
    assert client.post(url("summary", inspection), {"summary": "x"}).status_code == 404


def test_it_lists_what_is_missing_when_submitted_too_early(client, member, inspection):
    client.force_login(member)
    answer_everything(inspection, member, {"WW-03": "yes"})
    response = client.post(url("submit", inspection), {"summary": "สรุป"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-testid="missing"' in html
    assert f'href="#item-{item("WW-03").pk}"' in html
    assert "ต้องแนบภาพถ่าย" in html
    inspection.refresh_from_db()
    assert inspection.status == InspectionStatus.DRAFT and inspection.summary == "สรุป"


def test_it_submits_and_shows_the_findings(client, member, head, inspection):
    client.force_login(member)
    answer_everything(inspection, member, {"WW-12": "300"})
    answer(inspection, "WW-12", "300", member, note="เกินมาตรฐาน")
    response = client.post(url("submit", inspection), {"summary": "COD เกิน"})
    assert response.url == url("detail", inspection)
    inspection.refresh_from_db()
    assert inspection.status == InspectionStatus.SUBMITTED
    client.force_login(head)
    html = client.get(url("detail", inspection)).content.decode()
    assert "ซีโอดี (COD): 300 mg/L — เกินมาตรฐาน" in html
    assert "ข้อบกพร่องที่พบ 1 ข้อ" in html
    # Submitted: read-only, even for its lead.
    client.force_login(member)
    assert client.get(url("form", inspection)).status_code == 302
    assert post_answer(client, inspection, "WW-12", "10", version=2).status_code == 403
    assert client.post(url("submit", inspection)).status_code == 403


@pytest.mark.parametrize(
    ("person", "status"), [("head", 403), ("outsider", 404), ("inspector", 403)]
)
def test_it_takes_the_submit_only_from_its_inspectors(client, request, inspection, person, status):
    client.force_login(request.getfixturevalue(person))
    assert client.post(url("submit", inspection)).status_code == status


# Query counts ------------------------------------------------------------------------------------


def count_queries(client, page_url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(page_url).status_code == 200
    return len(queries)


def test_it_builds_the_form_and_the_page_in_a_fixed_number_of_queries(client, member, inspection):
    client.force_login(member)
    answer(inspection, "WW-01", "yes", member)
    client.get(url("detail", inspection))  # the person goes to the cache
    few_form = count_queries(client, url("form", inspection))
    few_detail = count_queries(client, url("detail", inspection))
    answer_everything(inspection, member, {"WW-03": "yes"})
    for code in ("WW-03", "WW-01", "GEN-01"):
        client.post(url("photo_upload", inspection), {"image": png_upload(), "item": item(code).pk})
    client.post(url("photo_upload", inspection), {"image": png_upload()})
    # inspection, co-inspectors, versions, sections, items, answers, photos…
    assert count_queries(client, url("form", inspection)) == few_form == 8
    # … and on the page, the person's latest report of the inspection (its status line).
    assert count_queries(client, url("detail", inspection)) == few_detail == 12
