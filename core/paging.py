"""Pages of a list whose rows are counted only up to a limit.

A search that matches most of the register ("บริษัท" is in most factories' names) cost its
list a count of every match: a scan of the whole register (60 ms of the database at national
scale), on each pause in the typing. :class:`CountedUpTo` counts at most ``limit`` rows and
one more; past it, the list says there are more than ``limit`` and offers its first
``limit / per_page`` pages, and the person narrows the search to see the rest.
"""

from __future__ import annotations

from functools import cached_property

from django.core.paginator import Paginator


class CountedUpTo(Paginator):
    """A :class:`~django.core.paginator.Paginator` whose ``count`` stops at ``limit`` (a whole
    number of pages); ``more`` says whether rows lie beyond it."""

    def __init__(self, object_list, per_page: int, *, limit: int, **kwargs) -> None:
        if limit % per_page:
            raise ValueError("the limit must be a whole number of pages")
        super().__init__(object_list, per_page, **kwargs)
        self.limit = limit

    @cached_property
    def _counted(self) -> int:
        # Unordered: the order of the rows does not change how many there are, and sorting
        # every match before the limit is what this avoids.
        return self.object_list.order_by().values("pk")[: self.limit + 1].count()

    @cached_property
    def count(self) -> int:
        return min(self._counted, self.limit)

    @property
    def more(self) -> bool:
        """Rows lie past the last page offered."""
        return self._counted > self.limit
