"""The actions app's pages, one module per feature: lists and exports, the detail page,
editing, the ketenpartners' status updates (partner) and the programme page."""

from .building_blocks import building_block_links
from .detail import ActionDetailView
from .edit import (
    ActionCreateView,
    ActionDeleteView,
    ActionEditView,
    FormRowView,
    MilestoneDoneView,
    QuickUpdateView,
)
from .exports import export_detail, export_download, export_start, export_status
from .lists import ActionCsvExportView, ActionListView, ActionXlsxExportView
from .partner import my_actions, update_create, update_review, updates_accept_all
from .programme import ProgrammeDetailView, StatedBudgetView
from .risks import RiskCreateView, RiskDeleteView, RiskEditView, RiskListView
from .start import review_queue

__all__ = [
    "ActionCreateView",
    "ActionCsvExportView",
    "ActionDeleteView",
    "ActionDetailView",
    "ActionEditView",
    "ActionListView",
    "ActionXlsxExportView",
    "FormRowView",
    "MilestoneDoneView",
    "ProgrammeDetailView",
    "QuickUpdateView",
    "RiskCreateView",
    "StatedBudgetView",
    "building_block_links",
    "export_detail",
    "export_download",
    "export_start",
    "export_status",
    "RiskDeleteView",
    "RiskEditView",
    "RiskListView",
    "my_actions",
    "review_queue",
    "update_create",
    "update_review",
    "updates_accept_all",
]
