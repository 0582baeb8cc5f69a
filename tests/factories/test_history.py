"""The factory page's change history: who changed the factory, when, and what they changed."""

from __future__ import annotations

import re
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone, translation

from core.thaidates import format_be_date
from factories.demo import demo_register_create
from factories.models import Factory, FactoryStatus
from factories.selectors import HISTORY_SHOWN, factory_history
from tests.builders import add_factory
from tests.pages import page_texts


def history_text(client, factory) -> list[str]:
    """The entries of the page's history card as a person reads them, newest first."""
    body = client.get(reverse("factories:detail", kwargs={"pk": factory.pk})).content.decode()
    entries = body.split('data-testid="history-entry">')[1:]
    entries[-1] = entries[-1].split("</ul>\n    </div>")[0]
    return [" ".join(re.sub(r"<[^>]+>", " ", e).split()) for e in entries]


def test_it_shows_what_an_officer_changed_and_who(client, member):
    factory = add_factory("โรงสีข้าวเชียงแสน", horsepower=Decimal("100"), district="5701")
    client.force_login(member)
    url = reverse("factories:edit", kwargs={"pk": factory.pk})
    data = {k: v for k, v in client.get(url).context["form"].initial.items() if v is not None}
    data.update(
        {
            "horsepower": "150.5",
            "district": "5702",
            "subdistrict": "",
            "status": str(FactoryStatus.STOPPED),
            "licence_date": "24/02/2566",
        }
    )
    data.pop("risk_overridden", None)
    assert client.post(url, data).status_code == 302

    newest, created = history_text(client, factory)
    assert "แก้ไข · สมชาย" in newest
    assert "แรงม้า: 100 เป็น 150.5" in newest
    assert "อำเภอ: เมืองเชียงราย เป็น เวียงชัย" in newest
    assert "สถานะ: ประกอบกิจการ เป็น หยุดประกอบกิจการ" in newest
    assert "วันที่ได้รับใบอนุญาต: – เป็น 24 ก.พ. 2566" in newest
    assert "ชื่อโรงงาน" not in newest  # unchanged fields are not listed
    assert "สร้าง" in created and ":" not in created.split("·", 2)[-1]


def test_the_oldest_version_shown_still_says_what_it_changed(member):
    factory = add_factory("โรงน้ำแข็งแม่สาย", workers_male=0)
    for count in range(1, HISTORY_SHOWN + 5):
        factory.workers_male = count
        factory.save()
    entries = factory_history(factory)
    assert len(entries) == HISTORY_SHOWN
    oldest = entries[-1].changes
    assert [(c.label, c.after) for c in oldest] == [("คนงานชาย (คน)", "5")]
    assert oldest[0].before == "4"


def test_a_demo_factory_shows_what_its_first_change_changed(db):
    demo_register_create(factories=5, seed=1)
    factory = Factory.objects.order_by("pk").first()
    factory.horsepower = Decimal("12345")
    factory.save()
    changed, created = factory_history(factory)
    assert [c.after for c in changed.changes] == ["12,345"]
    assert created.kind_label == "สร้าง"


def test_changes_of_place_are_named_in_one_query_however_many(
    client, member, django_assert_num_queries
):
    factory = add_factory("โรงสีข้าวเชียงแสน", district="5701")
    url = reverse("factories:detail", kwargs={"pk": factory.pk})
    client.force_login(member)
    with django_assert_num_queries(10):  # no loan here, so no follow-ups to read
        client.get(url)
    factory.district_id = "5702"
    factory.save()
    with django_assert_num_queries(10):  # and the districts' names
        client.get(url)
    for district in ("5703", "5704", "5705", "5701"):
        factory.district_id = district
        factory.save()
    with django_assert_num_queries(10):
        assert "เมืองเชียงราย เป็น" in " ".join(history_text(client, factory))


def test_the_history_page_shows_every_change_for_whoever_sees_the_factory(
    client, member, outsider, django_assert_num_queries
):
    factory = add_factory("โรงสีข้าวเชียงแสน", horsepower=Decimal("100"), district="5701")
    client.force_login(member)
    edit = reverse("factories:edit", kwargs={"pk": factory.pk})
    data = {k: v for k, v in client.get(edit).context["form"].initial.items() if v is not None}
    data.pop("risk_overridden", None)
    for horsepower in ("120", "150.5"):  # saved twice within a minute: one entry
        assert client.post(edit, {**data, "horsepower": horsepower}).status_code == 302
    url = reverse("factories:history", kwargs={"pk": factory.pk})
    assert (
        f'href="{url}"'
        in client.get(reverse("factories:detail", kwargs={"pk": factory.pk})).content.decode()
    )

    with django_assert_num_queries(2):  # the factory, its versions (no names)
        response = client.get(url)
    changed, created = page_texts(response).all("history-entry")
    with translation.override("th"):
        today = format_be_date(timezone.localdate())
    assert changed.startswith(f"{today} ")
    assert "แก้ไข · บันทึก 2 ครั้ง · สมชาย" in changed
    assert "แรงม้า: 100 เป็น 150.5" in changed
    assert created.split(" · ")[1:3] == ["สร้าง", "ระบบ"]

    client.force_login(outsider)
    assert client.get(url).status_code == 404
    client.logout()
    response = client.get(url)
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_the_history_page_answers_htmx_with_the_list_alone(client, member):
    factory = add_factory("โรงสีข้าวเชียงแสน")
    client.force_login(member)
    url = reverse("factories:history", kwargs={"pk": factory.pk})
    body = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert body.lstrip().startswith('<ul class="list-group') and "<html" not in body
