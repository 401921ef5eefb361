from django.core.management.base import BaseCommand, CommandError

from ghnt_portal.backup import BackupError, backup


class Command(BaseCommand):
    help = (
        "Maakt een back-up van de database en alle opgeslagen bestanden (PDF's) in een nieuwe "
        "map, met een manifest (controlesommen, aantallen). Zie README, 'Beheer'."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", help="Een nieuwe of lege map.")

    def handle(self, *args, directory, **options):
        try:
            manifest = backup(directory, log=self.stdout.write)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"Back-up gemaakt in {directory}: {len(manifest['tables'])} tabellen, "
                f"{len(manifest['files'])} bestanden."
            )
        )
