"""Seed the national frame (action lines and bouwstenen) in a production database."""

from django.core.management.base import BaseCommand

from programmes.frame import seed_frame


class Command(BaseCommand):
    help = "Zet de landelijke actielijnen en bouwstenen klaar (voegt alleen toe wat ontbreekt)."

    def handle(self, *args, **options):
        added = seed_frame()
        self.stdout.write(f"Landelijk kader: {added} actielijnen en bouwstenen toegevoegd.")
