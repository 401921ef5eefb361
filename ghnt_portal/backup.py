"""Backup and restore of the database and the stored files, consistent with each other.

A backup is a folder:
  manifest.json     what is in it: row counts per table, every file with its SHA-256, the
                    files the database refers to, the database dump's SHA-256
  database.dump     PostgreSQL: pg_dump's custom format (triggers and functions included)
  database.sqlite3  SQLite (the embedded default): a copy made with SQLite's backup API
  files/...         every file of the default storage (local disk or S3), by its name

PostgreSQL: the row counts, the list of referenced files and pg_dump all read one snapshot
(REPEATABLE READ, pg_export_snapshot), so the manifest describes exactly the dump. The files
are copied right after; a file the dump refers to that is missing fails the backup.

Restore goes into an EMPTY database (no tables) and storage without conflicting files;
`force` first drops everything in the database's public schema and overwrites files.
"""

import datetime
import glob
import hashlib
import json
import os
import posixpath
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.core.files.base import File
from django.core.files.storage import default_storage
from django.db import connection, models, transaction

FORMAT = 1
MANIFEST = "manifest.json"


class BackupError(Exception):
    """Shown to the operator as is (Dutch, like the portal's other commands)."""


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _storage_sha256(name: str) -> str:
    digest = hashlib.sha256()
    with default_storage.open(name, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def stored_files(path: str = ""):
    """Every file name in the default storage (local disk or S3), recursively."""
    try:
        directories, files = default_storage.listdir(path)
    except FileNotFoundError:
        return
    for name in sorted(files):
        yield posixpath.join(path, name) if path else name
    for directory in sorted(directories):
        yield from stored_files(posixpath.join(path, directory) if path else directory)


def file_columns():
    """(table, column) of every FileField: where the database refers to stored files."""
    return [
        (model._meta.db_table, field.column)
        for model in apps.get_models()
        for field in model._meta.concrete_fields
        if isinstance(field, models.FileField)
    ]


def pg_tool(name: str) -> str:
    """pg_dump/pg_restore: PG_BIN_DIR, else the PATH, else the newest in /usr/lib/postgresql."""
    if settings.PG_BIN_DIR:
        return str(Path(settings.PG_BIN_DIR, name))
    found = shutil.which(name)
    if found:
        return found
    for directory in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        if Path(directory, name).exists():
            return str(Path(directory, name))
    raise BackupError(f"{name} niet gevonden: installeer postgresql-client of zet PG_BIN_DIR.")


def _pg_args_env():
    s = connection.settings_dict
    args = ["--dbname", s["NAME"]]
    if s["HOST"]:
        args += ["--host", s["HOST"]]
    if s["PORT"]:
        args += ["--port", str(s["PORT"])]
    if s["USER"]:
        args += ["--username", s["USER"]]
    env = {**os.environ}
    if s["PASSWORD"]:
        env["PGPASSWORD"] = s["PASSWORD"]
    if s.get("OPTIONS", {}).get("sslmode"):
        env["PGSSLMODE"] = s["OPTIONS"]["sslmode"]
    return args, env


def _run(args, env=None):
    result = subprocess.run(args, env=env, capture_output=True, text=True)
    if result.returncode:
        raise BackupError(f"{Path(args[0]).name} mislukte:\n{result.stderr.strip()[-3000:]}")


def _quote(name: str) -> str:
    return connection.ops.quote_name(name)


def _counts_and_references(cursor, tables):
    counts = {}
    for table in sorted(tables):
        cursor.execute(f"SELECT COUNT(*) FROM {_quote(table)}")
        counts[table] = cursor.fetchone()[0]
    referenced: set[str] = set()
    for table, column in file_columns():
        if table in counts:
            cursor.execute(
                f"SELECT {_quote(column)} FROM {_quote(table)} WHERE {_quote(column)} <> ''"
            )
            referenced.update(row[0] for row in cursor.fetchall())
    return counts, sorted(referenced)


def backup(target: Path, log=print) -> dict:
    target = Path(target)
    if target.exists() and any(target.iterdir()):
        raise BackupError(f"{target} is niet leeg; kies een nieuwe map voor de back-up.")
    target.mkdir(parents=True, exist_ok=True)
    vendor = connection.vendor
    if vendor == "postgresql":
        database_file = "database.dump"
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                cursor.execute("SELECT pg_export_snapshot()")
                snapshot = cursor.fetchone()[0]
                tables = connection.introspection.table_names(cursor)
                counts, referenced = _counts_and_references(cursor, tables)
                args, env = _pg_args_env()
                _run(
                    [pg_tool("pg_dump"), "--format=custom", f"--snapshot={snapshot}"]
                    + ["--file", str(target / database_file), *args],
                    env,
                )
    elif vendor == "sqlite":
        database_file = "database.sqlite3"
        connection.ensure_connection()
        destination = sqlite3.connect(target / database_file)
        with destination:
            connection.connection.backup(destination)
        destination.close()
        copy = sqlite3.connect(target / database_file)
        try:
            cursor = copy.cursor()  # type: ignore[assignment]
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            tables = [row[0] for row in cursor.fetchall() if not row[0].startswith("sqlite_")]
            counts, referenced = _counts_and_references(cursor, tables)
        finally:
            copy.close()
    else:
        raise BackupError(f"Back-up van een {vendor}-database wordt niet ondersteund.")
    log(f"Database: {len(counts)} tabellen, {sum(counts.values())} rijen.")

    files = {}
    for name in stored_files():
        destination = target / "files" / name
        destination.parent.mkdir(parents=True, exist_ok=True)
        with default_storage.open(name, "rb") as source, open(destination, "wb") as out:
            shutil.copyfileobj(source, out)
        files[name] = {"sha256": sha256_of(destination), "size": destination.stat().st_size}
    missing = [name for name in referenced if name not in files]
    if missing:
        raise BackupError(
            "Bestanden waar de database naar verwijst ontbreken in de opslag: "
            + ", ".join(missing[:10])
        )
    log(f"Bestanden: {len(files)} ({sum(f['size'] for f in files.values())} bytes).")

    manifest = {
        "format": FORMAT,
        "created_at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "vendor": vendor,
        "database": {
            "file": database_file,
            "sha256": sha256_of(target / database_file),
            "size": (target / database_file).stat().st_size,
        },
        "tables": counts,
        "files": files,
        "referenced_files": referenced,
    }
    (target / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True))
    return manifest


