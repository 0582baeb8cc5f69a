"""The project's middleware: Thai first, control characters refused, and signed-out HTMX
requests sent to the login page.

Thai first: the language is Thai unless the person chose another in the footer.

Django's LocaleMiddleware follows the browser's Accept-Language, which would show English to
every officer whose phone or office computer happens to be set up in English. Here only an
explicit choice (the language cookie set by ``set_language``) changes the language.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.middleware import LoginRequiredMiddleware
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import resolve_url
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme


class ThaiFirstLocaleMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.available = {code for code, _ in settings.LANGUAGES}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in self.available else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", language)
        return response


# NUL and the other C0 control characters (and DEL) are never typed into a form; PostgreSQL
# refuses NUL in text outright. Tab, line feed and carriage return are what text areas send.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def has_control_character(request: HttpRequest) -> bool:
    if CONTROL_CHARACTERS.search(request.path):
        return True
    sources = [request.GET]
    if request.method == "POST":
        sources.append(request.POST)
    for data in sources:
        for key, values in data.lists():
            if CONTROL_CHARACTERS.search(key):
                return True
            if any(CONTROL_CHARACTERS.search(value) for value in values if isinstance(value, str)):
                return True
    return False


class RefuseControlCharactersMiddleware:
    """A safety net under the views: a control character anywhere in the path, the query
    string or a posted form answers the Thai "bad request" page, not a database error."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if has_control_character(request):
            from core.errors import bad_request

            return bad_request(request)
        return self.get_response(request)


class HtmxAwareLoginRequiredMiddleware(LoginRequiredMiddleware):
    """Django's login requirement, but an HTMX request of someone signed out (a session that
    ran out while a page stayed open) answers 401 with ``HX-Redirect`` to the login page: a
    302 would be followed by the browser and the login page swapped into the fragment.

    After signing in, the person comes back to the page they were on (``HX-Current-URL``),
    not to the fragment's address."""

    def handle_no_permission(self, request: HttpRequest, view_func) -> HttpResponse:
        if request.headers.get("HX-Request") != "true":
            return super().handle_no_permission(request, view_func)
        current = request.headers.get("HX-Current-URL", "")
        if current and url_has_allowed_host_and_scheme(
            current, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            parts = urlsplit(current)
            back = parts.path + (f"?{parts.query}" if parts.query else "")
        elif request.method == "GET":
            back = request.get_full_path()
        else:
            back = ""
        login_url = resolve_url(self.get_login_url(view_func))
        if back:
            login_url = redirect_to_login(back, login_url, self.get_redirect_field_name(view_func))[
                "Location"
            ]
        response = HttpResponse(status=401)
        response["HX-Redirect"] = login_url
        return response
