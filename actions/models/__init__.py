"""The actions app's models, one module per feature; import them from here."""

from .actions import Action, ExpectedResult, FundingSource, non_negative
from .budget import BudgetLine, PrintedBudgetTotal
from .exports import ActionExport
from .milestones import Milestone
from .risks import Risk
from .updates import ReminderLog, StatusUpdate, StatusUpdateMilestone, StatusUpdateResult

__all__ = [
    "Action",
    "ActionExport",
    "BudgetLine",
    "ExpectedResult",
    "FundingSource",
    "Milestone",
    "PrintedBudgetTotal",
    "ReminderLog",
    "Risk",
    "StatusUpdate",
    "StatusUpdateMilestone",
    "StatusUpdateResult",
    "non_negative",
]