def read_manifest(source: Path) -> dict:
    source = Path(source)
    try:
        manifest = json.loads((source / MANIFEST).read_text())
    except FileNotFoundError as exc:
        raise BackupError(f"{source / MANIFEST} ontbreekt: dit is geen back-up.") from exc
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Onbekend back-upformaat {manifest.get('format')!r}.")
    database = manifest["database"]
    if sha256_of(source / database["file"]) != database["sha256"]:
        raise BackupError(f"{database['file']} is beschadigd (controlesom klopt niet).")
    for name, meta in manifest["files"].items():
        path = source / "files" / name
        if not path.exists() or sha256_of(path) != meta["sha256"]:
            raise BackupError(f"Bestand {name} ontbreekt of is beschadigd in de back-up.")
    return manifest


def _current_tables():
    with connection.cursor() as cursor:
        return connection.introspection.table_names(cursor)


def _empty_cache(log) -> None:
    """What was cached came from the database before the restore (the dashboards): gone."""
    try:
        cache.clear()
    except Exception as exc:  # a cache that is away: its entries expire by themselves
        log(f"Let op: de cache kon niet worden geleegd ({type(exc).__name__}).")


def restore(source: Path, force: bool = False, log=print) -> dict:
    source = Path(source)
    manifest = read_manifest(source)
    vendor = connection.vendor
    if manifest["vendor"] != vendor:
        raise BackupError(
            f"De back-up is van een {manifest['vendor']}-database, deze portal gebruikt {vendor}."
        )
    tables = _current_tables()
    if tables and not force:
        raise BackupError(
            f"De database is niet leeg ({len(tables)} tabellen). Zet terug in een lege database, "
            "of gebruik --force om alles in deze database te vervangen."
        )
    conflicts = [
        name
        for name, meta in manifest["files"].items()
        if default_storage.exists(name) and _storage_sha256(name) != meta["sha256"]
    ]
    if conflicts and not force:
        raise BackupError(
            f"De opslag bevat al andere bestanden met dezelfde naam ({', '.join(conflicts[:5])}). "
            "Gebruik --force om ze te overschrijven."
        )

    database_file = source / manifest["database"]["file"]
    if vendor == "postgresql":
        if tables:
            with connection.cursor() as cursor:
                cursor.execute("DROP SCHEMA public CASCADE")
                cursor.execute("CREATE SCHEMA public")
        connection.close()
        args, env = _pg_args_env()
        _run(
            [pg_tool("pg_restore"), "--no-owner", "--no-acl", "--exit-on-error"]
            + ["--single-transaction", *args, str(database_file)],
            env,
        )
    elif vendor == "sqlite":
        connection.ensure_connection()
        backup_db = sqlite3.connect(database_file)
        try:
            backup_db.backup(connection.connection)
        finally:
            backup_db.close()
    else:
        raise BackupError(f"Terugzetten in een {vendor}-database wordt niet ondersteund.")

    with connection.cursor() as cursor:
        counts, _ = _counts_and_references(cursor, manifest["tables"])
    if counts != manifest["tables"]:
        wrong = [t for t in manifest["tables"] if counts.get(t) != manifest["tables"][t]]
        raise BackupError(f"Na het terugzetten kloppen de rijen niet in: {', '.join(wrong)}")
    log(f"Database: {len(counts)} tabellen, {sum(counts.values())} rijen teruggezet.")
    _empty_cache(log)

    for name, meta in manifest["files"].items():
        if default_storage.exists(name):
            if _storage_sha256(name) == meta["sha256"]:
                continue
            default_storage.delete(name)
        with open(source / "files" / name, "rb") as f:
            saved = default_storage.save(name, File(f, name=posixpath.basename(name)))
        if saved != name or _storage_sha256(name) != meta["sha256"]:
            raise BackupError(f"Bestand {name} kon niet ongewijzigd worden teruggezet.")
    log(f"Bestanden: {len(manifest['files'])} teruggezet en gecontroleerd.")
    return manifest
