"""Who gets what from every URL pattern: the rule the access matrix holds the product to.

One entry per URL pattern name (``namespace:name``). Each says which of the world's objects
its arguments name (``tests/access_world.py``), and for each kind of person and each relation
of that object to the officer's office (``own``; ``region``: another office of the same
inspection region; ``other``: an office of another region; ``missing``: an id that names
nothing) the status a GET answers; for pages that take a form or only take POST, what an
empty POST answers and who may write with it. ``tests/test_access_matrix.py`` walks the URL
configuration: a pattern with no entry here fails it until someone states its rule.

The rules follow the permissions modules: reading is scoped by ``core.access`` (an object
outside a person's offices is not found: 404), writing by ``*/permissions.py`` (an object a
person sees but may not change: 403, unless the page says otherwise), and anyone signed out is
sent to the login page (``LOGIN``: a 302 to it, or for an HTMX request a 401 whose
``HX-Redirect`` names it).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

LOGIN = "login"
Expect = Callable[[str, str], int | str]
Who = Callable[[str, str], bool]

OFFICE_STAFF = ("officer", "head")
# A superuser, and an admin by role only: offices.permissions.is_admin treats them alike.
ADMINS = ("admin", "role_admin")
SEE_ALL = ("head_inspector", "executive", *ADMINS)
RUN_ROUNDS = ("inspector", "inspector_other", "head_inspector", "executive", *ADMINS)


# --- who ------------------------------------------------------------------------------------


def sees(role: str, relation: str) -> bool:
    """``core.access.office_scope``: office staff see their office, an inspector their region's
    offices (region 16 for "inspector", 18 for "inspector_other"), the Head Inspector,
    executives and admins every office; a ministry unit's person no office's rows."""
    if relation == "missing":
        return False
    if relation == "any":
        return role != "anonymous"
    if role in OFFICE_STAFF:
        return relation == "own"
    if role == "inspector":
        return relation in ("own", "region")
    if role == "inspector_other":
        return relation == "other"
    return role in SEE_ALL


def roles(*names: str) -> Who:
    return lambda role, relation: role in names


def of_own_office(*names: str) -> Who:
    """These people of the officer's office, about its own objects."""
    return lambda role, relation: role in names and relation == "own"


def either(*whos: Who) -> Who:
    return lambda role, relation: any(who(role, relation) for who in whos)


NOBODY: Who = lambda role, relation: False  # noqa: E731
SIGNED_IN: Who = lambda role, relation: role != "anonymous"  # noqa: E731
MEMBERS = of_own_office(*OFFICE_STAFF)  # factories.permissions.may_edit_register, own office
HEAD = of_own_office("head")  # the office's head (approve, plan, the office's facts)
# The lead inspector of every inspection in the world is the office's officer.
TEAM = of_own_office("officer")
ADMIN = roles(*ADMINS)
SETS_TARGETS = roles("executive", *ADMINS)  # policy.permissions.may_set_targets
SEES_NATION = roles(*SEE_ALL)  # policy.permissions.may_see_nation
RUNS_ROUNDS = roles(*RUN_ROUNDS)  # policy.permissions.runs_rounds


def prepares(role: str, relation: str) -> bool:
    """``policy.permissions.may_prepare_visit``: runs rounds and oversees the office."""
    return role in RUN_ROUNDS and sees(role, relation)


def sees_region(role: str, relation: str) -> bool:
    """``policy.permissions.regions_of``: an inspector their regions (the own office's and the
    same region's are region 16; the other's is 18), those who see every office every region;
    office staff and a unit's people none."""
    if relation == "missing" or role in OFFICE_STAFF or role == "unit":
        return False
    return sees(role, relation)


def sees_unit_directive(role: str, relation: str) -> bool:
    """A directive to a unit: whoever sees the visit, and the unit's people from any office."""
    return sees(role, relation) or (role == "unit" and relation != "missing")


def own_thing(role: str, relation: str) -> bool:
    """A person's own notification or factory list: nobody else's is found."""
    return relation == "own" and role != "anonymous"


PREPARES: Who = prepares
OWN_THING: Who = own_thing
UNIT = roles("unit")


# --- what they get ------------------------------------------------------------------------------


def public(status: int = 200, signed_in: int | None = None) -> Expect:
    """Open to everyone, signed in or not (``login_not_required``)."""
    return lambda role, relation: status if role == "anonymous" or signed_in is None else signed_in


