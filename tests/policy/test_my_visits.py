"""An office's list of the ministry's visits to it: round, date, mode, status, how far its report
has come, and its directives open and overdue."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from offices.models import Office, User
from policy.models import DirectiveStatus, VisitMode, VisitStatus
from tests.builders import make_directive, make_round, make_unit_user, make_visit

TODAY = timezone.localdate()
URL = reverse("policy:my_visits")


@pytest.fixture
def visits(db) -> dict:
    round_2566 = make_round(2566, 1)
    round_2567 = make_round(2567, 1)
    chiang_rai = make_visit(round_2566, "57", reported=2)
    phichit = make_visit(
        round_2567,
        "66",
        on=dt.date(2024, 2, 15),
        mode=VisitMode.ONLINE,
        meeting_link="https://zoom.us/j/2567015001",
        reported=3,
    )
    planned = make_visit(round_2567, "57", status=VisitStatus.PLANNED)
    make_directive(chiang_rai, "ซ่อมบ้านพัก", due_on=TODAY - dt.timedelta(days=3))
    make_directive(chiang_rai, "ของบประมาณ", unit_code="กยผ.")
    make_directive(
        chiang_rai,
        "ปรับโครงสร้างหนี้",
        unit_code="ธพว.",
        due_on=TODAY - dt.timedelta(days=30),
        status=DirectiveStatus.DONE,
        evidence="หนังสือแจ้งผล",
    )
    make_directive(phichit, "ประชุมผู้ประกอบการ")
    return {"chiang_rai": chiang_rai, "phichit": phichit, "planned": planned}


def rows(client) -> list[str]:
    body = client.get(URL).content.decode()
    return body.split('data-testid="visit-row"')[1:]


def test_an_office_sees_its_own_visits_with_their_progress(client, visits, head):
    client.force_login(head)
    found = rows(client)
    assert len(found) == 2
    # Latest first: round 1/2567 (planned) before round 1/2566.
    assert "รอบที่ 1/2567" in found[0] and "นัดหมายแล้ว" in found[0]
    held = found[1]
    assert "รอบที่ 1/2566" in held
    assert "ตรวจแล้ว" in held
    assert "ลงพื้นที่" in held
    assert "8 ม.ค. 2566 13:00" in held  # the round's first day, in the Buddhist Era
    assert 'data-testid="topics-reported">2/3<' in held
    # Two open (the office's and กยผ.'s), one of them overdue; the bank's is done.
    assert "2 ข้อ" in held
    assert "เลยกำหนด 1 ข้อ" in held
    assert "สอจ.พิจิตร" not in "".join(found)


def test_the_open_directives_link_to_the_tracker_filtered_to_the_visit(client, visits, member):
    client.force_login(member)
    held = rows(client)[1]
    link = f"{reverse('policy:directives')}?round={visits['chiang_rai'].round_id}&amp;status=active"
    assert link in held
    body = client.get(
        reverse("policy:directives"), {"round": visits["chiang_rai"].round_id, "status": "active"}
    ).content.decode()
    assert "ซ่อมบ้านพัก" in body and "ของบประมาณ" in body
    assert "ปรับโครงสร้างหนี้" not in body


def test_each_visit_links_to_its_page(client, visits, head):
    client.force_login(head)
    found = rows(client)
    for row, visit in zip(found, (visits["planned"], visits["chiang_rai"]), strict=True):
        assert f'href="{reverse("policy:visit", kwargs={"pk": visit.pk})}"' in row
    assert client.get(visits["planned"].get_absolute_url()).status_code == 200


def test_another_office_sees_only_its_own(client, visits, outsider):
    client.force_login(outsider)
    found = rows(client)
    assert len(found) == 1
    assert "ผ่านระบบออนไลน์" in found[0]
    assert "15 ก.พ. 2567" in found[0]
    assert 'data-testid="topics-reported">3/3<' in found[0]
    assert "1 ข้อ" in found[0]
    assert "เลยกำหนด" not in found[0]


def test_an_inspector_sees_their_regions_visits_and_the_executive_all(
    client, visits, inspector, executive
):
    client.force_login(inspector)
    found = rows(client)
    assert len(found) == 2
    assert all("สอจ.เชียงราย" in row for row in found)
    client.force_login(executive)
    assert len(rows(client)) == 3


def test_a_unit_sees_no_visits(client, visits):
    client.force_login(make_unit_user("unit-kyp", "กยผ."))
    assert rows(client) == []
    assert "ยังไม่มีการตรวจราชการ" in client.get(URL).content.decode()


def test_it_sends_a_signed_out_visitor_to_the_login_page(client, visits):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def _visits_to(round_, offices: list[str]) -> None:
    for office in offices:
        visit = make_visit(round_, office, reported=1)
        make_directive(visit, "เร่งตรวจโรงงาน", due_on=TODAY - dt.timedelta(days=1))
        make_directive(visit, "ของบประมาณ", unit_code="กยผ.")


# One page of rows with their counts, and the count of the pages when the page is full (the
# executive's 50 and more): a page that is not is its own count. The session and the person
# are cached.
@pytest.mark.parametrize(
    ("person", "few_queries", "many_queries"), [("executive", 1, 2), ("head", 1, 1)]
)
def test_the_list_runs_the_same_queries_for_5_and_50_visits(
    db, client, request, person, few_queries, many_queries, django_assert_num_queries
):
    user: User = request.getfixturevalue(person)
    offices = list(Office.objects.exclude(pk="57").order_by("pk").values_list("pk", flat=True))
    first_round, second_round = make_round(2567, 1), make_round(2568, 1)
    _visits_to(first_round, ["57", *offices[:4]])
    client.force_login(user)
    client.get(URL)
    with django_assert_num_queries(few_queries):
        few = client.get(URL)
    _visits_to(second_round, ["57", *offices[:45]])
    for office in offices[4:49]:
        make_visit(first_round, office)
    with django_assert_num_queries(many_queries):
        many = client.get(URL)
    assert few.context["page"].paginator.count < many.context["page"].paginator.count
