"""Whatever a person types, pastes or uploads into any form of the product, the answer is never a
server error, and a form that refuses its input has written nothing.

Each page below is opened as the person who uses it; every form on it (``<form>`` with its
``action`` or ``hx-post``, and the HTMX fields that post on their own) is read from the HTML and
sent back with values drawn by hypothesis: any Unicode text, Thai and Arabic digits, numbers too
large or negative, dates that do not exist, in either era, options that are not offered, files
that are not what they say. Before and after each refused answer the database is compared table
by table (a checksum of every row on PostgreSQL, the row counts elsewhere).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.thaidates import current_fiscal_year
from factories.models import Complaint, GreenIndustryCertificate, Loan
from offices.models import Role
from policy.models import DirectiveStatus
from tests.builders import (
    add_factory,
    answered_inspection,
    issue_s37,
    make_directive,
    make_round,
    make_user,
    make_visit,
    start,
    tiny_png,
)

pytestmark = pytest.mark.django_db

EXAMPLES = 12

# Tables a refused answer may legitimately write: sessions, failed-login records, the history
# of the page's own request log; the reference tables are never written by a form and are large.
UNCHECKED = (
    "django_session",
    "axes_",
    "core_loginrecord",
    "offices_subdistrict",
    "offices_district",
    "offices_historicalsubdistrict",
    "offices_historicaldistrict",
)

# --- what a person may type ---------------------------------------------------------------------

THAI = st.text(alphabet=st.characters(min_codepoint=0x0E01, max_codepoint=0x0E5B), max_size=40)
ODD = st.sampled_from(
    [
        "",
        " ",
        "0",
        "-1",
        "๑๒๓",
        "٣٤",
        "1e309",
        "NaN",
        "99999999999999999999999",
        "3.14159265358979323846",
        '=HYPERLINK("http://x")',
        "'; DROP TABLE factories_factory; --",
        "<script>alert(1)</script>",
        "31/02/2567",
        "29/02/2566",
        "00/00/0000",
        "2567-13-45",
        "1/1/1",
        "15/06/3000",
        "15/06/1900",
        "\u200b",
        "ก" * 5000,
        "https://",
    ]
)
ANY_TEXT = st.text(
    alphabet=st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), max_size=200
)


def _be_date() -> st.SearchStrategy[str]:
    return st.builds(
        lambda d, m, y, sep: f"{d:02d}{sep}{m:02d}{sep}{y}",
        st.integers(0, 40),
        st.integers(0, 14),
        st.integers(1, 9999),
        st.sampled_from(["/", "-", "."]),
    )


def _number() -> st.SearchStrategy[str]:
    return st.one_of(
        st.integers(-(10**20), 10**20).map(str),
        st.floats(allow_nan=True, allow_infinity=True).map(str),
        st.decimals(allow_nan=False, allow_infinity=False, places=4).map(str),
    )


TEXT = st.one_of(THAI, ODD, ANY_TEXT)


def _value_for(found: Field) -> st.SearchStrategy[Any]:
    """A strategy for one field: mostly what the field expects, often anything at all."""
    name = found.name.lower()
    if found.kind == "file":
        return st.builds(
            lambda content, name: SimpleUploadedFile(name, content),
            st.one_of(st.binary(max_size=2000), st.just(tiny_png())),
            st.sampled_from(["photo.png", "register.xlsx", "register.csv", "x.exe", "ไฟล์.txt"]),
        )
    if found.kind in ("select", "radio") and found.options:
        return st.one_of(st.sampled_from(found.options), TEXT)
    if found.kind == "checkbox":
        return st.sampled_from([found.options[0] if found.options else "on", "", "not-a-choice"])
    if found.kind in ("number", "range") or any(
        word in name for word in ("count", "staff", "budget", "amount", "lat", "lng", "value")
    ):
        return st.one_of(_number(), TEXT)
    if found.kind == "date" or any(
        word in name for word in ("date", "_on", "_at", "day", "from", "to", "deadline")
    ):
        return st.one_of(_be_date(), TEXT)
    return TEXT


# --- reading a page's forms ---------------------------------------------------------------------


@dataclass
class Field:
    name: str
    kind: str
    options: list[str] = field(default_factory=list)


@dataclass
class Form:
    action: str
    method: str
    htmx: bool
    fields: dict[str, Field] = field(default_factory=dict)


class _Forms(HTMLParser):
    """Every form of a page with its fields, and the lone HTMX fields that post themselves."""

    def __init__(self, page_url: str) -> None:
        super().__init__()
        self.page_url = page_url
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._select: Field | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {k: v or "" for k, v in attrs}
        if tag == "form":
            post = found.get("hx-post")
            method = "post" if post or found.get("method", "get").lower() == "post" else "get"
            action = post or found.get("hx-get") or found.get("action") or self.page_url
            self._form = Form(action, method, bool(post or found.get("hx-get")))
            self.forms.append(self._form)
            return
        if tag not in ("input", "select", "textarea", "option"):
            return
        if tag == "option" and self._select is not None:
            self._select.options.append(found.get("value", ""))
            return
        name = found.get("name")
        if not name or name == "csrfmiddlewaretoken":
            return
        kind = tag if tag != "input" else found.get("type", "text").lower()
        if kind in ("submit", "button", "reset", "image"):
            return
        target = self._form
        if target is None and found.get("hx-post"):  # a field that saves itself
            target = Form(found["hx-post"], "post", True)
            self.forms.append(target)
        if target is None:
            return
        existing = target.fields.get(name)
        if existing is None:
            existing = target.fields[name] = Field(name, kind)
        if kind in ("radio", "checkbox") and found.get("value"):
            existing.options.append(found["value"])
        if tag == "select":
            self._select = existing

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None


def forms_of(client, url: str) -> list[Form]:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    parser = _Forms(url)
    parser.feed(response.content.decode())
    return [
        form
        for form in parser.forms
        if form.fields and "logout" not in form.action and "setlang" not in form.action
    ]


# --- the database, before and after ------------------------------------------------------------


def _tables() -> list[str]:
    return sorted(
        name
        for name in connection.introspection.table_names()
        if not name.startswith(UNCHECKED) and not name.startswith("django_migrations")
    )


def fingerprint() -> dict[str, object]:
    """Every checked table's checksum of its rows (PostgreSQL), or its row count."""
    tables = _tables()
    quote = connection.ops.quote_name
    if connection.vendor == "postgresql":
        parts = [
            f"(SELECT md5(coalesce(string_agg(t::text, ',' ORDER BY t::text), '')) "
            f"FROM {quote(name)} t)"
            for name in tables
        ]
    else:
        parts = [f"(SELECT count(*) FROM {quote(name)})" for name in tables]
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts))
        return dict(zip(tables, cursor.fetchone(), strict=True))


