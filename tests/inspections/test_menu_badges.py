"""The head's menu says how much waits behind it: inspections to review and orders past their
deadline, for their own office only, and never a count the list behind it contradicts."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from inspections.models import FactoryInspection, InspectionStatus, Order, OrderSection
from inspections.services.review import inspection_approve
from tests.builders import add_factory, make_inspection


def menu_badges(client) -> dict[str, str]:
    """{menu label: the count beside it} of the page's main menu."""
    html = client.get(reverse("core:desk")).content.decode()
    nav = html.split('data-testid="main-nav"', 1)[1].split("</ul>\n</nav>", 1)[0]
    found = {}
    for label, count in re.findall(
        r'>\s*([^<>]+?)\s*<span class="badge rounded-pill[^"]*" data-testid="menu-badge">([\d,]+)',
        nav,
    ):
        found[label.strip()] = count
    return found


@pytest.fixture
def waiting(db, member, outsider):
    """Two inspections submitted in the member's office, an order past its deadline, and the
    same again in the outsider's office."""
    made = {}
    for who, province in ((member, "57"), (outsider, "66")):
        factory = add_factory(f"โรงงานรอพิจารณา {province}", province=province)
        made[province] = [make_inspection(factory, who) for _ in range(2)]
        Order.objects.create(
            factory=factory,
            office_id=province,
            inspection=made[province][0],
            section=OrderSection.S37,
            legal_text="ให้แก้ไขระบบบำบัดน้ำเสีย",
            issued_on=timezone.localdate() - dt.timedelta(days=40),
            deadline=timezone.localdate() - dt.timedelta(days=1),
        )
    return made


def test_the_head_sees_what_waits_in_the_menu(client, head, waiting):
    client.force_login(head)
    assert menu_badges(client) == {"รอพิจารณา": "2", "ติดตาม": "1", "คำสั่ง": "1"}


def test_nobody_else_sees_the_office_s_counts(client, member, inspector, executive, waiting):
    for person in (member, inspector, executive):
        client.force_login(person)
        assert menu_badges(client) == {}


def test_another_office_s_head_sees_their_own(client, outsider_head, waiting):
    FactoryInspection.objects.filter(office_id="66").update(status=InspectionStatus.DRAFT)
    client.force_login(outsider_head)
    assert menu_badges(client) == {"ติดตาม": "1", "คำสั่ง": "1"}


def test_an_approval_shows_at_once_and_later_pages_do_not_count_again(client, head, waiting):
    client.force_login(head)
    assert menu_badges(client)["รอพิจารณา"] == "2"
    # Counted once: the next page reads the counts from the cache, not from the database.
    with CaptureQueriesContext(connection) as later:
        response = client.get(reverse("factories:list"))
    assert 'data-testid="menu-badge">2<' in response.content.decode()
    counted = [q for q in later.captured_queries if "COUNT(" in q["sql"].upper()]
    assert not any("submitted" in q["sql"] for q in counted)
    inspection_approve(inspection=waiting["57"][0], user=head)
    assert menu_badges(client)["รอพิจารณา"] == "1"
    # The count and the list behind it agree.
    assert len(client.get(reverse("inspections:review_queue")).context["page"]) == 1
