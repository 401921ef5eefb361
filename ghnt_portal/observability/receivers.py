"""Signals counted in the metrics: failed logins, lockouts, database queries."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_login_failed

from axes.signals import user_locked_out

from . import metrics


def _login_failed(sender: Any = None, **kwargs: Any) -> None:
    metrics.LOGIN_FAILURES.inc()


def _locked_out(sender: Any = None, **kwargs: Any) -> None:
    metrics.LOCKOUTS.inc()


def connect() -> None:
    user_login_failed.connect(_login_failed, dispatch_uid="metrics_login_failed")
    user_locked_out.connect(_locked_out, dispatch_uid="metrics_lockout")
    metrics.connect()
