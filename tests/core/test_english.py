"""English, the second language: a complete catalogue, and pages that switch to it on request."""

from __future__ import annotations

import gettext
import re
from html.parser import HTMLParser
from pathlib import Path

from django.conf import settings
from django.urls import reverse

from tests.pages import PLACEHOLDER, choose_english, read_catalogue

PO_FILE = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES" / "django.po"
MO_FILE = PO_FILE.with_suffix(".mo")
THAI = re.compile(r"[\u0e00-\u0e7f]")


def _messages() -> list[dict]:
    return [entry for entry in read_catalogue(PO_FILE) if entry["msgid"]]


class _NavLabels(HTMLParser):
    """The text of the links inside ``<ul data-testid="main-nav">``."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.in_link = False
        self.labels: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        if tag == "ul" and ("data-testid", "main-nav") in attrs:
            self.depth = 1
        elif self.depth and tag == "ul":
            self.depth += 1
        elif self.depth and tag == "a":
            self.in_link = True
            self.labels.append("")

    def handle_endtag(self, tag) -> None:
        if self.depth and tag == "ul":
            self.depth -= 1
        elif tag == "a":
            self.in_link = False

    def handle_data(self, data) -> None:
        if self.in_link:
            self.labels[-1] += data.strip()


def nav_labels(html: str) -> list[str]:
    parser = _NavLabels()
    parser.feed(html)
    return parser.labels


# The catalogue


def test_it_has_an_english_catalogue_compiled_next_to_it():
    assert PO_FILE.exists()
    assert MO_FILE.exists()
    assert len(_messages()) > 500


def test_it_has_a_compiled_catalogue_that_matches_the_po_file():
    with MO_FILE.open("rb") as mo:
        compiled = gettext.GNUTranslations(mo)
    for entry in _messages():
        if entry["msgid_plural"] is None:
            assert compiled.gettext(entry["msgid"]) == entry["msgstr"]["msgstr"], entry["msgid"]
        else:
            singular = compiled.ngettext(entry["msgid"], entry["msgid_plural"], 1)
            assert singular == entry["msgstr"]["msgstr[0]"], entry["msgid"]


def test_it_has_no_untranslated_messages():
    untranslated = [entry["msgid"] for entry in _messages() if not all(entry["msgstr"].values())]
    assert untranslated == []


def test_it_has_no_fuzzy_messages():
    header, *_ = read_catalogue(PO_FILE)
    assert "fuzzy" not in header["flags"]
    assert [entry["msgid"] for entry in _messages() if "fuzzy" in entry["flags"]] == []


def test_it_keeps_every_placeholder_and_line_break():
    for entry in _messages():
        wanted = set(PLACEHOLDER.findall(entry["msgid"] + (entry["msgid_plural"] or "")))
        for msgstr in entry["msgstr"].values():
            assert set(PLACEHOLDER.findall(msgstr)) == wanted, entry["msgid"]
            assert msgstr.count("\n") == entry["msgid"].count("\n"), entry["msgid"]


def test_it_gives_both_plural_forms():
    for entry in _messages():
        if entry["msgid_plural"] is not None:
            assert set(entry["msgstr"]) == {"msgstr[0]", "msgstr[1]"}, entry["msgid"]


def test_it_leaves_no_thai_in_the_english_text():
    # Thai may stay only where it is data quoted for the reader: the column names and
    # registration numbers a Thai file really contains.
    quoted = {"เลขทะเบียน", "จ3-9(6)-100/51ปจ"}
    for entry in _messages():
        for msgstr in entry["msgstr"].values():
            remaining = msgstr
            for word in quoted:
                remaining = remaining.replace(word, "")
            assert not THAI.search(remaining), (entry["msgid"], msgstr)


# The pages


def test_it_shows_the_home_page_in_english_once_chosen(client, member):
    client.force_login(member)
    choose_english(client)
    response = client.get(reverse("core:home"))
    assert response.status_code == 200
    body = response.content.decode()
    assert '<html lang="en">' in body
    labels = nav_labels(body)
    assert labels[0] == "Home"
    assert labels == [
        "Home",
        "My office",
        "My inspections",
        "Inspection plan",
        "Factory register",
        "Follow-up",
        "Orders",
        "Complaints",
        "Loans",
        "My reports",
        "Inspection directives",
        "Ministry inspections of the office",
        "MIND overview",
    ]
    assert not any(THAI.search(label) for label in labels)
    assert "PIO Inspection System" in body
    assert "Change password" in body
    assert "Log out" in body
    assert "Hello, สมชาย" in body
    assert "View office" in body
    assert "หน้าหลัก" not in body
    assert "ออกจากระบบ" not in body


def test_it_shows_the_login_page_in_english_once_chosen(client, db):
    choose_english(client)
    response = client.get(reverse("login"))
    assert response.status_code == 200
    body = response.content.decode()
    assert '<html lang="en">' in body
    assert "<title>Log in · Ministry of Industry</title>" in body
    assert "Inspection and factory supervision system for Provincial Industry Offices" in body
    assert "Username" in body
    assert "Password" in body
    assert "เข้าสู่ระบบ" not in body
    assert "ชื่อผู้ใช้" not in body


def test_it_explains_a_wrong_password_in_english(client, member):
    choose_english(client)
    response = client.post(reverse("login"), {"username": "member", "password": "nope"})
    body = response.content.decode()
    assert "Incorrect username or password" in body
    assert "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง" not in body


def test_it_goes_back_to_thai_when_thai_is_chosen(client, member):
    client.force_login(member)
    choose_english(client)
    client.post(reverse("set_language"), {"language": "th", "next": "/"})
    labels = nav_labels(client.get(reverse("core:home")).content.decode())
    assert labels[0] == "หน้าหลัก"
