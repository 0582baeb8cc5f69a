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
from core.thaidates import current_fiscal_year
from offices.models import Office, OfficeYear


def home(request: HttpRequest) -> HttpResponse:
    """The landing page: who you are, today in the Buddhist Era, and where your work is."""
    user = request.user
    fiscal_year = current_fiscal_year()
    offices = Office.objects.visible_to(user)
    context = {
        "fiscal_year": fiscal_year,
        "office_count": offices.count(),
        "reported_count": OfficeYear.objects.visible_to(user)
        .filter(fiscal_year=fiscal_year)
        .count(),
        "my_office": (
            Office.objects.select_related("region", "province").filter(pk=user.office_id).first()
            if user.office_id
            else None
        ),
        "my_regions": list(user.regions.all()) if user.is_inspector else [],
    }
    return render(request, "core/home.html", context)


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
