"""The forms of the directives tracker (its filters) and of a directive's progress report."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core import bounds
from core.forms import BEDateField
from policy.models import OPEN_DIRECTIVE_STATUSES, Directive, DirectiveStatus

# The assignee filter: the office itself, or one ministry unit as ``unit-<pk>``.
ASSIGNEE_OFFICE = "office"
UNIT_PREFIX = "unit-"
# Not a status of its own: "not yet done", both open statuses at once.
STATUS_ACTIVE = "active"

FILTER_DATES = bounds.DateBetween(bounds.INSPECTION_FIRST_DATE, bounds.LAST_DATE)


@dataclass(frozen=True)
class DirectiveFilters:
    """What the tracker was asked to show; empty means "all"."""

    assignee: str = ""
    status: str = ""
    due_from: dt.date | None = None
    due_to: dt.date | None = None
    round: int | None = None
    region: int | None = None
    office: str = ""
    overdue: bool = False

    def q(self, today: dt.date) -> Q:
        """The filter of the directives these choices leave."""
        q = Q()
        if self.assignee == ASSIGNEE_OFFICE:
            q &= Q(unit__isnull=True)
        elif self.assignee.startswith(UNIT_PREFIX):
            q &= Q(unit_id=int(self.assignee.removeprefix(UNIT_PREFIX)))
        if self.status == STATUS_ACTIVE:
            q &= Q(status__in=OPEN_DIRECTIVE_STATUSES)
        elif self.status:
            q &= Q(status=self.status)
        if self.due_from:
            q &= Q(due_on__gte=self.due_from)
        if self.due_to:
            q &= Q(due_on__lte=self.due_to)
        if self.round:
            q &= Q(visit__round_id=self.round)
        if self.region:
            q &= Q(visit__office__region_id=self.region)
        if self.office:
            q &= Q(visit__office_id=self.office)
        if self.overdue:
            q &= Directive.overdue_q(today)
        return q

    @property
    def narrowing(self) -> int:
        """How many filters are set (the badge on the phone's filter button)."""
        return sum(
            bool(value)
            for value in (
                self.assignee,
                self.status,
                self.due_from,
                self.due_to,
                self.round,
                self.region,
                self.office,
                self.overdue,
            )
        )


class DirectiveFilterForm(forms.Form):
    """The tracker's filters. A malformed value is dropped (and said so under its box), never
    an error page."""

    assignee = forms.ChoiceField(label=_("ผู้รับผิดชอบ"), required=False)
    status = forms.ChoiceField(label=_("สถานะ"), required=False)
    due_from = BEDateField(label=_("กำหนดเสร็จตั้งแต่"), required=False, date_bounds=FILTER_DATES)
    due_to = BEDateField(label=_("ถึง"), required=False, date_bounds=FILTER_DATES)
    round = forms.TypedChoiceField(
        label=_("รอบการตรวจราชการ"), required=False, coerce=int, empty_value=None
    )
    region = forms.TypedChoiceField(
        label=_("เขตตรวจราชการ"), required=False, coerce=int, empty_value=None
    )
    office = forms.ChoiceField(label=_("สำนักงาน"), required=False)
    overdue = forms.BooleanField(label=_("เฉพาะที่เลยกำหนด"), required=False)

    def __init__(
        self,
        *args,
        units: list[tuple[int, str]] | None,
        rounds: list[tuple[int, str]],
        regions: list[tuple[int, str]] | None,
        offices: list[tuple[str, str]] | None,
        **kwargs,
    ) -> None:
        """``None`` for a list removes its filter: a unit's people see their unit's directives
        only, an office's people their office's only."""
        super().__init__(*args, **kwargs)
        if units is None:
            del self.fields["assignee"]
        else:
            self.fields["assignee"].choices = [
                ("", _("ทุกผู้รับผิดชอบ")),
                (ASSIGNEE_OFFICE, _("สำนักงานอุตสาหกรรมจังหวัด")),
                *((f"{UNIT_PREFIX}{pk}", label) for pk, label in units),
            ]
        self.fields["status"].choices = [
            ("", _("ทุกสถานะ")),
            (STATUS_ACTIVE, _("ยังไม่แล้วเสร็จ")),
            *DirectiveStatus.choices,
        ]
        self.fields["round"].choices = [("", _("ทุกรอบ")), *rounds]
        for name, choices, everything in (
            ("region", regions, _("ทุกเขต")),
            ("office", offices, _("ทุกสำนักงาน")),
        ):
            if choices is None or len(choices) < 2:
                del self.fields[name]
            else:
                self.fields[name].choices = [("", everything), *choices]

    def filters(self) -> DirectiveFilters:
        """The valid part of what was asked; a bad field counts as not given."""
        if not self.is_bound:
            return DirectiveFilters()
        self.is_valid()
        data = {
            name: self.cleaned_data.get(name) for name in self.fields if name not in self.errors
        }
        return DirectiveFilters(
            assignee=data.get("assignee") or "",
            status=data.get("status") or "",
            due_from=data.get("due_from"),
            due_to=data.get("due_to"),
            round=data.get("round"),
            region=data.get("region"),
            office=data.get("office") or "",
            overdue=bool(data.get("overdue")),
        )


PROGRESS_DATES = bounds.DateBetween(bounds.INSPECTION_FIRST_DATE, bounds.LAST_DATE)


class DirectiveProgressForm(forms.Form):
    """A dated progress report on a directive; the service decides whether it may close it."""

    on = BEDateField(
        label=_("วันที่รายงาน"),
        date_bounds=PROGRESS_DATES,
        error_messages={"required": _("กรุณาระบุวันที่รายงาน")},
    )
    text = forms.CharField(
        label=_("ความคืบหน้า"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("กรุณาระบุความคืบหน้าที่ดำเนินการ")},
    )
    status = forms.ChoiceField(
        label=_("สถานะหลังรายงาน"),
        choices=[
            (DirectiveStatus.IN_PROGRESS, DirectiveStatus.IN_PROGRESS.label),
            (DirectiveStatus.DONE, DirectiveStatus.DONE.label),
            (DirectiveStatus.OPEN, DirectiveStatus.OPEN.label),
        ],
        error_messages={"invalid_choice": _("กรุณาเลือกสถานะจากรายการ")},
    )
    evidence = forms.CharField(
        label=_("หลักฐานการดำเนินการ"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("จำเป็นเมื่อรายงานว่าดำเนินการแล้วเสร็จ เช่น เลขที่หนังสือ รายงาน หรือผลที่เกิดขึ้น"),
    )

    def __init__(self, *args, directive: Directive, **kwargs) -> None:
        kwargs.setdefault(
            "initial",
            {
                "on": timezone.localdate(),
                "status": DirectiveStatus.IN_PROGRESS
                if directive.status == DirectiveStatus.OPEN
                else directive.status,
            },
        )
        super().__init__(*args, **kwargs)
