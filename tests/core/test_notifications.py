"""The notification pages: a person's own list, opening one marks it read and goes to its
subject, "read all", the unread count beside the bell (HTMX), and the digest preference with
what one was reminded of and when."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from core.models import DigestSend, Notification, NotificationPreference


def notify(user, n: int = 1, url: str = "/factories/", **extra) -> list[Notification]:
    return [
        Notification.objects.create(
            recipient=user,
            kind="order",
            subject_key=f"order:{user.pk}{i}",
            threshold="7d",
            title=f"คำสั่ง ค.{i}/2569 ครบกำหนด 10 มี.ค. 2569",
            url=url,
            **extra,
        )
        for i in range(n)
    ]


def test_the_list_shows_ones_own_notifications_only(client, member, outsider):
    notify(member, 2)
    Notification.objects.create(
        recipient=outsider, kind="gi", subject_key="gi:1", threshold="30d", title="ของสำนักงานอื่น"
    )
    client.force_login(member)
    html = client.get(reverse("core:notifications")).content.decode()
    assert html.count("คำสั่ง ค.") == 2
    assert "ของสำนักงานอื่น" not in html
    assert "อ่านทั้งหมดแล้ว" in html


def test_opening_a_notification_marks_it_read_and_goes_to_its_subject(client, member):
    (note,) = notify(member, url="/inspections/orders/7/")
    client.force_login(member)
    response = client.get(reverse("core:notification_open", kwargs={"pk": note.pk}))
    assert response.status_code == 302 and response["Location"] == "/inspections/orders/7/"
    note.refresh_from_db()
    assert note.read_at is not None


def test_a_link_to_another_site_is_never_followed(client, member):
    (note,) = notify(member, url="https://evil.example/phish")
    client.force_login(member)
    response = client.get(reverse("core:notification_open", kwargs={"pk": note.pk}))
    assert response["Location"] == reverse("core:notifications")


def test_someone_elses_notification_answers_404_and_stays_unread(client, member, outsider):
    (note,) = notify(outsider)
    client.force_login(member)
    assert client.get(reverse("core:notification_open", kwargs={"pk": note.pk})).status_code == 404
    note.refresh_from_db()
    assert note.read_at is None


@pytest.mark.parametrize(
    "name", ["core:notifications", "core:notification_badge", "core:notification_settings"]
)
def test_anonymous_people_are_sent_to_log_in(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_anonymous_opening_a_notification_is_sent_to_log_in(client, member):
    (note,) = notify(member)
    response = client.get(reverse("core:notification_open", kwargs={"pk": note.pk}))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_read_all_marks_only_ones_own_and_only_by_post(client, member, outsider):
    notify(member, 3)
    (theirs,) = notify(outsider)
    client.force_login(member)
    assert client.get(reverse("core:notification_read_all")).status_code == 405
    response = client.post(reverse("core:notification_read_all"), follow=True)
    assert "ทำเครื่องหมายว่าอ่านแล้ว 3 เรื่อง" in response.content.decode()
    assert not Notification.objects.filter(recipient=member, read_at__isnull=True).exists()
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_the_bell_counts_unread_ones(client, member):
    notify(member, 3)
    Notification.objects.filter(pk=Notification.objects.first().pk).update(read_at=timezone.now())
    client.force_login(member)
    page = client.get(reverse("core:home")).content.decode()
    assert reverse("core:notification_badge") in page  # loaded by HTMX after the page
    badge = client.get(reverse("core:notification_badge"), HTTP_HX_REQUEST="true")
    assert '<span class="badge rounded-pill text-bg-danger" data-testid="unread-count">2<' in (
        badge.content.decode()
    )
    client.post(reverse("core:notification_read_all"))
    assert "unread-count" not in client.get(reverse("core:notification_badge")).content.decode()


# The page's rows, and the count of the pages only when the first page is full (a page that is
# not is its own count).
@pytest.mark.parametrize(("many", "queries"), [(1, 1), (30, 1), (60, 2)])
def test_the_list_and_the_badge_cost_a_fixed_number_of_queries(
    client, member, many, queries, django_assert_num_queries
):
    notify(member, many)
    client.force_login(member)
    client.get(reverse("core:home"))  # the session and the menu's counts are cached
    with django_assert_num_queries(queries):
        response = client.get(reverse("core:notifications"))
    assert response.context["page"].paginator.count == many
    with django_assert_num_queries(1):  # the count
        assert client.get(reverse("core:notification_badge")).status_code == 200


def test_the_digest_can_be_turned_off_and_on(client, member):
    client.force_login(member)
    page = client.get(reverse("core:notification_settings")).content.decode()
    assert 'name="digest" id="id_digest" checked' in page
    client.post(reverse("core:notification_settings"), {})
    assert NotificationPreference.objects.get(user=member).digest is False
    page = client.get(reverse("core:notification_settings")).content.decode()
    assert 'id="id_digest" checked' not in page
    client.post(reverse("core:notification_settings"), {"digest": "on"})
    assert NotificationPreference.objects.get(user=member).digest is True


def test_the_settings_show_what_one_was_reminded_of_and_when_in_be(client, member, outsider):
    (note,) = notify(member)
    sent_at = timezone.make_aware(dt.datetime(2026, 3, 3, 6, 31))
    Notification.objects.filter(pk=note.pk).update(
        created_at=timezone.make_aware(dt.datetime(2026, 3, 3, 6, 30)), digest_sent_at=sent_at
    )
    DigestSend.objects.create(recipient=member, day=dt.date(2026, 3, 3))
    notify(outsider)
    client.force_login(member)
    page = client.get(reverse("core:notification_settings")).content.decode()
    assert "คำสั่ง ค.0/2569" in page
    assert page.count("คำสั่ง ค.0/2569") == 1  # not the outsider's
    assert "2569" in page and "2026" not in page.split('data-testid="reminded"', 1)[1]
    assert "สรุปของวันที่ 3 มี.ค. 2569" in page
