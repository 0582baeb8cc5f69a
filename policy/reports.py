"""The policy app's reports, registered with the report engine (``core.reports``): a factory's
MIND scorecard for a fiscal year.

The round visit report and the round summary (PDF and XLSX across the offices of a round)
belong here too, registered the same way, once inspection rounds exist.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import reports
from core.models import Dimension
from core.pdf import render_pdf
from policy.models import RubricSource, Scorecard


def _find_scorecard(user, pk: int) -> Scorecard:
    return get_object_or_404(Scorecard.objects.visible_to(user), pk=pk)


def scorecard_pdf(pk: int, params: Mapping[str, Any]) -> bytes:
    card = Scorecard.objects.select_related(
        "factory__province", "factory__district", "office", "rubric", "weakest_dimension"
    ).get(pk=pk)
    rows = []
    for dimension in Dimension.objects.order_by("order"):
        value = card.score(dimension.code)
        threshold = card.rubric.threshold(dimension.code)
        rules = [
            {**entry, "source_label": RubricSource(entry["source"]).label}
            for entry in card.explanation
            if entry.get("dimension") == dimension.code
        ]
        rows.append(
            {
                "dimension": dimension,
                "score": value,
                "threshold": threshold,
                "below": value is not None and value < threshold,
                "weakest": dimension.code == card.weakest_dimension_id,
                "rules": rules,
            }
        )
    context = {"card": card, "factory": card.factory, "rows": rows}
    return render_pdf("policy/reports/scorecard.html", context)


def _filename(card: Scorecard, params: Mapping[str, Any]) -> str:
    return f"mind-{card.factory_id}-{card.fiscal_year}.pdf"


def _title(card: Scorecard, params: Mapping[str, Any]) -> str:
    return _("ผลการประเมิน MIND %(factory)s ปีงบประมาณ %(year)s") % {
        "factory": card.factory.display_name,
        "year": card.fiscal_year,
    }


def register() -> None:
    reports.register(
        reports.ReportKind(
            code="mind_scorecard",
            title=gettext_lazy("ผลการประเมิน MIND ของโรงงาน"),
            model="policy.scorecard",
            find=_find_scorecard,
            build=scorecard_pdf,
            filename=_filename,
            describe=_title,
            office_of=lambda card: card.office_id,
        )
    )
