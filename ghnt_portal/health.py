"""Health endpoints (django-health-check), answering JSON.

/health/live   liveness: the process answers. Touches nothing (no database, no session).
/health/web    what a web node needs to serve pages: the database and the file storage.
/health/ready  readiness of the whole installation: database, storage, and with a broker
               configured also Redis, a Celery worker (ping, 1 s) and beat (its heartbeat
               task was sent recently). Without a broker (tasks in-process) those three are
               not needed and not checked.

They are answered by HealthMiddleware, first in MIDDLEWARE, and have no URL patterns (no
login, no access-matrix row: they show no data): before the session and the user
are loaded (a probe with a stale session cookie must not need the database) and before the
Host check (a load balancer probes by IP address).

Each answers 200 when every check passed, else 503, with a body naming each check:
{"status": "fail", "checks": {"database": "ok", "broker": "Unavailable: ...", ...}}.
"""

import asyncio
import dataclasses
import datetime
import typing

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache

from asgiref.sync import async_to_sync, iscoroutinefunction
from health_check import checks as library
from health_check.base import HealthCheck
from health_check.contrib.celery import Ping
from health_check.exceptions import ServiceUnavailable
from health_check.views import HealthCheckView

HEARTBEAT_TASK_NAME = "Hartslag"  # ghnt_portal/migrations/0001_heartbeat_schedule.py
ONE_SECOND = datetime.timedelta(seconds=1)


class Database(library.Database):
    name: typing.ClassVar[str] = "database"
    timeout = datetime.timedelta(seconds=5)

    def run(self):
        try:
            super().run()
        except ServiceUnavailable as exc:  # the driver's text names hosts and ports: not public
            cause = type(exc.__cause__ or exc).__name__
            raise ServiceUnavailable(f"the database does not answer ({cause})") from exc


class Storage(library.Storage):
    name: typing.ClassVar[str] = "storage"


@dataclasses.dataclass
class Broker(HealthCheck):
    """The Celery broker (Redis) answers a PING within a second."""

    name: typing.ClassVar[str] = "broker"
    timeout = ONE_SECOND

    def run(self):
        import redis

        client = redis.Redis.from_url(
            settings.CELERY_BROKER_URL, socket_connect_timeout=1, socket_timeout=1
        )
        try:
            client.ping()
        except redis.RedisError as exc:
            raise ServiceUnavailable(f"Redis does not answer ({type(exc).__name__})") from exc
        finally:
            client.close()


@dataclasses.dataclass
class Worker(Ping):
    """A Celery worker answers a ping within a second and consumes the default queue."""

    name: typing.ClassVar[str] = "worker"

    def __post_init__(self):
        from ghnt_portal.celery import app

        self.app = app
        self.timeout = ONE_SECOND
        self.limit = 1

    def run(self):
        try:
            super().run()
        except ServiceUnavailable:
            raise
        except Exception as exc:  # the broker is away: no worker can be reached either
            raise ServiceUnavailable(f"no worker reachable ({type(exc).__name__})") from exc


@dataclasses.dataclass
class Beat(HealthCheck):
    """Beat sent its heartbeat task (every 30 s) within HEALTH_BEAT_MAX_AGE seconds."""

    name: typing.ClassVar[str] = "beat"

    def run(self):
        from django_celery_beat.models import PeriodicTask

        was_open = connection.connection is not None
        try:
            last = (
                PeriodicTask.objects.filter(name=HEARTBEAT_TASK_NAME)
                .values_list("last_run_at", flat=True)
                .first()
            )
        except Exception as exc:
            raise ServiceUnavailable(f"heartbeat unreadable ({type(exc).__name__})") from exc
        finally:
            if not was_open:  # checks run in a thread pool: leave no connection behind
                connection.close()
        max_age = settings.HEALTH_BEAT_MAX_AGE
        if last is None:
            raise ServiceUnavailable("beat has not sent a heartbeat yet")
        age = (timezone.now() - last).total_seconds()
        if age > max_age:
            raise ServiceUnavailable(f"last heartbeat {age:.0f}s ago (allowed: {max_age}s)")


def background_checks() -> list[type[HealthCheck]]:
    """Broker, worker and beat: only when tasks do not run in-process."""
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return []
    return [Broker, Worker, Beat]


class HealthView(HealthCheckView):
    """Runs the checks concurrently and answers JSON: 200 when all passed, else 503."""

    check_set = "ready"

    def get_checks(self):
        sets: dict[str, list[type[HealthCheck]]] = {
            "web": [Database, Storage],
            "ready": [Database, Storage, *background_checks()],
            "worker": [Worker],
            "beat": [Beat],
        }
        return [cls() for cls in sets[self.check_set]]

    async def get(self, request, *args, **kwargs):
        results = await run_checks(self.get_checks())
        return health_response(results)


async def run_checks(checks):
    return await asyncio.gather(*(check.get_result() for check in checks))


def summary(results) -> dict:
    failed = [r for r in results if r.error]
    return {
        "status": "fail" if failed else "ok",
        "checks": {r.check.name: str(r.error) if r.error else "ok" for r in results},
        "failed": [r.check.name for r in failed],
        "ms": {r.check.name: round(r.time_taken * 1000) for r in results},
    }


def health_response(results) -> JsonResponse:
    body = summary(results)
    return JsonResponse(body, status=503 if body["failed"] else 200)


@login_not_required
@never_cache
def live(request):
    return HttpResponse("ok\n", content_type="text/plain")


def view(check_set: str):
    return login_not_required(HealthView.as_view(check_set=check_set))


PATHS = {
    "/health/live": live,
    "/health/web": view("web"),
    "/health/ready": view("ready"),
}


class HealthMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        endpoint = PATHS.get(request.path_info.rstrip("/"))
        if endpoint is None or request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        if iscoroutinefunction(endpoint):
            return async_to_sync(endpoint)(request)
        return endpoint(request)
