"""Beat removes every night at 03:40 the stored files of large measurement uploads that were
checked but not confirmed within a week (monitoring.imports.tasks.forget_unconfirmed_imports;
editable in the admin)."""

from django.db import migrations

TASK_NAME = "Niet bevestigde importbestanden opruimen"


def create_schedule(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    crontab, _ = CrontabSchedule.objects.get_or_create(
        minute="40",
        hour="3",
        day_of_month="*",
        month_of_year="*",
        day_of_week="*",
        timezone="Europe/Amsterdam",
    )
    PeriodicTask.objects.update_or_create(
        name=TASK_NAME,
        defaults={
            "task": "monitoring.imports.forget_unconfirmed_imports",
            "crontab": crontab,
            "interval": None,
            "enabled": True,
            "description": (
                "Verwijdert de bewaarde bestanden van grote imports van metingen die niet "
                "binnen 7 dagen zijn bevestigd."
            ),
        },
    )


def remove_schedule(apps, schema_editor):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTask.objects.filter(name=TASK_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("monitoring", "0013_import_batch_background_job"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(create_schedule, remove_schedule)]
