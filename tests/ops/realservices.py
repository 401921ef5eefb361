"""Throwaway real services for the fault tests: a PostgreSQL cluster and a Redis server of the
test's own (so it can stop and start them without disturbing other tests), the portal under
gunicorn with DEBUG off, a Celery worker and beat. Every process is started here and ended
by its own pid.

Needs root (PostgreSQL runs as the `postgres` user), PostgreSQL's server binaries and
redis-server. Without them the tests skip with the reason, unless REQUIRE_REAL_SERVICES is
set (CI), when they fail.
"""

import glob
import http.client
import http.cookiejar
import json
import os
import pwd
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from tests import processes

REPO = Path(__file__).resolve().parents[2]


def need(condition: bool, reason: str):
    if condition:
        return
    if os.environ.get("REQUIRE_REAL_SERVICES"):
        pytest.fail(reason, pytrace=False)
    pytest.skip(reason)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def postgres_bin() -> Path | None:
    for candidate in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        if Path(candidate, "initdb").exists():
            return Path(candidate)
    return None


def wait_for(predicate, timeout: float, what: str, log: Path | None = None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.25)
    tail = f"; log:\n{log.read_text()[-4000:]}" if log and log.exists() else ""
    pytest.fail(f"{what} did not happen within {timeout:.0f}s{tail}", pytrace=False)


