"""Beat looks whether a report date is near every morning at 07:05 (editable in the admin)."""

from django.db import migrations

TASK_NAME = "Meldingen voor de halfjaarlijkse rapportage"


def create_schedule(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    crontab, _ = CrontabSchedule.objects.get_or_create(
        minute="5",
        hour="7",
        day_of_month="*",
        month_of_year="*",
        day_of_week="*",
        timezone="Europe/Amsterdam",
    )
    PeriodicTask.objects.update_or_create(
        name=TASK_NAME,
        defaults={
            "task": "monitoring.tasks.notify_report_due",
            "crontab": crontab,
            "interval": None,
            "enabled": True,
            "description": (
                "Meldt projectleiders in de weken voor 1 januari en 1 oktober eenmalig per "
                "programma dat de voortgangsrapportage eraan komt (REPORT_NOTICE_DAYS)."
            ),
        },
    )


def remove_schedule(apps, schema_editor):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTask.objects.filter(name=TASK_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("monitoring", "0006_report_freeze_every_column"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(create_schedule, remove_schedule)]
