"""Beat sends the daily digest of notifications every morning at 07:30 (editable in the admin)."""

from django.db import migrations

TASK_NAME = "Dagelijkse samenvatting van meldingen"


def create_schedule(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    crontab, _ = CrontabSchedule.objects.get_or_create(
        minute="30",
        hour="7",
        day_of_month="*",
        month_of_year="*",
        day_of_week="*",
        timezone="Europe/Amsterdam",
    )
    PeriodicTask.objects.update_or_create(
        name=TASK_NAME,
        defaults={
            "task": "ghnt_portal.notifications.tasks.send_daily_digests",
            "crontab": crontab,
            "interval": None,
            "enabled": True,
            "description": (
                "Stuurt elke gebruiker die voor een dagelijkse samenvatting koos één e-mail met "
                "de meldingen van de afgelopen dag."
            ),
        },
    )


def remove_schedule(apps, schema_editor):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTask.objects.filter(name=TASK_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0001_notifications"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(create_schedule, remove_schedule)]
