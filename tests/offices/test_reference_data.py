from django.core.management import call_command

from offices.models import District, Office, Province, Region, Subdistrict


def test_it_loads_all_of_thailand(db):
    # Loaded once for the session by tests/conftest.py through the real command.
    assert Province.objects.count() == 77
    assert District.objects.count() == 928
    assert Subdistrict.objects.count() == 7436
    assert Region.objects.count() == 18
    assert Office.objects.count() == 76
    assert not Office.objects.filter(province_id="10").exists()


def test_it_gives_every_office_the_region_of_its_province(db):
    assert set(
        Office.objects.filter(region__number=16).values_list("province__name_th", flat=True)
    ) == {
        "เชียงราย",
        "น่าน",
        "พะเยา",
        "แพร่",
    }
    assert set(
        Office.objects.filter(region__number=18).values_list("province__name_th", flat=True)
    ) == {
        "กำแพงเพชร",
        "นครสวรรค์",
        "พิจิตร",
        "อุทัยธานี",
    }
    assert Office.objects.get(pk="57").name == "สำนักงานอุตสาหกรรมจังหวัดเชียงราย"
    assert str(Office.objects.get(pk="57")) == "สอจ.เชียงราย"


def test_it_keeps_dopa_codes_and_postal_codes(db):
    subdistrict = Subdistrict.objects.select_related("district__province").get(code="250810")
    assert subdistrict.name_th == "กรอกสมบูรณ์"
    assert subdistrict.district.name_th == "ศรีมหาโพธิ"
    assert subdistrict.district.province.name_th == "ปราจีนบุรี"
    assert "25140" in subdistrict.postal_codes.split()


def test_loading_twice_changes_nothing(db, capsys):
    call_command("load_reference_data")
    out = capsys.readouterr().out
    for kind in ("province", "district", "subdistrict", "region", "office"):
        assert f"{kind}: created 0, updated 0" in out


def test_it_keeps_an_admins_regrouping_on_reload(db):
    # The PMO regroups provinces now and then: an admin moves Phichit to region 17.
    office = Office.objects.get(pk="66")
    office.region = Region.objects.get(number=17)
    office.save()
    Region.objects.filter(number=17).update(name="เขตตรวจราชการที่ 17 (ปรับใหม่)")
    call_command("load_reference_data", verbosity=0)
    office.refresh_from_db()
    assert office.region.number == 17
    assert Region.objects.get(number=17).name == "เขตตรวจราชการที่ 17 (ปรับใหม่)"


def test_it_restores_a_missing_office(db):
    Office.objects.filter(pk="25").delete()
    call_command("load_reference_data", verbosity=0)
    assert Office.objects.get(pk="25").region.number == 3
