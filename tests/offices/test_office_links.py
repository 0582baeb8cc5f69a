"""An office's page links to that office's plan, register, orders, complaints and MIND
summary, and each link opens that office's data (not its neighbours') for the people who read
it: the office's own staff, an inspector of its region and an executive."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from core.thaidates import current_fiscal_year
from factories.models import Complaint
from tests.builders import NAN, make_offices_data


@pytest.fixture
def offices_data(db, member) -> None:
    make_offices_data(member)


def office_links(client, code: str) -> dict[str, str]:
    """The links of the office page's link bar, by their text."""
    html = client.get(reverse("offices:detail", kwargs={"code": code})).content.decode()
    bar = html.split('data-testid="office-links"', 1)[1].split("</nav>", 1)[0]
    return {
        re.sub(r"<[^>]+>|\s+", " ", text).strip(): href.replace("&amp;", "&")
        for href, text in re.findall(r'<a class="nav-link border" href="([^"]+)">(.*?)</a>', bar)
    }


@pytest.mark.parametrize("person", ["inspector", "executive", "head"])
def test_each_link_opens_the_offices_own_data(client, request, offices_data, person):
    user = request.getfixturevalue(person)
    client.force_login(user)
    fy = current_fiscal_year()
    links = office_links(client, "57")
    assert list(links) == [
        f"แผนการตรวจปีงบประมาณ {fy}",
        "ทะเบียนโรงงาน",
        "คำสั่งตาม พ.ร.บ.โรงงาน",
        "เรื่องร้องเรียน",
        f"ภาพรวม MIND ปีงบประมาณ {fy}",
    ]
    pages = {name: client.get(url) for name, url in links.items()}
    assert {name: page.status_code for name, page in pages.items()} == dict.fromkeys(links, 200)
    html = {name: page.content.decode() for name, page in pages.items()}

    plan = pages[f"แผนการตรวจปีงบประมาณ {fy}"]
    assert plan.context["office"].pk == "57"
    assert [f.name for f in plan.context["page"]] == ["บ่อขยะเชียงราย"]

    register = pages["ทะเบียนโรงงาน"]
    assert [row["name"] for row in register.context["page"]] == ["บ่อขยะเชียงราย"]

    orders = pages["คำสั่งตาม พ.ร.บ.โรงงาน"]
    assert [order.number for order in orders.context["page"]] == ["คำสั่งเชียงราย"]
    assert "สอจ.เชียงราย" in html["คำสั่งตาม พ.ร.บ.โรงงาน"]

    complaints = html["เรื่องร้องเรียน"]
    assert "กลิ่นเหม็นจากเชียงราย" in complaints and "กลิ่นเหม็นจากน่าน" not in complaints

    mind = pages[f"ภาพรวม MIND ปีงบประมาณ {fy}"]
    assert mind.context["office"].pk == "57" and mind.context["figures"]["total"] == 1
    assert "สำนักงานอุตสาหกรรมจังหวัดเชียงราย" in html[f"ภาพรวม MIND ปีงบประมาณ {fy}"]


def test_the_inspector_reads_the_neighbour_office_the_same_way(client, inspector, offices_data):
    client.force_login(inspector)
    links = office_links(client, NAN)
    orders = client.get(links["คำสั่งตาม พ.ร.บ.โรงงาน"])
    assert [order.number for order in orders.context["page"]] == ["คำสั่งน่าน"]
    complaints = client.get(links["เรื่องร้องเรียน"]).content.decode()
    assert "กลิ่นเหม็นจากน่าน" in complaints and "กลิ่นเหม็นจากเชียงราย" not in complaints


def test_the_office_filter_of_orders_and_complaints_keeps_to_the_scope(
    client, inspector, outsider, offices_data
):
    # Phichit (region 18) is outside the inspector's regions: not found, not an empty list.
    client.force_login(inspector)
    assert client.get(reverse("inspections:orders"), {"office": "66"}).status_code == 404
    assert client.get(reverse("factories:complaints"), {"office": "66"}).status_code == 404
    # Phichit's officer cannot reach Chiang Rai's through the filter either.
    client.force_login(outsider)
    assert client.get(reverse("inspections:orders"), {"office": "57"}).status_code == 404
    assert client.get(reverse("factories:complaints"), {"office": "57"}).status_code == 404
    # Without the filter the inspector sees both offices of the region.
    client.force_login(inspector)
    everything = client.get(reverse("inspections:orders")).context["page"]
    assert {order.number for order in everything} == {"คำสั่งเชียงราย", "คำสั่งน่าน"}


def test_the_office_stays_with_the_orders_and_complaints_filters(client, executive, offices_data):
    client.force_login(executive)
    orders = client.get(reverse("inspections:orders"), {"office": "57", "status": "open"})
    assert [order.number for order in orders.context["page"]] == ["คำสั่งเชียงราย"]
    assert '<input type="hidden" name="office" value="57">' in orders.content.decode()
    fragment = client.get(
        reverse("inspections:orders"), {"office": "57", "section": "s37"}, HTTP_HX_REQUEST="true"
    )
    assert [order.number for order in fragment.context["page"]] == ["คำสั่งเชียงราย"]
    complaints = client.get(reverse("factories:complaints"), {"office": "57", "status": "open"})
    html = complaints.content.decode()
    assert "กลิ่นเหม็นจากเชียงราย" in html and "กลิ่นเหม็นจากน่าน" not in html
    # The status tabs keep the office.
    assert 'href="?status=open&amp;office=57"' in html


def test_the_complaints_pager_keeps_the_office(client, executive, offices_data):
    complaint = Complaint.objects.get(office_id="57")
    for _ in range(50):
        complaint.pk = None
        complaint.save()
    client.force_login(executive)
    html = client.get(reverse("factories:complaints"), {"office": "57"}).content.decode()
    assert "หน้า 1 จาก 2" in html and "กลิ่นเหม็นจากน่าน" not in html
    assert 'href="?status=&amp;office=57&page=2"' in html
