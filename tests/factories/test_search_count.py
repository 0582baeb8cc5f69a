"""A search that matches much of the register counts its matches only up to a limit: the list
says there are more and asks for a narrower search, and offers the pages up to the limit."""

import pytest
from django.urls import reverse

from tests.builders import add_factory
from tests.pages import page_texts


@pytest.fixture
def searched(db, monkeypatch):
    # Two a page and a count up to four, so that six matches go past it.
    monkeypatch.setattr("factories.views.register.PAGE_SIZE", 2)
    monkeypatch.setattr("factories.views.register.SEARCH_COUNTED", 4)
    for n in range(6):
        add_factory(f"โรงงานทอผ้าลำดับ {n}")
    add_factory("โรงสีข้าวหนึ่งเดียว")


def test_a_wide_search_says_there_are_more_and_asks_to_narrow_it(client, member, searched):
    client.force_login(member)
    texts = page_texts(client.get(reverse("factories:list"), {"q": "ทอผ้า"})).texts
    assert texts["factory-count"] == (
        "พบมากกว่า 4 โรงงาน พิมพ์คำค้นให้ละเอียดขึ้นหรือเลือกตัวกรองเพื่อให้เหลือน้อยลง"
    )
    body = client.get(reverse("factories:list"), {"q": "ทอผ้า", "page": 2}).content.decode()
    assert "หน้า 2 จาก 2" in body
    # The last page offered holds whole pages of rows, the first four matches in order.
    assert body.count("โรงงานทอผ้าลำดับ") == 2


def test_a_narrow_search_and_the_list_itself_are_counted_exactly(client, member, searched):
    client.force_login(member)
    narrow = page_texts(client.get(reverse("factories:list"), {"q": "โรงสี"})).texts
    assert narrow["factory-count"] == "พบ 1 โรงงาน"
    everything = page_texts(client.get(reverse("factories:list"))).texts
    assert everything["factory-count"] == "พบ 7 โรงงาน"


def test_a_search_that_fits_on_its_first_page_is_not_counted_apart(
    client, member, searched, django_assert_num_queries
):
    client.force_login(member)
    client.get(reverse("factories:list"), {"q": "โรงสี"})  # the filters' choices are cached
    # visible offices and the page: its one row is the count
    with django_assert_num_queries(2):
        texts = page_texts(client.get(reverse("factories:list"), {"q": "โรงสี"})).texts
    assert texts["factory-count"] == "พบ 1 โรงงาน"


def test_any_page_asked_for_shows_the_count_of_the_whole_search(client, member, searched):
    client.force_login(member)
    for asked, shown in (("abc", "หน้า 1 จาก 2"), ("9", "หน้า 2 จาก 2"), ("", "หน้า 1 จาก 2")):
        response = client.get(reverse("factories:list"), {"q": "ทอผ้า", "page": asked})
        assert shown in response.content.decode()
        assert page_texts(response).texts["factory-count"].startswith("พบมากกว่า 4 โรงงาน")
