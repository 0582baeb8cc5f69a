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