def everyone(status: int = 200, **by_role: int) -> Expect:
    """Anyone signed in gets ``status`` (or what ``by_role`` says for their role)."""
    return lambda role, relation: LOGIN if role == "anonymous" else by_role.get(role, status)


def allowed(who: Who, ok: int = 200, refused: int = 403) -> Expect:
    """A page of no object: ``who`` gets ``ok``, anyone else signed in ``refused``."""

    def expect(role: str, relation: str) -> int | str:
        if role == "anonymous":
            return LOGIN
        return ok if who(role, relation) else refused

    return expect


def scoped(
    may: Who = SIGNED_IN,
    ok: int = 200,
    refused: int = 403,
    hidden: int = 404,
    seen: Who = sees,
) -> Expect:
    """A page of one object: hidden (404) from whoever does not see it, ``ok`` for those who
    see it and ``may``, ``refused`` for those who see it and may not."""

    def expect(role: str, relation: str) -> int | str:
        if role == "anonymous":
            return LOGIN
        if not seen(role, relation):
            return hidden
        return ok if may(role, relation) else refused

    return expect


@dataclass(frozen=True)
class Rule:
    """The stated rule of one URL pattern."""

    get: Expect
    kind: str | None = None  # the world's object the URL's arguments name; None: no object
    post: Expect | None = None  # an empty POST is also sent, and answers so
    writers: Who = NOBODY  # who may change something by that POST: no one else's writes
    htmx: bool = False  # also asked as an HTMX request (HX-Request: true)
    query: dict[str, str] = field(default_factory=dict)
    # The object is named in the query string: {query parameter: the kind's URL argument}.
    query_from: dict[str, str] = field(default_factory=dict)
    label: str = ""  # tells apart two rules of one pattern in messages
    # The POST carries a file: {form field: "png" (a photo) or "csv" (a register file)}.
    upload: dict[str, str] = field(default_factory=dict)


OFFICE_QUERY = {"office": "code"}  # the office named by ?office=


def index_with_office(role: str, relation: str) -> int | str:
    """``policy:index?office=``: an office the person sees goes to its summary (302); one they
    do not is ignored: office staff still go to their own (302), anyone else chooses (200)."""
    if role == "anonymous":
        return LOGIN
    return 302 if sees(role, relation) or role in OFFICE_STAFF else 200


def post_only(post: Expect, writers: Who = NOBODY, **extra) -> Rule:
    """A POST-only endpoint (``require_POST``): a GET is refused with 405 once signed in."""
    return Rule(get=everyone(405), post=post, writers=writers, **extra)


# --- the patterns that are not in the matrix, and why -----------------------------------------

SKIPPED_NAMESPACES = {
    "admin": "Django admin: its own login and model permissions (is_staff, per-model rights), "
    "tested in tests/*/test_admin*.py; the matrix covers the product's own pages.",
}


# --- the rules --------------------------------------------------------------------------------

