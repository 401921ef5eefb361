#!/bin/sh
# One image, four roles, chosen by the container's command (docker-compose.yml, the Helm chart):
#   web       gunicorn on $PORT (8000)            worker    a Celery worker (metrics on $METRICS_PORT)
#   beat      Celery beat: exactly one per installation
#   migrate   database migrations (the chart's pre-upgrade Job)
#   manage …  any manage.py command;  anything else is run as given.
# Works on a read-only root filesystem: only /tmp (and MEDIA_ROOT with local storage) is written.
set -eu

# Each process of a web or worker container writes its metrics here; the scrape adds them up.
# (Not set in the image: a `manage.py` run by hand or by a probe counts for itself.)
metrics_dir="${PROMETHEUS_MULTIPROC_DIR:-/tmp/prometheus}"

role="${1:-web}"
[ "$#" -gt 0 ] && shift

# With JSON logs Celery prints no banner: every line of output is one JSON object.
quiet=""
if [ "${LOG_FORMAT:-text}" = "json" ]; then quiet="--quiet"; fi

fresh_metrics_dir() {
    export PROMETHEUS_MULTIPROC_DIR="$metrics_dir"
    rm -rf "$PROMETHEUS_MULTIPROC_DIR"
    mkdir -p "$PROMETHEUS_MULTIPROC_DIR"
}

case "$role" in
    web)
        fresh_metrics_dir
        exec gunicorn --config python:ghnt_portal.gunicorn_conf "$@" ghnt_portal.wsgi:application
        ;;
    worker)
        fresh_metrics_dir
        exec celery -A ghnt_portal $quiet worker --loglevel="${LOG_LEVEL:-INFO}" \
            --concurrency="${WORKER_CONCURRENCY:-2}" -n "${WORKER_NAME:-worker}@%h" "$@"
        ;;
    beat)
        # --pidfile= : no pid file (read-only filesystem); the schedule lives in the database.
        exec celery -A ghnt_portal $quiet beat --loglevel="${LOG_LEVEL:-INFO}" --pidfile= "$@"
        ;;
    migrate)
        exec python manage.py migrate --noinput "$@"
        ;;
    manage)
        exec python manage.py "$@"
        ;;
    *)
        exec "$role" "$@"
        ;;
esac
