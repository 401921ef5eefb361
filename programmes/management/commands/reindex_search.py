from django.core.management.base import BaseCommand

from programmes.search.index import reindex


class Command(BaseCommand):
    help = "Bouw de zoekindex opnieuw op (na een bulkimport zonder signalen, of na een upgrade)."

    def handle(self, *args, **options):
        written = reindex()
        self.stdout.write(f"Zoekindex opgebouwd: {written} regels.")
