"""The half-yearly run: 1 January and 1 October at 06:00 Europe/Amsterdam (editable in the admin)."""

from django.db import migrations

TASK_NAME = "Halfjaarlijkse voortgangsrapportages"


def create_schedule(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    crontab, _ = CrontabSchedule.objects.get_or_create(
        minute="0",
        hour="6",
        day_of_month="1",
        month_of_year="1,10",
        day_of_week="*",
        timezone="Europe/Amsterdam",
    )
    PeriodicTask.objects.update_or_create(
        name=TASK_NAME,
        defaults={
            "task": "monitoring.tasks.generate_due_reports",
            "crontab": crontab,
            "enabled": True,
            "description": (
                "Maakt op 1 januari en 1 oktober de voortgangsrapportage van elk vastgesteld "
                "actieprogramma over het afgelopen halfjaar."
            ),
        },
    )


def remove_schedule(apps, schema_editor):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTask.objects.filter(name=TASK_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("monitoring", "0003_report_freeze_trigger"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(create_schedule, remove_schedule)]
