"""Notifications: creating them once from the reminder kinds, reading them, and the daily
digest email. Reads used by the pages and the tasks are here beside the writes, because they
are few and belong together; nothing here knows any app's records (the kinds do)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.models import DigestSend, Notification, NotificationPreference
from core.reminders import reminders_by_threshold
from core.thaidates import format_be_date

# A digest tells of the notifications not yet mailed, made within this many days: one turned
# off for a month and on again is not flooded with the old ones (they stay on the page).
DIGEST_LOOKBACK_DAYS = 7


def notifications_create(*, day: dt.date) -> dict[str, int]:
    """Create every notification due on ``day``; returns how many were due per kind.

    Each threshold's rows go in with one statement in a transaction of their own, with
    ``ON CONFLICT DO NOTHING`` on the unique key (kind, subject, threshold, recipient): a second
    run, or two workers at once, adds nothing, and a run cut short keeps what it committed for
    the next one to complete."""
    due: dict[str, int] = {}
    for threshold, rows in reminders_by_threshold(day):
        objs = [
            Notification(
                recipient_id=r.recipient_id,
                kind=kind,
                subject_key=r.subject_key,
                threshold=r.threshold,
                title=r.title,
                url=r.url,
            )
            for kind, r in rows
        ]
        with transaction.atomic():
            Notification.objects.bulk_create(objs, ignore_conflicts=True, batch_size=1000)
        due[threshold.kind] = due.get(threshold.kind, 0) + len(objs)
    return due


def unread_count(user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def notifications_of(user) -> QuerySet[Notification]:
    """A person's own notifications, newest first (nobody reads another's)."""
    return Notification.objects.filter(recipient=user).only(
        "pk", "title", "kind", "created_at", "read_at", "digest_sent_at", "url"
    )


def notification_open(*, notification: Notification) -> None:
    if notification.read_at is None:
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
            read_at=timezone.now()
        )


def notifications_read_all(*, user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )


def digest_wanted(user) -> bool:
    return not NotificationPreference.objects.filter(user=user, digest=False).exists()


def digest_preference_set(*, user, digest: bool) -> None:
    NotificationPreference.objects.update_or_create(user=user, defaults={"digest": digest})


def _digest_notifications(user_id: int, day: dt.date) -> QuerySet[Notification]:
    since = timezone.make_aware(
        dt.datetime.combine(day - dt.timedelta(days=DIGEST_LOOKBACK_DAYS), dt.time.min)
    )
    return Notification.objects.filter(
        recipient_id=user_id,
        digest_sent_at__isnull=True,
        read_at__isnull=True,
        created_at__gte=since,
    )


def digest_recipients(*, day: dt.date) -> list[int]:
    """Who gets a digest for ``day``: active people with an email address, the digest not
    turned off, not yet sent one for the day, and something unread not yet mailed."""
    pending = _digest_notifications(OuterRef("pk"), day)
    return list(
        get_user_model()
        .objects.filter(is_active=True)
        .exclude(email="")
        .filter(Exists(pending))
        .exclude(Exists(NotificationPreference.objects.filter(user=OuterRef("pk"), digest=False)))
        .exclude(Exists(DigestSend.objects.filter(recipient=OuterRef("pk"), day=day)))
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def digest_send(*, user_id: int, day: dt.date) -> bool:
    """Mail ``user_id`` their digest of ``day`` unless it was sent already; True if sent.

    Failure mode: at least once. The day's ``DigestSend`` row (unique per person and day) is
    inserted, the notifications marked and the mail handed to the server in one database
    transaction, which commits as soon as the server has accepted the mail. A mail server error
    rolls it all back and the task is retried; a second copy of the task (duplicated, or
    redelivered after a lost worker) waits on the row's unique key while the first holds it,
    then finds it sent and sends nothing. Only a worker lost in the instant between the
    server's acceptance and the commit (the connection is opened before and closed after, so
    that instant is one COMMIT) sends the digest a second time, with the same Message-ID, which
    mail clients take for the same message. We chose this over at most once (commit the row,
    then send) because a digest lost without trace hides a legal deadline from its officer,
    while a rare second copy of an email only annoys; and losing one at most once would need a
    worker lost during the whole SMTP exchange, a much longer time than one COMMIT."""
    user = get_user_model().objects.filter(pk=user_id, is_active=True).exclude(email="").first()
    if user is None or not digest_wanted(user):
        return False
    connection = get_connection()
    connection.open()
    try:
        with transaction.atomic():
            try:
                with transaction.atomic():
                    DigestSend.objects.create(recipient_id=user_id, day=day)
            except IntegrityError:
                return False  # sent by another copy of the task
            notifications = list(
                _digest_notifications(user_id, day).order_by("created_at", "pk").select_for_update()
            )
            if not notifications:
                transaction.set_rollback(True)
                return False
            Notification.objects.filter(pk__in=[n.pk for n in notifications]).update(
                digest_sent_at=timezone.now()
            )
            message = _digest_message(user, day, notifications)
            message.connection = connection
            message.send()
    finally:
        connection.close()
    return True


def _digest_message(
    user, day: dt.date, notifications: list[Notification]
) -> EmailMultiAlternatives:
    base = settings.SITE_URL.rstrip("/")
    with translation.override("th"):
        context = {
            "user": user,
            "day": day,
            "notifications": notifications,
            "base": base,
        }
        subject = _("สรุปการแจ้งเตือนประจำวันที่ %(day)s (%(count)s เรื่อง)") % {
            "day": format_be_date(day),
            "count": len(notifications),
        }
        text = render_to_string("core/email/digest.txt", context)
        html = render_to_string("core/email/digest.html", context)
    domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2] or "localhost"
    message = EmailMultiAlternatives(
        subject,
        text,
        to=[user.email],
        headers={"Message-ID": f"<digest-{user.pk}-{day.isoformat()}@{domain}>"},
    )
    message.attach_alternative(html, "text/html")
    return message
