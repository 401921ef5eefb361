from django.core.management.base import BaseCommand

from ghnt_portal.demo import load_all
from programmes.demo import DEMO_PASSWORD


class Command(BaseCommand):
    help = "Laadt de demodata uit fixtures/ (kan vaker draaien: wijzigt dan niets)."

    def add_arguments(self, parser):
        parser.add_argument("--no-users", action="store_true", help="Geen demogebruikers aanmaken.")

    def handle(self, *args, no_users=False, **options):
        result = load_all(with_users=not no_users)
        self.stdout.write(self.style.SUCCESS(f"Demodata geladen: {result['regions']} regio's."))
        if not no_users:
            self.stdout.write(
                f"Demogebruikers hebben het wachtwoord {DEMO_PASSWORD!r} (zie README)."
            )
