from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from ghnt_portal.demo import load_all
from programmes.demo import DEMO_PASSWORD

SHOWN = 10  # records left alone named in the output; the rest counted


class Command(BaseCommand):
    help = (
        "Laadt de demodata uit fixtures/. Op een database waarin in het portaal is gewerkt "
        "voegt het alleen toe wat ontbreekt en verandert het niets; --reset zet de demodata "
        "terug (en overschrijft daarmee wijzigingen van gebruikers)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--no-users", action="store_true", help="Geen demogebruikers aanmaken.")
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Zet gewijzigde demodata terug naar fixtures/, ook als gebruikers in het "
            "portaal hebben gewerkt (met een historieregel en een nieuwe versie).",
        )
        parser.add_argument(
            "--user",
            help="Gebruikersnaam die in de historie staat bij wat de lader verandert.",
        )

    def handle(self, *args, no_users=False, reset=False, user=None, **options):
        actor = None
        if user:
            actor = get_user_model().objects.filter(username=user).first()
            if actor is None:
                raise CommandError(f"Gebruiker {user!r} bestaat niet.")
        result = load_all(with_users=not no_users, reset=reset, user=actor)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demodata geladen: {result['regions']} regio's; {result['created']} records "
                f"toegevoegd, {result['changed']} bijgewerkt."
            )
        )
        if result["add_only"]:
            self._report_kept(result)
        elif reset and result["work"]:
            self.stdout.write(
                self.style.WARNING(
                    f"--reset: de demodata is teruggezet ({result['changed']} records), ook "
                    "waar gebruikers in het portaal wijzigingen hadden gemaakt; dat staat in de "
                    "historie. Wat gebruikers toevoegden (bijvoorbeeld voortgangsupdates) blijft."
                )
            )
        if not no_users and result["created"]:
            self.stdout.write(
                f"Nieuwe demogebruikers hebben het wachtwoord {DEMO_PASSWORD!r} (zie README)."
            )
        if not no_users and settings.DEBUG:
            self.stdout.write(
                "De tweede inlogstap (projectleiders, beheerder): de code van de demo-app geeft "
                "python manage.py democode <gebruikersnaam>, bijvoorbeeld projectleider-zawa."
            )

    def _report_kept(self, result):
        work = ", ".join(f"{count} {what}" for what, count in result["work"].items())
        kept = result["kept"]
        lines = [
            f"In dit portaal is al gewerkt ({work}).",
            "Daarom is alleen toegevoegd wat ontbrak; bestaande gegevens zijn niet veranderd.",
        ]
        if kept:
            lines.append(
                f"{len(kept)} record(s) wijken af van de demodata en zijn gelaten zoals ze zijn:"
            )
            lines += [f"  - {item}" for item in kept[:SHOWN]]
            if len(kept) > SHOWN:
                lines.append(f"  ... en nog {len(kept) - SHOWN}")
        lines.append(
            "Wilt u de demodata toch terugzetten (dat overschrijft die wijzigingen)? "
            "Gebruik: manage.py load_demo --reset"
        )
        self.stdout.write(self.style.WARNING("\n".join(lines)))
