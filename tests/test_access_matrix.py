"""The access matrix: every URL pattern of the project, asked by every kind of person about
objects of their own office, another office of their region and an office of another region
(and an id that names nothing), answers as ``tests/access_rules.py`` states.

The patterns come from the URL configuration itself, so a new view cannot be forgotten: one
that has no stated rule fails the matrix with its name. Each request runs in a savepoint that
is rolled back, so what one person writes never changes what the next is shown; a POST by
someone the rule does not let write must leave every table of the product as it was.
"""

from __future__ import annotations

import io
import os
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from http.cookies import SimpleCookie
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.shortcuts import resolve_url
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.access_rules import (
    ADMINS,
    LOGIN,
    OFFICE_STAFF,
    RULES,
    SKIPPED_NAMESPACES,
    Rule,
    sees,
)
from tests.access_world import ROLES, Secret, World, build_world
from tests.builders import png_upload, to_csv

# Tables a refused request may still write: the session of the person asking.
BOOKKEEPING_TABLES = ("django_session",)
WRITE = re.compile(r'^\s*(INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?', re.IGNORECASE)


def pattern_names() -> tuple[list[str], list[str]]:
    """Every named pattern of the URL configuration (``namespace:name``), and the patterns
    that have no name (which no rule can state)."""
    names: list[str] = []
    unnamed: list[str] = []

    def walk(patterns, namespace: str, route: str) -> None:
        for entry in patterns:
            if isinstance(entry, URLResolver):
                if entry.namespace in SKIPPED_NAMESPACES:
                    continue
                inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
                walk(entry.url_patterns, inner, route + str(entry.pattern))
            elif isinstance(entry, URLPattern):
                if entry.name is None:
                    unnamed.append(route + str(entry.pattern))
                else:
                    names.append(namespace + entry.name)

    walk(get_resolver().url_patterns, "", "/")
    return names, unnamed


@dataclass(frozen=True)
class Case:
    name: str
    rule: Rule
    role: str
    relation: str
    method: str
    htmx: bool

    def __str__(self) -> str:
        label = f" [{self.rule.label}]" if self.rule.label else ""
        how = self.method + (" (HTMX)" if self.htmx else "")
        return f"{self.name}{label} {how} as {self.role} on {self.relation}"


def rules_of(name: str) -> tuple[Rule, ...]:
    rule = RULES[name]
    return rule if isinstance(rule, tuple) else (rule,)


def cases(world: World, names: list[str]) -> Iterator[Case]:
    for name in names:
        for rule in rules_of(name):
            for relation in world.relations(rule.kind):
                for role in ROLES:
                    # Anyone signed out is asked over HTMX too, whatever the page.
                    asked_by_htmx = rule.htmx or role == "anonymous"
                    for htmx in (False, True) if asked_by_htmx else (False,):
                        yield Case(name, rule, role, relation, "GET", htmx)
                        if rule.post is not None:
                            yield Case(name, rule, role, relation, "POST", htmx)


def address(world: World, case: Case) -> tuple[str, dict[str, str]]:
    kwargs = world.kwargs(case.rule.kind, case.relation, case.role) if case.rule.kind else {}
    query = dict(case.rule.query)
    for parameter, argument in case.rule.query_from.items():
        query[parameter] = str(kwargs.pop(argument))
    return reverse(case.name, kwargs=kwargs), query


def written_tables(queries: CaptureQueriesContext) -> set[str]:
    tables = set()
    for query in queries.captured_queries:
        if found := WRITE.match(query["sql"]):
            tables.add(found.group(2))
    return tables - set(BOOKKEEPING_TABLES)


def upload(kind: str) -> SimpleUploadedFile:
    if kind == "png":
        return png_upload()
    rows = [["เลขทะเบียนโรงงาน", "ชื่อโรงงาน"], ["10570000000009", "โรงงานนำเข้า"]]
    return SimpleUploadedFile("register.csv", to_csv(rows), content_type="text/csv")


def media_files() -> set[str]:
    return {
        os.path.join(folder, name)
        for folder, _dirs, names in os.walk(settings.MEDIA_ROOT)
        for name in names
    }


def text_of(response) -> str:
    """What a person is given, as text: a page, or the sheets of a workbook."""
    if response.streaming or response.status_code != 200:
        return ""
    content = response.content
    if content.startswith(b"PK"):
        SHOWN["workbook"] += 1
        with zipfile.ZipFile(io.BytesIO(content)) as book:
            return "".join(
                book.read(part).decode("utf-8", "replace")
                for part in book.namelist()
                if part.endswith(".xml")
            )
    return content.decode("utf-8", "replace")


# How often a text was shown to someone who may see it, by audience: the leak check is seen
# to look at pages that do show such texts (it would pass on pages that show nothing at all).
SHOWN: dict[str, int] = {"scope": 0, "complainant": 0, "unit": 0, "person": 0, "workbook": 0}


def may_be_shown(secret: Secret, role: str) -> bool:
    if secret.audience == "person":
        return role == secret.relation
    if secret.audience == "complainant":
        # factories.permissions.may_see_complainants
        return (role in OFFICE_STAFF and secret.relation == "own") or role in ADMINS
    if secret.audience == "unit" and role == "unit":
        return True
    return sees(role, secret.relation)


