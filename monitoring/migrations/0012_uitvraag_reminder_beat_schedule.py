"""Beat looks every morning at 07:15 whether an uitvraag's deadline is near (editable in the
admin); monitoring.national.tasks.remind_uitvraag tells each late region once."""

from django.db import migrations

TASK_NAME = "Herinnering uitvraag van het Rijk"


def create_schedule(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    crontab, _ = CrontabSchedule.objects.get_or_create(
        minute="15",
        hour="7",
        day_of_month="*",
        month_of_year="*",
        day_of_week="*",
        timezone="Europe/Amsterdam",
    )
    PeriodicTask.objects.update_or_create(
        name=TASK_NAME,
        defaults={
            "task": "monitoring.national.tasks.remind_uitvraag",
            "crontab": crontab,
            "interval": None,
            "enabled": True,
            "description": (
                "Herinnert de projectleiders van regio's die de uitvraag nog niet beantwoordden, "
                "eenmalig in de week voor de uiterste datum."
            ),
        },
    )


def remove_schedule(apps, schema_editor):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTask.objects.filter(name=TASK_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("monitoring", "0011_uitvraag_and_national_document"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(create_schedule, remove_schedule)]
