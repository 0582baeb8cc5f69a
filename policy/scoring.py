"""MIND scoring: from a factory's facts of one fiscal year to four dimension scores.

Pure computation, no database: ``policy.selectors`` gathers the facts of many factories in a
constant number of queries and ``policy.services`` saves the results. Keeping the rules here
means a single factory and a national recompute score exactly alike.

How a score is made
-------------------
* Each rubric rule reads one source and gives 0–100 points, or "no data".
* A dimension's score is the weighted mean of the points of its rules that have data — but
  only when at least one rule read from an approved inspection has data (see
  ``INSPECTION_SOURCES``). A dimension nobody looked at is "no data", never 0 and never 100.
* **Overall = min(mean of the four, weakest + margin).** The policy says no dimension may be
  missing (ขาดอย่างหนึ่งอย่างใดไปไม่ได้). A plain mean lets 100/100/100/20 read as 80; the
  weakest link alone (margin 0) hides every improvement in the other three. Capping the mean
  at the weakest dimension plus a small margin (rubric data, 10 by default) keeps the overall
  honest — 100/100/100/20 reads 30 — and still moves when the other dimensions improve.
  When any dimension has no data there is no overall.
* **Balanced** only when every dimension has data and reaches its threshold.

Parameters of each source (``RubricRule.params``)
-------------------------------------------------
compliance
    ``severity_weights`` {severity: weight}: a critical non-compliance weighs more than a low
    one. ``exclude_codes``: items scored by their own rule (GEN-05, GEN-11, GEN-12), so they
    are not counted twice. Points = weighted share of compliant answers × 100.
green_industry
    ``points_by_level`` {"0".."5": points}. The level is the highest certificate in force on
    the last day of the fiscal year; none is level 0.
complaints
    ``status_weights`` {status: weight}: unresolved complaints (open, investigating) weigh
    more than resolved (upheld and fixed) or closed ones. ``categories``: only these count
    (empty = all). ``points_per_unit``: points lost per weighted complaint, from 100.
orders
    ``status_weights`` {status: weight} (open, overdue, escalated weigh against; complied and
    cancelled do not), ``section_weights`` {"s37": 1, "s39": 2}, ``points_per_unit``.
local_employment / local_purchasing
    ``item_code`` (GEN-05 / GEN-11), ``full_marks_at``: the percentage that earns 100 points;
    below it points fall in proportion. The latest approved answer of the year counts.
community_activities
    ``item_code`` (GEN-12), ``points_yes``, ``points_no``; the latest approved answer counts.
isingle_form
    ``points_filed``, ``points_not_filed``: whether the factory filed the fiscal year's iSingle
    Form (I-Single Form), as the register records it.
loans
    ``status_weights`` {status: weight} (normal 0, watch and NPL against),
    ``points_per_unit``: points lost per weighted loan, from 100. The loans counted are those
    running in the fiscal year (approved by its end, not matured before its start); a factory
    with none loses nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from core import bounds
from core.thaidates import fiscal_year_range, format_be_numeric
from inspections.models import YES_NO_VALUES, AnswerValue
from policy.models import DIMENSION_CODES, INSPECTION_SOURCES, RubricSource

HUNDRED = Decimal(100)
CENT = Decimal("0.01")
SCORED = ("compliant", "noncompliant")


@dataclass(frozen=True)
class AnswerFact:
    id: int
    inspection_id: int
    inspected_on: dt.date
    item_code: str
    item_text: str
    severity: str
    value: str
    compliance: str
    dimensions: tuple[str, ...]


@dataclass(frozen=True)
class CertificateFact:
    id: int
    level: int
    issued_on: dt.date
    expires_on: dt.date | None
    number: str = ""


@dataclass(frozen=True)
class ComplaintFact:
    id: int
    received_on: dt.date
    status: str
    category: str
    label: str = ""


@dataclass(frozen=True)
class OrderFact:
    id: int
    section: str
    status: str
    issued_on: dt.date
    label: str = ""


@dataclass(frozen=True)
class LoanFact:
    id: int
    status: str
    approved_on: dt.date
    label: str = ""


@dataclass
class FactoryFacts:
    """What scoring needs to know about one factory in one fiscal year."""

    factory_id: int
    answers: list[AnswerFact] = field(default_factory=list)
    certificates: list[CertificateFact] = field(default_factory=list)
    complaints: list[ComplaintFact] = field(default_factory=list)
    orders: list[OrderFact] = field(default_factory=list)
    loans: list[LoanFact] = field(default_factory=list)
    isingle_filed_on: dt.date | None = None


@dataclass(frozen=True)
class RuleSpec:
    dimension: str
    source: str
    weight: Decimal
    params: dict[str, Any]


@dataclass(frozen=True)
class RubricSpec:
    id: int
    fiscal_year: int
    thresholds: dict[str, Any]
    overall_margin: Decimal
    rules: tuple[RuleSpec, ...]

    def threshold(self, dimension: str) -> Decimal:
        return Decimal(str(self.thresholds.get(dimension, 0)))


@dataclass
class Reading:
    """What one source says: a raw value, its points (None = no data) and the facts behind."""

    raw: Decimal | None
    points: Decimal | None
    facts: list[dict[str, Any]]


@dataclass
class ScoreResult:
    scores: dict[str, Decimal | None]
    overall: Decimal | None
    weakest: str | None
    weakest_score: Decimal | None
    complete: bool
    balanced: bool
    explanation: list[dict[str, Any]]


def _round(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def _clamp(value: Decimal) -> Decimal:
    return max(Decimal(0), min(HUNDRED, value))


def _decimal(value: Any) -> Decimal | None:
    """A number an answer holds, or None: text, ``inf``/``nan`` and sizes no meter shows (an
    answer saved before answers were bounded, ``1e30``) are not data to score."""
    try:
        number = Decimal(str(value).replace(",", "").strip())
    except (InvalidOperation, ValueError):
        return None
    if not number.is_finite() or abs(number) > bounds.MEASURE_MAX:
        return None
    return number


def _answer_fact(answer: AnswerFact) -> dict[str, Any]:
    return {
        "kind": "answer",
        "id": answer.id,
        "inspection_id": answer.inspection_id,
        "date": answer.inspected_on.isoformat(),
        "label": f"{answer.item_code} {answer.item_text}",
        "value": answer.value,
        "result": answer.compliance,
    }


def _latest_answer(facts: FactoryFacts, code: str) -> AnswerFact | None:
    matching = [
        a
        for a in facts.answers
        if a.item_code == code and a.value not in ("", AnswerValue.NOT_APPLICABLE)
    ]
    if not matching:
        return None
    return max(matching, key=lambda a: (a.inspected_on, a.inspection_id, a.id))


def read_compliance(facts: FactoryFacts, dimension: str, params: dict, fiscal_year: int) -> Reading:
    weights = params.get("severity_weights") or {}
    excluded = set(params.get("exclude_codes") or ())
    answers = [
        a
        for a in facts.answers
        if dimension in a.dimensions and a.compliance in SCORED and a.item_code not in excluded
    ]
    if not answers:
        return Reading(None, None, [])
    total = ok = Decimal(0)
    for answer in answers:
        weight = Decimal(str(weights.get(answer.severity, 1)))
        total += weight
        if answer.compliance == "compliant":
            ok += weight
    points = ok * HUNDRED / total if total else None
    return Reading(points, points, [_answer_fact(a) for a in answers])


def read_green_industry(
    facts: FactoryFacts, dimension: str, params: dict, fiscal_year: int
) -> Reading:
    year_end = fiscal_year_range(fiscal_year)[1]
    in_force = [
        c
        for c in facts.certificates
        if c.issued_on <= year_end and (c.expires_on is None or c.expires_on >= year_end)
    ]
    best = max(in_force, key=lambda c: (c.level, c.issued_on), default=None)
    level = best.level if best else 0
    table = params.get("points_by_level") or {}
    points = _decimal(table.get(str(level), level * 20))
    fact = (
        [
            {
                "kind": "certificate",
                "id": best.id,
                "label": f"GI {best.level} {best.number}".strip(),
                "value": format_be_numeric(best.issued_on)
                + (f"–{format_be_numeric(best.expires_on)}" if best.expires_on else ""),
            }
        ]
        if best
        else [{"kind": "certificate", "id": None, "label": "GI 0", "value": ""}]
    )
    return Reading(Decimal(level), points, fact)


def read_complaints(facts: FactoryFacts, dimension: str, params: dict, fiscal_year: int) -> Reading:
    weights = params.get("status_weights") or {}
    categories = set(params.get("categories") or ())
    per_unit = Decimal(str(params.get("points_per_unit", 20)))
    counted = [c for c in facts.complaints if not categories or c.category in categories]
    weighted = sum((Decimal(str(weights.get(c.status, 1))) for c in counted), Decimal(0))
    listed = [
        {
            "kind": "complaint",
            "id": c.id,
            "label": c.label or c.category,
            "value": format_be_numeric(c.received_on),
            "result": c.status,
        }
        for c in counted
    ]
    return Reading(weighted, _clamp(HUNDRED - per_unit * weighted), listed)


def read_orders(facts: FactoryFacts, dimension: str, params: dict, fiscal_year: int) -> Reading:
    status_weights = params.get("status_weights") or {}
    section_weights = params.get("section_weights") or {}
    per_unit = Decimal(str(params.get("points_per_unit", 20)))
    weighted = Decimal(0)
    listed = []
    for order in facts.orders:
        weight = Decimal(str(status_weights.get(order.status, 0))) * Decimal(
            str(section_weights.get(order.section, 1))
        )
        weighted += weight
        listed.append(
            {
                "kind": "order",
                "id": order.id,
                "label": order.label or order.section,
                "value": format_be_numeric(order.issued_on),
                "result": order.status,
            }
        )
    return Reading(weighted, _clamp(HUNDRED - per_unit * weighted), listed)


def read_percentage_item(
    facts: FactoryFacts, dimension: str, params: dict, fiscal_year: int
) -> Reading:
    answer = _latest_answer(facts, params.get("item_code", ""))
    number = _decimal(answer.value) if answer else None
    if answer is None or number is None:
        return Reading(None, None, [])
    full = Decimal(str(params.get("full_marks_at", 100))) or HUNDRED
    return Reading(number, _clamp(number * HUNDRED / full), [_answer_fact(answer)])


def read_yes_no_item(
    facts: FactoryFacts, dimension: str, params: dict, fiscal_year: int
) -> Reading:
    answer = _latest_answer(facts, params.get("item_code", ""))
    if answer is None or answer.value not in YES_NO_VALUES:
        return Reading(None, None, [])
    yes = answer.value == AnswerValue.YES
    points = Decimal(str(params.get("points_yes" if yes else "points_no", 100 if yes else 0)))
    return Reading(Decimal(1 if yes else 0), _clamp(points), [_answer_fact(answer)])


def read_isingle_form(
    facts: FactoryFacts, dimension: str, params: dict, fiscal_year: int
) -> Reading:
    filed = facts.isingle_filed_on is not None
    points = Decimal(str(params.get("points_filed" if filed else "points_not_filed", 0)))
    fact = {
        "kind": "isingle_form",
        "id": None,
        "label": "iSingle Form",
        "value": format_be_numeric(facts.isingle_filed_on) if filed else "",
    }
    return Reading(Decimal(1 if filed else 0), _clamp(points), [fact])


def read_loans(facts: FactoryFacts, dimension: str, params: dict, fiscal_year: int) -> Reading:
    weights = params.get("status_weights") or {}
    per_unit = Decimal(str(params.get("points_per_unit", 40)))
    weighted = sum((Decimal(str(weights.get(loan.status, 0))) for loan in facts.loans), Decimal(0))
    listed = [
        {
            "kind": "loan",
            "id": loan.id,
            "label": loan.label,
            "value": format_be_numeric(loan.approved_on),
            "result": loan.status,
        }
        for loan in facts.loans
    ]
    return Reading(weighted, _clamp(HUNDRED - per_unit * weighted), listed)


READERS: dict[str, Callable[[FactoryFacts, str, dict, int], Reading]] = {
    RubricSource.COMPLIANCE: read_compliance,
    RubricSource.GREEN_INDUSTRY: read_green_industry,
    RubricSource.COMPLAINTS: read_complaints,
    RubricSource.ORDERS: read_orders,
    RubricSource.LOCAL_EMPLOYMENT: read_percentage_item,
    RubricSource.LOCAL_PURCHASING: read_percentage_item,
    RubricSource.COMMUNITY_ACTIVITIES: read_yes_no_item,
    RubricSource.ISINGLE_FORM: read_isingle_form,
    RubricSource.LOANS: read_loans,
}


def overall_of(scores: Iterable[Decimal], margin: Decimal) -> Decimal:
    """The mean of the four, capped at the weakest plus ``margin`` (see the module docstring)."""
    values = list(scores)
    mean = sum(values, Decimal(0)) / len(values)
    return _round(min(mean, min(values) + margin))


def score(
    facts: FactoryFacts, rubric: RubricSpec, dimension_order: Iterable[str] = ()
) -> ScoreResult:
    """Score one factory's facts with a rubric. ``dimension_order`` breaks ties for the weakest."""
    order = list(dimension_order) or list(DIMENSION_CODES)
    explanation: list[dict[str, Any]] = []
    sums: dict[str, Decimal] = {code: Decimal(0) for code in order}
    weights: dict[str, Decimal] = {code: Decimal(0) for code in order}
    evidence: dict[str, bool] = {code: False for code in order}
    readings = []
    for rule in rubric.rules:
        reading = READERS[rule.source](facts, rule.dimension, rule.params, rubric.fiscal_year)
        readings.append((rule, reading))
        if reading.points is not None and rule.source in INSPECTION_SOURCES:
            evidence[rule.dimension] = True
    for rule, reading in readings:
        counted = reading.points is not None and evidence.get(rule.dimension, False)
        if counted:
            sums[rule.dimension] += rule.weight * reading.points
            weights[rule.dimension] += rule.weight
        explanation.append(
            {
                "dimension": rule.dimension,
                "source": rule.source,
                "weight": str(rule.weight),
                "raw": None if reading.raw is None else str(_round(reading.raw)),
                "points": None if reading.points is None else str(_round(reading.points)),
                "counted": counted,
                "facts": reading.facts,
            }
        )
    scores: dict[str, Decimal | None] = {
        code: _round(sums[code] / weights[code]) if weights[code] else None for code in order
    }
    missing = [code for code in order if scores[code] is None]
    complete = not missing
    if complete:
        known = {code: value for code, value in scores.items() if value is not None}
        weakest: str | None = min(order, key=lambda code: (known[code], order.index(code)))
        weakest_score = known[weakest]
        overall = overall_of(known.values(), rubric.overall_margin)
        balanced = all(known[code] >= rubric.threshold(code) for code in order)
    else:
        weakest, weakest_score, overall, balanced = missing[0], None, None, False
    return ScoreResult(scores, overall, weakest, weakest_score, complete, balanced, explanation)
