"""Accessibility checks of a page, by axe-core (the copy the ``axe-playwright-python`` package
ships: nothing is fetched from a CDN).

``serious_violations(page)`` names every problem of impact "serious" or "critical" on the page as
shown now, one line each: the rule, what it asks for, and the elements that break it. Lesser
ones ("moderate", "minor") are left out. ``assert_accessible(page)`` fails with that list.
"""

from __future__ import annotations

from playwright.sync_api import Page

SERIOUS = frozenset({"serious", "critical"})

# Rules axe must not apply, each with the reason it does not fit. Empty: every rule applies.
EXCLUDED_RULES: dict[str, str] = {}


def _axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


def serious_violations(page: Page) -> list[str]:
    """Every serious or critical violation axe finds on ``page``, as
    ``rule (impact): help — target | target …``."""
    options: dict = {"resultTypes": ["violations"]}
    if EXCLUDED_RULES:
        options["rules"] = {rule: {"enabled": False} for rule in EXCLUDED_RULES}
    results = _axe().run(page, options=options).response
    found = []
    for violation in results["violations"]:
        if violation.get("impact") not in SERIOUS:
            continue
        targets = " | ".join(_node(node) for node in violation["nodes"])
        found.append(f"{violation['id']} ({violation['impact']}): {violation['help']} — {targets}")
    return found


def _node(node: dict) -> str:
    """The element's selector, and for a contrast failure its colours and their ratio."""
    target = " ".join(str(part) for part in node["target"])
    for check in node.get("any", []):
        data = check.get("data")
        if isinstance(data, dict) and "contrastRatio" in data:
            target += (
                f" [{data.get('fgColor')} on {data.get('bgColor')}: {data.get('contrastRatio')}"
                f", needs {data.get('expectedContrastRatio')}]"
            )
    return target


def assert_accessible(page: Page) -> None:
    """Fail listing every serious or critical violation on ``page``."""
    found = serious_violations(page)
    assert not found, f"{page.url}: {len(found)} serious accessibility problems\n" + "\n".join(
        found
    )
