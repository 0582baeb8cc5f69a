from core.thaisort import thai_sort_key


def test_it_sorts_leading_vowels_under_their_consonant():
    names = ["เชียงราย", "ชัยนาท", "แพร่", "พะเยา", "โคราช", "กระบี่", "ไชยา", "ขอนแก่น"]
    assert sorted(names, key=thai_sort_key) == [
        "กระบี่",
        "ขอนแก่น",
        "โคราช",
        "ชัยนาท",
        "เชียงราย",
        "ไชยา",
        "พะเยา",
        "แพร่",
    ]


def test_plain_code_point_order_would_be_wrong():
    # The reason the key exists: code points put เชียงราย after every word starting with a consonant.
    assert sorted(["เชียงราย", "ชัยนาท"]) == ["ชัยนาท", "เชียงราย"]
    assert sorted(["เชียงราย", "ฉะเชิงเทรา"]) == ["ฉะเชิงเทรา", "เชียงราย"]
    assert sorted(["เชียงราย", "ตาก"], key=thai_sort_key) == ["เชียงราย", "ตาก"]
    assert sorted(["เชียงราย", "ตาก"]) == ["ตาก", "เชียงราย"]


def test_the_database_sorts_in_thai_order_too(db):
    from django.db.models.functions import Collate

    from core.thaisort import thai_collation
    from offices.models import Province

    names = list(
        Province.objects.filter(name_th__in=["เชียงราย", "ชัยนาท", "ตาก", "แพร่", "กระบี่"])
        .order_by(Collate("name_th", thai_collation()))
        .values_list("name_th", flat=True)
    )
    assert names == ["กระบี่", "ชัยนาท", "เชียงราย", "ตาก", "แพร่"]
