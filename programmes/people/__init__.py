"""People of a region: the projectleider invites employees of partner organisations to the
region's programmes (an account, a ketenpartner role at once, an e-mail with a one-time link
to set a password). Rooms as every feature: forms, services, views, urls; the e-mail task is
in programmes/tasks.py (where Celery looks for it). `names.py`: how the portal names a
person to others (full name and organisation, never the login)."""
