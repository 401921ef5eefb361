"""Every model of the monitoring app, in one place for Django's app registry and for code
outside the app.

Indicators and measurements are shared by the features and live in `measurements.py`;
each feature keeps its own models in its package (`imports/models.py`,
`reports/models.py`).
"""

from monitoring.imports.models import ImportBatch
from monitoring.models.measurements import Indicator, Measurement
from monitoring.national.models import NationalDocument
from monitoring.reports.freeze import FrozenReportError
from monitoring.reports.models import ProgressReport, ReportDownload
from monitoring.uitvraag.models import AnswerSheet, Question, Questionnaire

__all__ = [
    "AnswerSheet",
    "FrozenReportError",
    "ImportBatch",
    "Indicator",
    "Measurement",
    "NationalDocument",
    "ProgressReport",
    "Question",
    "Questionnaire",
    "ReportDownload",
]
