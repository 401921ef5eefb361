FROM python:3.11-slim-bookworm
RUN apt-get update && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 \
    postgresql-client \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY pyproject.toml constraints.txt ./
COPY . .
RUN pip install --no-cache-dir -c constraints.txt . \
    && SECRET_KEY=build-only python manage.py collectstatic --noinput
ENV DEBUG=false
EXPOSE 8000
CMD ["gunicorn", "ghnt_portal.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3"]
