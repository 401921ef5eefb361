"""Beat sends the heartbeat task every 30 s; the readiness check reads when it last did."""

from django.db import migrations

TASK_NAME = "Hartslag"


def create_schedule(apps, schema_editor):
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    every, _ = IntervalSchedule.objects.get_or_create(every=30, period="seconds")
    PeriodicTask.objects.update_or_create(
        name=TASK_NAME,
        defaults={
            "task": "ghnt_portal.tasks.heartbeat",
            "interval": every,
            "crontab": None,
            "enabled": True,
            # Not worth doing late: a worker that was away skips the ones it missed.
            "expire_seconds": 60,
            "description": (
                "Laat zien dat de planner (celery beat) draait: de gezondheidscontrole "
                "(/health/ready) kijkt wanneer deze taak voor het laatst is verstuurd."
            ),
        },
    )


def remove_schedule(apps, schema_editor):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTask.objects.filter(name=TASK_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [("django_celery_beat", "0019_alter_periodictasks_options")]

    operations = [migrations.RunPython(create_schedule, remove_schedule)]
