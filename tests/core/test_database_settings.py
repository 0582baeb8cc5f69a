"""The app's PostgreSQL connections are planned for a web database (``config/settings.py``)."""

import pytest
from django.db import connection

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL's planner settings"
)


def _setting(name: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SHOW {name}")
        return cursor.fetchone()[0]


def test_a_page_query_is_neither_compiled_nor_split_across_workers(db):
    assert _setting("jit") == "off"
    assert _setting("max_parallel_workers_per_gather") == "0"


def test_random_reads_are_priced_for_memory_and_ssd_not_spinning_disks(db):
    assert float(_setting("random_page_cost")) == pytest.approx(1.1)
