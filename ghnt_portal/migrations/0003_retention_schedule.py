"""Beat applies the retention periods every night at 03:30 (editable in the admin)."""

from django.db import migrations

TASK_NAME = "Bewaartermijnen toepassen"


def create_schedule(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    crontab, _ = CrontabSchedule.objects.get_or_create(
        minute="30",
        hour="3",
        day_of_month="*",
        month_of_year="*",
        day_of_week="*",
        timezone="Europe/Amsterdam",
    )
    PeriodicTask.objects.update_or_create(
        name=TASK_NAME,
        defaults={
            "task": "ghnt_portal.tasks.apply_retention",
            "crontab": crontab,
            "interval": None,
            "enabled": True,
            "description": (
                "Pseudonimiseert oude IP-adressen, verwijdert oude mislukte inlogpogingen en "
                "schakelt niet-gebruikte accounts uit (README, Bewaartermijnen)."
            ),
        },
    )


def remove_schedule(apps, schema_editor):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTask.objects.filter(name=TASK_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("ghnt_portal", "0002_account_setup"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(create_schedule, remove_schedule)]