def leaks(world: World, case: Case, response) -> list[str]:
    """The texts on the answer that the person must not be shown: the factory, order or
    directive of an office they do not see, a complainant outside the office that received the
    complaint, someone else's notification."""
    text = text_of(response)
    if not text:
        return []
    found = []
    for secret in world.secrets:
        if secret.text in text:
            if may_be_shown(secret, case.role):
                SHOWN[secret.audience] += 1
            else:
                found.append(secret.text)
    return found


def unexpected(world: World, clients: dict[str, Client], case: Case) -> str | None:
    """What is wrong with the answer to ``case``, or None."""
    client = clients[case.role]
    url, query = address(world, case)
    headers = {"HX-Request": "true"} if case.htmx else {}
    cookies = SimpleCookie(client.cookies)
    refused_post = case.method == "POST" and not case.rule.writers(case.role, case.relation)
    files_before = media_files() if refused_post and case.rule.upload else set()
    connection.queries_log.clear()  # a full log would capture nothing
    with transaction.atomic():
        with CaptureQueriesContext(connection) as queries:
            if case.method == "GET":
                response = client.get(url, query, headers=headers)
            else:
                # What names the object in the query string goes in the form too.
                target = f"{url}?{urlencode(query)}" if query else url
                data = {**query, **{name: upload(kind) for name, kind in case.rule.upload.items()}}
                response = client.post(target, data, headers=headers)
        transaction.set_rollback(True)
    client.cookies = cookies  # signing out (or a language chosen) is not kept
    rule_of = case.rule.get if case.method == "GET" else case.rule.post
    assert rule_of is not None
    expected = rule_of(case.role, case.relation)
    status = response.status_code
    problem = None
    login_url = resolve_url(settings.LOGIN_URL)
    if expected == LOGIN:
        if case.htmx:
            redirect = response.headers.get("HX-Redirect", "")
            if status != 401 or not redirect.startswith(login_url):
                problem = f"expected 401 with HX-Redirect to the login page, got {status}"
                problem += f" {redirect or response.headers.get('Location', '')}"
        elif status != 302 or not response["Location"].startswith(login_url):
            problem = f"expected 302 to the login page, got {status}"
            problem += f" {response.headers.get('Location', '')}"
    elif status != expected:
        problem = f"expected {expected}, got {status}"
        if status in (301, 302):
            problem += f" to {response['Location']}"
        if exc_info := getattr(response, "exc_info", None):
            problem += f" ({exc_info[0].__name__}: {exc_info[1]})"
    also = []
    if refused_post and (tables := written_tables(queries)):
        also.append(f"wrote {sorted(tables)}")
    if refused_post and case.rule.upload and (kept := media_files() - files_before):
        also.append(f"kept the upload {sorted(kept)}")
    if shown := leaks(world, case, response):
        also.append(f"showed {shown}")
    if also:
        problem = "; ".join(([problem] if problem else []) + also)
    return f"{case} ({url}): {problem}" if problem else None


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory) -> Iterator[World]:
    """The world, built once for the module and rolled back after it."""
    media = tmp_path_factory.mktemp("media")
    hashers = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with (
        override_settings(MEDIA_ROOT=media, PASSWORD_HASHERS=hashers),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        yield build_world()
        transaction.set_rollback(True)


@pytest.fixture
def clients(world: World, db) -> dict[str, Client]:
    signed_in = {}
    for role, person in world.people.items():
        client = Client(raise_request_exception=False)
        if person is not None:
            client.force_login(person)
        signed_in[role] = client
    return signed_in


def test_every_url_pattern_has_a_stated_rule():
    names, unnamed = pattern_names()
    twice = sorted({name for name in names if names.count(name) > 1})
    assert not twice, f"URL pattern names used twice, which one rule cannot state: {twice}"
    unknown = [name for name in names if name not in RULES]
    stale = [name for name in RULES if name not in names]
    assert not unnamed, f"URL patterns without a name, which no rule can state: {unnamed}"
    assert not unknown, (
        "URL patterns with no stated access rule in tests/access_rules.py (state who gets "
        f"what for each): {unknown}"
    )
    assert not stale, f"rules in tests/access_rules.py for patterns that are gone: {stale}"


def test_every_pattern_answers_every_person_as_its_rule_states(world, clients, capsys):
    names, _unnamed = pattern_names()
    known = [name for name in names if name in RULES]
    problems = []
    count = 0
    triples = set()
    for case in cases(world, known):
        count += 1
        triples.add((case.name, case.role, case.relation))
        if problem := unexpected(world, clients, case):
            problems.append(problem)
    summary = f"{count} cases, {len(problems)} unexpected"
    with capsys.disabled():
        print(
            f"\naccess matrix: {summary} ({len(known)} patterns; {len(triples)} pattern × person "
            f"× object; texts shown to whom they may be: {SHOWN})"
        )
    shown = problems[:300] + (
        [f"... and {len(problems) - 300} more"] if len(problems) > 300 else []
    )
    assert not problems, summary + ":\n" + "\n".join(shown)
    # The leak check looked at pages and workbooks that do show each kind of text.
    assert all(SHOWN.values()), SHOWN
