"""Browser journeys: one headless Chromium for all of them, a fresh browser context per test.

Playwright drives Debian's Chromium (``/usr/bin/chromium``, or ``E2E_CHROMIUM``); no browser is
ever downloaded. Without Chromium the journeys are skipped, except under ``CI=true`` where they
error, so that CI can never pass by skipping them.

Every journey runs against pytest-django's ``live_server``, so its database is transactional and
Django empties every table after each test; ``_reference_data`` puts the provinces and offices
back before the next one, and once more after the last journey.

Playwright's sync API keeps an asyncio loop running in the test thread, and Django refuses ORM
calls while a loop runs; the tests touch the ORM only between browser steps, so while the
browser is up ``DJANGO_ALLOW_ASYNC_UNSAFE`` is set. The browser lives for this package only:
after the last journey the loop stops and the variable is removed again, so the tests that
follow (and the processes they start, such as ``manage.py check --deploy``) never see it.

``E2E_SCREENSHOTS=/tmp`` saves the journeys' screenshots there (CI's ``.ci/run`` keeps them in
``var/e2e/screenshots/``); a failing journey always leaves a screenshot of each of its pages under
``var/e2e/``.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from offices.models import Office
from tests.e2e.screens import DESKTOP

ASYNC_UNSAFE = "DJANGO_ALLOW_ASYNC_UNSAFE"
CHROMIUM = os.environ.get("E2E_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    # Without these Chromium tries the network on start, and the test network is closed.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PASSWORD = "pass-1234"
ARTIFACTS = Path(settings.VAR_DIR) / "e2e"


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def _unavailable(reason: str) -> None:
    if _in_ci():
        pytest.fail(f"{reason} (CI=true: browser journeys must run, not be skipped)", pytrace=False)
    pytest.skip(reason)


def _require_chromium() -> None:
    if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
        _unavailable(
            f"Chromium not found at {CHROMIUM}: install Debian's chromium package "
            "(or set E2E_CHROMIUM) to run the browser journeys"
        )


def pytest_runtest_setup(item: pytest.Item) -> None:
    # Decide before any database work, so that a machine without Chromium skips at once.
    if item.get_closest_marker("e2e"):
        _require_chromium()


@pytest.fixture(scope="package")
def browser(django_db_blocker) -> Iterator:
    """One headless Chromium for all the journeys (see the module's docstring on its scope)."""
    _require_chromium()
    try:
        from playwright.sync_api import expect, sync_playwright
    except ImportError:  # pragma: no cover - playwright is a dev dependency
        _unavailable("playwright is not installed: pip install -e '.[dev]'")
    # expect() waits 5 s by default, which a loaded two-core machine can need for one page.
    expect.set_options(timeout=20_000)
    previous = os.environ.get(ASYNC_UNSAFE)
    os.environ[ASYNC_UNSAFE] = "true"
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            yield chromium
            chromium.close()
    finally:
        if previous is None:
            os.environ.pop(ASYNC_UNSAFE, None)
        else:
            os.environ[ASYNC_UNSAFE] = previous
    # Leave the reference data as the session's setup loaded it, for the tests that follow.
    with django_db_blocker.unblock():
        _load_reference_data()


def _load_reference_data() -> None:
    if not Office.objects.exists():
        call_command("load_reference_data", verbosity=0, stdout=io.StringIO())


@pytest.fixture(autouse=True)
def _reference_data(browser, transactional_db) -> None:
    """Provinces, regions and offices, loaded again after the previous journey's flush."""
    _load_reference_data()


@dataclass
class BrowserLog:
    """What the pages of one test asked for and complained about."""

    requests: list[str] = field(default_factory=list)
    failed_responses: list[tuple[int, str]] = field(default_factory=list)
    console_errors: list[tuple[str, str]] = field(default_factory=list)  # (text, source URL)
    page_errors: list[str] = field(default_factory=list)


@pytest.fixture
def browser_log() -> BrowserLog:
    return BrowserLog()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"e2e_report_{report.when}", report)
    return report


@pytest.fixture
def new_page(browser, live_server, browser_log, request) -> Iterator[Callable]:
    """Open a page in a new, empty browser context: ``new_page()`` or ``new_page(**PHONE)``.

    The context speaks Thai, lives in Bangkok and resolves relative URLs against the live server.
    """
    contexts = []
    pages = []

    def make(**options):
        context_options = {**DESKTOP, **options}
        context = browser.new_context(
            base_url=live_server.url,
            locale="th-TH",
            timezone_id="Asia/Bangkok",
            **context_options,
        )
        # Generous limits: on a busy two-core machine a page can take seconds. Tests wait for what
        # the page shows, never for a fixed time.
        context.set_default_timeout(30_000)
        context.on("request", lambda req: browser_log.requests.append(req.url))
        context.on("response", lambda response: _record_failure(browser_log, response))
        contexts.append(context)
        page = context.new_page()
        page.on(
            "console",
            lambda msg: (
                msg.type == "error"
                and browser_log.console_errors.append((msg.text, msg.location.get("url", "")))
            ),
        )
        page.on("pageerror", lambda exc: browser_log.page_errors.append(str(exc)))
        pages.append(page)
        return page

    yield make

    report = getattr(request.node, "e2e_report_call", None)
    if report is not None and report.failed:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        stem = re.sub(r"[^\w.-]+", "_", request.node.nodeid)
        for number, page in enumerate(pages, start=1):
            with contextlib.suppress(Exception):  # a closed page has nothing to show
                page.screenshot(path=str(ARTIFACTS / f"{stem}-{number}.png"), full_page=True)
    for context in contexts:
        context.close()
    outside = [url for url in browser_log.requests if not _is_local(url, live_server.url)]
    assert not outside, f"the pages loaded something from outside the server: {outside}"


def _record_failure(log: BrowserLog, response) -> None:
    if response.status >= 400:
        log.failed_responses.append((response.status, response.url))


def _is_local(url: str, base: str) -> bool:
    return url == base or url.startswith(base + "/") or url.startswith(("data:", "blob:"))


@pytest.fixture
def page(new_page):
    """A desktop-sized page in a fresh context."""
    return new_page()


@pytest.fixture
def login() -> Callable:
    """``login(page, "member")`` signs in through the real form, as a person would."""

    def sign_in(page, username: str, password: str = PASSWORD) -> None:
        from playwright.sync_api import expect

        page.goto("/accounts/login/")
        page.get_by_label("ชื่อผู้ใช้").fill(username)
        page.get_by_label("รหัสผ่าน").fill(password)
        page.get_by_role("button", name="เข้าสู่ระบบ").click()
        # Home, or an office head's own home: the office dashboard.
        expect(page).to_have_url(re.compile(r"/$|/policy/dashboard/offices/\w+/$"))
        expect(page.get_by_role("heading", level=1)).to_contain_text(
            re.compile("สวัสดี|แดชบอร์ดสำนักงาน")
        )

    return sign_in


@pytest.fixture
def screenshot() -> Callable:
    """``screenshot(page, "home-desktop")`` saves ``e2e-home-desktop.png`` into the folder
    ``E2E_SCREENSHOTS`` names, for people to look at; without it, nothing is saved."""

    def take(page, name: str) -> Path | None:
        folder = os.environ.get("E2E_SCREENSHOTS")
        if not folder:
            return None
        page.evaluate("document.fonts.ready.then(() => true)")
        Path(folder).mkdir(parents=True, exist_ok=True)
        path = Path(folder) / f"e2e-{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take
