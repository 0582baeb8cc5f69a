"""Certificates, complaints and loans kept by an office, and who may see the complainant."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from factories.models import Complaint, GreenIndustryCertificate, Loan, LoanStatus
from tests.builders import add_factory


@pytest.fixture
def complaint(tea):
    return Complaint.objects.create(
        office_id="57",
        factory=tea,
        received_on=dt.date(2024, 3, 1),
        channel="line",
        category="smell",
        description="กลิ่นเหม็นจากบ่อน้ำเสียช่วงกลางคืน",
        complainant_name="นางมาลี ร้องทุกข์",
        complainant_contact="081-234-5678",
    )


def test_an_officer_adds_a_certificate_in_be_dates(client, member, tea):
    client.force_login(member)
    url = reverse("factories:certificate_create", kwargs={"factory_pk": tea.pk})
    response = client.post(
        url, {"level": "2", "issued_on": "10/01/2567", "expires_on": "09/01/2570"}
    )
    assert response.status_code == 302
    cert = GreenIndustryCertificate.objects.get(factory=tea)
    assert (cert.level, cert.issued_on, cert.expires_on) == (
        2,
        dt.date(2024, 1, 10),
        dt.date(2027, 1, 9),
    )


def test_a_certificate_expiring_before_issue_is_refused(client, member, tea):
    client.force_login(member)
    url = reverse("factories:certificate_create", kwargs={"factory_pk": tea.pk})
    response = client.post(
        url, {"level": "2", "issued_on": "10/01/2567", "expires_on": "10/01/2566"}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "วันหมดอายุต้องอยู่หลังวันที่ออกใบรับรอง" in body
    assert 'value="10/01/2566"' in body
    assert not GreenIndustryCertificate.objects.exists()


def test_certificates_of_another_office_are_not_found(client, outsider, tea):
    client.force_login(outsider)
    url = reverse("factories:certificate_create", kwargs={"factory_pk": tea.pk})
    assert client.get(url).status_code == 404


def test_an_inspector_may_not_add_certificates(client, inspector, tea):
    client.force_login(inspector)
    url = reverse("factories:certificate_create", kwargs={"factory_pk": tea.pk})
    assert client.get(url).status_code == 403


def test_complainants_stay_within_the_office(client, member, inspector, complaint):
    url = reverse("factories:detail", kwargs={"pk": complaint.factory_id})
    client.force_login(member)
    assert "081-234-5678" in client.get(url).content.decode()
    client.force_login(inspector)
    body = client.get(url).content.decode()
    assert "กลิ่นเหม็นจากบ่อน้ำเสีย" in body
    assert "081-234-5678" not in body and "นางมาลี" not in body


def test_the_complaint_list_is_scoped(client, member, outsider, complaint):
    client.force_login(member)
    assert list(client.get(reverse("factories:complaints")).context["page"]) == [complaint]
    client.force_login(outsider)
    assert list(client.get(reverse("factories:complaints")).context["page"]) == []
    assert (
        client.get(reverse("factories:complaint_edit", kwargs={"pk": complaint.pk})).status_code
        == 404
    )


def test_closing_a_complaint_needs_an_outcome(client, member, complaint):
    client.force_login(member)
    url = reverse("factories:complaint_edit", kwargs={"pk": complaint.pk})
    data = {
        "received_on": "01/03/2567",
        "channel": "line",
        "category": "smell",
        "factory": complaint.factory_id,
        "description": complaint.description,
        "status": "closed",
    }
    response = client.post(url, data)
    assert "กรุณาบันทึกผลการดำเนินการก่อนปิดเรื่อง" in response.content.decode()
    data["outcome"] = "โรงงานปิดบ่อและเติมจุลินทรีย์ ตรวจซ้ำไม่พบกลิ่น"
    assert client.post(url, data).status_code == 302
    complaint.refresh_from_db()
    assert complaint.status == "closed"


def test_a_complaint_about_an_unknown_place_is_kept(client, member):
    client.force_login(member)
    response = client.post(
        reverse("factories:complaint_create"),
        {
            "received_on": "02/03/2567",
            "channel": "qr_code",
            "category": "unlicensed",
            "description": "มีการหลอมโลหะในบ้านเช่า ไม่มีป้ายโรงงาน",
            "status": "open",
        },
    )
    assert response.status_code == 302
    assert Complaint.objects.get().office_id == "57"


def test_a_complaint_cannot_name_another_offices_factory(client, member):
    client.force_login(member)
    other = add_factory("โรงสีพิจิตร", province="66")
    response = client.post(
        reverse("factories:complaint_create"),
        {
            "received_on": "02/03/2567",
            "channel": "phone",
            "category": "dust",
            "description": "ฝุ่น",
            "factory": other.pk,
            "status": "open",
        },
    )
    assert response.status_code == 200
    assert not Complaint.objects.exists()


def test_a_loan_follow_up_moves_its_status(client, member, loan):
    client.force_login(member)
    url = reverse("factories:loan", kwargs={"pk": loan.pk})
    response = client.post(
        url,
        {"followed_on": "15/06/2567", "status_after": "watch", "note": "ยอดขายลดลง ส่งต่อ ธพว. แล้ว"},
    )
    assert response.status_code == 302
    loan.refresh_from_db()
    assert loan.status == LoanStatus.WATCH
    assert loan.follow_ups.get().recorded_by == member


def test_loans_are_scoped_and_read_only_outside_the_office(client, outsider, inspector, loan):
    client.force_login(outsider)
    assert client.get(reverse("factories:loan", kwargs={"pk": loan.pk})).status_code == 404
    assert list(client.get(reverse("factories:loans")).context["page"]) == []
    client.force_login(inspector)
    response = client.get(reverse("factories:loan", kwargs={"pk": loan.pk}))
    assert response.status_code == 200 and response.context["form"] is None
    assert (
        client.post(
            reverse("factories:loan", kwargs={"pk": loan.pk}),
            {"followed_on": "15/06/2567", "status_after": "npl", "note": "x"},
        ).status_code
        == 403
    )


def test_a_loan_with_a_bad_amount_is_refused(client, member):
    client.force_login(member)
    response = client.post(
        reverse("factories:loan_create"),
        {
            "borrower_name": "ร้านผ้าทอ",
            "fund_name": "กองทุน",
            "lender": "ธพว.",
            "amount": "หนึ่งล้าน",
            "approved_on": "01/05/2565",
            "status": "normal",
        },
    )
    assert response.status_code == 200
    assert 'value="หนึ่งล้าน"' in response.content.decode()
    assert not Loan.objects.exists()


def test_list_pages_have_fixed_query_counts(
    client, member, complaint, loan, django_assert_num_queries
):
    client.force_login(member)
    for _ in range(5):
        complaint.pk = None
        complaint.save()
    # a page of rows, not full, which is its own count; the session and the person come from
    # the cache
    with django_assert_num_queries(2):
        complaints = client.get(reverse("factories:complaints"))
    with django_assert_num_queries(1):
        loans = client.get(reverse("factories:loans"))
    assert complaints.context["page"].paginator.count == 6
    assert loans.context["page"].paginator.count == 1


def factory_choice(response) -> str:
    """The factory box of a record form, as the page shows it."""
    return response.content.decode().split('name="factory"')[1].split("</select>")[0]


def test_a_malformed_factory_in_the_address_is_ignored(client, member, tea):
    client.force_login(member)
    response = client.get(reverse("factories:complaint_create") + f"?factory={tea.pk}")
    assert f'<option value="{tea.pk}" selected>' in factory_choice(
        response
    )  # a sound one is chosen
    for page, title, odd in (
        ("factories:complaint_create", "เรื่องร้องเรียน", "abc"),
        ("factories:loan_create", "สินเชื่อ", "1%27"),
        ("factories:loan_create", "สินเชื่อ", f"{tea.pk}%27"),
    ):
        response = client.get(reverse(page) + f"?factory={odd}")
        assert f'<h1 class="h4">{title}</h1>' in response.content.decode()
        choice = factory_choice(response)
        assert "ไร่ชาเชียงราย" in choice and "selected" not in choice.replace('value="" selected', "")


def test_long_lists_page_by_fifty_keeping_the_filter(client, member, complaint):
    for _ in range(50):
        complaint.pk = None
        complaint.save()
    client.force_login(member)
    body = client.get(reverse("factories:complaints"), {"status": "open"}).content.decode()
    assert "หน้า 1 จาก 2" in body
    assert 'href="?status=open&amp;page=2"' in body or 'href="?status=open&page=2"' in body


@pytest.mark.parametrize(
    ("name", "kwargs"),
    [
        ("factories:complaint_edit", {"pk": 0}),
        ("factories:loan_edit", {"pk": 0}),
        ("factories:certificate_edit", {"pk": 0}),
    ],
)
def test_a_record_of_id_0_is_not_found_rather_than_a_new_one(
    client, member, admin_user, tea, name, kwargs
):
    """Id 0 names no record: it is not the page that adds one (an officer would have been
    shown the new-record form and an admin a refusal), and posting to it writes nothing."""
    if name == "factories:certificate_edit":
        kwargs = {"factory_pk": tea.pk, **kwargs}
    url = reverse(name, kwargs=kwargs)
    for person in (member, admin_user):
        client.force_login(person)
        assert client.get(url).status_code == 404
        data = {"level": "2", "issued_on": "10/01/2567", "received_on": "01/03/2567"}
        assert client.post(url, data).status_code == 404
    assert not Complaint.objects.exists()
    assert not Loan.objects.exists()
    assert not GreenIndustryCertificate.objects.exists()