REFUSED_MARKS = ("is-invalid", "invalid-feedback", "errorlist", 'role="alert"', "alert-danger")


def refused(response) -> bool:
    """The answer says the input was not taken: an error status, or the form again with its
    errors."""
    if response.status_code >= 400:
        return True
    if response.status_code != 200:
        return False
    body = response.content.decode(errors="replace")
    return any(mark in body for mark in REFUSED_MARKS)


def changed(before: dict[str, object], after: dict[str, object]) -> list[str]:
    return [name for name in before if before[name] != after.get(name)]


# --- the pages ----------------------------------------------------------------------------------


@dataclass
class World:
    people: dict[str, Any]
    urls: dict[str, str]


@pytest.fixture
def world(member, head, inspector, executive, admin_user) -> World:
    head_inspector = make_user("head.inspector", Role.HEAD_INSPECTOR)
    factory = add_factory("โรงงานทดสอบข้อมูล", province="57")
    certificate = GreenIndustryCertificate.objects.create(
        factory=factory, level=2, issued_on=dt.date(2024, 1, 10), expires_on=dt.date(2027, 1, 9)
    )
    complaint = Complaint.objects.create(
        office_id="57",
        factory=factory,
        received_on=dt.date(2024, 5, 1),
        channel="phone",
        category="smell",
        description="กลิ่นเหม็น",
    )
    loan = Loan.objects.create(
        office_id="57",
        factory=factory,
        borrower_name="บริษัท ทดสอบ จำกัด",
        fund_name="กองทุนพัฒนาเอสเอ็มอีตามแนวประชารัฐ",
        amount=1_000_000,
        approved_on=dt.date(2024, 3, 1),
    )
    draft = start(factory, member)
    submitted = answered_inspection(member)
    submitted.refresh_from_db()
    order = issue_s37(submitted, head)
    round_ = make_round()
    visit = make_visit(round_, "57", reported=1)
    directive = make_directive(visit, "ส่งรายงานผลการตรวจ", status=DirectiveStatus.IN_PROGRESS)
    year = current_fiscal_year()
    return World(
        people={
            "member": member,
            "head": head,
            "inspector": inspector,
            "head_inspector": head_inspector,
            "executive": executive,
            "admin": admin_user,
        },
        urls={
            "factory_create": reverse("factories:create"),
            "factory_edit": reverse("factories:edit", args=[factory.pk]),
            "certificate_create": reverse("factories:certificate_create", args=[factory.pk]),
            "certificate_edit": reverse(
                "factories:certificate_edit", args=[factory.pk, certificate.pk]
            ),
            "complaint_create": reverse("factories:complaint_create"),
            "complaint_edit": reverse("factories:complaint_edit", args=[complaint.pk]),
            "loan_create": reverse("factories:loan_create"),
            "loan_edit": reverse("factories:loan_edit", args=[loan.pk]),
            "loan": reverse("factories:loan", args=[loan.pk]),
            "imports": reverse("factories:imports"),
            "inspection_form": reverse("inspections:form", args=[draft.pk]),
            "plan_add": reverse("inspections:plan-add"),
            "review": reverse("inspections:review", args=[submitted.pk]),
            "order": reverse("inspections:order", args=[order.pk]),
            "office_year": reverse("offices:year_edit", args=["57", year]),
            "targets": reverse("policy:targets", args=[year]),
            "round": reverse("policy:round", args=[round_.pk]),
            "visit": reverse("policy:visit", args=[visit.pk]),
            "visit_edit": reverse("policy:visit_edit", args=[visit.pk]),
            "directive": reverse("policy:directive", args=[directive.pk]),
            "notification_settings": reverse("core:notification_settings"),
            "password_change": reverse("password_change"),
            "factory_list": reverse("factories:list"),
            "complaints": reverse("factories:complaints"),
            "loans": reverse("factories:loans"),
            "orders": reverse("inspections:orders"),
            "plan": reverse("inspections:plan"),
            "mine": reverse("inspections:mine"),
            "directives": reverse("policy:directives"),
            "office_list": reverse("offices:list"),
        },
    )


