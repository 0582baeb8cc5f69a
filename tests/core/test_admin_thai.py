"""Django admin read in Thai: Thai words on every page an admin opens, and Buddhist-Era dates.

The pages are read as an admin reads them: the text between the tags, plus the titles, labels and
button captions, never the markup or the scripts.
"""

from __future__ import annotations

import datetime as dt
import gettext
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.models import LogEntry
from django.contrib.admin.utils import label_for_field
from django.urls import reverse
from django.utils import translation

from factories.models import Complaint
from offices.models import Region, User
from policy.models import Dimension
from tests.builders import numbered_factory
from tests.pages import PLACEHOLDER, choose_english, read_catalogue

CATALOGUE = Path(settings.BASE_DIR) / "core" / "locale_admin" / "th" / "LC_MESSAGES"
THAI = re.compile(r"[\u0e00-\u0e7f]")
BANGKOK = dt.timezone(dt.timedelta(hours=7))
# 2 December 2026, 11:56 in Bangkok: BE 2569.
MOMENT = dt.datetime(2026, 12, 2, 11, 56, tzinfo=BANGKOK)

# English an admin used to read on these pages (Django's, simple-history's and axes's own words).
ENGLISH = [
    "was changed successfully",
    "was added successfully",
    "was deleted successfully",
    "Please correct",
    "Select",
    "Add",
    "Change",
    "Delete",
    "Save",
    "Search",
    "History",
    "Home",
    "Object",
    "Comment",
    "Changed by",
    "Change reason",
    "Changes",
    "Date/time",
    "None",
    "Revert",
    "Created",
    "entry",
    "entries",
    "Filter",
    "Show counts",
    "Skip to main content",
    "Toggle",
    "Sidebar",
    "Breadcrumbs",
    "Yes, I’m sure",
    "Are you sure",
    "Hold down",
    "Required.",
    "Raw passwords",
    "Reset password",
    "Can add",
    "Can change",
    "Can delete",
    "Can view",
    "historical",
    "Historical",
    "Get full name",
    "Limit text",
    "Status",
    "Axes",
    "Access attempt",
    "Access log",
    "Access failure",
    "Attempted Access",
    "Failed access",
    "Attempt Time",
    "IP Address",
    "User Agent",
    "Username",
    "Not set",
    "Locked Out",
    "Clean up",
    "Content Types",
    "log entry",
    "sorting",
    "selected",
    "True",
    "False",
]
ENGLISH_PATTERN = re.compile(r"\b(" + "|".join(re.escape(phrase) for phrase in ENGLISH) + r")\b")


INLINE = {"a", "abbr", "b", "code", "em", "i", "small", "span", "strong"}


class _Reading(HTMLParser):
    """What a person reads on a page: its lines of text (a link or a bold word inside a sentence
    stays in it), and the titles, labels and captions of controls."""

    def __init__(self) -> None:
        super().__init__()
        self.hidden = 0
        self.texts: list[str] = []
        self.line = ""

    def _break(self) -> None:
        if self.line.strip():
            self.texts.append(" ".join(self.line.split()))
        self.line = ""

    def handle_starttag(self, tag, attrs) -> None:
        if tag not in INLINE:
            self._break()
        if tag in {"script", "style", "template"}:
            self.hidden += 1
        values = dict(attrs)
        for name in ("title", "aria-label", "placeholder", "alt"):
            if values.get(name):
                self.texts.append(values[name])
        if tag == "input" and values.get("type") in {"submit", "button"} and values.get("value"):
            self.texts.append(values["value"])

    def handle_endtag(self, tag) -> None:
        if tag not in INLINE:
            self._break()
        if tag in {"script", "style", "template"}:
            self.hidden -= 1

    def handle_data(self, data) -> None:
        if not self.hidden:
            self.line += data

    def close(self) -> None:
        super().close()
        self._break()


def reading(response) -> str:
    parser = _Reading()
    parser.feed(response.content.decode())
    parser.close()
    return "\n".join(parser.texts)


def english_on(response) -> list[str]:
    return sorted({match[0] for match in ENGLISH_PATTERN.finditer(reading(response))})


