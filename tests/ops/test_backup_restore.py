"""manage.py backup + restore: every row, every stored file and the report freeze trigger come
back equal in a fresh database.

The PostgreSQL test backs up the test database (data committed: transactional_db) and
restores it with `manage.py restore` in a new process into a new, empty database on the same
server, as an operator would. It needs DATABASE_URL on PostgreSQL (CI); skipped otherwise,
failed under REQUIRE_REAL_SERVICES. The SQLite variant runs everywhere.
"""

import hashlib
import json
import os
import sqlite3
import subprocess
import sys
import uuid
from pathlib import Path
from urllib.parse import quote

from django.core.management import CommandError, call_command
from django.db import connection

import pytest

from monitoring.constants import ReportStatus
from programmes.models import Programme
from tests.monitoring.reports import FAKE_PDF, make_report

from .realservices import REPO, need

pytestmark = pytest.mark.services


def _url(database: str) -> str:
    s = connection.settings_dict
    auth = quote(s["USER"] or "")
    if s["PASSWORD"]:
        auth += ":" + quote(s["PASSWORD"])
    return f"postgres://{auth}@{s['HOST'] or 'localhost'}:{s['PORT'] or 5432}/{database}"


def _manage(args, database_url, media_root, check=True):
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "MEDIA_ROOT": str(media_root),
        "SECRET_KEY": "test-only",
        "STORAGE_BACKEND": "local",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=REPO, env=env, capture_output=True, text=True
    )
    if check and result.returncode:
        pytest.fail(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result


def _files(root: Path) -> dict:
    return {
        str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def _world():
    """The demo data plus a definitief and a concept report, each with a stored PDF."""
    call_command("load_demo", verbosity=0)  # committed (transactional_db): pg_dump sees it
    programme = Programme.objects.get(region__slug="zaanstreek-waterland")
    final = make_report(programme, ReportStatus.FINAL, period="2021-H1")
    concept = make_report(programme, ReportStatus.CONCEPT, period="2021-H2")
    return final, concept


@pytest.fixture
def postgres(transactional_db):
    need(
        connection.vendor == "postgresql",
        "backup/restore on PostgreSQL needs DATABASE_URL on PostgreSQL (CI: .ci/run starts one)",
    )
    import psycopg2

    name = f"ghnt_restore_{uuid.uuid4().hex[:10]}"
    admin = psycopg2.connect(_url(connection.settings_dict["NAME"]))
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    try:
        yield name
    finally:
        with admin.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def _table_rows(cursor, tables):
    rows = {}
    for table in tables:
        cursor.execute(f'SELECT * FROM "{table}"')
        rows[table] = sorted(repr(row) for row in cursor.fetchall())
    return rows


PG_CATALOGUE = {
    "triggers": "SELECT tgname, pg_get_triggerdef(oid) FROM pg_trigger "
    "WHERE NOT tgisinternal ORDER BY 1, 2",
    "functions": "SELECT proname, pg_get_functiondef(p.oid) FROM pg_proc p "
    "JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public' ORDER BY 1",
    "sequences": "SELECT sequencename, last_value FROM pg_sequences ORDER BY 1",
    # CHECK expressions come back equivalent but deparsed differently (ARRAY casts): compare
    # their names and kinds; every other constraint by its full definition.
    "constraints": "SELECT conrelid::regclass::text, conname, contype, CASE WHEN contype = 'c' "
    "THEN '' ELSE pg_get_constraintdef(oid) END FROM pg_constraint "
    "WHERE connamespace = 'public'::regnamespace ORDER BY 1, 2, 4",
}


def test_backup_and_restore_into_a_fresh_postgresql_database_gives_everything_back(
    postgres, settings, tmp_path
):
    import psycopg2

    final, concept = _world()
    media = Path(settings.MEDIA_ROOT)
    backup_dir = tmp_path / "backup"
    call_command("backup", str(backup_dir), stdout=open(os.devnull, "w"))

    manifest = json.loads((backup_dir / "manifest.json").read_text())
    assert final.pdf.name in manifest["referenced_files"]
    assert manifest["files"][final.pdf.name]["sha256"] == hashlib.sha256(FAKE_PDF).hexdigest()

    restored_media = tmp_path / "restored-media"
    result = _manage(["restore", str(backup_dir)], _url(postgres), restored_media)
    assert "teruggezet" in result.stdout

    source = psycopg2.connect(_url(connection.settings_dict["NAME"]))
    try:
        with source.cursor() as cursor:
            tables = connection.introspection.table_names(cursor)
            source_rows = _table_rows(cursor, tables)
            source_catalogue = {}
            for key, sql in PG_CATALOGUE.items():
                cursor.execute(sql)
                source_catalogue[key] = cursor.fetchall()
    finally:
        source.close()
    restored = psycopg2.connect(_url(postgres))
    try:
        with restored.cursor() as cursor:
            cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
            assert sorted(r[0] for r in cursor.fetchall()) == sorted(tables)
            assert _table_rows(cursor, tables) == source_rows
            for key, sql in PG_CATALOGUE.items():
                cursor.execute(sql)
                assert cursor.fetchall() == source_catalogue[key], key
            # The freeze trigger still refuses to change a definitief report.
            with pytest.raises(psycopg2.errors.IntegrityConstraintViolation, match="definitief"):
                cursor.execute(
                    "UPDATE monitoring_progressreport SET pdf_sha256 = 'x' WHERE id = %s",
                    [final.pk],
                )
            restored.rollback()
            cursor.execute(
                "UPDATE monitoring_progressreport SET failure = 'ok' WHERE id = %s", [concept.pk]
            )
            assert cursor.rowcount == 1
        restored.rollback()
    finally:
        restored.close()

    assert _files(restored_media) == _files(media)
    assert _files(restored_media)[final.pdf.name] == hashlib.sha256(FAKE_PDF).hexdigest()

    # Not into a database that holds data, unless told --force.
    again = _manage(["restore", str(backup_dir)], _url(postgres), restored_media, check=False)
    assert again.returncode != 0
    assert "niet leeg" in again.stderr
    forced = _manage(["restore", "--force", str(backup_dir)], _url(postgres), restored_media)
    assert "teruggezet" in forced.stdout
    print(
        f"backup + restore: {len(tables)} tables ({sum(manifest['tables'].values())} rows), "
        f"{len(manifest['files'])} files, {len(source_catalogue['triggers'])} triggers equal"
    )


def test_a_damaged_backup_is_refused_before_anything_is_restored(transactional_db, tmp_path):
    backup_dir = tmp_path / "backup"
    call_command("backup", str(backup_dir), stdout=open(os.devnull, "w"))
    dump = next(p for p in backup_dir.iterdir() if p.name.startswith("database."))
    with open(dump, "ab") as f:
        f.write(b"garbage")
    with pytest.raises(CommandError, match="beschadigd"):
        call_command("restore", str(backup_dir), stdout=open(os.devnull, "w"))


def test_backup_refuses_a_folder_that_is_not_empty(db, tmp_path):
    (tmp_path / "something").write_text("x")
    with pytest.raises(CommandError, match="niet leeg"):
        call_command("backup", str(tmp_path), stdout=open(os.devnull, "w"))


def test_sqlite_backup_restores_into_a_new_database_file(transactional_db, settings, tmp_path):
    if connection.vendor != "sqlite":
        pytest.skip("the SQLite variant runs in the default (SQLite) test run")
    final, _ = _world()
    backup_dir = tmp_path / "backup"
    call_command("backup", str(backup_dir), stdout=open(os.devnull, "w"))
    target = tmp_path / "restored.sqlite3"
    restored_media = tmp_path / "restored-media"
    _manage(["restore", str(backup_dir)], f"sqlite:///{target}", restored_media)

    manifest = json.loads((backup_dir / "manifest.json").read_text())
    restored = sqlite3.connect(target)
    try:
        for table, count in manifest["tables"].items():
            assert restored.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0] == count
        with pytest.raises(sqlite3.IntegrityError, match="definitief"):
            restored.execute(
                "UPDATE monitoring_progressreport SET pdf_sha256 = 'x' WHERE id = ?", [final.pk]
            )
    finally:
        restored.close()
    assert _files(restored_media) == _files(Path(settings.MEDIA_ROOT))
