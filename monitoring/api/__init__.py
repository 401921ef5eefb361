"""Read-only JSON API of this app (issue 17); wired in ghnt_portal/urls.py."""
