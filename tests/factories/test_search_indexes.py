"""The register's search box is answered from trigram indexes on PostgreSQL, not by reading
every factory of the country (migration ``factories.0003_search_indexes``)."""

from __future__ import annotations

import pytest
from django.db import connection

from factories.selectors import FactoryFilters, factory_list
from tests.builders import add_factory


def plan_of(queryset) -> str:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        # A test database holds a handful of rows, where reading a whole table or index is
        # cheapest; forbid both to see whether indexes can answer the search itself, as they do
        # at national scale.
        for scan in ("seqscan", "indexscan", "indexonlyscan"):
            cursor.execute(f"SET LOCAL enable_{scan} = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


@pytest.mark.parametrize("q", ["เชียงแสน", "สมศักดิ์", "3-9-1/60"])
def test_it_searches_names_operators_and_numbers_through_the_indexes(executive, is_postgres, q):
    if not is_postgres:
        pytest.skip("trigram indexes are PostgreSQL's")
    add_factory("โรงสีข้าวเชียงแสน", operator_name="นายสมศักดิ์ ใจงาม")
    factories = factory_list(user=executive, filters=FactoryFilters(q=q))
    assert [f.name for f in factories] == ["โรงสีข้าวเชียงแสน"]
    # What the pager counts: the matches, in no order.
    plan = plan_of(factories.order_by())
    # The numbers' own unique indexes may serve their part of the search on a small table;
    # names and operators have only their trigram indexes, and the table is never read whole.
    assert "factory_name_trgm" in plan and "factory_operator_trgm" in plan
    assert "Seq Scan on factories_factory" not in plan
