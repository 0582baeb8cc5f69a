from __future__ import annotations

from datetime import timedelta

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.templatetags.static import static
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from core import notifications
from core.models import DigestSend, WorkerHeartbeat
from core.navigation import landing_for
from core.notifications import notifications_of
from core.paging import Pages
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


# --- notifications ---------------------------------------------------------------------------

NOTIFICATIONS_PAGE_SIZE = 50


def notification_list(request: HttpRequest) -> HttpResponse:
    """The person's own notifications, newest first, unread ones marked; 50 a page."""
    page = Pages(notifications_of(request.user), NOTIFICATIONS_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "core/notifications/list.html",
        {"page": page, "unread": any(n.read_at is None for n in page), "query": ""},
    )


def notification_open(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark a notification read and go to what it is about (someone else's answers 404)."""
    notification = get_object_or_404(notifications_of(request.user), pk=pk)
    notifications.notification_open(notification=notification)
    target = notification.url
    if not target or not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect("core:notifications")
    return redirect(target)


@require_POST
def notification_read_all(request: HttpRequest) -> HttpResponse:
    count = notifications.notifications_read_all(user=request.user)
    if count:
        messages.success(request, gettext("ทำเครื่องหมายว่าอ่านแล้ว %(count)s เรื่อง") % {"count": count})
    return redirect("core:notifications")


def notification_badge(request: HttpRequest) -> HttpResponse:
    """The unread count beside the bell, fetched by HTMX after the page has loaded so that no
    page pays for it."""
    response = render(
        request,
        "core/notifications/_badge.html",
        {"count": notifications.unread_count(request.user)},
    )
    response["Cache-Control"] = "private, no-store"
    return response


class DigestPreferenceForm(forms.Form):
    digest = forms.BooleanField(label=_("รับอีเมลสรุปการแจ้งเตือนรายวัน"), required=False)


def notification_settings(request: HttpRequest) -> HttpResponse:
    """Turn the daily digest on or off; what one was reminded of, when, and when it was mailed."""
    form = DigestPreferenceForm(
        request.POST if request.method == "POST" else None,
        initial={"digest": notifications.digest_wanted(request.user)},
    )
    if request.method == "POST" and form.is_valid():
        notifications.digest_preference_set(user=request.user, digest=form.cleaned_data["digest"])
        messages.success(request, gettext("บันทึกการตั้งค่าแล้ว"))
        return redirect("core:notification_settings")
    page = Pages(notifications_of(request.user), NOTIFICATIONS_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    digests = DigestSend.objects.filter(recipient=request.user).order_by("-day")[:30]
    return render(
        request,
        "core/notifications/settings.html",
        {"form": form, "page": page, "digests": digests, "email": request.user.email, "query": ""},
    )
