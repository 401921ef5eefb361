from django.core.management.base import BaseCommand, CommandError

from ghnt_portal.backup import BackupError, restore


class Command(BaseCommand):
    help = (
        "Zet een back-up van `manage.py backup` terug in een LEGE database en de opslag, en "
        "controleert daarna elke tabel en elk bestand. --force vervangt een niet-lege database."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", help="De map van de back-up.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Eerst ALLES in de database verwijderen en bestanden overschrijven.",
        )

    def handle(self, *args, directory, force, **options):
        try:
            manifest = restore(directory, force=force, log=self.stdout.write)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"Back-up van {manifest['created_at']} teruggezet: "
                f"{len(manifest['tables'])} tabellen, {len(manifest['files'])} bestanden."
            )
        )
