"""Pages of a list that count no more than they must: every list of the product is paged here.

Most lists an office reads fit on their first page (its loans, its submitted inspections, a
visit's directives, a person's notifications), and a search typed to find one factory (its
name, its number) matches a handful. Django's paginator counts the rows before it reads the
page: :class:`Pages` reads the first page first, and when it is not full its rows are the
count, so the list's query runs once instead of twice (a factory's name: 12 ms of trigram
search each time at national scale).

A search that matches most of the register ("บริษัท" is in most factories' names) cost its
list a count of every match: a scan of the whole register (60 ms of the database at national
scale), on each pause in the typing. :class:`CountedUpTo` counts at most ``limit`` rows and
one more; past it, the list says there are more than ``limit`` and offers its first
``limit / per_page`` pages, and the person narrows the search to see the rest.
"""

from __future__ import annotations

from functools import cached_property

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet

FIRST_PAGE = (None, "", 1, "1")


class Pages(Paginator):
    """Django's :class:`~django.core.paginator.Paginator`, whose first page is read before
    the rows are counted and counts them when it is not full.

    ``counted``, when given, is what is counted instead of the rows shown: the same rows
    without the joins that only draw them (``object_list`` may be its ``values()``)."""

    def __init__(
        self, object_list: QuerySet, per_page: int, *, counted: QuerySet | None = None, **kwargs
    ) -> None:
        super().__init__(object_list, per_page, **kwargs)
        self.counted = object_list if counted is None else counted

    @cached_property
    def count(self) -> int:
        return self.counted.count()

    def get_page(self, number) -> Page:
        """The page ``number``: the first for a missing or mistyped one, the last for one past
        the end, as Django's ``get_page``."""
        if number not in FIRST_PAGE or self.orphans or not self.allow_empty_first_page:
            return super().get_page(number)
        rows = list(self.object_list[: self.per_page])
        if len(rows) < self.per_page:
            self._all_counted(len(rows))
        return self._get_page(rows, 1, self)

    def _all_counted(self, rows: int) -> None:
        # A count the view already gave (the plan's, counted with its figures) stays.
        self.__dict__.setdefault("count", rows)


class CountedUpTo(Pages):
    """:class:`Pages` whose ``count`` stops at ``limit`` (a whole number of pages); ``more``
    says whether rows lie beyond it."""

    def __init__(self, object_list: QuerySet, per_page: int, *, limit: int, **kwargs) -> None:
        if limit % per_page:
            raise ValueError("the limit must be a whole number of pages")
        super().__init__(object_list, per_page, **kwargs)
        self.limit = limit

    @cached_property
    def _counted(self) -> int:
        # Unordered: the order of the rows does not change how many there are, and sorting
        # every match before the limit is what this avoids.
        return self.counted.order_by().values("pk")[: self.limit + 1].count()

    @cached_property
    def count(self) -> int:
        return min(self._counted, self.limit)

    @property
    def more(self) -> bool:
        """Rows lie past the last page offered."""
        return self._counted > self.limit

    def _all_counted(self, rows: int) -> None:
        self.__dict__.setdefault("_counted", rows)
