"""The API fuzzed with schemathesis against its own OpenAPI description, as anonymous and as
each role: no server error, every response conforms to the schema, and no object outside
the caller's scope (an oracle written from the roles, not from the querysets)."""

import json

from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections

import pytest
import schemathesis
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from hypothesis import HealthCheck, settings
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi.checks import negative_data_rejection

from programmes.models import Programme
from tests.access import ROLES
from tests.api import fuzzlog
from tests.api.helpers import token_for

DESCRIPTION = json.loads(
    OpenApiJsonRenderer().render(SchemaGenerator().get_schema(request=None, public=True))
)
# The full run (schema examples, the coverage phase's boundary and invalid values, random
# fuzzing) for anonymous callers and the beheerder, the narrowest and the widest scope;
# random fuzzing alone for the other roles, so the whole test stays well under two minutes.
FULL = schemathesis.openapi.from_dict(DESCRIPTION)
FUZZ = schemathesis.openapi.from_dict(
    DESCRIPTION,
    config=SchemathesisConfig.from_dict({"phases": {"coverage": {"enabled": False}}}),
)
APP = get_wsgi_application()
MAX_EXAMPLES = 6  # random examples per operation and caller
FULL_ROLES = ("anonymous", "beheerder")

ALL = None
# Which regions' adopted data each caller may get (ZaWa opened its data in the demo).
REGIONS = {
    "anonymous": {"zaanstreek-waterland"},
    "projectleider": {"zaanstreek-waterland"},
    "other_projectleider": {"zaanstreek-waterland", "kennemerland"},
    "veiligthuis": {"zaanstreek-waterland"},
    "politie": {"zaanstreek-waterland"},
    "wethouder": {"zaanstreek-waterland"},
    "raadslid": {"zaanstreek-waterland"},
    "rijk": ALL,
    "beheerder": ALL,
}


def _objects(data):
    if isinstance(data, dict) and "results" in data:
        return data["results"]
    return [data] if isinstance(data, dict) else []


def scope_check(role: str, programme_ids: set[int]):
    regions = REGIONS[role]

    def check(ctx, response, case):
        if response.status_code != 200:
            return
        for obj in _objects(response.json()):
            # Paths are relative to the server, /api/v1.
            programme = (
                obj.get("id") if case.path.startswith("/programmes") else obj.get("programme")
            )
            if programme is not None:
                assert programme in programme_ids, f"{role} got programme {programme}"
            region = obj.get("region")
            slug = region.get("slug") if isinstance(region, dict) else region
            if slug is not None and regions is not ALL:
                assert slug in regions, f"{role} got data of region {slug}"

    return check


@pytest.fixture
def caller(request, settings):
    settings.ALLOWED_HOSTS = ["*"]
    # Calls go through the real WSGI handler, which closes the database connection after
    # each request; inside the test's transaction it must stay open (as Django's test
    # client does it).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    request.addfinalizer(lambda: request_started.connect(close_old_connections))
    request.addfinalizer(lambda: request_finished.connect(close_old_connections))
    role = request.param
    regions = REGIONS[role]
    published = Programme.objects.published()
    if regions is not ALL:
        published = published.filter(region__slug__in=regions)
    return role, token_for(role), set(published.values_list("pk", flat=True))


SETTINGS = settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)


def _run(case, caller):
    role, key, programme_ids = caller
    # The WSGI transport hands the body over as sent; anonymous answers may be gzipped
    # (ghnt_portal/compression.py) and a browser would unpack them, this client does not.
    headers = {"Accept-Encoding": "identity"}
    if key:
        headers["Authorization"] = f"Token {key}"
    # Every default check (no 5xx, status codes, content types and bodies as described,
    # valid requests accepted) plus the scope oracle; an empty filter (`?status=`) meaning
    # "no filter" is accepted on purpose, so the check that invalid input is refused is off.
    response = case.call_and_validate(
        app=APP,
        headers=headers,
        additional_checks=[scope_check(role, programme_ids)],
        excluded_checks=[negative_data_rejection],
    )
    fuzzlog.record(role, case.operation.label, response.status_code)


@pytest.mark.django_db
@pytest.mark.parametrize("caller", FULL_ROLES, indirect=True)
@FULL.parametrize()
@SETTINGS
def test_api_conforms_and_stays_in_scope(case, caller):
    _run(case, caller)


@pytest.mark.django_db
@pytest.mark.parametrize("caller", [r for r in ROLES if r not in FULL_ROLES], indirect=True)
@FUZZ.parametrize()
@SETTINGS
def test_api_fuzzed_per_role_stays_in_scope(case, caller):
    _run(case, caller)
