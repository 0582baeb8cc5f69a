"""Change histories as a person reads them, for any model that django-simple-history records.

``object_history(obj)`` (or a ``Source`` of any historical queryset, several folded together)
gives the changes newest first: who made each (their name, or "ระบบ" when nobody signed in did),
when (Buddhist Era), whether the record was created, changed or deleted, and for a change each
field that changed, by its verbose name, with its value before and after as a person reads it
(choice labels, the name of a related record, dates in the Buddhist Era, yes or no in Thai, long
text shortened). Fields kept for the machine (``id``, ``created_at``, ``updated_at``) are left
out.

A person's versions saved one after another within a few minutes (the inspection form saves
itself as the officer types) are one entry: the value before the first and after the last.
Versions saved by nobody (imports, the worker, scripts) are each an event of their own.

Each source is read in one query, whatever the number of versions, plus one query when the read
stops at its cap (the version before the oldest read, to tell what it changed), plus one query
for each kind of related record whose names the changes show; ``templates/core/_history.html``
shows the result.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from typing import Any

from django.db.models import F, Field, Model, Q, QuerySet, Window
from django.db.models.functions import RowNumber
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from core.thaidates import format_be_date, format_be_datetime, format_be_datetime_range

# Versions saved by one person, each within this time of the one before, are one sitting.
AUTOSAVE_WINDOW = dt.timedelta(minutes=10)
# Entries a history page shows; versions read for them from each source.
SHOWN = 50
READ_PER_ENTRY = 10
# Text longer than this is shortened, with an ellipsis.
TEXT_SHOWN = 120
NOT_SHOWN = frozenset({"id", "created_at", "updated_at"})
EMPTY = "–"

CREATED, CHANGED, DELETED = "+", "~", "-"


@dataclass(frozen=True)
class Source:
    """Versions to show, and how to read them.

    ``versions``: a simple-history queryset (``obj.history.all()``, or the versions of several
    records, such as an inspection's answers); ``label``: what those records are, shown on
    each entry when the history folds in records other than the object itself (``คำตอบ``);
    ``exclude``: fields not to show; ``split_on``: fields whose change starts an entry of its
    own even within a sitting (an inspection's status); ``subject``: fields that name the
    record a change belongs to, when a source holds several (an answer's item);
    ``on_create``: fields shown, with their first value, when a record is created."""

    versions: QuerySet
    label: str = ""
    exclude: frozenset[str] | tuple[str, ...] = ()
    split_on: tuple[str, ...] = ()
    subject: tuple[str, ...] = ()
    on_create: tuple[str, ...] = ()


@dataclass(frozen=True)
class FieldChange:
    """One field as it was before a change and after it, ready to show."""

    label: str
    before: str
    after: str
    subject: str = ""


@dataclass(frozen=True)
class HistoryEntry:
    """One line of a history: one version, or a person's sitting of versions collapsed."""

    kind: str  # CREATED, CHANGED or DELETED
    user: Any | None
    first: dt.datetime
    last: dt.datetime
    count: int = 1
    label: str = ""
    subject: str = ""
    reason: str = ""
    changes: tuple[FieldChange, ...] = ()

    @property
    def who(self) -> str:
        return str(self.user) if self.user is not None else _("ระบบ")

    @property
    def kind_label(self) -> str:
        if self.kind == CREATED:
            return _("สร้าง")
        if self.kind == DELETED:
            return _("ลบ")
        return _("แก้ไข")

    @property
    def when(self) -> str:
        """In the Buddhist Era: one moment, or the span of the versions collapsed."""
        if self.count == 1 or _same_minute(self.first, self.last):
            return format_be_datetime(self.last)
        return format_be_datetime_range(self.first, self.last)


@dataclass(frozen=True)
class History:
    """The entries shown, newest first, and whether older ones were left out."""

    entries: list[HistoryEntry] = field(default_factory=list)
    more: bool = False
    limit: int = SHOWN

    def __iter__(self) -> Iterator[HistoryEntry]:
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    def __getitem__(self, index: int) -> HistoryEntry:
        return self.entries[index]

    def __bool__(self) -> bool:
        return bool(self.entries)


def _same_minute(first: dt.datetime, last: dt.datetime) -> bool:
    return format_be_datetime(first) == format_be_datetime(last)


def source_of(subject: Model | QuerySet, **options: Any) -> Source:
    """A source of one object's versions, or of a historical queryset as given."""
    versions = subject if isinstance(subject, QuerySet) else subject.history.all()
    return Source(versions, **options)


def object_history(
    subject: Model | QuerySet | Source,
    *more_sources: Model | QuerySet | Source,
    limit: int = SHOWN,
    window: dt.timedelta = AUTOSAVE_WINDOW,
    read: int | None = None,
) -> History:
    """The latest ``limit`` entries of the history of one object, a historical queryset, or
    several sources folded together (newest first, by when each entry ended). At most
    ``read`` versions are read from each source (``READ_PER_ENTRY`` for each entry unless
    told: a sitting of autosaves is many versions, an import one)."""
    sources = [s if isinstance(s, Source) else source_of(s) for s in (subject, *more_sources)]
    read = max(read or limit * READ_PER_ENTRY, 1)
    runs: list[_Run] = []
    more = False
    for source in sources:
        source_runs, capped = _runs(source, read=read, window=window)
        runs.extend(source_runs)
        more = more or capped
    runs.sort(key=lambda run: run.last_date, reverse=True)
    more = more or len(runs) > limit
    runs = runs[:limit]
    names = _related_names(runs)
    return History([run.entry(names) for run in runs], more=more, limit=limit)


# --- reading the versions ------------------------------------------------------------------


@dataclass
class _Run:
    """Versions of one source made one entry, newest first, with for each record the version
    before its oldest one here (``None`` when that is its creation or is not known)."""

    source: Source
    fields: list[Field]
    key: str  # the attribute of a version that names its record
    records: list[Any]
    before: dict[Any, Any | None] = field(default_factory=dict)

    @property
    def newest(self) -> Any:
        return self.records[0]

    @property
    def oldest(self) -> Any:
        return self.records[-1]

    @property
    def last_date(self) -> dt.datetime:
        return self.newest.history_date

    @cached_property
    def pairs(self) -> list[tuple[Any, Any, Field, object, object]]:
        """(record id, newest version, field, before, after) for what the run changed."""
        return list(self._pairs())

    def _pairs(self) -> Iterator[tuple[Any, Any, Field, object, object]]:
        newest_of: dict[Any, Any] = {}
        oldest_of: dict[Any, Any] = {}
        for record in self.records:
            newest_of.setdefault(getattr(record, self.key), record)
            oldest_of[getattr(record, self.key)] = record
        for key, after in newest_of.items():
            first = oldest_of[key]
            if after.history_type == DELETED:
                continue
            created = first.history_type == CREATED
            base = first if created else self.before.get(key)
            if base is None:
                continue
            for f in self.fields:
                new = getattr(after, f.attname)
                if created and f.name in self.source.on_create:
                    if new not in (None, ""):
                        yield key, after, f, None, new
                elif getattr(base, f.attname) != new:
                    yield key, after, f, getattr(base, f.attname), new

    def entry(self, names: dict[tuple[type, object], str]) -> HistoryEntry:
        source = self.source
        kinds = {r.history_type for r in self.records}
        first_kinds = {}
        for record in self.records:
            first_kinds[getattr(record, self.key)] = record.history_type
        if DELETED in kinds:
            kind = DELETED
        elif all(k == CREATED for k in first_kinds.values()):
            kind = CREATED
        else:
            kind = CHANGED
        several = len(first_kinds) > 1
        changes = tuple(
            FieldChange(
                str(f.verbose_name),
                _shown(f, before, names),
                _shown(f, after, names),
                _subject(source, record, names) if several else "",
            )
            for _key, record, f, before, after in self.pairs
        )
        return HistoryEntry(
            kind=kind,
            user=self.newest.history_user,
            first=self.oldest.history_date,
            last=self.newest.history_date,
            count=len(self.records),
            label=source.label,
            subject="" if several else _subject(source, self.newest, names),
            reason=self.newest.history_change_reason or "",
            changes=changes,
        )


def _record_key(source: Source) -> str:
    return source.versions.model.instance_type._meta.pk.attname


def _tracked_fields(source: Source) -> list[Field]:
    pk = source.versions.model.instance_type._meta.pk.name
    left_out = NOT_SHOWN | frozenset(source.exclude) | {pk}
    return [f for f in source.versions.model.tracked_fields if f.name not in left_out]


def _newest_first(versions: QuerySet) -> QuerySet:
    return versions.order_by("-history_date", "-history_id")


def _runs(source: Source, *, read: int, window: dt.timedelta) -> tuple[list[_Run], bool]:
    """The source's latest ``read`` versions as runs, and whether older versions were left."""
    fields = _tracked_fields(source)
    key = _record_key(source)
    records = list(_newest_first(source.versions.select_related("history_user"))[: read + 1])
    capped = len(records) > read
    records = records[:read]
    # The version before each one, of the same record, where the read holds it.
    older: dict[int, Any] = {}
    last_seen: dict[Any, Any] = {}
    for record in reversed(records):
        if getattr(record, key) in last_seen:
            older[record.history_id] = last_seen[getattr(record, key)]
        last_seen[getattr(record, key)] = record
    if capped:
        _read_versions_before(source, key, records, older)
    split = [f.attname for f in fields if f.name in source.split_on]

    runs: list[_Run] = []
    run: _Run | None = None
    # The oldest version of each record in the run so far.
    run_oldest: dict[Any, Any] = {}
    for record in records:
        if run is not None and _joins(
            run, run_oldest.get(getattr(record, key)), record, split, window
        ):
            run.records.append(record)
        else:
            run = _Run(source, fields, key, [record])
            runs.append(run)
            run_oldest = {}
        run_oldest[getattr(record, key)] = record
    for run in runs:
        for record in run.records:
            run.before[getattr(record, key)] = older.get(record.history_id)
    return runs, capped


def _joins(
    run: _Run,
    next_of_same: Any | None,
    record: Any,
    split: list[str],
    window: dt.timedelta,
) -> bool:
    """Whether an older ``record`` belongs to the same sitting as ``run``."""
    oldest = run.oldest
    if record.history_user_id is None or record.history_user_id != oldest.history_user_id:
        return False
    if oldest.history_date - record.history_date > window:
        return False
    if DELETED in (record.history_type, run.newest.history_type):
        return False
    if (record.history_change_reason or "") != (oldest.history_change_reason or ""):
        return False
    # A change of a field that splits (a status) starts a new entry.
    return next_of_same is None or all(
        getattr(next_of_same, name) == getattr(record, name) for name in split
    )


def _read_versions_before(
    source: Source, key: str, records: list[Any], older: dict[int, Any]
) -> None:
    """For the records whose oldest version read is not their creation, read in one query the
    version before the read's boundary, which is the one before that oldest version."""
    oldest_of: dict[Any, Any] = {}
    for record in records:
        oldest_of[getattr(record, key)] = record
    wanted = {k: r for k, r in oldest_of.items() if r.history_type != CREATED}
    if not wanted:
        return
    edge = records[-1]
    earlier = Q(history_date__lt=edge.history_date) | Q(
        history_date=edge.history_date, history_id__lt=edge.history_id
    )
    found = (
        source.versions.filter(earlier, **{f"{key}__in": list(wanted)})
        .annotate(
            newest_rank=Window(
                RowNumber(),
                partition_by=[F(key)],
                order_by=[F("history_date").desc(), F("history_id").desc()],
            )
        )
        .filter(newest_rank=1)
        .order_by()
    )
    for version in found:
        older[wanted[getattr(version, key)].history_id] = version


# --- showing the values ----------------------------------------------------------------------


def _subject(source: Source, record: Any, names: dict[tuple[type, object], str]) -> str:
    if not source.subject:
        return ""
    fields = {f.name: f for f in source.versions.model.tracked_fields}
    shown = [
        _shown(fields[name], getattr(record, fields[name].attname), names)
        for name in source.subject
    ]
    return " · ".join(text for text in shown if text != EMPTY)


def _related_names(runs: Iterable[_Run]) -> dict[tuple[type, object], str]:
    """(related model, key) → the record's name, for every key the runs show: one query for
    each related model."""
    wanted: dict[type, set[object]] = {}

    def want(f: Field, *values: object) -> None:
        if f.is_relation and f.related_model is not None:
            wanted.setdefault(f.related_model, set()).update(v for v in values if v is not None)

    for run in runs:
        fields = {f.name: f for f in run.source.versions.model.tracked_fields}
        for name in run.source.subject:
            for record in run.records:
                want(fields[name], getattr(record, fields[name].attname))
        for _key, _record, f, before, after in run.pairs:
            want(f, before, after)
    names: dict[tuple[type, object], str] = {}
    for model, keys in wanted.items():
        for key, related in model._default_manager.in_bulk(keys).items():
            names[(model, key)] = str(related)
    return names


def _shortened(text: str) -> str:
    return text if len(text) <= TEXT_SHOWN else f"{text[: TEXT_SHOWN - 1]}…"


def shown_value(f: Field, value: object, names: dict[tuple[type, object], str]) -> str:
    """A field's value in a version, as a person reads it."""
    return _shown(f, value, names)


def _shown(f: Field, value: object, names: dict[tuple[type, object], str]) -> str:
    if value is None or value == "" or value == [] or value == {}:
        return EMPTY
    if f.is_relation:
        return _shortened(names.get((f.related_model, value), str(value)))
    if f.choices:
        return str(dict(f.flatchoices).get(value, value))
    if isinstance(value, bool):
        return str(_("ใช่") if value else _("ไม่ใช่"))
    if isinstance(value, dt.datetime):
        return format_be_datetime(value)
    if isinstance(value, dt.date):
        return format_be_date(value)
    if isinstance(value, Decimal):
        return f"{value.normalize():,f}"
    if isinstance(value, dict | list):
        return _shortened(json.dumps(value, ensure_ascii=False, sort_keys=True))
    text = str(value)
    return _shortened(text) if text else EMPTY


# --- the page --------------------------------------------------------------------------------


def history_page(
    request: HttpRequest, history: History, *, title: str, crumbs: list[tuple[str, str]]
) -> HttpResponse:
    """A history page: ``title`` names the object, ``crumbs`` (label, URL) lead back to it, the
    last being the object's own page. An HTMX request (not boosted) gets the list alone."""
    context = {"history": history, "title": title, "crumbs": crumbs}
    if getattr(request, "htmx", False) and not request.htmx.boosted:
        return render(request, "core/_history.html", context)
    return render(request, "core/history_page.html", context)
