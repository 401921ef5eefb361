"""The audit trail's append-only trigger allows exactly one change, the retention's
pseudonymisation of a client address, and nothing else: on PostgreSQL (the test database)
and on SQLite (a database of its own, with the same SQL the migration installs)."""

import importlib

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, connection, connections, transaction
from django.db.backends.sqlite3.base import DatabaseWrapper

import pytest

from ghnt_portal.audit.models import AuditEvent
from ghnt_portal.audit.pseudonyms import pseudonym

pytestmark = pytest.mark.django_db

migration = importlib.import_module("ghnt_portal.audit.migrations.0004_pseudonymise_ip_trigger")
ADDRESS = "198.51.100.7"


class Database:
    """Raw SQL on one database: `run(sql, params)` in a transaction of its own; True when
    the database accepted it."""

    def __init__(self, wrapper):
        self.wrapper = wrapper

    def run(self, sql, params=()):
        try:
            with transaction.atomic(using=self.wrapper.alias), self.wrapper.cursor() as cursor:
                cursor.execute(sql, params)
            return True
        except IntegrityError:
            return False

    def row(self, pk):
        with self.wrapper.cursor() as cursor:
            cursor.execute("SELECT ip_address, detail FROM audit_auditevent WHERE id = %s", [pk])
            return cursor.fetchone()

    def insert(self, ip):
        with self.wrapper.cursor() as cursor:
            cursor.execute(
                "INSERT INTO audit_auditevent (timestamp, actor_name, action, result, "
                "object_id, object_repr, ip_address, detail) "
                "VALUES (CURRENT_TIMESTAMP, 'iemand', 'login', 'gelukt', '', '', %s, '')",
                [ip],
            )
            cursor.execute("SELECT max(id) FROM audit_auditevent")
            return cursor.fetchone()[0]


def _sqlite():
    wrapper = DatabaseWrapper(
        {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": ":memory:",
            "OPTIONS": {},
            "TIME_ZONE": None,
            "CONN_MAX_AGE": 0,
            "CONN_HEALTH_CHECKS": False,
            "AUTOCOMMIT": True,
            "ATOMIC_REQUESTS": False,
            "USER": "",
            "PASSWORD": "",
            "HOST": "",
            "PORT": "",
            "TEST": {},
        },
        alias="retention-sqlite",
    )
    # Not in DATABASES: atomic() (and the schema editor's) find it by its alias here.
    connections[wrapper.alias] = wrapper
    with wrapper.schema_editor() as editor:
        editor.create_model(ContentType)
        editor.create_model(AuditEvent)
    with wrapper.cursor() as cursor:
        for sql in migration.statements("sqlite", install=True):
            cursor.execute(sql)
    return wrapper


@pytest.fixture(params=["postgresql", "sqlite"])
def database(request):
    if request.param == "postgresql":
        if connection.vendor != "postgresql":
            pytest.skip("the test database is not PostgreSQL (CI: DATABASE_URL)")
        yield Database(connection)
        return
    wrapper = _sqlite()
    try:
        yield Database(wrapper)
    finally:
        wrapper.close()
        del connections[wrapper.alias]


def test_an_ordinary_update_and_delete_are_still_refused(database):
    pk = database.insert(ADDRESS)
    assert not database.run("UPDATE audit_auditevent SET detail = 'weg' WHERE id = %s", [pk])
    assert not database.run("DELETE FROM audit_auditevent WHERE id = %s", [pk])
    assert database.row(pk) == (ADDRESS, "")


def test_replacing_a_real_address_by_its_pseudonym_is_allowed(database):
    pk = database.insert(ADDRESS)
    sql = "UPDATE audit_auditevent SET ip_address = %s WHERE id = %s"
    assert database.run(sql, [pseudonym(ADDRESS), pk])
    assert database.row(pk) == (pseudonym(ADDRESS), "")


@pytest.mark.parametrize(
    "change",
    [
        "ip_address = %(pseudonym)s, detail = 'ook dit'",  # more than the address
        "ip_address = %(pseudonym)s, actor_name = 'iemand anders'",
        "ip_address = '203.0.113.9'",  # another real address
        "ip_address = NULL",  # the address removed rather than pseudonymised
    ],
)
def test_anything_beyond_the_pseudonymisation_is_refused(database, change):
    pk = database.insert(ADDRESS)
    sql = f"UPDATE audit_auditevent SET {change} WHERE id = %(pk)s"
    assert not database.run(sql, {"pseudonym": pseudonym(ADDRESS), "pk": pk})
    assert database.row(pk) == (ADDRESS, "")


def test_a_pseudonym_or_an_empty_address_cannot_be_changed(database):
    pseudonymised, empty = database.insert(pseudonym(ADDRESS)), database.insert(None)
    sql = "UPDATE audit_auditevent SET ip_address = %s WHERE id = %s"
    assert not database.run(sql, [pseudonym("203.0.113.9"), pseudonymised])
    assert not database.run(sql, [pseudonym(ADDRESS), empty])


def test_the_sqlite_guard_compares_every_column_of_the_audit_table():
    columns = {field.column for field in AuditEvent._meta.concrete_fields} - {"ip_address"}
    assert columns == set(migration.COLUMNS)