# (page, the person who uses it)
PAGES = [
    ("factory_create", "member"),
    ("factory_edit", "member"),
    ("certificate_create", "member"),
    ("certificate_edit", "member"),
    ("complaint_create", "member"),
    ("complaint_edit", "member"),
    ("loan_create", "member"),
    ("loan_edit", "member"),
    ("loan", "member"),
    ("imports", "member"),
    ("inspection_form", "member"),
    ("plan_add", "head"),
    ("review", "head"),
    ("order", "head"),
    ("office_year", "head"),
    ("targets", "executive"),
    ("round", "head_inspector"),
    ("visit", "head_inspector"),
    ("visit", "head"),
    ("visit_edit", "head_inspector"),
    ("directive", "head"),
    ("notification_settings", "member"),
    ("password_change", "member"),
    ("factory_list", "executive"),
    ("orders", "head"),
    ("plan", "member"),
    ("directives", "inspector"),
    ("office_list", "executive"),
]


def _send(client, form: Form, values: dict[str, Any]):
    headers = {"HX-Request": "true"} if form.htmx else {}
    if form.method == "get":
        query = {k: v for k, v in values.items() if not isinstance(v, SimpleUploadedFile)}
        return client.get(form.action, query, headers=headers)
    return client.post(form.action, values, headers=headers)


