"""Every form of the portal, driven with hostile values by hypothesis (see harness.py for what
each answer must satisfy). The forms are found from the URLconf's access matrix rows and the
pages' own HTML, so a new form or field is driven without changing this file.

`HOSTILE_EXAMPLES` (default 6) sets the examples per form; `HOSTILE_RANDOM=1` draws new
ones each run instead of the fixed (derandomised) sequence CI uses.
"""

from __future__ import annotations

import os

from django.contrib.auth import get_user_model
from django.urls import reverse

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.access import OK, REDIRECT
from tests.hostile.harness import Counter, forms_of, send
from tests.hostile.strategies import hostile_form_data
from tests.test_access_matrix import ROWS, USERNAMES
from tests.two_factor import log_in
from tests.world import World

pytestmark = pytest.mark.django_db

EXAMPLES = int(os.environ.get("HOSTILE_EXAMPLES", "6"))
SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,  # each request is timed by the harness (MAX_SECONDS)
    derandomize=not os.environ.get("HOSTILE_RANDOM"),
    database=None,
    suppress_health_check=list(HealthCheck),
    print_blob=True,
)
# Who drives a form: the first of these the matrix lets post to it (and see its page).
DRIVERS = ("projectleider", "veiligthuis", "beheerder", "anonymous")
# Not forms: leaving, and the single sign-on and admin redirects (off or elsewhere).
SKIP = {"logout", "admin_login_redirect", "oidc_authentication_init"}
SKIP |= {"oidc_authentication_callback", "two_factor_disable"}


def _driver(expected: dict[str, int] | None) -> str | None:
    if expected is None:
        return None
    return next((r for r in DRIVERS if expected.get(r) in (OK, REDIRECT, 400)), None)


def _cases():
    for row in ROWS:
        if row.url_name in SKIP:
            continue
        role = _driver(row.post)
        if role:
            yield pytest.param(row, "post", role, id=f"{row.url_name}-POST")
        role = _driver(row.get) if row.get and row.get.get("projectleider") == OK else None
        if role:
            yield pytest.param(row, "get", role, id=f"{row.url_name}-GET")


CASES = list(_cases())


def _client(client, role):
    if role != "anonymous":
        log_in(client, get_user_model().objects.get(username=USERNAMES[role]))
    return client


def _base_data(client, url, row, world, method):
    """What the page's form submits unchanged (and the matrix's valid data for a POST)."""
    fields: dict = {}
    if method == "post" and row.get and row.get.get("projectleider") in (OK,):
        page = client.get(url)
        if page.status_code == 200 and not page.streaming:
            for form in forms_of(page.content.decode()):
                if form.method == "post" and form.action in ("", url) and not form.files:
                    fields.update(form.fields)
    if method == "get":
        page = client.get(url)
        if page.status_code == 200 and not page.streaming and "html" in page["Content-Type"]:
            for form in forms_of(page.content.decode()):
                if form.method == "get" and form.action in ("", url):
                    fields.update(form.fields)
    if method == "post":
        fields.update(row.post_data(world) if callable(row.post_data) else row.post_data)
    return fields


@pytest.mark.parametrize(("row", "method", "role"), CASES)
def test_every_form_survives_hostile_input(client, row, method, role, record_property):
    world = World()
    kwargs = row.kwargs(world) if callable(row.kwargs) else row.kwargs
    url = reverse(row.url_name, kwargs=kwargs)
    client = _client(client, role)
    base = _base_data(client, url, row, world, method)
    counter = Counter()

    # A page without a search form still reads its query string: a few examples suffice.
    examples = EXAMPLES if base or method == "post" else min(EXAMPLES, 2)

    @settings(SETTINGS, max_examples=examples)
    @given(data=hostile_form_data(base), htmx=st.booleans())
    def drive(data, htmx):
        send(client, method, url, data, htmx=htmx, counter=counter)

    try:
        drive()
    finally:
        record_property("hostile_inputs", counter.requests)
