"""Reference data for offices: the 18 inspection regions and the provinces in each.

Grouping as in the Prime Minister's Office order on inspection regions in force for fiscal
years 2566–2567 (region 16 = Chiang Rai, Nan, Phayao, Phrae; region 18 = Kamphaeng Phet,
Nakhon Sawan, Phichit, Uthai Thani). The grouping changes over the years, so it is loaded
once and then kept in admin: reloading never moves an office an admin has moved.
Provinces are named by their DOPA codes.
"""

from __future__ import annotations

BANGKOK = "10"

REGION_PROVINCES: dict[int, tuple[str, ...]] = {
    1: ("12", "13", "14", "19"),  # นนทบุรี ปทุมธานี พระนครศรีอยุธยา สระบุรี
    2: ("15", "16", "17", "18"),  # อ่างทอง ลพบุรี สิงห์บุรี ชัยนาท
    3: ("11", "24", "25", "26", "27"),  # สมุทรปราการ ฉะเชิงเทรา ปราจีนบุรี นครนายก สระแก้ว
    4: ("71", "72", "73", "70"),  # กาญจนบุรี สุพรรณบุรี นครปฐม ราชบุรี
    5: ("74", "75", "76", "77"),  # สมุทรสาคร สมุทรสงคราม เพชรบุรี ประจวบคีรีขันธ์
    6: ("20", "21", "22", "23"),  # ชลบุรี ระยอง จันทบุรี ตราด
    7: ("80", "84", "86", "93"),  # นครศรีธรรมราช สุราษฎร์ธานี ชุมพร พัทลุง
    8: ("81", "82", "83", "85", "92"),  # กระบี่ พังงา ภูเก็ต ระนอง ตรัง
    9: ("90", "91", "94", "95", "96"),  # สงขลา สตูล ปัตตานี ยะลา นราธิวาส
    10: ("39", "41", "42", "43", "38"),  # หนองบัวลำภู อุดรธานี เลย หนองคาย บึงกาฬ
    11: ("47", "48", "49"),  # สกลนคร นครพนม มุกดาหาร
    12: ("40", "44", "45", "46"),  # ขอนแก่น มหาสารคาม ร้อยเอ็ด กาฬสินธุ์
    13: ("30", "31", "32", "36"),  # นครราชสีมา บุรีรัมย์ สุรินทร์ ชัยภูมิ
    14: ("33", "34", "35", "37"),  # ศรีสะเกษ อุบลราชธานี ยโสธร อำนาจเจริญ
    15: ("50", "51", "52", "58"),  # เชียงใหม่ ลำพูน ลำปาง แม่ฮ่องสอน
    16: ("54", "55", "56", "57"),  # แพร่ น่าน พะเยา เชียงราย
    17: ("53", "63", "64", "65", "67"),  # อุตรดิตถ์ ตาก สุโขทัย พิษณุโลก เพชรบูรณ์
    18: ("60", "61", "62", "66"),  # นครสวรรค์ อุทัยธานี กำแพงเพชร พิจิตร
}


def region_name(number: int) -> str:
    return f"เขตตรวจราชการที่ {number}"


def office_name(province_name: str) -> str:
    return f"สำนักงานอุตสาหกรรมจังหวัด{province_name}"


def office_short_name(province_name: str) -> str:
    return f"สอจ.{province_name}"


# The ministry's units that inspection rounds assign work to: (code, name, kind, parent code).
# The regional centres of the Department of Industrial Promotion follow its 2566 structure.
MINISTRY_UNITS: tuple[tuple[str, str, str, str | None], ...] = (
    ("ผตร.", "คณะผู้ตรวจราชการกระทรวงอุตสาหกรรม", "division", None),
    ("กตร.", "กองตรวจราชการ สำนักงานปลัดกระทรวงอุตสาหกรรม", "division", None),
    ("กยผ.", "กองยุทธศาสตร์และแผนงาน สำนักงานปลัดกระทรวงอุตสาหกรรม", "division", None),
    ("กพร.", "กรมอุตสาหกรรมพื้นฐานและการเหมืองแร่", "department", None),
    ("กรอ.", "กรมโรงงานอุตสาหกรรม", "department", None),
    ("สมอ.", "สำนักงานมาตรฐานผลิตภัณฑ์อุตสาหกรรม", "department", None),
    ("กสอ.", "กรมส่งเสริมอุตสาหกรรม", "department", None),
    *((f"ศภ.{n}", f"ศูนย์ส่งเสริมอุตสาหกรรมภาคที่ {n}", "centre", "กสอ.") for n in range(1, 12)),
    ("ธพว.", "ธนาคารพัฒนาวิสาหกิจขนาดกลางและขนาดย่อมแห่งประเทศไทย (SME D Bank)", "agency", None),
)
