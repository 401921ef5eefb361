"""Beat looks for toezeggingen that are due soon every morning at 07:00 (editable in the admin)."""

from django.db import migrations

TASK_NAME = "Meldingen over toezeggingen"


def create_schedule(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    crontab, _ = CrontabSchedule.objects.get_or_create(
        minute="0",
        hour="7",
        day_of_month="*",
        month_of_year="*",
        day_of_week="*",
        timezone="Europe/Amsterdam",
    )
    PeriodicTask.objects.update_or_create(
        name=TASK_NAME,
        defaults={
            "task": "governance.tasks.notify_due_commitments",
            "crontab": crontab,
            "interval": None,
            "enabled": True,
            "description": (
                "Meldt projectleiders eenmalig per e-mail dat een open toezegging binnenkort af "
                "moet zijn (COMMITMENT_NOTICE_DAYS dagen vooraf)."
            ),
        },
    )


def remove_schedule(apps, schema_editor):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTask.objects.filter(name=TASK_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("governance", "0002_route_step_purpose_afronden"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(create_schedule, remove_schedule)]
