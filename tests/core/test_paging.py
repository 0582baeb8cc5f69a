"""Every list is paged by ``core.paging.Pages``: the first page is read before the rows are
counted, and a first page that is not full is its own count."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.paging import Pages
from offices.models import Province


@pytest.fixture
def provinces(db):
    provinces = Province.objects.order_by("code")
    assert provinces.count() == 77
    return provinces


def _page(rows, per_page: int, number):
    with CaptureQueriesContext(connection) as queries:
        page = Pages(rows, per_page).get_page(number)
        shown = [p.code for p in page]
        told = (page.number, page.paginator.count, page.paginator.num_pages, page.has_next())
    return shown, told, len(queries)


def test_a_first_page_that_is_not_full_is_its_own_count(provinces):
    shown, told, queries = _page(provinces.filter(code__startswith="1"), 50, None)
    assert shown == [p.code for p in provinces if p.code.startswith("1")]
    assert told == (1, len(shown), 1, False)
    assert queries == 1


def test_a_full_first_page_counts_the_rest(provinces):
    shown, told, queries = _page(provinces, 50, "1")
    assert shown == [p.code for p in provinces[:50]]
    assert told == (1, 77, 2, True)
    assert queries == 2


@pytest.mark.parametrize(("asked", "number"), [("2", 2), ("99", 2), ("abc", 1), ("-1", 2), ("", 1)])
def test_any_page_asked_for_is_counted_and_found_as_django_finds_it(provinces, asked, number):
    shown, told, _ = _page(provinces, 50, asked)
    assert told[:3] == (number, 77, 2)
    assert shown == [p.code for p in provinces[(number - 1) * 50 : number * 50]]


def test_an_empty_list_has_one_empty_page(provinces):
    shown, told, queries = _page(provinces.none(), 50, None)
    assert (shown, told, queries) == ([], (1, 0, 1, False), 0)