class _FormData(HTMLParser):
    """The data a browser would post from a page's form as it stands."""

    def __init__(self, form_id: str) -> None:
        super().__init__()
        self.form_id = form_id
        self.inside = False
        self.data: dict[str, list[str]] = {}
        self.select: str | None = None
        self.textarea: str | None = None

    def handle_starttag(self, tag, attrs) -> None:
        values = dict(attrs)
        if tag == "form":
            self.inside = values.get("id") == self.form_id
        if not self.inside:
            return
        name = values.get("name")
        if tag == "input" and name:
            kind = values.get("type", "text")
            if kind in {"checkbox", "radio"} and "checked" not in values:
                return
            if kind not in {"submit", "button", "file"}:
                self.data.setdefault(name, []).append(values.get("value") or "")
        elif tag == "select":
            self.select = name
            self.data.setdefault(name, [])
        elif tag == "option" and self.select and "selected" in values:
            self.data[self.select].append(values.get("value") or "")
        elif tag == "textarea" and name:
            self.textarea = name
            self.data[name] = [""]

    def handle_endtag(self, tag) -> None:
        if tag == "form":
            self.inside = False
        elif tag == "select":
            self.select = None
        elif tag == "textarea" and self.textarea:
            # A browser drops the line break that follows <textarea>.
            self.data[self.textarea][0] = self.data[self.textarea][0].removeprefix("\n")
            self.textarea = None

    def handle_data(self, data) -> None:
        if self.textarea:
            self.data[self.textarea][0] += data


def form_data(response, form_id: str) -> dict[str, list[str]]:
    parser = _FormData(form_id)
    parser.feed(response.content.decode())
    return parser.data


@pytest.fixture
def filled(admin_user, member) -> dict:
    factory = numbered_factory("10250000000009", "25", factory_type_id="10500")
    complaint = Complaint.objects.create(
        office_id="25",
        factory=factory,
        received_on=dt.date(2024, 3, 1),
        channel="phone",
        category="dust",
        description="ฝุ่นจากการคัดแยก",
    )
    User.objects.filter(pk=admin_user.pk).update(last_login=MOMENT, date_joined=MOMENT)
    return {"factory": factory, "complaint": complaint, "member": member}


def make_login_records() -> None:
    """axes's records of two failed logins and one login, made after the admin logs in (a
    login clears the failures it would count)."""
    AccessAttempt.objects.create(
        username="member",
        ip_address="10.0.0.9",
        user_agent="Firefox",
        path_info="/accounts/login/",
        failures_since_start=3,
        get_data="",
        post_data="username=member",
    )
    AccessFailureLog.objects.create(
        username="member", ip_address="10.0.0.9", user_agent="Firefox", path_info="/accounts/login/"
    )
    AccessLog.objects.create(
        username="head", ip_address="10.0.0.1", user_agent="Firefox", path_info="/admin/"
    )
    AccessAttempt.objects.update(attempt_time=MOMENT)
    AccessFailureLog.objects.update(attempt_time=MOMENT)
    AccessLog.objects.update(attempt_time=MOMENT)


def _admin_url(obj, view: str, *args) -> str:
    meta = obj._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_{view}", args=[obj.pk, *args])


# Every column header


def test_every_list_column_has_a_thai_header():
    untitled = []
    with translation.override("th"):
        for model, model_admin in admin.site._registry.items():
            for name in model_admin.get_list_display(None):
                header = str(label_for_field(name, model, model_admin))
                if not THAI.search(header):
                    untitled.append(f"{model.__name__}.{name}: {header}")
    assert untitled == []


def test_yes_and_no_icons_say_so_in_thai(client, admin_user, filled):
    client.force_login(admin_user)
    body = client.get(reverse("admin:offices_user_changelist")).content.decode()
    assert re.search(r'<img src="[^"]*icon-yes\.svg" alt="ใช่">', body)
    assert 'alt="True"' not in body


def test_the_user_list_heads_the_full_name_in_thai(client, admin_user, filled):
    client.force_login(admin_user)
    response = client.get(reverse("admin:offices_user_changelist"))
    page = reading(response)
    assert "ชื่อ-นามสกุล" in page
    assert "GET FULL NAME" not in page.upper()
    assert "สมชาย" in page  # the member's full name, under that header


