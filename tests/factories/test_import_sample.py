"""The real 40-row DIW sample from Prachinburi imports cleanly; a second time changes nothing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from factories.models import Factory, FactoryType, ImportStatus, RowIssueLevel
from factories.services import import_batch_apply, import_batch_preview
from tests.builders import to_csv


def test_it_imports_the_real_sample(make_batch, sample_bytes, admin_user):
    batch = import_batch_apply(batch=make_batch(sample_bytes, "diw-factories-sample.csv"))

    assert batch.status == ImportStatus.DONE, batch.message
    assert (batch.total_rows, batch.created_count, batch.updated_count) == (40, 40, 0)
    assert batch.error_count == 0
    assert batch.file_shape == "diw"
    assert Factory.objects.count() == 40
    assert set(Factory.objects.values_list("office_id", flat=True)) == {"25"}
    assert not Factory.objects.filter(subdistrict__isnull=True).exists()
    # Two factories have no name in the register: they take their operator's, with a warning.
    warnings = list(batch.row_errors.filter(level=RowIssueLevel.WARNING))
    assert [(w.row_number, w.column) for w in warnings] == [(10, "ชื่อโรงงาน"), (23, "ชื่อโรงงาน")]
    assert Factory.objects.get(old_registration_number="จ3-2(1)-1/40ปจ").name == (
        "นายภูธร ศรีสมบูรณ์สกุล"
    )


def test_it_reads_every_field_of_a_known_row(make_batch, sample_bytes):
    batch = import_batch_apply(batch=make_batch(sample_bytes))
    factory = Factory.objects.select_related("factory_type").get(
        old_registration_number="จ3-9(6)-100/51ปจ"
    )
    assert factory.registration_number is None
    assert factory.name == "อุดมทรัพย์"
    assert factory.operator_name == "นางวิภา วันเพ็ญ"
    assert factory.business_description == "ทำมันเส้น"
    assert factory.factory_type_id == "00906"
    assert factory.factory_type.label == "9(6)"
    assert factory.class_number == 3
    assert factory.isic_code == "10621"
    assert (factory.house_no, factory.moo, factory.soi, factory.road) == ("152", "13", "", "")
    assert (factory.subdistrict_id, factory.district_id, factory.province_id) == (
        "250214",
        "2502",
        "25",
    )
    assert factory.postal_code == "25110"
    assert factory.phone == ""
    assert factory.horsepower == Decimal("290.00")
    assert factory.capital_land == Decimal("540000")
    assert factory.capital == Decimal("1940000")  # land + building + machinery + working
    assert (factory.technicians_male, factory.workers_male) == (1, 1)
    assert (factory.technicians_female, factory.workers_female) == (0, 1)
    assert factory.workers_total == 3
    assert factory.licence_date == dt.date(2008, 12, 15)  # Excel serial 39797
    assert factory.site_area == Decimal("30008") and factory.building_area == Decimal("576")
    assert factory.latitude == Decimal("13.618910")
    assert factory.longitude == Decimal("101.884300")
    assert factory.production_unit == "ตัน/ปี"
    assert factory.office_id == "25"
    assert factory.last_import_batch == batch
    assert factory.wastewater_risk  # type 9: crops and starch
    assert factory.history.count() == 1
    assert factory.history.first().history_change_reason.startswith("นำเข้าจากไฟล์")


def test_it_creates_unknown_sub_items_under_their_main_type(make_batch, sample_bytes):
    assert not FactoryType.objects.filter(code="00906").exists()
    preview = import_batch_preview(batch=make_batch(sample_bytes))
    assert "00906" in preview.new_types
    assert not FactoryType.objects.filter(code="00906").exists()  # a preview writes nothing

    import_batch_apply(batch=make_batch(sample_bytes))
    sub_item = FactoryType.objects.get(code="00906")
    main = FactoryType.objects.get(code="00900")
    assert (sub_item.number, sub_item.item) == (9, 6)
    assert sub_item.name == main.name
    assert not sub_item.name_confirmed
    assert sub_item.wastewater == main.wastewater


def test_it_changes_nothing_on_a_second_import(make_batch, sample_bytes):
    import_batch_apply(batch=make_batch(sample_bytes))
    history = Factory.history.count()

    second = import_batch_apply(batch=make_batch(sample_bytes))

    assert second.status == ImportStatus.DONE
    assert (second.created_count, second.updated_count, second.unchanged_count) == (0, 0, 40)
    assert Factory.history.count() == history


def test_it_updates_only_what_changed(make_batch, sample_rows):
    import_batch_apply(batch=make_batch(to_csv(sample_rows)))
    sample_rows[1][18] = "350.0"  # แรงม้า of the first factory
    sample_rows[2][26] = "12.0"  # คนงานหญิง of the second

    preview = import_batch_preview(batch=make_batch(to_csv(sample_rows)))
    assert (preview.created, preview.updated, preview.unchanged) == (0, 2, 38)
    assert [(c.row_number, c.fields) for c in preview.changes] == [
        (2, ["horsepower"]),
        (3, ["workers_female", "workers_total"]),
    ]

    batch = import_batch_apply(batch=make_batch(to_csv(sample_rows)))
    assert (batch.created_count, batch.updated_count, batch.unchanged_count) == (0, 2, 38)
    factory = Factory.objects.get(old_registration_number="จ3-9(6)-100/51ปจ")
    assert factory.horsepower == Decimal("350")
    assert factory.last_import_batch == batch
    assert factory.history.count() == 2


def test_it_leaves_risks_set_by_hand_alone(make_batch, sample_bytes):
    import_batch_apply(batch=make_batch(sample_bytes))
    factory = Factory.objects.get(old_registration_number="จ3-9(6)-100/51ปจ")
    factory.risk_overridden = True
    factory.risk_override_reason = "ตรวจแล้วไม่มีน้ำเสีย ระบบแห้ง"
    factory.wastewater_risk = False
    factory.save()

    batch = import_batch_apply(batch=make_batch(sample_bytes))

    assert batch.updated_count == 0
    factory.refresh_from_db()
    assert not factory.wastewater_risk


def test_it_warns_about_a_district_of_another_province(make_batch, sample_rows):
    # The district names of the 40 rows are all in Prachinburi; this copy moves one factory's
    # district to Chachoengsao's Phanom Sarakham, as hand-typed registers sometimes do.
    sample_rows[5][14] = "พนมสารคาม"
    batch = import_batch_apply(batch=make_batch(to_csv(sample_rows)))

    assert batch.status == ImportStatus.DONE
    assert batch.created_count == 40
    warning = batch.row_errors.get(level=RowIssueLevel.WARNING, row_number=6)
    assert warning.column == "อำเภอ"
    assert warning.value == "พนมสารคาม"
    assert "ฉะเชิงเทรา" in warning.message and "ปราจีนบุรี" in warning.message
    factory = Factory.objects.get(old_registration_number=sample_rows[5][0])
    assert factory.province_id == "25" and factory.office_id == "25"
    assert factory.district_id is None and factory.subdistrict_id is None


def test_it_reads_spelling_variants_of_place_names(make_batch, sample_rows):
    sample_rows[1][13:16] = ["ต.วังท่าช้าง", "อำเภอ กบินทร์บุรี", "จ.ปราจีนบุรี"]
    sample_rows[2][13:16] = ["ตำบลวังท่าช้าง", "อ.กบินทร์บุรี", "จังหวัดปราจีนบุรี"]
    import_batch_apply(batch=make_batch(to_csv(sample_rows[:3])))
    assert set(Factory.objects.values_list("subdistrict_id", flat=True)) == {"250214"}
