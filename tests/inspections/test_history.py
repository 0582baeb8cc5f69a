"""An inspection's history: the versions that one sitting at the form saves by itself show as one
line, in Buddhist Era dates."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from core.thaidates import format_be_date, format_be_datetime_range
from inspections.models import FactoryInspection
from inspections.selectors import AUTOSAVE_WINDOW, collapse_history
from tests.builders import answer_everything, risky_factory
from tests.pages import page_texts

BANGKOK = dt.timezone(dt.timedelta(hours=7))
SOMCHAI = SimpleNamespace(pk=1, name="สมชาย")
KRITSANA = SimpleNamespace(pk=2, name="กฤษณา")


def version(at: str, status: str = "draft", user=SOMCHAI, day: int = 2) -> SimpleNamespace:
    hour, minute, *second = (int(part) for part in at.split(":"))
    when = dt.datetime(2026, 12, day, hour, minute, *(second or [0]), tzinfo=BANGKOK)
    return SimpleNamespace(
        history_date=when,
        status=status,
        history_user=user,
        history_user_id=user.pk if user else None,
    )


def lines(*records, **options) -> list[tuple[str, str, int]]:
    with translation.override("th"):
        return [
            (line.when, line.status_label, line.count)
            for line in collapse_history(list(records), **options)
        ]


def test_it_collapses_one_persons_autosaves_into_one_line():
    # Newest first, as the page reads them.
    assert lines(version("10:09"), version("10:06"), version("10:02:30"), version("10:02")) == [
        ("2 ธ.ค. 2569 10:02–10:09 น.", "ฉบับร่าง", 4)
    ]


def test_it_keeps_a_single_version_as_one_moment():
    assert lines(version("10:02")) == [("2 ธ.ค. 2569 10:02 น.", "ฉบับร่าง", 1)]
    assert lines() == []


def test_it_collapses_up_to_the_window_and_no_further():
    assert dt.timedelta(minutes=10) == AUTOSAVE_WINDOW
    exactly = lines(version("10:12"), version("10:02"))
    assert exactly == [("2 ธ.ค. 2569 10:02–10:12 น.", "ฉบับร่าง", 2)]
    one_second_more = lines(version("10:12:01"), version("10:02"))
    assert [count for _when, _status, count in one_second_more] == [1, 1]
    assert lines(version("10:05"), version("10:02"), window=dt.timedelta(minutes=2)) == [
        ("2 ธ.ค. 2569 10:05 น.", "ฉบับร่าง", 1),
        ("2 ธ.ค. 2569 10:02 น.", "ฉบับร่าง", 1),
    ]


def test_it_measures_the_window_from_one_version_to_the_next():
    # A long sitting that saves every nine minutes is one line, however long it lasts.
    sitting = [version(f"{10 + m // 60}:{m % 60:02d}") for m in range(45, -1, -9)]
    assert lines(*sitting) == [("2 ธ.ค. 2569 10:00–10:45 น.", "ฉบับร่าง", 6)]


def test_it_splits_on_another_person_or_another_status():
    assert lines(
        version("10:08", "submitted"),
        version("10:07"),
        version("10:06", user=KRITSANA),
        version("10:05"),
        version("10:04"),
    ) == [
        ("2 ธ.ค. 2569 10:08 น.", "ส่งให้อุตสาหกรรมจังหวัดพิจารณา", 1),
        ("2 ธ.ค. 2569 10:07 น.", "ฉบับร่าง", 1),
        ("2 ธ.ค. 2569 10:06 น.", "ฉบับร่าง", 1),
        ("2 ธ.ค. 2569 10:04–10:05 น.", "ฉบับร่าง", 2),
    ]
    # The same person returning to the same status later is a line of its own.
    assert len(lines(version("10:09"), version("10:08", "returned"), version("10:07"))) == 3


def test_it_keeps_versions_saved_by_no_one_apart_from_a_persons():
    assert lines(version("10:03", user=None), version("10:02", user=None), version("10:01")) == [
        ("2 ธ.ค. 2569 10:02–10:03 น.", "ฉบับร่าง", 2),
        ("2 ธ.ค. 2569 10:01 น.", "ฉบับร่าง", 1),
    ]


def test_it_writes_a_sitting_across_midnight_with_both_days():
    assert lines(version("0:03", day=3), version("23:58", day=2)) == [
        ("2 ธ.ค. 2569 23:58 น. – 3 ธ.ค. 2569 00:03 น.", "ฉบับร่าง", 2)
    ]
    start = dt.datetime(2026, 12, 2, 3, 2, tzinfo=dt.UTC)  # 10:02 in Bangkok
    with translation.override("en"):
        assert format_be_datetime_range(start, start + dt.timedelta(minutes=7)) == (
            "2 Dec 2569 10:02–10:09"
        )


@pytest.mark.django_db
def test_the_review_page_shows_a_sitting_of_autosaves_on_one_line(client, member, head):
    factory = risky_factory()
    client.force_login(member)
    start_url = reverse("inspections:start", kwargs={"factory_pk": factory.pk})
    client.post(start_url, {"kind": "routine", "inspected_on": "24/02/2567"})
    inspection = FactoryInspection.objects.get()
    summary_url = reverse("inspections:summary", kwargs={"pk": inspection.pk})
    for text in ("ค่า BOD", "ค่า BOD เกิน", "ค่า BOD เกินมาตรฐาน"):
        client.post(summary_url, {"summary": text}, headers={"HX-Request": "true"})
    answer_everything(inspection, member)
    client.post(reverse("inspections:submit", kwargs={"pk": inspection.pk}))
    assert inspection.history.count() == 5

    client.force_login(head)
    response = client.get(reverse("inspections:review", kwargs={"pk": inspection.pk}))
    history = [line.split(" · ", 1)[1] for line in page_texts(response).all("history-entry")]
    assert history == [
        "ส่งให้อุตสาหกรรมจังหวัดพิจารณา · สมชาย",
        "ฉบับร่าง · บันทึกอัตโนมัติ 4 ครั้ง · สมชาย",
    ]
    # In the Buddhist Era: "2 ธ.ค. 2569 10:02–10:03 น." for a sitting of a minute.
    with translation.override("th"):
        today = format_be_date(timezone.localdate())
    assert page_texts(response).all("history-entry")[1].startswith(f"{today} ")