# Pages read in Thai


def _main_pages(filled) -> list[str]:
    make_login_records()
    complaint, member = filled["complaint"], filled["member"]
    region = Region.objects.get(number=16)
    attempt, failure, log = (
        AccessAttempt.objects.get(),
        AccessFailureLog.objects.get(),
        AccessLog.objects.get(username="head"),
    )
    pages = [reverse("admin:index"), reverse("admin:password_change")]
    pages += [reverse("admin:app_list", args=[app]) for app in ("offices", "factories", "axes")]
    for model in (User, Region, Complaint, AccessAttempt, AccessFailureLog, AccessLog):
        pages.append(reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist"))
    pages += [reverse("admin:offices_user_add"), reverse("admin:factories_complaint_add")]
    for obj in (member, region, complaint, attempt, failure, log):
        pages += [_admin_url(obj, "change"), _admin_url(obj, "history")]
    pages += [_admin_url(complaint, "delete"), _admin_url(attempt, "delete")]
    pages.append(reverse("admin:auth_user_password_change", args=[member.pk]))
    for obj in (complaint, member, region):
        pages.append(_admin_url(obj, "simple_history", obj.history.earliest().pk))
    return pages


def test_the_main_admin_pages_read_in_thai(client, admin_user, filled):
    client.force_login(admin_user)
    english = {}
    for url in _main_pages(filled):
        response = client.get(url)
        assert response.status_code == 200, url
        assert '<html lang="th"' in response.content.decode(), url
        if found := english_on(response):
            english[url] = found
    assert english == {}


def test_every_list_opens_in_thai(client, admin_user, filled):
    client.force_login(admin_user)
    make_login_records()
    english = {}
    for model in admin.site._registry:
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        response = client.get(url)
        assert response.status_code == 200, url
        if found := english_on(response):
            english[url] = found
    assert english == {}


def test_the_reading_finds_the_english_it_looks_for(client, admin_user, filled):
    # The check above reads what an admin reads: in English the same page is full of it.
    client.force_login(admin_user)
    choose_english(client)
    response = client.get(_admin_url(filled["complaint"], "history"))
    assert {"History", "Home"} <= set(english_on(response))


# Saving, errors and messages


def test_saving_a_change_form_says_so_in_thai_and_keeps_its_dates(client, admin_user, filled):
    client.force_login(admin_user)
    complaint = filled["complaint"]
    url = _admin_url(complaint, "change")
    form = client.get(url)
    data = form_data(form, "complaint_form")
    # The date widget is a machine format, Common Era, as the admin's calendar fills it in.
    assert data["received_on"] == ["01/03/2024"]
    data["received_on"] = ["05/03/2024"]
    data["due_on"] = ["2024-04-30"]  # ISO is accepted too
    response = client.post(url, data, follow=True)
    assert response.status_code == 200
    page = reading(response)
    assert "แก้ไขเรื่องร้องเรียน “ฝุ่นละออง — 5 มี.ค. 2567” เรียบร้อยแล้ว" in page
    assert "was changed successfully" not in page
    complaint.refresh_from_db()
    assert (complaint.received_on, complaint.due_on) == (dt.date(2024, 3, 5), dt.date(2024, 4, 30))
    # The list shows the dates in the Buddhist Era.
    assert "5 มีนาคม 2567" in page
    assert "30 เมษายน 2567" in page
    assert "2024" not in page


def test_adding_says_so_in_thai(client, admin_user, filled):
    client.force_login(admin_user)
    response = client.post(
        reverse("admin:offices_region_add"),
        {
            "number": "19",
            "name": "เขตทดลอง",
            "offices-TOTAL_FORMS": "0",
            "offices-INITIAL_FORMS": "0",
        },
        follow=True,
    )
    assert response.status_code == 200
    assert "เพิ่มเขตตรวจราชการ “" in reading(response)
    assert "was added successfully" not in reading(response)


def test_a_form_with_an_error_says_so_in_thai(client, admin_user, filled):
    client.force_login(admin_user)
    url = _admin_url(filled["member"], "change")
    data = form_data(client.get(url), "user_form")
    data["username"] = [""]
    response = client.post(url, data)
    assert response.status_code == 200
    page = reading(response)
    assert "กรุณาแก้ไขข้อผิดพลาดด้านล่าง" in page
    assert "Please correct" not in page
    assert english_on(response) == []


def test_deleting_says_so_in_thai(client, admin_user, filled):
    client.force_login(admin_user)
    url = _admin_url(filled["complaint"], "delete")
    confirm = reading(client.get(url))
    assert "ใช่ ยืนยัน" in confirm
    response = client.post(url, {"post": "yes"}, follow=True)
    assert "ลบเรื่องร้องเรียน “ฝุ่นละออง — 1 มี.ค. 2567” เรียบร้อยแล้ว" in reading(response)


# Buddhist-Era dates


def test_the_object_history_shows_buddhist_era_times(client, admin_user):
    # Django's own history page, for the models without simple-history's.
    client.force_login(admin_user)
    dimension = Dimension.objects.get(code="business")
    url = _admin_url(dimension, "change")
    data = form_data(client.get(url), "dimension_form")
    data["description"] = ["ผลประกอบการและการปฏิบัติตามกฎหมาย"]
    assert client.post(url, data).status_code == 302
    LogEntry.objects.update(action_time=MOMENT)
    page = reading(client.get(_admin_url(dimension, "history")))
    assert f"ประวัติการแก้ไข: {dimension}" in page
    assert "2 ธันวาคม 2569, 11:56" in page
    assert "แก้ไข คำอธิบาย" in page  # the change message, in Thai
    assert "2026" not in page
    assert english_on(client.get(_admin_url(dimension, "history"))) == []


def test_the_change_history_list_shows_buddhist_era_times_and_no_none(client, admin_user, filled):
    client.force_login(admin_user)
    complaint = filled["complaint"]
    complaint.history.update(history_date=MOMENT)
    page = reading(client.get(_admin_url(complaint, "history")))
    assert "2 ธันวาคม 2569, 11:56" in page
    for header in ("รายการ", "วันที่/เวลา", "การดำเนินการ", "ผู้แก้ไข", "เหตุผลที่แก้ไข"):
        assert header in page
    assert "สร้าง" in page  # what happened: created
    assert "—" in page  # nobody recorded and no reason given
    assert "None" not in page
    assert "2026" not in page


def test_a_past_version_names_its_model_in_thai(client, admin_user, filled):
    client.force_login(admin_user)
    complaint = filled["complaint"]
    page = reading(client.get(_admin_url(complaint, "simple_history", complaint.history.get().pk)))
    assert "ย้อนกลับเรื่องร้องเรียน" in page
    assert "ทะเบียนโรงงาน" in page  # the app, by its name
    assert "Historical" not in page


def test_the_user_list_and_page_show_last_login_in_the_buddhist_era(client, admin_user, filled):
    client.force_login(admin_user)
    User.objects.filter(pk=admin_user.pk).update(last_login=MOMENT)
    listing = reading(client.get(reverse("admin:offices_user_changelist")))
    assert "2 ธันวาคม 2569, 11:56" in listing
    page = reading(client.get(_admin_url(admin_user, "change")))
    assert "เข้าสู่ระบบครั้งสุดท้าย:\n2 ธันวาคม 2569, 11:56" in page
    assert "2 ธันวาคม 2569, 11:56" in page.split("วันที่เข้าร่วม")[1]
    assert "2026" not in page


def test_the_date_hierarchy_counts_years_in_the_buddhist_era(client, admin_user, filled):
    client.force_login(admin_user)
    complaint = filled["complaint"]
    complaint.pk = None
    complaint.received_on = dt.date(2025, 1, 15)
    complaint.save()  # a second year, so that the list offers the years
    page = reading(client.get(reverse("admin:factories_complaint_changelist")))
    assert "2567 2568" in page.splitlines()  # the year links
    assert "2024" not in page
    months = reading(
        client.get(reverse("admin:factories_complaint_changelist"), {"received_on__year": 2024})
    )
    assert "มีนาคม 2567" in months
    assert "2024" not in months


def test_english_admin_stays_english_with_buddhist_era_years(client, admin_user, filled):
    client.force_login(admin_user)
    choose_english(client)
    url = _admin_url(filled["complaint"], "change")
    response = client.post(url, form_data(client.get(url), "complaint_form"), follow=True)
    page = reading(response)
    assert "was changed successfully" in page
    assert "March 1, 2567" in page


# Permissions and login records


def test_permissions_are_named_in_thai(client, admin_user, filled):
    client.force_login(admin_user)
    for url in (_admin_url(filled["member"], "change"), reverse("admin:auth_group_add")):
        page = reading(client.get(url))
        assert "ทะเบียนโรงงาน | โรงงาน | แก้ไขโรงงาน" in page
        assert "ทะเบียนโรงงาน | ประวัติของโรงงาน | ดูประวัติของโรงงาน" in page
        assert "การเข้าสู่ระบบ | บันทึกการเข้าสู่ระบบ | ลบบันทึกการเข้าสู่ระบบ" in page
        assert "Can " not in page


def test_the_login_records_read_in_thai(client, admin_user, filled):
    client.force_login(admin_user)
    make_login_records()
    attempts = reading(client.get(reverse("admin:axes_accessattempt_changelist")))
    assert "ความพยายามเข้าสู่ระบบ" in attempts
    for header in ("เวลาที่เข้า", "หมายเลขไอพี", "ชื่อผู้ใช้", "สถานะ"):
        assert header in attempts
    assert "ลองได้อีก 2 ครั้ง" in attempts
    log = reading(client.get(_admin_url(AccessLog.objects.get(username="head"), "change")))
    assert "เข้าสู่ระบบ: head เมื่อ 2 ธ.ค. 2569 11:56 น." in log
    index = reading(client.get(reverse("admin:index")))
    assert "การเข้าสู่ระบบ" in index
    assert "Axes" not in index


# The catalogue


def _entries(name: str) -> list[dict]:
    return [entry for entry in read_catalogue(CATALOGUE / name) if entry["msgid"]]


@pytest.mark.parametrize("name", ["django.po", "djangojs.po"])
def test_the_admin_catalogue_is_complete_and_compiled(name):
    entries = _entries(name)
    assert entries
    with (CATALOGUE / name).with_suffix(".mo").open("rb") as mo:
        compiled = gettext.GNUTranslations(mo)
    for entry in entries:
        msgstr = next(iter(entry["msgstr"].values()))
        assert THAI.search(msgstr) or msgstr == entry["msgid"], entry["msgid"]
        assert "fuzzy" not in entry["flags"], entry["msgid"]
        wanted = set(PLACEHOLDER.findall(entry["msgid"]))
        assert set(PLACEHOLDER.findall(msgstr)) == wanted, entry["msgid"]
        assert set(re.findall(r"\{\w*\}", msgstr)) == set(re.findall(r"\{\w*\}", entry["msgid"]))
        if entry.get("msgctxt"):
            found = compiled.pgettext(entry["msgctxt"], entry["msgid"])
        elif entry["msgid_plural"] is not None:
            found = compiled.ngettext(entry["msgid"], entry["msgid_plural"], 2)
        else:
            found = compiled.gettext(entry["msgid"])
        assert found == msgstr, entry["msgid"]


def test_the_admin_catalogue_is_read_after_the_english_one():
    # makemessages writes the first of LOCALE_PATHS: the English catalogue, never this one.
    assert settings.LOCALE_PATHS[0] == Path(settings.BASE_DIR) / "locale"
    assert CATALOGUE.parent.parent in settings.LOCALE_PATHS


def test_the_admin_scripts_get_thai_month_and_day_names(client, admin_user):
    # The calendar, the time picker and the two-list chooser of the admin's forms.
    client.force_login(admin_user)
    script = client.get(reverse("admin:jsi18n")).content.decode()
    catalogue = json.loads(re.search(r"const newcatalog = (\{.*?\});\n", script, re.S)[1])
    assert catalogue["abbrev. month March\x04Mar"] == "มี.ค."
    assert catalogue["Thursday"] == "พฤหัสบดี"
    assert catalogue["%(sel)s of %(cnt)s selected"] == ["เลือก %(sel)s จาก %(cnt)s รายการ"]
    assert catalogue["Today"] == "วันนี้"
