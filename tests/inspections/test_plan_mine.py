"""An officer's "my inspections": assigned factories not yet done, and their unapproved work."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from core.thaidates import current_fiscal_year
from inspections.models import FactoryInspection, InspectionPlanEntry, InspectionStatus
from tests.builders import RISKY, add_factory, in_current_year, inspect


@pytest.fixture
def work(db, member, head, outsider):
    fy = current_fiscal_year()
    f = {
        "todo": add_factory("กรีนเวสต์ จำกัด", type_code=RISKY),
        "draft": add_factory("ขยะดี จำกัด", type_code=RISKY),
        "done": add_factory("จัดการกาก จำกัด", type_code=RISKY),
        "heads": add_factory("ของหัวหน้า จำกัด", type_code=RISKY),
        "last_year": add_factory("ปีก่อน จำกัด", type_code=RISKY),
    }
    for key in ("todo", "draft", "done"):
        InspectionPlanEntry.objects.create(
            office_id="57", fiscal_year=fy, factory=f[key], assigned_to=member
        )
    InspectionPlanEntry.objects.create(
        office_id="57", fiscal_year=fy, factory=f["heads"], assigned_to=head
    )
    InspectionPlanEntry.objects.create(
        office_id="57", fiscal_year=fy - 1, factory=f["last_year"], assigned_to=member
    )
    inspect(f["draft"], member, InspectionStatus.DRAFT)
    inspect(f["done"], member, InspectionStatus.APPROVED)
    returned = inspect(f["heads"], head, InspectionStatus.RETURNED, on=dt.date(2023, 11, 1))
    returned.co_inspectors.add(member)
    inspect(f["last_year"], member, InspectionStatus.SUBMITTED, on=dt.date(2023, 12, 1))
    inspect(
        add_factory("พิจิตรเวสต์", province="66", type_code=RISKY), outsider, InspectionStatus.DRAFT
    )
    return f


def test_it_lists_assigned_factories_not_done_this_year(client, work, member):
    client.force_login(member)
    response = client.get(reverse("inspections:mine"))
    assert response.status_code == 200
    planned = {e.factory.name: e.state for e in response.context["planned"]}
    assert planned == {"กรีนเวสต์ จำกัด": "due", "ขยะดี จำกัด": "in_progress"}


def test_it_lists_own_and_joined_inspections_not_approved_newest_first(client, work, member):
    client.force_login(member)
    inspections = list(client.get(reverse("inspections:mine")).context["inspections"])
    assert [(i.factory.name, i.status) for i in inspections] == [
        ("ขยะดี จำกัด", "draft"),
        ("ปีก่อน จำกัด", "submitted"),
        ("ของหัวหน้า จำกัด", "returned"),
    ]
    content = client.get(reverse("inspections:mine")).content.decode()
    assert "พิจิตรเวสต์" not in content and "จัดการกาก จำกัด" not in content


def test_the_head_sees_their_own_work(client, work, head):
    client.force_login(head)
    response = client.get(reverse("inspections:mine"))
    assert [e.factory.name for e in response.context["planned"]] == ["ของหัวหน้า จำกัด"]
    assert [i.factory.name for i in response.context["inspections"]] == ["ของหัวหน้า จำกัด"]


def test_another_office_sees_none_of_it(client, work, outsider):
    client.force_login(outsider)
    response = client.get(reverse("inspections:mine"))
    assert list(response.context["planned"]) == []
    assert [i.factory.name for i in response.context["inspections"]] == ["พิจิตรเวสต์"]


def test_people_without_an_office_get_an_empty_page(client, work, inspector, executive):
    for user in (inspector, executive):
        client.force_login(user)
        response = client.get(reverse("inspections:mine"))
        assert response.status_code == 200
        assert response.context["planned"].paginator.count == 0
        assert response.context["inspections"].paginator.count == 0


def test_the_page_needs_a_login(client, db):
    assert client.get(reverse("inspections:mine")).status_code == 302


def test_my_inspections_has_a_constant_query_count(client, work, member, django_assert_num_queries):
    client.force_login(member)
    url = reverse("inspections:mine")
    # user, planned rows, inspections rows: pages not full are their own count; the session is
    # cached
    with django_assert_num_queries(3):
        client.get(url)
    fy = current_fiscal_year()
    for i in range(60):
        factory = add_factory(f"บ่อขยะทดสอบ {i}", type_code=RISKY)
        InspectionPlanEntry.objects.create(
            office_id="57", fiscal_year=fy, factory=factory, assigned_to=member
        )
        inspection = inspect(factory, member, InspectionStatus.DRAFT, on=in_current_year())
        inspection.co_inspectors.add(member)
    # planned count + rows, inspections count + rows: two full pages
    with django_assert_num_queries(4):
        response = client.get(url)
    assert len(response.context["planned"]) == 50
    assert response.context["inspections"].paginator.count == 63
    assert FactoryInspection.objects.count() > 60


def test_planned_factories_come_in_fiscal_month_order(client, work, member):
    fy = current_fiscal_year()
    InspectionPlanEntry.objects.filter(factory=work["todo"]).update(planned_month=1)
    InspectionPlanEntry.objects.filter(factory=work["draft"]).update(planned_month=11)
    client.force_login(member)
    planned = client.get(reverse("inspections:mine")).context["planned"]
    assert [e.factory.name for e in planned] == ["ขยะดี จำกัด", "กรีนเวสต์ จำกัด"]
    assert all(e.fiscal_year == fy for e in planned)
