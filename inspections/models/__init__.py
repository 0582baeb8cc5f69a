"""Models of the inspections app, one module per part of the work."""

from inspections.models.checklists import (
    AppliesWhen,
    ChecklistItem,
    ChecklistSection,
    ChecklistTemplate,
    ChecklistVersion,
    Compliance,
    ItemKind,
    Severity,
    VersionStatus,
)

__all__ = [
    "AppliesWhen",
    "ChecklistItem",
    "ChecklistSection",
    "ChecklistTemplate",
    "ChecklistVersion",
    "Compliance",
    "ItemKind",
    "Severity",
    "VersionStatus",
]
