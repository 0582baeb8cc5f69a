"""The scoping rule every list, page, export and task goes through."""

from offices.models import Office, OfficeYear, Region, Role, User


def test_office_staff_see_only_their_office(member, head):
    assert list(Office.objects.visible_to(member).values_list("pk", flat=True)) == ["57"]
    assert list(Office.objects.visible_to(head).values_list("pk", flat=True)) == ["57"]


def test_an_inspector_sees_the_offices_of_their_regions(inspector):
    assert set(Office.objects.visible_to(inspector).values_list("pk", flat=True)) == {
        "54",
        "55",
        "56",
        "57",
    }
    inspector.regions.add(Region.objects.get(number=18))
    assert Office.objects.visible_to(inspector).count() == 8


def test_an_inspector_without_regions_sees_nothing(db):
    user = User.objects.create_user("lonely", role=Role.INSPECTOR)
    assert not Office.objects.visible_to(user).exists()


def test_executives_and_admins_see_every_office(executive, admin_user):
    assert Office.objects.visible_to(executive).count() == 76
    assert Office.objects.visible_to(admin_user).count() == 76


def test_inactive_and_anonymous_people_see_nothing(member):
    from django.contrib.auth.models import AnonymousUser

    member.is_active = False
    assert not Office.objects.visible_to(member).exists()
    anonymous = AnonymousUser()
    anonymous.is_active = False
    assert not Office.objects.visible_to(anonymous).exists()


def test_rows_reached_through_an_office_follow_the_same_rule(member, outsider, inspector):
    OfficeYear.objects.create(office_id="57", fiscal_year=2567, staff_count=30)
    OfficeYear.objects.create(office_id="66", fiscal_year=2567, staff_count=21)
    assert [y.office_id for y in OfficeYear.objects.visible_to(member)] == ["57"]
    assert [y.office_id for y in OfficeYear.objects.visible_to(outsider)] == ["66"]
    assert [y.office_id for y in OfficeYear.objects.visible_to(inspector)] == ["57"]
