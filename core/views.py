from __future__ import annotations

from datetime import timedelta

from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.utils import timezone
from django.views.decorators.cache import never_cache

from core.models import WorkerHeartbeat
from core.navigation import landing_for
from core.thaidates import current_fiscal_year


def home(request: HttpRequest) -> HttpResponse:
    """The landing page. People whom an app gives a home of their own (the office head: the
    office dashboard, ``core.navigation.register_landing``) go there; everyone else sees
    :func:`desk`."""
    if url := landing_for(request.user):
        return redirect(url)
    return desk(request)


def desk(request: HttpRequest) -> HttpResponse:
    """Who you are, today in the Buddhist Era, and the panels the apps show each kind of person
    (their work, their office, their region: ``core.panels``, place "home")."""
    return render(request, "core/home.html", {"fiscal_year": current_fiscal_year()})


@login_not_required
def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask for /favicon.ico on every page that names no icon (Django admin among them)."""
    return redirect(static("favicon.ico"), permanent=True)


@login_not_required
@never_cache
def health(request: HttpRequest) -> JsonResponse:
    """For load balancers and admins: is the database up, and has the worker run lately?"""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        database_ok = True
    except Exception:
        database_ok = False
    beat = WorkerHeartbeat.objects.filter(name="worker").first() if database_ok else None
    worker_ok = bool(beat and beat.last_seen > timezone.now() - timedelta(minutes=5))
    return JsonResponse(
        {
            "database": "ok" if database_ok else "down",
            "worker": "ok" if worker_ok else "late",
            "worker_last_seen": beat.last_seen.isoformat() if beat else None,
        },
        status=200 if database_ok else 503,
    )
