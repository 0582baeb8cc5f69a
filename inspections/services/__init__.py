"""Services of the inspections app, one module per part of the work.

``reference_data_load`` stays importable from here for ``load_reference_data``.
"""

from inspections.services.checklists import (
    checklist_version_new_draft,
    checklist_version_publish,
    reference_data_load,
)

__all__ = ["checklist_version_new_draft", "checklist_version_publish", "reference_data_load"]
