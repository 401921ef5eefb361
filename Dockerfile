# syntax=docker/dockerfile:1
# The GHNT portal's image: one image for every role (web, worker, beat, migrate), chosen by
# the command (deploy/docker/entrypoint.sh). Runs as uid 10001 on a read-only root
# filesystem; writable: /tmp, and /data/media when the files are stored locally
# (STORAGE_BACKEND=local). Checked without Docker by tests/ops/test_image.py (hadolint and our
# own rules); README "Beheer: container-image".

# ---- build: every dependency as a wheel (compilers stay in this stage) ----
FROM python:3.11.11-slim-bookworm AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /src
COPY pyproject.toml constraints.txt ./
COPY ghnt_portal/__init__.py ghnt_portal/__init__.py
RUN pip wheel --wheel-dir /wheels -c constraints.txt . \
    && rm /wheels/ghnt_portal-*.whl

# ---- runtime: the wheels, the source, the collected static files; no compilers, no tests ----
FROM python:3.11.11-slim-bookworm AS runtime

ARG VERSION=0.1.0
# The repository the image is built from (the address publiccode.yml and pyproject.toml name;
# a release build may set another with --build-arg SOURCE=...).
ARG SOURCE=https://git.example.nl/ghnt/ghnt-portaal
LABEL org.opencontainers.image.title="GHNT-portaal" \
      org.opencontainers.image.description="Portaal voor regionale actieprogramma's Geweld hoort nergens thuis" \
      org.opencontainers.image.source="${SOURCE}" \
      org.opencontainers.image.licenses="EUPL-1.2" \
      org.opencontainers.image.version="${VERSION}"

# WeasyPrint's Pango and the report's fonts (DejaVu Sans, Liberation Sans: embedded in every
# PDF/A report, so named rather than left to fontconfig's dependencies); pg_dump/pg_restore
# for `manage.py backup`; poppler-utils' pdftotext reads uploaded PDFs (DOCUMENT_PDFTOTEXT).
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 \
       fonts-dejavu-core fonts-liberation postgresql-client poppler-utils \
    && rm -rf /var/lib/apt/lists/*

RUN groupadd --system --gid 10001 ghnt \
    && useradd --system --uid 10001 --gid 10001 --home-dir /tmp --no-create-home \
       --shell /usr/sbin/nologin ghnt

ENV PATH=/opt/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONPATH=/app \
    HOME=/tmp \
    DEBUG=false \
    STATIC_ROOT=/app/staticfiles \
    MEDIA_ROOT=/data/media \
    LOG_FORMAT=json \
    PORT=8000

RUN --mount=type=bind,from=build,source=/wheels,target=/wheels \
    python -m venv /opt/venv \
    && /opt/venv/bin/pip install --no-cache-dir --no-index --find-links=/wheels /wheels/*.whl \
    && /opt/venv/bin/pip uninstall -y pip

WORKDIR /app
COPY manage.py ./
COPY ghnt_portal ./ghnt_portal
COPY programmes ./programmes
COPY governance ./governance
COPY actions ./actions
COPY monitoring ./monitoring
COPY templates ./templates
COPY static ./static
COPY fixtures ./fixtures
COPY --chmod=0755 deploy/docker/entrypoint.sh /usr/local/bin/ghnt-entrypoint

# Static files and byte code at build time: nothing is written under /app at run time.
RUN SECRET_KEY=build-only STATIC_MANIFEST=1 python manage.py collectstatic --noinput \
    && python -m compileall -q /app /opt/venv \
    && mkdir -p /data/media \
    && chown 10001:10001 /data/media

USER 10001:10001
EXPOSE 8000
VOLUME ["/data/media"]

# The process answers (no database needed); readiness is the orchestrator's /health/web.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import os,sys,urllib.request as u; sys.exit(0 if u.urlopen('http://127.0.0.1:%s/health/live' % os.environ.get('PORT', '8000'), timeout=4).status == 200 else 1)"]

ENTRYPOINT ["ghnt-entrypoint"]
CMD ["web"]
