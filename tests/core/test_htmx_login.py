"""Someone whose session ran out while a page stayed open: an HTMX request (a filter, a polled
status, an answer saved as typed) sends the whole page to the login page, and signing in
brings them back to that page, not to the fragment's address."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from django.urls import reverse

LOGIN = "/accounts/login/"


def test_a_signed_out_page_is_redirected_to_the_login_page(client):
    response = client.get(reverse("factories:list"))
    assert response.status_code == 302
    assert response["Location"] == f"{LOGIN}?next=/factories/"
    assert "HX-Redirect" not in response


def test_a_signed_out_htmx_request_answers_401_with_the_login_page_to_go_to(client):
    current = "http://testserver/factories/?q=%E0%B8%8A%E0%B8%B2"  # as the browser sends it
    response = client.get(
        reverse("core:notification_badge"),
        headers={"HX-Request": "true", "HX-Current-URL": current},
    )
    # Not a 302: the browser would follow it and the login page be swapped into the badge.
    assert response.status_code == 401
    redirect = urlsplit(response["HX-Redirect"])
    assert redirect.path == LOGIN
    assert parse_qs(redirect.query) == {"next": ["/factories/?q=%E0%B8%8A%E0%B8%B2"]}
    assert b"<form" not in response.content


def test_without_the_current_page_a_fragment_get_comes_back_to_itself(client):
    response = client.get(reverse("factories:list"), {"page": "2"}, headers={"HX-Request": "true"})
    assert response.status_code == 401
    assert response["HX-Redirect"] == f"{LOGIN}?next=/factories/%3Fpage%3D2"


def test_a_signed_out_htmx_post_goes_to_the_login_page_of_the_page_it_came_from(client):
    url = reverse("inspections:summary", kwargs={"pk": 1})
    from_form = {"HX-Request": "true", "HX-Current-URL": "http://testserver/inspections/1/form/"}
    response = client.post(url, {"summary": "ดี"}, headers=from_form)
    assert response.status_code == 401
    assert response["HX-Redirect"] == f"{LOGIN}?next=/inspections/1/form/"
    # A post has no page of its own to come back to, nor does another site's page.
    elsewhere = {"HX-Request": "true", "HX-Current-URL": "https://evil.example/phish"}
    assert client.post(url, headers=elsewhere)["HX-Redirect"] == LOGIN
    assert client.post(url, headers={"HX-Request": "true"})["HX-Redirect"] == LOGIN


def test_signed_in_htmx_requests_are_answered_as_before(client, member):
    client.force_login(member)
    response = client.get(reverse("core:notification_badge"), headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert "HX-Redirect" not in response
