"""Services of the policy app: reference data, rubric versions, scorecards."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.models import DIMENSION_CODES
from core.reference_data import LoadReport
from core.thaidates import current_fiscal_year
from factories.models import Factory
from offices.models import Office
from policy import kpis, reference, scoring, selectors
from policy.models import (
    KpiTarget,
    Rubric,
    RubricRule,
    RubricStatus,
    Scorecard,
)
from policy.permissions import may_set_targets

log = logging.getLogger(__name__)

RECOMPUTE_BATCH = 2000
SCORECARD_FIELDS = [
    "office",
    "rubric",
    *DIMENSION_CODES,
    "overall",
    "weakest_dimension",
    "weakest_score",
    "complete",
    "balanced",
    "computed_at",
    "explanation",
]


class NoRubric(Exception):
    """No published rubric for the fiscal year: publish one in admin first."""


# --- rubrics --------------------------------------------------------------------------------


@transaction.atomic
def rubric_default_create(*, fiscal_year: int) -> Rubric:
    """The shipped rubric (``policy.reference``) published for ``fiscal_year``."""
    rubric = Rubric.objects.create(
        fiscal_year=fiscal_year,
        version=1,
        thresholds=dict(reference.DEFAULT_THRESHOLDS),
        overall_margin=Decimal(reference.DEFAULT_OVERALL_MARGIN),
        change_note=_("เกณฑ์เริ่มต้นที่มากับระบบ"),
    )
    RubricRule.objects.bulk_create(
        RubricRule(
            rubric=rubric,
            dimension_id=dimension,
            source=source,
            weight=Decimal(weight),
            params=params,
            note=note,
        )
        for dimension, source, weight, params, note in reference.DEFAULT_RULES
    )
    return rubric_publish(rubric=rubric)


@transaction.atomic
def rubric_reference_load() -> LoadReport:
    """Ship the default rubric, published, for the current and the previous fiscal year.

    Idempotent: a fiscal year that has any rubric (perhaps tuned in admin) is left alone.
    """
    report = LoadReport()
    this_year = current_fiscal_year()
    for fiscal_year in (this_year - 1, this_year):
        if not Rubric.objects.filter(fiscal_year=fiscal_year).exists():
            rubric_default_create(fiscal_year=fiscal_year)
            report.count("mind rubric", created=1)
    return report


@transaction.atomic
def rubric_new_version(*, rubric: Rubric) -> Rubric:
    """A draft copy of ``rubric`` (thresholds and rules) as the next version of its year."""
    latest = (
        Rubric.objects.select_for_update()
        .filter(fiscal_year=rubric.fiscal_year)
        .order_by("-version")
        .first()
    )
    draft = Rubric.objects.create(
        fiscal_year=rubric.fiscal_year,
        version=(latest.version if latest else 0) + 1,
        thresholds=dict(rubric.thresholds),
        overall_margin=rubric.overall_margin,
    )
    RubricRule.objects.bulk_create(
        RubricRule(
            rubric=draft,
            dimension_id=rule.dimension_id,
            source=rule.source,
            weight=rule.weight,
            params=rule.params,
            note=rule.note,
        )
        for rule in rubric.rules.all()
    )
    return draft


@transaction.atomic
def rubric_publish(*, rubric: Rubric) -> Rubric:
    """Publish a draft; the year's previously published version is retired."""
    if rubric.status != RubricStatus.DRAFT:
        raise ValidationError(_("เผยแพร่ได้เฉพาะฉบับร่าง"))
    rubric.full_clean()
    if not rubric.rules.exists():
        raise ValidationError(_("เกณฑ์ต้องมีกฎการให้คะแนนอย่างน้อยหนึ่งข้อ"))
    for current in Rubric.objects.filter(
        fiscal_year=rubric.fiscal_year, status=RubricStatus.PUBLISHED
    ):
        current.status = RubricStatus.RETIRED
        current.save()
    rubric.status = RubricStatus.PUBLISHED
    rubric.published_at = timezone.now()
    rubric.save()
    return rubric


# --- scorecards -----------------------------------------------------------------------------


