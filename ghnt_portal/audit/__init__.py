"""The audit trail (BIO 8.15): who did what to which object, with what result, from where
and when. Append-only: never changed or deleted through the application (read-only admin)
nor in the database (triggers installed by migration 0002).

This app is part of the lowest layer: it imports no portal app. Higher apps call
`audit.record(...)`, or connect their own signals to it (see `monitoring/audit.py`).
"""


def record(*args, **kwargs):
    """See `ghnt_portal.audit.services.record` (imported lazily: this package is loaded
    before the models are ready)."""
    from .services import record as _record

    return _record(*args, **kwargs)
