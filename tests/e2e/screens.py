"""The screens the journeys are seen on: ``new_page()`` opens a desktop, ``new_page(**PHONE)``
a phone, ``new_page(**LAPTOP)`` a common laptop."""

from __future__ import annotations

DESKTOP = {"viewport": {"width": 1280, "height": 800}}
PHONE = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 3,
    "is_mobile": True,
    "has_touch": True,
}
LAPTOP = {"viewport": {"width": 1366, "height": 768}}
