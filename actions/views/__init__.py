from .detail import ActionDetailView
from .edit import (
    ActionCreateView,
    ActionDeleteView,
    ActionEditView,
    MilestoneDoneView,
    QuickUpdateView,
)
from .lists import ActionCsvExportView, ActionListView, ActionXlsxExportView

__all__ = [
    "ActionCreateView",
    "ActionCsvExportView",
    "ActionDeleteView",
    "ActionDetailView",
    "ActionEditView",
    "ActionListView",
    "ActionXlsxExportView",
    "MilestoneDoneView",
    "QuickUpdateView",
]
