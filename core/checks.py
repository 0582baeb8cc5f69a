"""Checks of a deployment (``manage.py check --deploy``)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.caches, deploy=True)
def shared_cache(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """Web processes read sessions and the signed-in person from the cache
    (``offices.backends``): without one shared cache, a person switched off or signed out in
    one process would stay signed in in the others for up to ten minutes."""
    backend = settings.CACHES["default"]["BACKEND"]
    if backend.endswith("LocMemCache") or backend.endswith("DummyCache"):
        return [
            checks.Warning(
                "The cache is each process's own memory: set CACHE_URL to a Redis that every "
                "web process and worker shares.",
                hint="Sessions and the signed-in person are read from the cache.",
                id="core.W001",
            )
        ]
    return []
