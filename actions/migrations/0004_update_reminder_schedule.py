"""Schedule the weekly reminder task in django-celery-beat (editable in the admin)."""

from django.db import migrations

TASK = "actions.tasks.send_update_reminders"
NAME = "Herinnering voortgangsupdates ketenpartners"


def create_schedule(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    crontab, _ = CrontabSchedule.objects.get_or_create(
        minute="0",
        hour="7",
        day_of_week="1",
        day_of_month="*",
        month_of_year="*",
        timezone="Europe/Amsterdam",
    )
    PeriodicTask.objects.get_or_create(
        name=NAME,
        defaults={
            "task": TASK,
            "crontab": crontab,
            "enabled": True,
            "description": (
                "Wekelijks (maandag 07:00). Binnen REMINDER_WEEKS_BEFORE_REPORT weken voor "
                "1 januari en 1 oktober krijgen ketenpartners zonder voortgangsupdate in dit "
                "halfjaar één herinnering per rapportage."
            ),
        },
    )


def remove_schedule(apps, schema_editor):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTask.objects.filter(name=NAME, task=TASK).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("actions", "0003_status_update_details"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(create_schedule, remove_schedule)]