class PostgresCluster:
    def __init__(self):
        self.bin = postgres_bin()
        need(self.bin is not None, "PostgreSQL server binaries not found (apt install postgresql)")
        need(os.geteuid() == 0, "starting a PostgreSQL cluster needs root (runuser -u postgres)")
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            need(False, "no 'postgres' system user to run PostgreSQL as")
        self.dir = Path(tempfile.mkdtemp(prefix="ghnt-ops-pg-"))
        shutil.chown(self.dir, "postgres")
        self.port = free_port()
        self.log = self.dir / "postgres.log"
        self._pg("initdb", "-D", str(self.dir / "data"), "-A", "trust", "-U", "postgres")

    def _pg(self, tool, *args):
        subprocess.run(
            ["runuser", "-u", "postgres", "--", str(self.bin / tool), *args],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    def _ctl(self, action, *args):
        self._pg("pg_ctl", "-D", str(self.dir / "data"), "-w", *args, action)

    def start(self):
        options = f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._ctl("start", "-o", options, "-l", str(self.log))

    def stop(self):
        self._ctl("stop", "-m", "fast")

    def restart(self):
        self._ctl("restart", "-m", "fast")

    def url(self, database="postgres"):
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def create_database(self, name):
        import psycopg2

        connection = psycopg2.connect(self.url(), connect_timeout=3)
        connection.autocommit = True
        with connection.cursor() as cursor:
            cursor.execute(f'CREATE DATABASE "{name}"')
        connection.close()

    def destroy(self):
        try:
            self.stop()
        except subprocess.CalledProcessError:
            pass
        shutil.rmtree(self.dir, ignore_errors=True)


class RedisServer:
    def __init__(self):
        self.binary = shutil.which("redis-server")
        need(self.binary is not None, "redis-server not found (apt install redis-server)")
        self.port = free_port()
        self.process = None

    def start(self):
        self.process = processes.start(
            [self.binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", ""]
            + ["--appendonly", "no"]
        )
        wait_for(self._answers, 10, "redis-server answering")

    def _answers(self):
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as s:
                s.sendall(b"PING\r\n")
                return s.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def stop(self):
        processes.stop(self.process, timeout=10)

    def url(self, db=0):
        return f"redis://127.0.0.1:{self.port}/{db}"


class S3Server:
    """moto's S3-compatible server (a test dependency) on loopback, with one bucket, and the
    portal's variables for it (as .env.example sets them)."""

    ACCESS_KEY, SECRET_KEY, REGION = "ghnt-test", "ghnt-test-secret", "eu-west-1"

    def __init__(self, log_dir: Path, bucket="ghnt-ops"):
        try:
            import moto.server  # noqa: F401
        except ImportError:
            need(False, "moto is not installed (it is in the test extras: make install)")
        self.port, self.bucket, self.log = free_port(), bucket, log_dir / "s3.log"
        self.process = None

    def start(self):
        self.process = processes.start(
            [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(self.port)],
            log=self.log,
        )
        wait_for(self._answers, 30, "the S3 server answering", self.log)
        import boto3

        client = boto3.client(
            "s3",
            endpoint_url=self.url,
            aws_access_key_id=self.ACCESS_KEY,
            aws_secret_access_key=self.SECRET_KEY,
            region_name=self.REGION,
        )
        client.create_bucket(
            Bucket=self.bucket, CreateBucketConfiguration={"LocationConstraint": self.REGION}
        )
        return self

    def _answers(self):
        try:
            socket.create_connection(("127.0.0.1", self.port), timeout=0.5).close()
            return True
        except OSError:
            return False

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def env(self):
        return {
            "STORAGE_BACKEND": "s3",
            "AWS_STORAGE_BUCKET_NAME": self.bucket,
            "AWS_S3_ENDPOINT_URL": self.url,
            "AWS_S3_REGION_NAME": self.REGION,
            "AWS_ACCESS_KEY_ID": self.ACCESS_KEY,
            "AWS_SECRET_ACCESS_KEY": self.SECRET_KEY,
            "AWS_S3_ADDRESSING_STYLE": "path",
            "AWS_LOCATION": "portaal",
        }

    def stop(self):
        processes.stop(self.process, timeout=10)


HAPROXY_CONFIG = """
global
    maxconn 1000
    log stdout format raw local0

defaults
    mode http
    log global
    option httplog
    timeout connect 1s
    timeout client 60s
    timeout server 60s
    # A busy node answers its health check late, not never.
    timeout check 3s
    timeout queue 30s
    # A node that refuses the connection (killed): the request goes to the other one.
    retries 3
    option redispatch 1
    # A node that dies while answering: a GET is asked again of the other node; a POST is
    # not (it may have been done: see the backend), so it fails, and the test counts it.
    retry-on conn-failure empty-response response-timeout

frontend portal
    bind 127.0.0.1:{port}
    default_backend nodes

backend nodes
    balance roundrobin
    option httpchk GET /health/live
    http-check expect status 200
    # maxconn: no more requests at once than a node has threads; the rest wait in haproxy's
    # queue, which hands them to the other node when this one goes down.
    # A refused connection in live traffic marks the node down at once (the checks would
    # take seconds), so the retry goes to the other node.
    default-server inter 1s fall 3 rise 2 maxconn {maxconn} {on_error}
    http-request disable-l7-retry if METH_POST
    http-response set-header X-Node %s
{servers}
"""


class HAProxy:
    """Debian's haproxy in front of web nodes on loopback: round robin, health-checked,
    sessions need no stickiness (they live in the database)."""

    def __init__(self, log_dir: Path, nodes: dict[str, int], maxconn=8):
        self.binary = shutil.which("haproxy") or (
            "/usr/sbin/haproxy" if Path("/usr/sbin/haproxy").exists() else None
        )
        need(self.binary is not None, "haproxy not found (apt-get install haproxy; .ci/run does)")
        self.port, self.nodes, self.maxconn = free_port(), nodes, maxconn
        self.config, self.log = log_dir / "haproxy.cfg", log_dir / "haproxy.log"
        self.process = None

    def start(self):
        servers = "\n".join(
            f"    server {name} 127.0.0.1:{port} check" for name, port in self.nodes.items()
        )
        self.config.write_text(
            HAPROXY_CONFIG.format(
                port=self.port,
                servers=servers,
                maxconn=self.maxconn,
                on_error="observe layer4 error-limit 1 on-error mark-down",
            )
        )
        self.process = processes.start([self.binary, "-f", str(self.config), "-db"], log=self.log)
        return self

    def stop(self):
        processes.stop(self.process, timeout=10)

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"


class Process:
    """A portal process (gunicorn, worker, beat) with its log, in a process group of its own
    (tests/processes.py): stopping it stops its children too. A module's fixture ends every
    Process it started, also one a test started in place of another, with `stop_all()`."""

    started: list["Process"] = []

    def __init__(self, name, args, env, log_dir: Path):
        self.name, self.args, self.env = name, args, env
        self.log = log_dir / f"{name}.log"
        self.popen = None

    def start(self):
        self.popen = processes.start(
            [sys.executable, *self.args], cwd=REPO, env=self.env, log=self.log
        )
        Process.started.append(self)
        return self

    def running(self):
        return self.popen is not None and self.popen.poll() is None

    def stop(self, sig=signal.SIGTERM):
        """`sig` to the process itself (SIGKILL: as the out-of-memory killer does), then the
        rest of its group ended as well."""
        if self.running() and sig != signal.SIGTERM:
            self.popen.send_signal(sig)
            self.popen.wait(timeout=20)
        processes.stop(self.popen)
        if self in Process.started:
            Process.started.remove(self)


def stop_all():
    """Stop every Process started and not stopped yet (for a fixture's `finally`)."""
    for process in list(Process.started):
        process.stop()


def run_manage(args, env, log: Path):
    with open(log, "ab") as out:
        result = subprocess.run(
            [sys.executable, "manage.py", *args], cwd=REPO, env=env, stdout=out, stderr=out
        )
    if result.returncode:
        pytest.fail(f"manage.py {' '.join(args)} failed; log:\n{log.read_text()[-4000:]}")


def portal_env(database_url, broker_url, root: Path, **extra):
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": "ops-test-" + "x" * 50,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_COOKIES": "0",
        "STATIC_MANIFEST": "0",
        "MEDIA_ROOT": str(root / "media"),
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "DATABASE_URL": database_url,
        "DATABASE_CONN_MAX_AGE": "60",
        "CELERY_BROKER_URL": broker_url,
        "LOG_LEVEL": "WARNING",
        "AXES_ENABLED": "0",
        "HEALTH_BEAT_MAX_AGE": "60",
    }
    env.update(extra)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    return env


def gunicorn(port, env, log_dir, workers=2, name="gunicorn", threads=1):
    args = ["-m", "gunicorn", "ghnt_portal.wsgi", "--bind", f"127.0.0.1:{port}"]
    args += ["--workers", str(workers), "--timeout", "60"]
    if threads > 1:
        args += ["--threads", str(threads)]
    return Process(name, args, env, log_dir)


def worker(env, log_dir, name="ops"):
    args = ["-m", "celery", "-A", "ghnt_portal", "worker", "--pool=solo", "--loglevel=INFO"]
    args += ["-n", f"{name}@%h", "--without-gossip", "--without-mingle"]
    return Process("worker", args, env, log_dir)


def beat(env, log_dir):
    args = ["-m", "celery", "-A", "ghnt_portal", "beat", "--loglevel=INFO", "--pidfile="]
    return Process("beat", args, env, log_dir)


class Browser:
    """A cookie-keeping HTTP client for the portal under gunicorn (no redirects followed)."""

    def __init__(self, base_url):
        self.base_url = base_url
        self.jar = http.cookiejar.CookieJar()

        class NoRedirect(urllib.request.HTTPRedirectHandler):
            def redirect_request(self, *args, **kwargs):
                return None

        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), NoRedirect
        )

    def request(self, path, data=None, timeout=10):
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(self.base_url + path, data=body)
        # The headers as a case-insensitive mapping: haproxy sends their names in lower case.
        try:
            with self.opener.open(request, timeout=timeout) as response:
                return response.status, response.headers, response.read().decode()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.headers, exc.read().decode()
        except (urllib.error.URLError, OSError) as exc:  # not answering at all
            return 0, {}, str(exc)
        except http.client.HTTPException as exc:  # the answer cut off (its node was killed)
            return 0, {}, repr(exc)

    def get(self, path, **kwargs):
        return self.request(path, **kwargs)

    def json(self, path):
        status, _, body = self.get(path)
        return status, json.loads(body) if status else {"failed": ["(no answer)"], "error": body}

    def csrf_token(self, path):
        status, _, html = self.get(path)
        assert status == 200, html[:500]
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)

    def post(self, path, data, form_page=None):
        """POST a form as a browser does: with the CSRF token of the page it is on."""
        token = self.csrf_token(form_page or path)
        return self.request(path, {**data, "csrfmiddlewaretoken": token})

    def login(self, username, password):
        """Password, then (projectleiders, beheerders) the code of the authenticator app set
        up by `confirm_demo_devices` (tests/two_factor.py)."""
        status, headers, html = self.post(
            "/inloggen/", {"username": username, "password": password}
        )
        assert status == 302, html[:2000]
        status, headers, html = self.get("/")
        if status == 302 and "tweede-stap" in headers.get("Location", ""):
            from tests.two_factor import current_code

            step = "/inloggen/tweede-stap/"
            status, headers, html = self.post(step, {"token": current_code(username)})
            assert status == 302, html[:2000]
        status, headers, html = self.get("/")
        assert status == 200, (status, headers.get("Location"), html[:2000])


def confirm_demo_devices(env, log: Path):
    """Projectleiders and the beheerder have set up their authenticator app (test keys)."""
    code = "from tests.two_factor import confirm_demo_devices; confirm_demo_devices()"
    run_manage(["shell", "-c", code], env, log)
