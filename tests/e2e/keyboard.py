"""Typing as people type: on a physical Thai keyboard."""

from __future__ import annotations

from playwright.sync_api import Locator


def type_on_thai_keyboard(box: Locator, text: str) -> None:
    """Type as a physical Thai keyboard does: text in, then a key-up, for every character.

    Playwright's own typing sends Thai characters as text only, without key events.
    """
    for character in text:
        box.press_sequentially(character)
        box.dispatch_event("keyup", {"key": character})
