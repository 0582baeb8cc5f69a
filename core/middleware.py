"""Thai first: the language is Thai unless the person chose another in the footer.

Django's LocaleMiddleware follows the browser's Accept-Language, which would show English to
every officer whose phone or office computer happens to be set up in English. Here only an
explicit choice (the language cookie set by ``set_language``) changes the language.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers


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
