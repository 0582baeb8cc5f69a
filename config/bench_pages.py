"""The pages the two benchmarks measure, and the people who open them.

``manage.py bench`` renders each page in-process and compares it with its own SQL;
``manage.py bench_http`` (``make bench-http``) serves them through gunicorn and measures their
throughput against ``/health/``. Both take their pages and people from here, so that they
measure the same thing. Pages are chosen from whatever data is in the database: run them on a
national-scale one (``seed_demo --scale national``).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import quote

from django.db.models import Count
from django.urls import reverse

from factories.models import Factory
from offices.models import Office, Role, User

LIST = "list"
DETAIL = "detail"
DASHBOARD = "dashboard"


@dataclass(frozen=True)
class Page:
    name: str
    person: str  # a key of ``BenchData.people``
    url: str
    kind: str = DETAIL  # LIST, DETAIL or DASHBOARD: the targets differ
    # A page that keeps what it counted (the dashboards, ``policy.dashboards``): calling this
    # makes its next request count afresh. ``bench`` compares the page with the SQL of a fresh
    # count, and measures the fresh page as well.
    forget: Callable[[], None] | None = None


@dataclass(frozen=True)
class BenchData:
    largest_office: str
    typical_office: str
    busiest_factory: int
    people: dict[str, User]


def padded(name: str, width: int = 52) -> str:
    """``name`` padded to ``width`` columns on a terminal: Thai vowel and tone marks take none."""
    return name + " " * max(0, width - sum(unicodedata.category(c) != "Mn" for c in name))


def _offices_by_size() -> list[str]:
    """Offices with factories, from the fewest factories to the most."""
    return list(
        Factory.objects.values("office_id")
        .annotate(n=Count("pk"))
        .order_by("n", "office_id")
        .values_list("office_id", flat=True)
    )


def _busiest_factory() -> int:
    factory = (
        Factory.objects.annotate(n=Count("complaints") + Count("green_certificates"))
        .order_by("-n", "pk")
        .values_list("pk", flat=True)
        .first()
    )
    return factory or 0


def _factory_name(pk: int) -> str:
    return Factory.objects.filter(pk=pk).values_list("name", flat=True).first() or ""


def _scored_year() -> int:
    from core.thaidates import current_fiscal_year
    from policy.models import Scorecard

    year = Scorecard.objects.order_by("-fiscal_year").values_list("fiscal_year", flat=True).first()
    return year or current_fiscal_year()


def _unit_person(*, create: bool) -> User | None:
    """A person of the ministry unit with the most directives to follow."""
    from policy.models import Directive

    busiest = (
        Directive.objects.filter(unit__isnull=False)
        .values("unit_id")
        .annotate(n=Count("pk"))
        .order_by("-n", "unit_id")
        .values_list("unit_id", flat=True)
        .first()
    )
    people = User.objects.filter(role=Role.UNIT, is_active=True, unit__isnull=False)
    person = people.filter(unit_id=busiest).order_by("pk").first() if busiest else None
    if person is None and create and busiest:
        person = User.objects.create_user(f"bench-unit-{busiest}", role=Role.UNIT, unit_id=busiest)
    # Without one of the busiest unit (``bench_http`` signs in as the demo people), any unit's.
    return person or people.order_by("pk").first()


def _person(role: str, office: str | None, *, create: bool) -> User | None:
    people = User.objects.filter(role=role, is_active=True).order_by("pk")
    if office:
        people = people.filter(office_id=office)
    if role == Role.INSPECTOR:
        people = people.filter(regions__isnull=False).distinct()
    person = people.first()
    if person is None and create:
        person = User.objects.create_user(
            f"bench-{role}-{office or 'all'}",
            role=role,
            office=Office.objects.get(pk=office) if office else None,
        )
    return person


def _largest_region_of(user: User | None) -> int:
    """The number of ``user``'s region with the most factories (1 when they have none)."""
    if user is None:
        return 1
    found = (
        user.regions.annotate(n=Count("offices__factories"))
        .order_by("-n", "number")
        .values_list("number", flat=True)
        .first()
    )
    return found or 1


