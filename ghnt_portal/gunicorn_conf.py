"""gunicorn's settings for the web role of the image (deploy/docker/entrypoint.sh web):
`gunicorn -c python:ghnt_portal.gunicorn_conf ghnt_portal.wsgi:application`.

Every value can be set from the environment; the Helm chart and docker-compose.yml do.
"""

import os
import shutil
from pathlib import Path

bind = f"{os.environ.get('WEB_BIND', '0.0.0.0')}:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
timeout = int(os.environ.get("WEB_TIMEOUT", "60"))
graceful_timeout = int(os.environ.get("WEB_GRACEFUL_TIMEOUT", "30"))
# The workers' heartbeat files: on a read-only root filesystem only /tmp (or /dev/shm) is
# writable.
worker_tmp_dir = "/dev/shm" if os.access("/dev/shm", os.W_OK) else "/tmp"
# No access log of gunicorn's own: the portal logs every request itself, with its request
# id, view, user id and duration (ghnt_portal/observability/middleware.py).
accesslog = None
errorlog = "-"
# X-Forwarded-* from the ingress: Django reads them itself (TRUSTED_PROXY_COUNT,
# SECURE_PROXY_SSL_HEADER); gunicorn must not refuse them.
forwarded_allow_ips = "*"

if os.environ.get("LOG_FORMAT") == "json":
    # gunicorn's own lines (booting, worker timeouts) as JSON too, as the portal's.
    logconfig_dict = {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": "ghnt_portal.observability.logs.JsonFormatter"}},
        "filters": {"context": {"()": "ghnt_portal.observability.logs.ContextFilter"}},
        "handlers": {
            "json": {
                "class": "logging.StreamHandler",
                "formatter": "json",
                "filters": ["context"],
                "stream": "ext://sys.stderr",
            }
        },
        "root": {"level": "INFO", "handlers": ["json"]},
        "loggers": {
            "gunicorn.error": {"level": "INFO", "handlers": ["json"], "propagate": False},
            # Off (as accesslog = None): the portal's own line per request says more.
            "gunicorn.access": {"level": "CRITICAL", "handlers": [], "propagate": False},
        },
    }


def on_starting(server):
    """The metrics of a previous run of this node are gone: start from an empty directory."""
    directory = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if directory:
        shutil.rmtree(directory, ignore_errors=True)
        Path(directory).mkdir(parents=True, exist_ok=True)


def child_exit(server, worker):
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)
