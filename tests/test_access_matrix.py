"""Every URL x every role x GET and POST answers as the access rules say (see tests/access.py)."""

from django.contrib.auth import get_user_model
from django.urls import URLPattern, URLResolver, get_resolver, reverse

import pytest

from tests.access import NOT_ALLOWED, REDIRECT, ROLES
from tests.accounts.access_rows import ROWS as ACCOUNT_ROWS
from tests.actions.access_rows import ROWS as ACTION_ROWS
from tests.api.access_rows import ROWS as API_ROWS
from tests.documents.access_rows import ROWS as DOCUMENT_ROWS
from tests.governance.access_rows import ROWS as GOVERNANCE_ROWS
from tests.monitoring.access_rows import ROWS as MONITORING_ROWS
from tests.monitoring.access_rows_national import ROWS as NATIONAL_ROWS
from tests.monitoring.access_rows_reports import REPORT_ROWS
from tests.planio.access_rows import ROWS as PLANIO_ROWS
from tests.programmes.access_rows import ROWS as PROGRAMME_ROWS
from tests.public.access_rows import ROWS as PUBLIC_ROWS
from tests.standards.access_rows import ROWS as STANDARDS_ROWS
from tests.two_factor import log_in
from tests.world import World

ROWS = (
    ACCOUNT_ROWS
    + PROGRAMME_ROWS
    + ACTION_ROWS
    + GOVERNANCE_ROWS
    + MONITORING_ROWS
    + REPORT_ROWS
    + NATIONAL_ROWS
    + PLANIO_ROWS
    + API_ROWS
    + PUBLIC_ROWS
    + STANDARDS_ROWS
    + DOCUMENT_ROWS
)

USERNAMES = {
    "projectleider": "projectleider-zawa",
    "other_projectleider": "projectleider-kennemerland",
    "veiligthuis": "veiligthuis-zawa",
    "politie": "politie-zawa",
    "wethouder": "wethouder-zaanstad",
    "raadslid": "raadslid-zaanstad",
    "rijk": "rijk",
    "beheerder": "beheerder",
}

# The Django admin has its own staff check (tested in test_pages); static files are public.
EXEMPT_NAMESPACES = {"admin"}


def _url_names(patterns=None, namespace=""):
    for p in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(p, URLResolver):
            ns = p.namespace or ""
            if ns in EXEMPT_NAMESPACES:
                continue
            prefix = f"{namespace}{ns}:" if ns else namespace
            yield from _url_names(p.url_patterns, prefix)
        elif isinstance(p, URLPattern) and p.name:
            yield namespace + p.name


def _cases():
    for row in ROWS:
        for method in ("GET", "POST"):
            for role in ROLES:
                yield pytest.param(row, method, role, id=f"{row.url_name}-{method}-{role}")


CASES = list(_cases())


def test_every_url_of_the_project_has_a_row_in_the_matrix():
    names = set(_url_names())
    covered = {row.url_name for row in ROWS}
    missing = sorted(names - covered)
    assert not missing, f"URLs without a row in the access matrix: {missing}"
    stale = sorted(covered - names)
    assert not stale, f"Rows for URLs that no longer exist: {stale}"
    print(
        f"\naccess matrix: {len(ROWS)} URLs x {len(ROLES)} roles x 2 methods = {len(CASES)} cases"
    )


@pytest.mark.django_db
@pytest.mark.parametrize(("row", "method", "role"), CASES)
def test_access(client, row, method, role):
    world = World()
    kwargs = row.kwargs(world) if callable(row.kwargs) else row.kwargs
    url = reverse(row.url_name, kwargs=kwargs)
    if role != "anonymous":
        log_in(client, get_user_model().objects.get(username=USERNAMES[role]))
    expected_by_role = row.get if method == "GET" else row.post
    if expected_by_role is None:
        expected = REDIRECT if role == "anonymous" else NOT_ALLOWED
    else:
        expected = expected_by_role[role]
    if method == "GET":
        response = client.get(url)
    else:
        data = row.post_data(world) if callable(row.post_data) else row.post_data
        response = client.post(url, data)
    assert response.status_code == expected, (
        f"{method} {url} as {role}: {response.status_code}, expected {expected}"
    )
    if role == "anonymous" and expected == REDIRECT and row.url_name not in ("logout",):
        assert response["Location"].startswith(reverse("login"))