def _scorecard(
    *,
    factory_id: int,
    office_id: str | None,
    fiscal_year: int,
    rubric: Rubric,
    result: scoring.ScoreResult,
    now,
) -> Scorecard:
    return Scorecard(
        factory_id=factory_id,
        office_id=office_id,
        fiscal_year=fiscal_year,
        rubric=rubric,
        **result.scores,
        overall=result.overall,
        weakest_dimension_id=result.weakest,
        weakest_score=result.weakest_score,
        complete=result.complete,
        balanced=result.balanced,
        computed_at=now,
        explanation=result.explanation,
    )


def _save(cards: list[Scorecard]) -> None:
    """Insert or update by (factory, fiscal year) in one statement (PostgreSQL and SQLite)."""
    Scorecard.objects.bulk_create(
        cards,
        update_conflicts=True,
        unique_fields=["factory", "fiscal_year"],
        update_fields=SCORECARD_FIELDS,
    )


def _rubric_or_fail(fiscal_year: int) -> Rubric:
    rubric = selectors.rubric_in_force(fiscal_year=fiscal_year)
    if rubric is None:
        raise NoRubric(
            _("ยังไม่มีเกณฑ์การให้คะแนนที่เผยแพร่สำหรับปีงบประมาณ %(year)s") % {"year": fiscal_year}
        )
    return rubric


@transaction.atomic
def scorecard_compute(*, factory: Factory, fiscal_year: int) -> Scorecard:
    """Compute and save one factory's scorecard from its approved inspections and facts."""
    rubric = _rubric_or_fail(fiscal_year)
    spec = selectors.rubric_spec(rubric)
    facts = selectors.scoring_facts(
        factory_ids=[factory.pk],
        fiscal_year=fiscal_year,
        spec=spec,
        dimensions_of_item=selectors.item_dimensions(),
    )[factory.pk]
    result = scoring.score(facts, spec, selectors.dimension_order())
    _save(
        [
            _scorecard(
                factory_id=factory.pk,
                office_id=factory.office_id,
                fiscal_year=fiscal_year,
                rubric=rubric,
                result=result,
                now=timezone.now(),
            )
        ]
    )
    return Scorecard.objects.get(factory=factory, fiscal_year=fiscal_year)


@dataclass
class RecomputeReport:
    rows: int = 0
    balanced: int = 0
    complete: int = 0
    seconds: float = 0.0
    failed: list[int] = field(default_factory=list)


