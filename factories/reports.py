"""The factory list's export, registered with the report engine (``core.reports``).

A register's export is long (an office's 6,500 factories take about 3 s to write, the nation's
70,000 half a minute): written in a web worker it would hold the worker that long, so a Celery
worker writes it like the other reports. Its subject is the person who asked: the list is their
own view of the register, and they alone download it. What they filtered is kept as the list's
query string and read again, for them, by the list's own filter form when the file is written.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from typing import Any

from django.http import Http404, QueryDict
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from core import reports
from core.reports import XLSX
from factories.exports import factories_xlsx
from factories.forms import FactoryFilterForm, factory_filter_form
from factories.selectors import factory_list
from offices.models import User

QUERY_MAX_LENGTH = 2000  # a query string of every filter is a few hundred characters


def _find_person(user, pk: int):
    """The person's own list: nobody else's export is theirs to ask for or download."""
    if not user.is_authenticated or user.pk != pk:
        raise Http404
    return user


def _params(data: Mapping[str, Any]) -> dict[str, Any]:
    """The filters asked for, as a query string of the filter form's fields only (its form
    drops a bad value when the file is written, as the list does)."""
    asked = QueryDict(str(data.get("query", ""))[:QUERY_MAX_LENGTH])
    kept = QueryDict(mutable=True)
    for name in FactoryFilterForm.base_fields:
        if asked.get(name):
            kept[name] = asked[name][:200]
    return {"query": kept.urlencode()}


def _form(user, params: Mapping[str, Any]) -> FactoryFilterForm:
    query = params.get("query", "")
    return factory_filter_form(user, QueryDict(query) if query else None)


def factory_list_xlsx(pk: int, params: Mapping[str, Any]) -> bytes:
    user = User.objects.get(pk=pk)
    factories = factory_list(user=user, filters=_form(user, params).filters()).select_related(
        "province", "subdistrict"
    )
    out = io.BytesIO()
    factories_xlsx(factories, out)
    return out.getvalue()


def _filename(user, params: Mapping[str, Any]) -> str:
    return f"factories-{timezone.localdate():%Y%m%d}.xlsx"


def _title(user, params: Mapping[str, Any]) -> str:
    filters = _form(user, params).filters()
    narrowing = filters.narrowing + bool(filters.q)  # the search box counts here
    if not narrowing:
        return _("ทะเบียนโรงงาน (Excel) ทั้งหมดที่เห็นได้")
    return ngettext(
        "ทะเบียนโรงงาน (Excel) ตามตัวกรอง %(n)d รายการ",
        "ทะเบียนโรงงาน (Excel) ตามตัวกรอง %(n)d รายการ",
        narrowing,
    ) % {"n": narrowing}


def register() -> None:
    reports.register(
        reports.ReportKind(
            code="factory_list",
            title=gettext_lazy("ทะเบียนโรงงาน (Excel)"),
            model="offices.user",
            find=_find_person,
            build=factory_list_xlsx,
            filename=_filename,
            describe=_title,
            office_of=lambda user: user.office_id,
            content_type=XLSX,
            params_from=_params,
        )
    )
