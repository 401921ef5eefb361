"""The shared app's models (Django looks for them here)."""

from .accounts.models import AccountSetup

__all__ = ["AccountSetup"]