def _batches(ids: list[int], size: int) -> Iterator[list[int]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def _save_each_if_need_be(cards: list[Scorecard], report: RecomputeReport) -> int:
    """Save a batch in one statement; when that fails, card by card, skipping (and logging) the
    cards that cannot be saved. Returns how many were saved."""
    try:
        with transaction.atomic():
            _save(cards)
        return len(cards)
    except Exception:
        log.exception("a batch of %s scorecards failed; saving them one by one", len(cards))
    saved = 0
    for card in cards:
        try:
            with transaction.atomic():
                _save([card])
        except Exception:
            log.exception("scorecard of factory %s failed", card.factory_id)
            report.failed.append(card.factory_id)
        else:
            saved += 1
    return saved


def scorecards_recompute(
    *, fiscal_year: int, office: Office | None = None, batch_size: int = RECOMPUTE_BATCH
) -> RecomputeReport:
    """Recompute the scorecards of every factory in the register (of one office, or all).

    Each batch costs a fixed number of queries — the facts (six), the upsert (one) — however
    many factories it holds. Factories removed from the register keep their past scorecards.
    Every batch is its own transaction, so a long national run holds no lock for long and a run
    cut short leaves whole batches; running again recomputes all of them.
    """
    began = time.monotonic()
    rubric = _rubric_or_fail(fiscal_year)
    spec = selectors.rubric_spec(rubric)
    dims = selectors.item_dimensions()
    order = selectors.dimension_order()
    factories = Factory.objects.active()
    if office is not None:
        factories = factories.filter(office=office)
    offices = dict(factories.order_by("pk").values_list("pk", "office_id"))
    report = RecomputeReport()
    for batch in _batches(list(offices), batch_size):
        facts = selectors.scoring_facts(
            factory_ids=batch, fiscal_year=fiscal_year, spec=spec, dimensions_of_item=dims
        )
        now = timezone.now()
        cards = []
        for factory_id in batch:
            try:
                result = scoring.score(facts[factory_id], spec, order)
            except Exception:
                # One factory's odd data must not leave the rest of the nation unscored.
                log.exception(
                    "scorecard of factory %s, fiscal year %s failed", factory_id, fiscal_year
                )
                report.failed.append(factory_id)
                continue
            report.balanced += result.balanced
            report.complete += result.complete
            cards.append(
                _scorecard(
                    factory_id=factory_id,
                    office_id=offices[factory_id],
                    fiscal_year=fiscal_year,
                    rubric=rubric,
                    result=result,
                    now=now,
                )
            )
        report.rows += _save_each_if_need_be(cards, report)
    report.seconds = time.monotonic() - began
    return report


def scorecards_refresh_on_facts(
    sender, *, factory_ids: frozenset[int], fiscal_years: frozenset[int] = frozenset(), **kwargs
) -> None:
    """Receiver of ``factories.events.factory_facts_changed`` (connected in ``PolicyConfig``):
    queue a refresh of each factory's scorecards. The event is sent after commit, so the worker
    reads the new facts."""
    from policy.tasks import factory_scorecards_refresh

    for factory_id in sorted(factory_ids):
        factory_scorecards_refresh.delay(factory_id, sorted(fiscal_years))


def scorecard_years_to_refresh(*, factory_id: int, fiscal_years: Iterable[int] = ()) -> list[int]:
    """The fiscal years whose scorecard a change of the factory's facts may move: those named,
    the current one, and every year the factory already has a scorecard for (a certificate
    or a complaint edited later moves a past year's card too)."""
    years = set(fiscal_years) | {current_fiscal_year()}
    years |= set(
        Scorecard.objects.filter(factory_id=factory_id).values_list("fiscal_year", flat=True)
    )
    return sorted(years)


# --- KPI targets ------------------------------------------------------------------------------


def _may_set_targets_or_refuse(user) -> None:
    if not may_set_targets(user):
        raise PermissionDenied(_("เฉพาะผู้บริหารกระทรวงและผู้ดูแลระบบเท่านั้นที่กำหนดค่าเป้าหมายได้"))


@transaction.atomic
def national_targets_save(
    *, fiscal_year: int, values: dict[str, Decimal | None], user
) -> list[KpiTarget]:
    """The national default of each KPI in ``values`` for ``fiscal_year``: a value sets it, None
    removes it (the registry's default applies again). All or nothing."""
    _may_set_targets_or_refuse(user)
    saved = []
    for code, value in values.items():
        kpis.get(code)
        current = KpiTarget.objects.national().filter(kpi=code, fiscal_year=fiscal_year).first()
        if value is None:
            if current is not None:
                current.delete()
            continue
        if current is not None and current.value == value:
            saved.append(current)
            continue
        target = current or KpiTarget(kpi=code, fiscal_year=fiscal_year)
        target.value = value
        target.full_clean()
        target.save()
        saved.append(target)
    return saved


@transaction.atomic
def office_target_save(
    *, fiscal_year: int, kpi: str, office: Office, value: Decimal, note: str = "", user
) -> KpiTarget:
    """An office's own target for one KPI and year, made or changed."""
    _may_set_targets_or_refuse(user)
    kpis.get(kpi)
    target = KpiTarget.objects.filter(kpi=kpi, fiscal_year=fiscal_year, office=office).first()
    target = target or KpiTarget(kpi=kpi, fiscal_year=fiscal_year, office=office)
    target.value, target.note = value, note
    target.full_clean()
    target.save()
    return target


@transaction.atomic
def office_target_remove(*, target: KpiTarget, user) -> None:
    """Removes an office's own target: the national default applies to it again."""
    _may_set_targets_or_refuse(user)
    if target.office_id is None:
        raise ValidationError(
            _("ค่าเป้าหมายระดับประเทศลบจากรายการนี้ไม่ได้ ให้เว้นว่างในช่องค่าเป้าหมายระดับประเทศแทน")
        )
    target.delete()
