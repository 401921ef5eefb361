"""What an operator watches: JSON logs with a request id (logs.py, middleware.py),
Prometheus metrics (metrics.py, endpoint.py) and the worker's side of both (celery.py).

Environment (README, "Beheer: logs en metrics"):
LOG_FORMAT              text (default, `make run`) or json (one object per line; the chart and
                        docker-compose.yml set it)
METRICS_TOKEN           bearer token a scraper must send to /metrics; unset: /metrics is off
METRICS_PORT            the worker's own metrics port (default 0: none)
PROMETHEUS_MULTIPROC_DIR  a writable directory shared by a node's processes (gunicorn's
                        workers, Celery's pool): set by the image's entrypoint
"""
