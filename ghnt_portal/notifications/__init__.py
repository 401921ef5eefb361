"""E-mail notifications, sent by the background worker, with each user's choice per kind of
event: at once, in one daily digest, or not at all.

This shared layer knows no roles or records. The apps that do register their events
(`registry.register_event`, in their `AppConfig.ready()`) and decide who is told what;
`services.notify` then records the notification once (idempotent, by a key) and sends it or
keeps it for the digest, as the user chose. Notifications about actions live in actions,
about toezeggingen in governance, about reports in monitoring.
"""
