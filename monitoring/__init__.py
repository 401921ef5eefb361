"""Monitoring: measurements, dashboards, the national view and the half-yearly reports.

One sub-package per feature, each with the rooms it needs (models, querysets, services,
forms, views, tasks):

- `imports/`   upload measurements (CSV/xlsx) -> preview -> import all or nothing
- `dashboard/` a programme's dashboard: data (services), suppression, SVG charts, views
- `national/`  every region side by side, for the Rijk
- `reports/`   the half-yearly progress report: snapshot, PDF, freeze rule, triggers, tasks

Shared by the features, at the app level: `models/` (every model; indicators and
measurements in `models/measurements.py`), `querysets.py`, `constants.py`, `admin.py`,
`urls.py` and `tasks.py` (where Celery finds the report tasks).
Features depend on each other in one direction: reports -> dashboard (a report freezes
the dashboard's data), national -> dashboard; models are shared by all.
"""
