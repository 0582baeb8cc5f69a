"""Pages of a list that count no more than they must.

A search that matches most of the register ("บริษัท" is in most factories' names) cost its
list a count of every match: a scan of the whole register (60 ms of the database at national
scale), on each pause in the typing. :class:`CountedUpTo` counts at most ``limit`` rows and
one more; past it, the list says there are more than ``limit`` and offers its first
``limit / per_page`` pages, and the person narrows the search to see the rest.

And a search typed to find one factory (its name, its number) matches a handful: the first
page, the one a search lands on, is read before anything is counted, and when it is not full
its rows are the count. The search's own query runs once instead of twice (a factory's name:
12 ms of trigram search each time at national scale).
"""

from __future__ import annotations

from functools import cached_property

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet


class CountedUpTo(Paginator):
    """A :class:`~django.core.paginator.Paginator` whose ``count`` stops at ``limit`` (a whole
    number of pages; ``None`` counts every row); ``more`` says whether rows lie beyond it.

    ``counted``, when given, is what is counted instead of the rows shown: the same rows
    without the joins that only draw them (``object_list`` may be its ``values()``)."""

    def __init__(
        self,
        object_list: QuerySet,
        per_page: int,
        *,
        limit: int | None,
        counted: QuerySet | None = None,
        **kwargs,
    ) -> None:
        if limit is not None and limit % per_page:
            raise ValueError("the limit must be a whole number of pages")
        super().__init__(object_list, per_page, **kwargs)
        self.limit = limit
        self.counted = object_list if counted is None else counted

    @cached_property
    def _counted(self) -> int:
        # Unordered: the order of the rows does not change how many there are, and sorting
        # every match before the limit is what this avoids.
        rows = self.counted.order_by()
        if self.limit is None:
            return rows.count()
        return rows.values("pk")[: self.limit + 1].count()

    @cached_property
    def count(self) -> int:
        return self._counted if self.limit is None else min(self._counted, self.limit)

    @property
    def more(self) -> bool:
        """Rows lie past the last page offered."""
        return self.limit is not None and self._counted > self.limit

    def get_page(self, number) -> Page:
        """The page ``number`` (the first, and the last for a number past the end, as Django's
        ``get_page``). The first page is read before it is counted, and counts itself when it
        is not full."""
        if number not in (None, "", 1, "1") or self.orphans or not self.allow_empty_first_page:
            return super().get_page(number)
        rows = list(self.object_list[: self.per_page])
        if len(rows) < self.per_page:
            self.__dict__["_counted"] = len(rows)
        return self._get_page(rows, 1, self)
