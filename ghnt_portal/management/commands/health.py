"""Health checks for container healthchecks (docker-compose.yml) and operators.

  manage.py health web      GET /health/web of the gunicorn on this node (--url)
  manage.py health ready    the readiness checks, run in this process
  manage.py health beat     beat's heartbeat is recent (the beat container)
  manage.py health worker   a Celery worker answers a ping (any worker)

Prints the JSON summary and exits 0 when healthy, 1 when not.
"""

import asyncio
import json
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

from django.core.management.base import BaseCommand

from ghnt_portal import health


class Command(BaseCommand):
    help = "Run the portal's health checks; exit 0 when healthy, 1 when not."

    def add_arguments(self, parser):
        parser.add_argument("check_set", choices=["web", "ready", "beat", "worker"])
        parser.add_argument(
            "--url",
            default="http://127.0.0.1:8000",
            help="Where this node's gunicorn listens (for 'web').",
        )
        parser.add_argument("--timeout", type=float, default=5)

    def handle(self, *args, check_set, url, timeout, **options):
        if check_set == "web":
            healthy, body = self._over_http(url.rstrip("/") + "/health/web", timeout)
        else:
            view = health.HealthView(check_set=check_set)
            # In a thread of its own: asyncio.run fails where an event loop already runs.
            with ThreadPoolExecutor(max_workers=1) as pool:
                coroutine = health.run_checks(view.get_checks())
                body = health.summary(pool.submit(asyncio.run, coroutine).result())
            healthy = body["status"] == "ok"
        self.stdout.write(json.dumps(body, sort_keys=True))
        if not healthy:
            raise SystemExit(1)

    def _over_http(self, url, timeout):
        try:
            with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310
                return True, json.loads(response.read())
        except urllib.error.HTTPError as exc:
            try:
                return False, json.loads(exc.read())
            except ValueError:
                return False, {"status": "fail", "error": f"HTTP {exc.code}"}
        except (urllib.error.URLError, OSError) as exc:
            return False, {"status": "fail", "error": f"{url} does not answer: {exc}"}
