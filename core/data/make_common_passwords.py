"""Build ``common-passwords.txt.gz``: Django's list of 20,000 common passwords and ours.

Ours (``thai-passwords.txt``) is composed here, not taken from any leak: Thai words and names
as typed, and as typed with the keyboard left in Latin mode (รักไทย → ``iydwmp``); English
words, transliterations (``rakthai``, ``krungthep``, ``sawasdee``) and digit rows as typed,
and with the keyboard left in Thai mode (``123456789`` → ``ๅ/-ภถุึคต``); each with the usual
endings (``123``, ``@123``, a year); years of the Buddhist and Christian Eras doubled
(``25672567``) or after a word; a few phone-like numbers. All-digit passwords (phone numbers,
birth dates) are refused anyway by the numeric rule. Everything is lowercase, one a line.

Run from the project's root: ``.venv/bin/python core/data/make_common_passwords.py``.
"""

from __future__ import annotations

import gzip
from pathlib import Path

import django.contrib.auth

HERE = Path(__file__).resolve().parent
DJANGO_LIST = Path(django.contrib.auth.__file__).parent / "common-passwords.txt.gz"

# Kedmanee (the Thai keyboard layout), Latin key -> Thai character, unshifted and shifted.
LATIN = "1234567890-=qwertyuiop[]\\asdfghjkl;'zxcvbnm,./"
THAI = "ๅ/-ภถุึคตจขชๆไำพะัีรนยบลฃฟหกดเ้่าสวงผปแอิืทมใฝ"
to_thai = dict(zip(LATIN, THAI, strict=True))
to_latin = dict(zip(THAI, LATIN, strict=True))
SH_LATIN = '!@#$%^&*()_+QWERTYUIOP{}|ASDFGHJKL:"ZXCVBNM<>?'
SH_THAI = '+๑๒๓๔ู฿๕๖๗๘๙๐"ฎฑธํ๊ณฯญฐ,ฅฤฆฏโฌ็๋ษศซ.()ฉฮฺ์?ฒฬฦ'
to_latin.update(dict(zip(SH_THAI, SH_LATIN, strict=True)))


def words(text: str) -> list[str]:
    return text.split()


def latin_mode(thai):  # a Thai word typed with the keyboard left in Latin mode
    return "".join(to_latin.get(c, c) for c in thai).lower()


def thai_mode(latin):  # a Latin word typed with the keyboard left in Thai mode
    return "".join(to_thai.get(c, c) for c in latin)


thai_words = words("""รักไทย ประเทศไทย ไทย กรุงเทพ กรุงเทพมหานคร สวัสดี สวัสดีครับ สวัสดีค่ะ รหัสผ่าน
ขอบคุณ ขอบคุณครับ ขอบคุณค่ะ รักนะ รักเธอ ที่รัก คิดถึง ผมรักคุณ ฉันรักเธอ รักแม่ รักพ่อ
แม่ พ่อ ครอบครัว ในหลวง รักในหลวง พระเจ้าอยู่หัว ช้าง ช้างไทย แมว หมา สุนัข มะม่วง
เชียงใหม่ เชียงราย ภูเก็ต ขอนแก่น อุดร โคราช หาดใหญ่ พัทยา อยุธยา สุโขทัย
อุตสาหกรรม กระทรวงอุตสาหกรรม สอจ โรงงาน ราชการ ข้าราชการ ผู้ดูแล แอดมิน ทดสอบ
สมชาย สมศักดิ์ สมหญิง สมพงษ์ สมปอง สุดา มานี มานะ ปิติ ชูใจ วีระ ประยุทธ์
ฟ้า น้ำ ดาว ต้น บอล เบียร์ แบงค์ กอล์ฟ ปุ้ย ปลา นก แนน ฝน หนึ่ง สอง""")

