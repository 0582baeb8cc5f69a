"""Pages with personal data (complainants) and every export are never kept by a browser or a
proxy: ``Cache-Control`` says private and no-store."""

from __future__ import annotations

import pytest
from django.urls import reverse

from factories.models import Complaint
from tests.builders import add_factory


def assert_private(response) -> None:
    assert response.status_code == 200
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= cache_control


@pytest.fixture
def complaint(member):
    factory = add_factory("โรงงานร้องเรียน", province="57")
    return Complaint.objects.create(
        office_id="57",
        factory=factory,
        received_on="2025-11-03",
        description="กลิ่นเหม็น",
        complainant_name="นางสาวผู้ร้อง",
    )


@pytest.mark.parametrize(
    "page",
    [
        lambda c: reverse("factories:complaints"),
        lambda c: reverse("factories:complaint_create"),
        lambda c: reverse("factories:complaint_edit", kwargs={"pk": c.pk}),
        lambda c: reverse("factories:detail", kwargs={"pk": c.factory_id}),
    ],
    ids=["complaints", "complaint-add", "complaint-edit", "factory"],
)
def test_personal_pages_and_exports_are_private_and_not_stored(client, member, complaint, page):
    client.force_login(member)
    assert_private(client.get(page(complaint)))


def test_the_factory_page_showing_complainants_is_not_stored(client, member, complaint):
    client.force_login(member)
    response = client.get(reverse("factories:detail", kwargs={"pk": complaint.factory_id}))
    assert "นางสาวผู้ร้อง" in response.content.decode()
    assert_private(response)