RULES: dict[str, Rule | tuple[Rule, ...]] = {
    # -- signing in and out, language ------------------------------------------------------
    "login": Rule(get=public(200, signed_in=302)),
    "logout": Rule(get=everyone(405), post=everyone(302), writers=SIGNED_IN),
    "password_change": Rule(get=everyone(200), post=everyone(200), writers=NOBODY),
    "password_change_done": Rule(get=everyone(200)),
    "set_language": Rule(get=public(302), post=public(302), writers=NOBODY),
    "javascript-catalog": Rule(get=public(200)),
    # -- core -----------------------------------------------------------------------------------
    # The office head's home is the office dashboard (policy.panels.head_landing).
    "core:home": Rule(get=everyone(200, head=302)),
    "core:desk": Rule(get=everyone(200)),
    "core:health": Rule(get=public(200)),
    "core:favicon": Rule(get=public(301)),
    "core:my_reports": Rule(get=everyone(200)),
    # Who may see a report is who may see its subject (core.reports), whoever asked for it.
    "core:report_request": (
        post_only(scoped(ok=302), writers=sees, kind="report_subject", label="inspection"),
        post_only(scoped(ok=302), writers=sees, kind="report_order", label="order letter"),
        post_only(scoped(ok=302), writers=sees, kind="report_scorecard", label="scorecard"),
        post_only(scoped(ok=302), writers=sees, kind="report_visit", label="visit report"),
        # A round's summary is the ministry's, of the regions the person oversees.
        post_only(
            scoped(RUNS_ROUNDS, ok=302, refused=404),
            writers=RUNS_ROUNDS,
            kind="report_round",
            label="round summary",
        ),
        # A factory list is the person's own: nobody asks for another's.
        post_only(
            scoped(ok=302, seen=OWN_THING),
            writers=OWN_THING,
            kind="factory_list_subject",
            label="factory list",
        ),
        post_only(
            scoped(seen=lambda role, relation: False), kind="report_unknown", label="unknown kind"
        ),
    ),
    "core:report_status": (
        Rule(get=scoped(), kind="report", htmx=True),
        Rule(get=scoped(seen=sees_region), kind="round_summary", label="round summary"),
        Rule(get=scoped(seen=OWN_THING), kind="factory_list_report", label="factory list"),
    ),
    "core:report_retry": (
        post_only(scoped(ok=302), writers=sees, kind="report"),
        post_only(
            scoped(ok=302, seen=OWN_THING),
            writers=OWN_THING,
            kind="factory_list_report",
            label="factory list",
        ),
    ),
    "core:report_history": (
        Rule(get=scoped(), kind="report"),
        Rule(get=scoped(seen=sees_region), kind="round_summary", label="round summary"),
        Rule(get=scoped(seen=OWN_THING), kind="factory_list_report", label="factory list"),
    ),
    "core:report_download": (
        Rule(get=scoped(), kind="report"),
        Rule(get=scoped(seen=sees_region), kind="round_summary", label="round summary"),
        Rule(get=scoped(seen=OWN_THING), kind="factory_list_report", label="factory list"),
    ),
    # Notifications are the person's own: someone else's is not found.
    "core:notifications": Rule(get=everyone(200)),
    "core:notification_badge": Rule(get=everyone(200), htmx=True),
    "core:notification_read_all": post_only(everyone(302), writers=SIGNED_IN),
    "core:notification_settings": Rule(get=everyone(200), post=everyone(302), writers=SIGNED_IN),
    "core:notification_open": Rule(get=scoped(ok=302, seen=OWN_THING), kind="notification"),
    # -- offices --------------------------------------------------------------------------------
    "offices:list": Rule(get=everyone(200), htmx=True),
    "offices:detail": Rule(get=scoped(), kind="office"),
    # The office's head reports its yearly facts; an admin may correct any office's.
    "offices:year_edit": Rule(
        get=scoped(either(HEAD, ADMIN)),
        post=scoped(either(HEAD, ADMIN)),
        writers=either(HEAD, ADMIN),
        kind="office_year",
    ),
    # -- factories: the register ---------------------------------------------------------------
    # Naming an office filters within what the person sees (an office they do not see is no
    # choice of theirs): the page answers, and shows nothing of that office.
    "factories:list": (
        Rule(get=everyone(200), htmx=True),
        Rule(get=everyone(200), kind="office", query_from=OFFICE_QUERY, label="?office="),
    ),
    # Office staff add factories to their own office's register; admins to any office's.
    "factories:create": (
        Rule(
            get=allowed(either(roles(*OFFICE_STAFF), ADMIN)),
            post=allowed(either(roles(*OFFICE_STAFF), ADMIN)),
            writers=NOBODY,  # an empty form is refused
        ),
        Rule(
            get=allowed(either(roles(*OFFICE_STAFF), ADMIN)),
            htmx=True,
            query={"fields": "location"},
            label="location fields",
        ),
    ),
    "factories:detail": Rule(get=scoped(), kind="factory"),
    # Each history page has the access of its object's own page (an HTMX request: the list).
    "factories:history": Rule(get=scoped(), kind="factory", htmx=True),
    "factories:edit": Rule(
        get=scoped(either(MEMBERS, ADMIN)),
        post=scoped(either(MEMBERS, ADMIN)),
        kind="factory",
        htmx=True,
        query={"fields": "location"},
    ),
    "factories:certificate_create": Rule(
        get=scoped(either(MEMBERS, ADMIN)),
        post=scoped(either(MEMBERS, ADMIN)),
        kind="factory_of_record",
    ),
    "factories:certificate_edit": Rule(
        get=scoped(either(MEMBERS, ADMIN)),
        post=scoped(either(MEMBERS, ADMIN)),
        kind="certificate",
    ),
    # A GET deletes nothing and goes back to the factory.
    "factories:certificate_delete": Rule(
        get=scoped(either(MEMBERS, ADMIN), ok=302),
        post=scoped(either(MEMBERS, ADMIN), ok=302),
        writers=either(MEMBERS, ADMIN),
        kind="certificate",
    ),
    # -- factories: complaints and loans --------------------------------------------------------
    # ?office= narrows the complaints to one office; an office the person does not see is
    # not found.
    "factories:complaints": (
        Rule(get=everyone(200)),
        Rule(get=scoped(), kind="office", query_from=OFFICE_QUERY, label="?office="),
    ),
    "factories:complaints_export": (
        Rule(get=everyone(200)),
        Rule(get=scoped(), kind="office", query_from=OFFICE_QUERY, label="?office="),
    ),
    # A new complaint or loan is received by an office's staff, for their own office.
    "factories:complaint_create": Rule(
        get=allowed(roles(*OFFICE_STAFF)), post=allowed(roles(*OFFICE_STAFF))
    ),
    "factories:complaint_edit": Rule(
        get=scoped(either(MEMBERS, ADMIN)),
        post=scoped(either(MEMBERS, ADMIN)),
        kind="complaint",
    ),
    "factories:loans": Rule(get=everyone(200)),
    "factories:loans_export": Rule(get=everyone(200)),
    "factories:loan_create": Rule(
        get=allowed(roles(*OFFICE_STAFF)), post=allowed(roles(*OFFICE_STAFF))
    ),
    "factories:loan": Rule(get=scoped(), post=scoped(either(MEMBERS, ADMIN)), kind="loan"),
    "factories:loan_edit": Rule(
        get=scoped(either(MEMBERS, ADMIN)),
        post=scoped(either(MEMBERS, ADMIN)),
        kind="loan",
    ),
    # -- factories: imports ---------------------------------------------------------------------
    "factories:imports": Rule(
        get=allowed(either(roles(*OFFICE_STAFF), ADMIN)),
        post=allowed(either(roles(*OFFICE_STAFF), ADMIN), ok=302),
        writers=either(roles(*OFFICE_STAFF), ADMIN),
        upload={"file": "csv"},
    ),
    # Who uploaded the file (the office's officer) confirms it, or an admin.
    "factories:import": Rule(
        get=scoped(),
        post=scoped(either(TEAM, ADMIN), ok=302),
        writers=either(TEAM, ADMIN),
        kind="import",
    ),
    "factories:import_progress": Rule(get=scoped(), kind="import", htmx=True),
    # -- inspections: the plan ------------------------------------------------------------------
    "inspections:plan": (
        Rule(get=everyone(200), htmx=True),
        Rule(
            get=scoped(),
            kind="office",
            query_from={"office": "code"},
            htmx=True,
            label="?office=",
        ),
    ),
    # The export is of one office: office staff's own, anyone else's must be named.
    "inspections:plan_export": (
        Rule(get=allowed(roles(*OFFICE_STAFF), refused=404)),
        Rule(get=scoped(), kind="office", query_from={"office": "code"}, label="?office="),
    ),
    # Only the office's head divides the plan.
    "inspections:plan-assign": post_only(
        scoped(HEAD, ok=302), writers=HEAD, kind="office", query_from={"office": "code"}
    ),
    "inspections:plan-add": Rule(
        get=scoped(HEAD),
        post=scoped(HEAD),
        writers=NOBODY,
        kind="office",
        query_from={"office": "code"},
        htmx=True,
    ),
    "inspections:mine": Rule(get=everyone(200)),
    # -- inspections: the form ------------------------------------------------------------------
    # Only the staff of the factory's office inspect it.
    "inspections:start": Rule(
        get=scoped(MEMBERS), post=scoped(MEMBERS), writers=NOBODY, kind="factory_of_record"
    ),
    "inspections:detail": Rule(get=scoped(), kind="draft"),
    # Those who may not fill it are sent to its read-only page; so is everyone once it is sent.
    "inspections:form": (
        Rule(get=scoped(TEAM, refused=302), kind="draft"),
        Rule(get=scoped(NOBODY, refused=302), kind="submitted", label="submitted"),
    ),
    # The inspection's own inspectors fill it while it is a draft (an empty value clears
    # the answer); once it is submitted nobody does.
    "inspections:answer": (
        post_only(scoped(TEAM), writers=TEAM, kind="draft_item", htmx=True),
        post_only(scoped(NOBODY), kind="submitted_item", htmx=True, label="submitted"),
    ),
    "inspections:photo_upload": (
        post_only(scoped(TEAM), writers=TEAM, kind="draft", htmx=True, upload={"image": "png"}),
        post_only(
            scoped(NOBODY), kind="submitted", htmx=True, upload={"image": "png"}, label="submitted"
        ),
    ),
    "inspections:location": (
        post_only(scoped(TEAM, ok=422), writers=NOBODY, kind="draft", htmx=True),
        post_only(scoped(NOBODY), kind="submitted", htmx=True, label="submitted"),
    ),
    "inspections:summary": (
        post_only(scoped(TEAM), writers=TEAM, kind="draft", htmx=True),
        post_only(scoped(NOBODY), kind="submitted", htmx=True, label="submitted"),
    ),
    "inspections:submit": (
        post_only(scoped(TEAM), writers=TEAM, kind="draft"),
        post_only(scoped(NOBODY), kind="submitted", label="submitted"),
    ),
    # A photo is served only to those who see its inspection (never from /media/).
    "inspections:photo": Rule(get=scoped(), kind="photo"),
    # -- inspections: review and orders ---------------------------------------------------------
    "inspections:review_queue": Rule(get=everyone(200)),
    "inspections:review": Rule(get=scoped(), kind="submitted"),
    "inspections:history": Rule(get=scoped(), kind="submitted", htmx=True),
    # Only the office's head decides (not even an admin); a reopening needs a reason.
    "inspections:approve": (
        post_only(scoped(HEAD, ok=302), writers=HEAD, kind="submitted"),
        # One not waiting for review: whoever sees it is sent back to it with the reason.
        post_only(scoped(ok=302), kind="approved", label="already approved"),
    ),
    "inspections:return": post_only(scoped(HEAD, ok=302), writers=HEAD, kind="submitted"),
    "inspections:amend": post_only(scoped(HEAD, ok=302), writers=NOBODY, kind="approved"),
    # The inspection's inspectors or the office's head issue orders from its findings.
    "inspections:order_create": (
        Rule(
            get=scoped(either(TEAM, HEAD)),
            post=scoped(either(TEAM, HEAD)),
            writers=NOBODY,
            kind="submitted",
        ),
        # A draft has no findings to order on yet.
        Rule(get=scoped(NOBODY), post=scoped(NOBODY), kind="draft", label="draft"),
    ),
    # Its inspectors record each open order's check; a POST naming no order is not found.
    "inspections:follow_up": (
        Rule(get=scoped(), post=scoped(TEAM, ok=404), writers=NOBODY, kind="follow_up"),
        # The page is a follow-up inspection's only.
        Rule(get=scoped(NOBODY), post=scoped(NOBODY), kind="draft", label="routine"),
    ),
    "inspections:orders": (
        Rule(get=everyone(200), htmx=True),
        Rule(get=scoped(), kind="office", query_from=OFFICE_QUERY, htmx=True, label="?office="),
    ),
    "inspections:orders_export": (
        Rule(get=everyone(200)),
        Rule(get=scoped(), kind="office", query_from=OFFICE_QUERY, label="?office="),
    ),
    "inspections:order": Rule(get=scoped(), kind="order"),
    "inspections:order_history": Rule(get=scoped(), kind="order"),
    # -- policy: MIND ---------------------------------------------------------------------------
    # Office staff go to their office's summary; everyone else chooses an office.
    # An office chosen that the person sees goes to its summary; any other choice is ignored.
    "policy:index": (
        Rule(get=everyone(200, officer=302, head=302)),
        Rule(
            get=index_with_office,
            kind="office",
            query_from=OFFICE_QUERY,
            label="?office=",
        ),
    ),
    "policy:office": Rule(get=scoped(), kind="office_summary"),
    "policy:targets": Rule(
        get=allowed(SETS_TARGETS),
        post=allowed(SETS_TARGETS, ok=302),
        writers=NOBODY,
        kind="fiscal_year",
    ),
    "policy:target_history": Rule(get=allowed(SETS_TARGETS), kind="fiscal_year"),
    # Scorecards are derived: whoever reads the factory may bring its card up to date.
    "policy:scorecard": Rule(get=scoped(), post=scoped(ok=302), writers=sees, kind="scorecard"),
    # -- policy: dashboards ---------------------------------------------------------------------
    "policy:office_dashboard": (
        Rule(get=scoped(), kind="office", htmx=True),
        Rule(get=scoped(), kind="office", query={"format": "xlsx"}, label="xlsx"),
    ),
    "policy:regions_dashboard": Rule(
        get=allowed(either(roles("inspector", "inspector_other"), SEES_NATION), 302, 404)
    ),
    "policy:region_dashboard": (
        Rule(get=scoped(seen=sees_region), kind="region", htmx=True),
        Rule(get=scoped(seen=sees_region), kind="region", query={"format": "xlsx"}, label="xlsx"),
    ),
    "policy:national_dashboard": (
        Rule(get=allowed(SEES_NATION, refused=404), htmx=True),
        Rule(get=allowed(SEES_NATION, refused=404), query={"format": "xlsx"}, label="xlsx"),
    ),
    "policy:kpi_records": Rule(get=scoped(), kind="office_kpi"),
    # -- policy: inspection rounds --------------------------------------------------------------
    # The ministry's side runs the rounds; to anyone else they do not exist.
    "policy:rounds": Rule(get=allowed(RUNS_ROUNDS, refused=404)),
    "policy:round": Rule(get=scoped(RUNS_ROUNDS, refused=404), kind="round", htmx=True),
    "policy:visit_plan": Rule(
        get=scoped(PREPARES, refused=404),
        post=scoped(PREPARES, ok=422, refused=404),
        writers=NOBODY,
        kind="visit_plan",
    ),
    "policy:visit": Rule(get=scoped(), kind="visit"),
    # Findings and directives are the ministry's, written by those who prepare the visit.
    "policy:visit_edit": Rule(
        get=scoped(PREPARES, refused=404),
        post=scoped(PREPARES, ok=422, refused=404),
        writers=NOBODY,
        kind="visit",
    ),
    "policy:visit_record": post_only(
        scoped(PREPARES, ok=422, refused=404), writers=NOBODY, kind="visit", htmx=True
    ),
    "policy:visit_figures": post_only(
        scoped(PREPARES, ok=422, refused=404), writers=NOBODY, kind="visit"
    ),
    "policy:visit_directive": post_only(
        scoped(PREPARES, ok=422, refused=404), writers=NOBODY, kind="visit", htmx=True
    ),
    # The office's officers and head write its report on each topic.
    "policy:topic_report": post_only(
        scoped(MEMBERS, refused=404), writers=MEMBERS, kind="visit_topic", htmx=True
    ),
    "policy:topic_outcome": post_only(
        scoped(PREPARES, refused=404), writers=PREPARES, kind="visit_topic", htmx=True
    ),
    # -- policy: directives ---------------------------------------------------------------------
    "policy:directives": (
        Rule(get=everyone(200), htmx=True),
        Rule(get=everyone(200), query={"format": "xlsx"}, label="xlsx"),
        Rule(get=everyone(200), kind="office", query_from=OFFICE_QUERY, label="?office="),
        Rule(
            get=everyone(200),
            kind="office",
            query={"format": "xlsx"},
            query_from=OFFICE_QUERY,
            label="xlsx ?office=",
        ),
    ),
    # A directive to the office: the office acts on it; to a unit: the unit's people, who see
    # their unit's directives whichever office they came from.
    "policy:directive": (
        Rule(
            get=scoped(),
            post=scoped(either(MEMBERS, PREPARES)),
            writers=NOBODY,
            kind="office_directive",
            label="to the office",
        ),
        Rule(
            get=scoped(seen=sees_unit_directive),
            post=scoped(either(UNIT, PREPARES), seen=sees_unit_directive),
            writers=NOBODY,
            kind="unit_directive",
            label="to a unit",
        ),
    ),
    "policy:my_visits": Rule(get=everyone(200)),
    "policy:directive_history": (
        Rule(get=scoped(), kind="office_directive", label="to the office"),
        Rule(get=scoped(seen=sees_unit_directive), kind="unit_directive", label="to a unit"),
    ),
}
