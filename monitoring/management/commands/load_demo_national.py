"""The national loop in the demo: see monitoring/national/demo.py."""

from django.core.management.base import BaseCommand
from django.test.utils import override_settings

from monitoring.national import demo


class Command(BaseCommand):
    help = (
        "Zet de landelijke kant van de demo klaar: een gepubliceerde uitvraag, beantwoord en "
        "verzonden door de demoregio's, en het landelijke regionale deel."
    )

    def handle(self, *args, **options):
        # The demo's reports are "sent" to the example address; not printed as e-mail.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            demo.load(self.stdout.write)