translit = words("""rakthai thailand thai siam prathet prathetthai bangkok krungthep
krungthepmahanakhon
sawasdee sawadee sawatdee sawasdi sawaddee khobkhun khopkhun kobkun chiangmai chiangrai
phuket khonkaen udon korat hatyai pattaya ayutthaya sukhothai isan isaan bangkok1
rakmae rakpor rakna raknaja khidthueng kidthung""")
translit += [
    "nailuang",
    "rakkhunnaja",
    "chang",
    "changthai",
    "tomyum",
    "tomyumkung",
    "somtam",
    "padthai",
    "muaythai",
    "songkran",
    "loykrathong",
    "sanook",
    "sabai",
    "sabaidee",
    "maipenrai",
    "jaiyen",
    "khonthai",
    "kanchanaburi",
    "nakhon",
    "somchai",
    "somsak",
    "somying",
    "sompong",
    "manee",
    "mana",
    "piti",
    "chujai",
    "suda",
    "wichai",
    "prayut",
    "thaksin",
    "thaigov",
    "industry",
    "moi",
    "diw",
    "soj",
    "inspection",
    "inspect",
    "factory",
    "rongngan",
    "ratchakan",
    "kharatchakan",
]

latin_words = words("""password password1 password123 passw0rd p@ssw0rd p@ssword qwerty qwerty123
qwertyuiop asdfgh asdfghjkl zxcvbnm admin admin123 administrator root login welcome
welcome1 letmein iloveyou abc123 abcd1234 monkey dragon master secret test test123 guest
user changeme default""")

digit_rows = [
    "123456",
    "1234567",
    "12345678",
    "123456789",
    "1234567890",
    "0987654321",
    "111111",
    "000000",
    "654321",
    "112233",
    "123123",
    "121212",
    "147258369",
]

# Years in the Buddhist Era (2500-2580) and in the Christian Era (1950-2040).
be = [str(y) for y in range(2500, 2581)]
ce = [str(y) for y in range(1950, 2041)]
suffixes = [
    "",
    "1",
    "12",
    "123",
    "1234",
    "12345",
    "123456",
    "@123",
    "!",
    "99",
    "2567",
    "2568",
    "2569",
    "2024",
    "2025",
    "2026",
]

out = set()
for w in thai_words:
    out.add(w)
    out.add(latin_mode(w))
    for s in suffixes:
        out.add(w + s)
        out.add(latin_mode(w) + s)
for w in translit + latin_words:
    for s in suffixes:
        out.add(w + s)
        out.add(thai_mode(w + s))
for d in digit_rows:
    out.add(d)
    out.add(thai_mode(d))
for y in be + ce:
    out.add(y + y)
    out.add(y * 3)
    out.add(thai_mode(y + y))
    for w in ["thai", "thailand", "bangkok", "rakthai", "password", "admin", "sawasdee", "love"]:
        out.add(w + y)
        out.add(w + "@" + y)
        out.add(y + w)
# Birth-date style: ddmmyyyy and ddmm + BE year are numeric and refused by the numeric rule;
# with a Thai word in front they are not.
# Phone numbers 0[689]x-xxx-xxxx typed as a password: numeric, refused by the numeric rule;
# the most typical ones are listed too, with "th"/"tel" prefixes.
for prefix in ["06", "08", "09"]:
    for d in "0123456789":
        out.add(prefix + d * 8)
        out.add(prefix + "1234567" + d)
    out.add(prefix + "12345678")
    out.add(prefix + "87654321")
out = {w.strip().lower() for w in out if len(w.strip()) >= 4}
(HERE / "thai-passwords.txt").write_text("\n".join(sorted(out)) + "\n", encoding="utf-8")
with gzip.open(DJANGO_LIST, "rt", encoding="utf-8") as django_list:
    everything = out | {line.strip() for line in django_list if line.strip()}
# mtime=0: the same lists make the same file, byte for byte.
with (
    open(HERE / "common-passwords.txt.gz", "wb") as raw,
    gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as packed,
):
    packed.write(("\n".join(sorted(everything)) + "\n").encode())
print(f"{len(out)} of ours, {len(everything)} in all")