def bench_data(*, create_people: bool = True) -> BenchData:
    """The largest and a typical (median) office, the busiest factory and the people.

    With ``create_people`` a missing person is made (without a password: ``bench`` logs them
    in without one); otherwise a missing one is ``None``.
    """
    offices = _offices_by_size() or ["25"]
    largest, typical = offices[-1], offices[len(offices) // 2]
    people = {
        "executive": _person(Role.EXECUTIVE, None, create=create_people),
        "inspector": _person(Role.INSPECTOR, None, create=create_people),
        "officer": _person(Role.OFFICER, largest, create=create_people),
        "head": _person(Role.HEAD, largest, create=create_people),
        "typical officer": _person(Role.OFFICER, typical, create=create_people),
        "unit": _unit_person(create=create_people),
    }
    return BenchData(largest, typical, _busiest_factory(), people)


def bench_pages(data: BenchData) -> list[Page]:
    """Every register and inspection page people use, as the person who uses it."""
    largest, typical, factory = data.largest_office, data.typical_office, data.busiest_factory
    factories = reverse("factories:list")
    directives = reverse("policy:directives")
    return [
        # The floor: a page with almost no SQL shows Django's own cost per request.
        Page("home page (executive)", "executive", reverse("core:home")),
        # (The head's home is the office dashboard, below; their panels are on the desk.)
        Page("desk page, head of the largest office (head)", "head", reverse("core:desk")),
        Page("factory list, national (executive)", "executive", factories, LIST),
        Page(
            "factory list, search 'บริษัท' (executive)",
            "executive",
            factories + "?q=" + quote("บริษัท") + "&risk=any",
            LIST,
        ),
        Page(
            "factory list, search one factory's name (executive)",
            "executive",
            factories + "?q=" + quote(_factory_name(factory)),
            LIST,
        ),
        Page(
            f"factory list, typical office {typical} (officer)", "typical officer", factories, LIST
        ),
        Page(f"factory list, largest office {largest} (officer)", "officer", factories, LIST),
        Page(
            "factory list, page 20 sorted by operator (officer)",
            "officer",
            factories + "?sort=operator&page=20",
            LIST,
        ),
        Page(
            "factory page, busiest factory (executive)",
            "executive",
            reverse("factories:detail", kwargs={"pk": factory}),
        ),
        Page("complaint list (officer)", "officer", reverse("factories:complaints"), LIST),
        Page("loan list (officer)", "officer", reverse("factories:loans"), LIST),
        Page("office list, national (executive)", "executive", reverse("offices:list"), LIST),
        Page("office list, regions (inspector)", "inspector", reverse("offices:list"), LIST),
        Page(
            f"office page, largest office {largest} (head)",
            "head",
            reverse("offices:detail", kwargs={"code": largest}),
        ),
        Page(
            f"inspection plan, largest office {largest} (officer)",
            "officer",
            reverse("inspections:plan"),
            LIST,
        ),
        Page("my inspections (officer)", "officer", reverse("inspections:mine"), LIST),
        Page("review list (head)", "head", reverse("inspections:review_queue"), LIST),
        Page("order list (officer)", "officer", reverse("inspections:orders"), LIST),
        Page("MIND overview (executive)", "executive", reverse("policy:index")),
        Page("directives tracker, national (executive)", "executive", directives, LIST),
        Page(
            "directives tracker, overdue only (executive)",
            "executive",
            directives + "?overdue=on",
            LIST,
        ),
        Page("directives tracker, regions (inspector)", "inspector", directives, LIST),
        Page("directives tracker, busiest unit (unit)", "unit", directives, LIST),
        Page(f"directives tracker, largest office {largest} (head)", "head", directives, LIST),
        Page("office visits, national (executive)", "executive", reverse("policy:my_visits"), LIST),
        Page(
            "MIND office summary (officer)",
            "officer",
            reverse("policy:office", kwargs={"code": largest, "fiscal_year": _scored_year()}),
        ),
        *_round_pages(largest),
        *dashboard_pages(data),
    ]


def dashboard_pages(data: BenchData) -> list[Page]:
    """The three KPI dashboards at their largest: the largest office's, its region's, the
    nation's."""
    from policy.dashboards import figures_changed

    largest = data.largest_office
    region = _largest_region_of(data.people["inspector"])
    return [
        Page(
            f"office dashboard, largest office {largest} (head)",
            "head",
            reverse("policy:office_dashboard", kwargs={"code": largest}),
            DASHBOARD,
            figures_changed,
        ),
        Page(
            f"region dashboard, region {region} (inspector)",
            "inspector",
            reverse("policy:region_dashboard", kwargs={"number": region})
            + "?sort=inspection_coverage",
            DASHBOARD,
            figures_changed,
        ),
        Page(
            "national dashboard and map (executive)",
            "executive",
            reverse("policy:national_dashboard") + "?kpi=gi_certified",
            DASHBOARD,
            figures_changed,
        ),
    ]


def _round_pages(largest: str) -> list[Page]:
    """The latest inspection round's overview of every office and its largest office's visit."""
    from policy.models import InspectionRound, Visit

    round_ = InspectionRound.objects.order_by("-fiscal_year", "-number").first()
    if round_ is None:
        return []
    pages = [
        Page(
            "round overview, every office (executive)",
            "executive",
            reverse("policy:round", kwargs={"pk": round_.pk}),
            LIST,
        )
    ]
    visit = Visit.objects.filter(round=round_, office_id=largest).first()
    if visit is not None:
        pages.append(
            Page(
                f"round visit page, largest office {largest} (executive)",
                "executive",
                visit.get_absolute_url(),
            )
        )
    return pages