@pytest.mark.parametrize(("page", "who"), PAGES, ids=[f"{p}-{w}" for p, w in PAGES])
def test_no_input_gives_a_server_error_or_a_partial_write(client, world, page, who):
    client.force_login(world.people[who])
    url = world.urls[page]
    forms = forms_of(client, url)
    assert forms, f"{page} shows no form to try"

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(data=st.data())
    def check(data) -> None:
        form = data.draw(st.sampled_from(forms), label="form")
        values: dict[str, Any] = {}
        for name, found in form.fields.items():
            if data.draw(st.booleans(), label=f"send {name}") or found.kind == "hidden":
                values[name] = data.draw(_value_for(found), label=name)
        before = fingerprint()
        response = _send(client, form, values)
        assert response.status_code < 500, (form.action, values, response.status_code)
        if form.method == "get" or refused(response):
            assert changed(before, fingerprint()) == [], (form.action, values)

    check()


# The lists whose filters are links, or that read more of the address than their forms send: any
# query string at all.
QUERY_NAMES = (
    "status",
    "office",
    "page",
    "fy",
    "sort",
    "q",
    "region",
    "round",
    "assignee",
    "due_from",
    "due_to",
    "overdue",
    "kpi",
    "which",
    "district",
    "factory_type",
    "format",
)
LISTS = [
    ("factory_list", "executive"),
    ("complaints", "member"),
    ("loans", "member"),
    ("orders", "head"),
    ("plan", "member"),
    ("mine", "member"),
    ("directives", "inspector"),
    ("office_list", "executive"),
    ("round", "head_inspector"),
]


@pytest.mark.parametrize(("page", "who"), LISTS, ids=[f"{p}-{w}" for p, w in LISTS])
def test_no_address_gives_a_list_a_server_error(client, world, page, who):
    client.force_login(world.people[who])
    url = world.urls[page]

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(query=st.dictionaries(st.sampled_from(QUERY_NAMES), TEXT, max_size=5))
    def check(query: dict[str, str]) -> None:
        response = client.get(url, query)
        assert response.status_code < 500, (url, query, response.status_code)

    check()


def test_the_fingerprint_sees_a_write(db):
    before = fingerprint()
    add_factory("โรงงานที่เพิ่งเพิ่ม", province="57")
    assert "factories_factory" in changed(before, fingerprint())


def _parsed(html: str) -> list[Form]:
    parser = _Forms("/here/")
    parser.feed(html)
    return parser.forms


def test_the_reader_finds_forms_their_fields_and_self_saving_fields():
    forms = _parsed(
        '<form method="post" action="/save/"><input name="csrfmiddlewaretoken" value="x">'
        '<input name="name"><select name="kind"><option value="a">A</option>'
        '<option value="b">B</option></select><textarea name="note"></textarea>'
        '<button type="submit" name="go">ok</button></form>'
        '<input name="value" hx-post="/answer/">'
        '<form><input name="q"></form>'
    )
    assert [(f.action, f.method, f.htmx, list(f.fields)) for f in forms] == [
        ("/save/", "post", False, ["name", "kind", "note"]),
        ("/answer/", "post", True, ["value"]),
        ("/here/", "get", False, ["q"]),
    ]
    assert forms[0].fields["kind"].options == ["a", "b"]
