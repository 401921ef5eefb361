"""Operations configuration stays complete: every variable the settings read is listed in
.env.example, and every compose service that runs the portal has a healthcheck that calls
something that exists."""

import re
from pathlib import Path

from django.core.management import get_commands, load_command_class

REPO = Path(__file__).resolve().parents[2]


def _read_variables():
    names = set()
    for path in (REPO / "ghnt_portal").glob("*.py"):
        names |= set(re.findall(r'env_(?:str|int|bool|list)\(\s*"([A-Z0-9_]+)"', path.read_text()))
    return names


def test_every_environment_variable_is_listed_in_env_example():
    listed = set(re.findall(r"^([A-Z0-9_]+)=", (REPO / ".env.example").read_text(), re.M))
    read = _read_variables()
    assert {"STORAGE_BACKEND", "CELERY_VISIBILITY_TIMEOUT", "HEALTH_BEAT_MAX_AGE"} <= read
    assert read - listed == set()


def test_web_worker_and_beat_have_healthchecks_that_call_existing_commands():
    compose = (REPO / "docker-compose.yml").read_text()
    services = re.split(r"^  (\w+):\n", compose, flags=re.M)
    blocks = dict(zip(services[1::2], services[2::2], strict=True))
    health = load_command_class(get_commands()["health"], "health")
    choices = next(
        action.choices
        for action in health.create_parser("manage.py", "health")._actions
        if action.dest == "check_set"
    )
    for service in ("web", "worker", "beat"):
        test = re.search(r"healthcheck:\n\s+test: (.+)", blocks[service])
        assert test, f"{service} has no healthcheck"
        command = test.group(1)
        if "manage.py" in command:
            assert re.search(r'"health", "(\w+)"', command).group(1) in choices
        else:
            assert "inspect ping" in command and "worker@$$HOSTNAME" in command
            # The worker's name, which the ping addresses: given by the image's entrypoint.
            entrypoint = (REPO / "deploy" / "docker" / "entrypoint.sh").read_text()
            assert "command: worker" in blocks[service]
            assert '-n "${WORKER_NAME:-worker}@%h"' in entrypoint
