"""Django's password validators with their messages in Thai.

Django's own Thai catalogue leaves these messages in English, and the project's catalogue is
for English only (Thai is the source language), so the messages are written here in Thai and
translated to English like every other text. The common-password list is Django's with
passwords typical in Thailand added (``core/data/README.md``).
"""

from __future__ import annotations

from pathlib import Path

from django.contrib.auth import password_validation
from django.utils.translation import gettext as _

COMMON_PASSWORDS = Path(__file__).resolve().parent / "data" / "common-passwords.txt.gz"


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    def get_error_message(self) -> str:
        return _("รหัสผ่านสั้นเกินไป ต้องมีอย่างน้อย %(min_length)d ตัวอักษร") % {
            "min_length": self.min_length
        }

    def get_help_text(self) -> str:
        return _("รหัสผ่านต้องมีอย่างน้อย %(min_length)d ตัวอักษร") % {"min_length": self.min_length}


class UserAttributeSimilarityValidator(password_validation.UserAttributeSimilarityValidator):
    def get_error_message(self) -> str:
        return _("รหัสผ่านคล้ายกับ%(verbose_name)sมากเกินไป")

    def get_help_text(self) -> str:
        return _("รหัสผ่านต้องไม่คล้ายกับชื่อผู้ใช้ ชื่อ นามสกุล หรืออีเมลของท่าน")


class CommonPasswordValidator(password_validation.CommonPasswordValidator):
    def __init__(self, password_list_path: str | Path = COMMON_PASSWORDS) -> None:
        super().__init__(password_list_path=password_list_path)

    def get_error_message(self) -> str:
        return _("รหัสผ่านนี้มีผู้ใช้กันมากและเดาได้ง่าย")

    def get_help_text(self) -> str:
        return _("รหัสผ่านต้องไม่ใช่รหัสที่ใช้กันทั่วไป")


class NumericPasswordValidator(password_validation.NumericPasswordValidator):
    def get_error_message(self) -> str:
        return _("รหัสผ่านเป็นตัวเลขทั้งหมด")

    def get_help_text(self) -> str:
        return _("รหัสผ่านต้องไม่เป็นตัวเลขทั้งหมด")
