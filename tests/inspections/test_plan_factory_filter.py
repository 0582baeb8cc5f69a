"""The factory list's filter "inspected this fiscal year / not yet" (issue 3)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from factories.selectors import FactoryFilters, factory_list
from inspections.models import InspectionStatus
from tests.builders import add_factory, exported_factories, inspect


@pytest.fixture
def factories(db, member):
    f = {
        "approved": add_factory("อนุมัติแล้ว"),
        "submitted": add_factory("ส่งแล้ว"),
        "last_year": add_factory("ตรวจปีก่อน"),
        "never": add_factory("ไม่เคยตรวจ"),
    }
    inspect(f["approved"], member)
    inspect(f["submitted"], member, InspectionStatus.SUBMITTED)
    inspect(f["last_year"], member, on=dt.date(2023, 12, 1))
    return f


def names(user, inspected: str) -> set[str]:
    return {f.name for f in factory_list(user=user, filters=FactoryFilters(inspected=inspected))}


def test_only_an_approved_inspection_of_this_fiscal_year_counts(factories, member):
    assert names(member, "yes") == {"อนุมัติแล้ว"}
    assert names(member, "no") == {"ส่งแล้ว", "ตรวจปีก่อน", "ไม่เคยตรวจ"}
    assert len(names(member, "")) == 4


def test_the_list_page_filters_and_keeps_its_query_count(
    client, factories, member, django_assert_num_queries
):
    client.force_login(member)
    url = reverse("factories:list")
    client.get(url)  # the session and the filter choices are cached
    # visible offices and the page, not full, which counts itself (the person and their office
    # are cached)
    with django_assert_num_queries(2):
        response = client.get(url, {"inspected": "yes"})
    assert [f["name"] for f in response.context["page"]] == ["อนุมัติแล้ว"]
    assert 'name="inspected"' in response.content.decode()
    for i in range(5):
        inspect(add_factory(f"ตรวจแล้ว {i}"), member)
    with django_assert_num_queries(2):
        response = client.get(url, {"inspected": "yes"})
    assert len(response.context["page"]) == 6
    response = client.get(url, {"inspected": "no"})
    assert {f["name"] for f in response.context["page"]} == {"ส่งแล้ว", "ตรวจปีก่อน", "ไม่เคยตรวจ"}


def test_an_unknown_value_is_ignored(client, factories, member):
    client.force_login(member)
    response = client.get(reverse("factories:list"), {"inspected": "maybe"})
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 4


def exported(response) -> list[dict[str, object]]:
    """The rows of the downloaded workbook, each by the column headings a user reads."""
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


@pytest.mark.parametrize(
    ("inspected", "expected"),
    [("yes", ["อนุมัติแล้ว"]), ("no", ["ตรวจปีก่อน", "ไม่เคยตรวจ", "ส่งแล้ว"])],
)
def test_the_export_follows_the_filter(client, factories, member, inspected, expected):
    client.force_login(member)
    listed = client.get(reverse("factories:list"), {"inspected": inspected}).context["page"]
    response = exported_factories(client, {"inspected": inspected})
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    rows = exported(response)
    assert [row["ชื่อโรงงาน"] for row in rows] == expected
    # The same factories, in the same order, as the list shows for that filter.
    assert [(row["ชื่อโรงงาน"], row["เลขทะเบียนเดิม"]) for row in rows] == [
        (f["name"], f["old_registration_number"]) for f in listed
    ]
