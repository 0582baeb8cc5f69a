"""The shared change history (core.history): who, when in the Buddhist Era, what kind of change,
each field changed with its label and its values before and after as a person reads them, a
person's quick saves collapsed into one entry, and a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from core import history as core_history
from core.history import AUTOSAVE_WINDOW, Source, object_history
from factories.models import Factory, FactoryStatus
from tests.builders import add_factory

BANGKOK = dt.timezone(dt.timedelta(hours=7))
pytestmark = pytest.mark.django_db


def at(clock: str, day: int = 2) -> dt.datetime:
    hour, minute, *second = (int(part) for part in clock.split(":"))
    return dt.datetime(2026, 12, day, hour, minute, *(second or [0]), tzinfo=BANGKOK)


def created(name: str = "โรงสีข้าวเชียงแสน", clock: str = "8:00", user=None, **fields) -> Factory:
    factory = add_factory(name, **fields)
    factory.history.update(history_date=at(clock), history_user=user)
    return factory


def save(factory: Factory, clock: str, user=None, day: int = 2, **changes) -> None:
    """Save a version as ``user`` (nobody when None) at ``clock`` on 2 December 2569."""
    for name, value in changes.items():
        setattr(factory, name, value)
    factory._history_date = at(clock, day)
    if user is not None:
        factory._history_user = user
    elif hasattr(factory, "_history_user"):
        del factory._history_user
    factory.save()


def lines(subject, **options) -> list[str]:
    """Each entry as the page writes it: when · kind · who, then label: before → after."""
    with translation.override("th"):
        return [
            " · ".join(
                [e.when, e.kind_label, *([f"{e.count} ครั้ง"] if e.count > 1 else []), e.who]
                + [
                    f"{c.subject + ' · ' if c.subject else ''}{c.label}: {c.before} → {c.after}"
                    for c in e.changes
                ]
            )
            for e in object_history(subject, **options)
        ]


def test_a_persons_quick_saves_are_one_entry_from_the_first_before_to_the_last_after(member):
    factory = created(horsepower=Decimal("100"))
    save(factory, "10:02", member, horsepower=Decimal("120"))
    save(factory, "10:05", member, horsepower=Decimal("150.5"))
    save(factory, "10:09", member, operator_name="บริษัท ข้าวดี จำกัด")
    assert lines(factory) == [
        "2 ธ.ค. 2569 10:02–10:09 น. · แก้ไข · 3 ครั้ง · สมชาย"
        " · ผู้ประกอบการ: – → บริษัท ข้าวดี จำกัด · แรงม้า: 100 → 150.5",
        "2 ธ.ค. 2569 08:00 น. · สร้าง · ระบบ",
    ]


def test_a_value_changed_and_changed_back_within_a_sitting_is_not_listed(member):
    factory = created(horsepower=Decimal("100"))
    save(factory, "10:02", member, horsepower=Decimal("120"))
    save(factory, "10:03", member, horsepower=Decimal("100"), moo="4")
    assert lines(factory)[0] == "2 ธ.ค. 2569 10:02–10:03 น. · แก้ไข · 2 ครั้ง · สมชาย · หมู่ที่: – → 4"


def test_it_collapses_up_to_the_window_measured_from_one_version_to_the_next(member):
    assert dt.timedelta(minutes=10) == AUTOSAVE_WINDOW
    factory = created()
    for minute in range(10, 60, 9):  # a long sitting saving every nine minutes
        save(factory, f"10:{minute:02d}", member, moo=str(minute))
    save(factory, "11:05:01", member, moo="late")  # ten minutes and a second after the last
    assert [line.split(" · ")[:3] for line in lines(factory)] == [
        ["2 ธ.ค. 2569 11:05 น.", "แก้ไข", "สมชาย"],
        ["2 ธ.ค. 2569 10:10–10:55 น.", "แก้ไข", "6 ครั้ง"],
        ["2 ธ.ค. 2569 08:00 น.", "สร้าง", "ระบบ"],
    ]


def test_another_person_or_nobody_starts_another_entry(member, head):
    factory = created()
    save(factory, "10:01", member, moo="1")
    save(factory, "10:02", head, moo="2")
    save(factory, "10:03", member, moo="3")
    save(factory, "10:04", None, moo="4")
    save(factory, "10:05", None, moo="5")
    assert [line.split(" · ")[2] for line in lines(factory)] == [
        "ระบบ",  # versions saved by nobody (imports, the worker) are each an event
        "ระบบ",
        "สมชาย",
        "กฤษณา",
        "สมชาย",
        "ระบบ",
    ]


def test_a_change_of_a_splitting_field_is_an_entry_of_its_own(member):
    factory = created()
    save(factory, "10:01", member, moo="1")
    save(factory, "10:02", member, status=FactoryStatus.STOPPED)
    save(factory, "10:03", member, moo="3")
    source = Source(factory.history.all(), split_on=("status",))
    # The version that changes the status starts an entry, which the saves after it join.
    assert lines(source)[:2] == [
        "2 ธ.ค. 2569 10:02–10:03 น. · แก้ไข · 2 ครั้ง · สมชาย"
        " · สถานะ: ประกอบกิจการ → หยุดประกอบกิจการ · หมู่ที่: 1 → 3",
        "2 ธ.ค. 2569 10:01 น. · แก้ไข · สมชาย · หมู่ที่: – → 1",
    ]
    # Without the split, the sitting is one entry.
    assert len(lines(factory)) == 2


def test_values_read_as_a_person_reads_them(member):
    factory = created(district="5701")
    long_text = "ผลิตข้าวสาร " * 30
    save(
        factory,
        "10:00",
        member,
        status=FactoryStatus.STOPPED,
        district_id="5702",
        licence_date=dt.date(2023, 2, 24),
        risk_overridden=True,
        risk_override_reason="ตรวจพบน้ำเสีย",
        business_description=long_text,
        capital=Decimal("1500000.00"),
    )
    (changed, _created) = object_history(factory)
    with translation.override("th"):
        shown = {c.label: (c.before, c.after) for c in changed.changes}
    assert shown["สถานะ"] == ("ประกอบกิจการ", "หยุดประกอบกิจการ")
    assert shown["อำเภอ"] == ("เมืองเชียงราย", "เวียงชัย")
    assert shown["วันที่ได้รับใบอนุญาต"] == ("–", "24 ก.พ. 2566")
    assert shown["กำหนดความเสี่ยงเอง"] == ("ไม่ใช่", "ใช่")
    assert shown["เงินลงทุนรวม (บาท)"] == ("–", "1,500,000")
    before, after = shown["ประกอบกิจการ"]
    assert before == "–" and len(after) == 120 and after.endswith("…")
    assert not {"แก้ไขล่าสุด", "สร้างเมื่อ", "ID"} & set(shown)


def test_created_and_deleted_are_named_and_nobody_is_the_system(member):
    factory = created()
    save(factory, "10:00", member, moo="1")
    factory._history_date = at("11:00")
    factory._history_user = member
    pk = factory.pk
    factory.delete()
    history = Factory.history.filter(id=pk)
    assert [line.split(" · ")[1:3] for line in lines(history)] == [
        ["ลบ", "สมชาย"],
        ["แก้ไข", "สมชาย"],
        ["สร้าง", "ระบบ"],
    ]


def test_a_sitting_across_midnight_shows_both_days(member):
    factory = created()
    save(factory, "23:58", member, moo="1")
    save(factory, "0:03", member, day=3, moo="2")
    assert lines(factory)[0].startswith("2 ธ.ค. 2569 23:58 น. – 3 ธ.ค. 2569 00:03 น. · แก้ไข")


def test_several_records_in_one_source_name_the_record_of_each_change(member):
    mill = created("โรงสีข้าวเชียงแสน")
    ice = created("โรงน้ำแข็งแม่สาย")
    save(mill, "10:00", member, moo="1")
    save(ice, "10:01", member, moo="2")
    source = Source(
        Factory.history.filter(id__in=[mill.pk, ice.pk]), label="โรงงาน", subject=("name",)
    )
    newest = object_history(source)[0]
    assert newest.label == "โรงงาน" and newest.count == 2
    assert [(c.subject, c.after) for c in newest.changes] == [
        ("โรงน้ำแข็งแม่สาย", "2"),
        ("โรงสีข้าวเชียงแสน", "1"),
    ]


def test_it_caps_the_entries_and_says_so(monkeypatch):
    factory = created(workers_male=0)
    for count in range(1, 13):
        save(factory, f"10:{count:02d}", None, workers_male=count)
    history = object_history(factory, limit=5)
    assert len(history) == 5 and history.more
    assert [(c.before, c.after) for c in history[-1].changes] == [("7", "8")]
    # Read to the cap, the oldest version read still says what it changed (one more query).
    monkeypatch.setattr(core_history, "READ_PER_ENTRY", 1)
    history = object_history(factory, limit=5)
    assert history.more and [(c.before, c.after) for c in history[-1].changes] == [("7", "8")]
    assert not object_history(factory, limit=20).more
    html = render_to_string("core/_history.html", {"history": history, "more_url": "/x/"})
    assert "แสดง 5 รายการล่าสุด" in html and 'href="/x/"' in html


def test_the_queries_do_not_grow_with_the_versions(django_assert_num_queries, member, monkeypatch):
    factory = created(district="5701")
    save(factory, "9:00", member, district_id="5702")
    with django_assert_num_queries(2):  # the versions with who saved them; the districts' names
        object_history(factory)
    for minute in range(60):
        save(
            factory,
            f"10:{minute:02d}",
            None,
            workers_male=minute,
            district_id=f"570{minute % 3 + 1}",
        )
    with django_assert_num_queries(2):
        assert len(object_history(factory)) == 50
    monkeypatch.setattr(core_history, "READ_PER_ENTRY", 1)
    with django_assert_num_queries(3):  # read to the cap: and the version before the oldest
        object_history(factory)


def test_an_empty_history_says_so():
    html = render_to_string("core/_history.html", {"history": core_history.History()})
    assert "ไม่มีประวัติ" in html and "history-more" not in html
