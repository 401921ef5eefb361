from django.core.management.base import BaseCommand, CommandError

from ghnt_portal.accounts.demo_devices import DemoCodeError, current_code


class Command(BaseCommand):
    help = (
        "Toont de code van de demo-app van een demogebruiker voor de tweede inlogstap "
        "(alleen met DEBUG aan, zoals bij make run)."
    )

    def add_arguments(self, parser):
        parser.add_argument("username", help="Bijvoorbeeld projectleider-zawa.")

    def handle(self, *args, username, **options):
        try:
            code, valid_for = current_code(username)
        except DemoCodeError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(code)
        if options["verbosity"] > 0:
            self.stderr.write(f"Geldig nog ongeveer {valid_for} seconden.")
