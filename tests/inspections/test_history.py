"""An inspection's history: on the review page, the versions that one sitting at the form saves by
itself show as one entry, in Buddhist Era dates; the history page folds in the answers' changes,
for whoever may see the inspection."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from core.thaidates import format_be_date
from inspections.models import FactoryInspection
from tests.builders import answer_everything, item, post_answer, risky_factory
from tests.pages import page_texts

pytestmark = pytest.mark.django_db


def started(client, member) -> FactoryInspection:
    """An inspection an officer started and wrote a summary for, saved three times as typed."""
    client.force_login(member)
    start_url = reverse("inspections:start", kwargs={"factory_pk": risky_factory().pk})
    client.post(start_url, {"kind": "routine", "inspected_on": "24/02/2567"})
    inspection = FactoryInspection.objects.get()
    summary_url = reverse("inspections:summary", kwargs={"pk": inspection.pk})
    for text in ("ค่า BOD", "ค่า BOD เกิน", "ค่า BOD เกินมาตรฐาน"):
        client.post(summary_url, {"summary": text}, headers={"HX-Request": "true"})
    return inspection


def history_url(inspection) -> str:
    return reverse("inspections:history", kwargs={"pk": inspection.pk})


def today() -> str:
    with translation.override("th"):
        return format_be_date(timezone.localdate())


def test_the_review_page_shows_a_sitting_of_autosaves_as_one_entry(client, member, head):
    inspection = started(client, member)
    answer_everything(inspection, member)
    client.post(reverse("inspections:submit", kwargs={"pk": inspection.pk}))
    assert inspection.history.count() == 5

    client.force_login(head)
    response = client.get(reverse("inspections:review", kwargs={"pk": inspection.pk}))
    entries = page_texts(response).all("history-entry")
    submitted, sitting = (entry.split(" · ", 1)[1] for entry in entries)
    assert submitted.startswith("แก้ไข · สมชาย")
    assert "สถานะ: ฉบับร่าง เป็น ส่งให้อุตสาหกรรมจังหวัดพิจารณา" in submitted
    # The start and the three saves of the summary: one entry, first before and last after.
    assert sitting.startswith("สร้าง · บันทึก 4 ครั้ง · สมชาย")
    assert "สรุปผลการตรวจ: – เป็น ค่า BOD เกินมาตรฐาน" in sitting
    assert "ค่า BOD เกิน " not in sitting
    # In the Buddhist Era: "2 ธ.ค. 2569 10:02–10:03 น." for a sitting of a minute.
    assert entries[1].startswith(f"{today()} ")
    assert page_texts(response).texts["history-link"].startswith("ดูประวัติทั้งหมด")


def test_the_history_page_folds_in_who_changed_which_answer(client, member, head):
    inspection = started(client, member)
    post_answer(client, inspection, "WW-11", "35")
    post_answer(client, inspection, "WW-11", "42", version=1)
    post_answer(client, inspection, "WW-01", "yes")

    client.force_login(head)
    response = client.get(history_url(inspection))
    assert response.status_code == 200
    texts = page_texts(response)
    entries = texts.all("history-entry")
    answers = [e for e in entries if " · คำตอบ · " in e]
    assert len(answers) == 1  # one sitting of three saves of two answers
    (sitting,) = answers
    assert sitting.startswith(f"{today()} ") and "บันทึก 3 ครั้ง · สมชาย" in sitting
    assert f"{item('WW-11')} · คำตอบ: – เป็น 42" in sitting  # the first before, the last after
    assert "เป็น 35" not in sitting
    assert f"{item('WW-01')} · คำตอบ: – เป็น" in sitting
    assert any(e.split(" · ")[1] == "สร้าง" and "สมชาย" in e for e in entries)
    assert str(inspection.factory.display_name) in texts.texts["history-of"]


def test_the_detail_page_links_to_the_history(client, member):
    inspection = started(client, member)
    response = client.get(reverse("inspections:detail", kwargs={"pk": inspection.pk}))
    assert f'href="{history_url(inspection)}"' in response.content.decode()


def test_another_office_gets_404_and_a_stranger_the_login(client, member, outsider):
    inspection = started(client, member)
    client.force_login(outsider)
    assert client.get(history_url(inspection)).status_code == 404
    client.logout()
    response = client.get(history_url(inspection))
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_the_history_page_reads_a_fixed_number_of_queries(
    client, member, head, django_assert_num_queries
):
    inspection = started(client, member)
    post_answer(client, inspection, "WW-11", "35")
    client.force_login(head)
    client.get(history_url(inspection))  # the session and the person are read once cached
    # The inspection (the session and the person are cached), its versions, its answers' versions
    # (each with who saved it) and the items' names.
    with django_assert_num_queries(4):
        client.get(history_url(inspection))
    client.force_login(member)
    for version, value in enumerate(("36", "37", "38", "39", "40"), start=1):
        post_answer(client, inspection, "WW-11", value, version=version)
    answer_everything(inspection, member)
    client.force_login(head)
    client.get(history_url(inspection))
    with django_assert_num_queries(4):  # every item answered, one six times
        client.get(history_url(inspection))
