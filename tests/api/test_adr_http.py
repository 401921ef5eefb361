"""The API's answers follow the NLGov API Design Rules (issue 21) where a document cannot
show it: the full version in every answer, errors as problem details, no trailing slash,
the description at its standard place, CORS on the open data only, and the old /api/ paths
sent on to /api/v1 until their sunset."""

import json
from urllib.parse import quote

from django.db import OperationalError
from django.http import QueryDict
from django.test import Client

import pytest
import yaml
from freezegun import freeze_time
from hypothesis import given, settings
from hypothesis import strategies as st

from ghnt_portal.api import legacy_target
from programmes.api.views import ProgrammeViewSet
from programmes.models import Programme
from tests.api.helpers import api_client

pytestmark = pytest.mark.django_db

PROBLEM_JSON = "application/problem+json"


@pytest.fixture
def version(client) -> str:
    """The version the description states: the API-Version header must match it."""
    return json.loads(client.get("/api/v1/openapi.json").content)["info"]["version"]


def _kennemerland_programme():
    return Programme.objects.get(region__slug="kennemerland", status="vastgesteld")


def assert_problem(response, status: int, version: str) -> dict:
    assert response.status_code == status
    assert response["Content-Type"] == PROBLEM_JSON
    assert response["API-Version"] == version
    body = json.loads(response.content)
    assert body["status"] == status
    assert body["title"] and body["detail"] and body["type"] == "about:blank"
    assert body["instance"] == response.wsgi_request.path
    return body


def test_every_answer_carries_the_full_version(version):
    assert version.count(".") == 2  # major.minor.patch, not just the major in the path
    anonymous, bad_token = api_client("anonymous"), api_client("anonymous")
    bad_token.credentials(HTTP_AUTHORIZATION="Token " + "0" * 40)
    answers = [
        anonymous.get("/api/v1/"),
        anonymous.get("/api/v1/programmes"),
        anonymous.get("/api/v1/openapi.yaml"),
        anonymous.get("/api/v1/actions", {"status": "bestaat-niet"}),
        anonymous.get(f"/api/v1/programmes/{_kennemerland_programme().pk}"),
        anonymous.post("/api/v1/programmes", {}),
        bad_token.get("/api/v1/programmes"),
    ]
    assert [a.status_code for a in answers] == [200, 200, 200, 400, 404, 405, 401]
    assert {a["API-Version"] for a in answers} == {version}


def test_no_answer_is_kept_in_a_cache():
    """/core/transport/security-headers: no-store on every answer; one to a token holds
    what that user may read, so it is private as well."""
    anonymous = [Client().get("/api/v1/programmes"), Client().get("/api/v1/bestaat-niet")]
    assert [a["Cache-Control"] for a in anonymous] == ["no-store", "no-store"]
    with_token = api_client("rijk").get("/api/v1/programmes")
    assert with_token["Cache-Control"] == "private, no-store"


def test_a_path_that_matches_nothing_is_a_404_problem(version):
    body = assert_problem(api_client("anonymous").get("/api/v1/bestaat-niet"), 404, version)
    assert body["instance"] == "/api/v1/bestaat-niet"


def test_an_object_out_of_sight_is_a_404_problem(version):
    url = f"/api/v1/programmes/{_kennemerland_programme().pk}"
    body = assert_problem(api_client("anonymous").get(url), 404, version)
    assert body["detail"] == "Niet gevonden."
    assert api_client("rijk").get(url).status_code == 200


def test_a_page_past_the_end_is_a_404_problem_in_dutch(version):
    response = api_client("anonymous").get("/api/v1/programmes", {"page": 999})
    assert assert_problem(response, 404, version)["detail"] == "Deze pagina bestaat niet."


def test_a_400_names_every_bad_parameter_in_dutch(version):
    response = api_client("anonymous").get(
        "/api/v1/milestones", {"plannedQuarter": 5, "plannedYear": "twintig"}
    )
    body = assert_problem(response, 400, version)
    names = {p["name"] for p in body["invalidParams"]}
    assert names == {"plannedQuarter", "plannedYear"}  # all errors together
    assert "plannedQuarter: Zorg ervoor dat deze waarde hoogstens 4 is." in body["detail"]


def test_a_bad_page_size_is_a_400_problem(version):
    response = api_client("anonymous").get("/api/v1/programmes", {"pageSize": 0})
    body = assert_problem(response, 400, version)
    assert body["invalidParams"] == [
        {"name": "pageSize", "reason": "Geef een geheel getal van 1 tot en met 200."}
    ]


@pytest.mark.parametrize("endpoint", ["milestones", "measurements"])
def test_one_400_names_the_bad_filter_and_the_bad_page_together(version, endpoint):
    bad_filter = {"milestones": {"plannedQuarter": 9}, "measurements": {"year": 1200}}[endpoint]
    response = api_client("anonymous").get(
        f"/api/v1/{endpoint}", {**bad_filter, "page": "twee", "pageSize": "²"}
    )
    body = assert_problem(response, 400, version)
    names = {p["name"] for p in body["invalidParams"]}
    assert names == {*bad_filter, "page", "pageSize"}


def test_a_revoked_token_and_a_change_are_problems_too(version):
    client = api_client("anonymous")
    client.credentials(HTTP_AUTHORIZATION="Token " + "0" * 40)
    response = client.get("/api/v1/programmes")
    body = assert_problem(response, 401, version)
    assert body["detail"] == "Ongeldige of ingetrokken API-sleutel."
    assert response["WWW-Authenticate"] == "Token"
    response = api_client("beheerder").delete(f"/api/v1/programmes/{_kennemerland_programme().pk}")
    body = assert_problem(response, 405, version)
    assert body["detail"] == "De methode DELETE kan hier niet: deze API leest alleen (GET)."
    assert "DELETE" not in response["Allow"] and "GET" in response["Allow"]


def test_asking_for_another_format_than_json_is_a_406_problem(version):
    response = api_client("anonymous").get("/api/v1/programmes", HTTP_ACCEPT="application/xml")
    assert "alleen JSON" in assert_problem(response, 406, version)["detail"]


def test_a_trailing_slash_is_a_404_not_a_redirect(version):
    client = api_client("anonymous")
    assert client.get("/api/v1/programmes").status_code == 200
    assert_problem(client.get("/api/v1/programmes/"), 404, version)
    programme = Programme.objects.get(region__slug="zaanstreek-waterland", status="vastgesteld")
    assert client.get(f"/api/v1/programmes/{programme.pk}").status_code == 200
    assert_problem(client.get(f"/api/v1/programmes/{programme.pk}/"), 404, version)
    assert client.get("/api/v1/").status_code == 200  # the root, the rule's one exception


@pytest.mark.parametrize(
    ("error", "status"), [(RuntimeError("kapot"), 500), (OperationalError("weg"), 503)]
)
def test_a_server_error_is_a_problem_without_internals(monkeypatch, version, error, status):
    def fail(*args, **kwargs):
        raise error

    monkeypatch.setattr(ProgrammeViewSet, "list", fail)
    response = Client(raise_request_exception=False).get("/api/v1/programmes")
    body = assert_problem(response, status, version)
    assert "kapot" not in response.content.decode() and "Traceback" not in body["detail"]
    if status == 503:
        assert response["Retry-After"] == "30"


def test_the_description_is_published_as_json_and_yaml_alike():
    client = Client()  # anonymous, no token: the rule says readable without authentication
    as_json = client.get("/api/v1/openapi.json")
    as_yaml = client.get("/api/v1/openapi.yaml")
    assert as_json.status_code == as_yaml.status_code == 200
    assert yaml.safe_load(as_yaml.content) == json.loads(as_json.content)
    assert as_json["Access-Control-Allow-Origin"] == "*"
    document = json.loads(as_json.content)
    assert document["servers"] == [{"url": "/api/v1", "description": "Dit portaal, API-versie 1"}]
    assert set(document["info"]["contact"]) == {"name", "email", "url"}
    assert document["info"]["license"]["name"] == "EUPL-1.2"


# CORS: the open data only (the API and /openbaar/), read-only, never with credentials.
PUBLIC = ["/api/v1/", "/api/v1/programmes", "/api/v1/openapi.json", "/api/v1/bestaat-niet",
          "/openbaar/", "/api/programmes/"]  # fmt: skip
PRIVATE = ["/", "/inloggen/", "/programmas/", "/api-sleutel/", "/monitoring/", "/beheer/"]


@pytest.mark.parametrize("path", PUBLIC)
def test_the_open_data_allows_any_origin_without_credentials(client, path):
    response = client.get(path, HTTP_ORIGIN="https://gemeente.example.nl")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response
    assert "API-Version" in response["Access-Control-Expose-Headers"]


@pytest.mark.parametrize("path", PUBLIC[:2] + ["/openbaar/"])
def test_a_preflight_allows_reading_only_and_no_token(client, path):
    response = client.options(
        path,
        HTTP_ORIGIN="https://gemeente.example.nl",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="authorization",
    )
    assert response.status_code == 204
    assert response["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"
    # No Allow-Headers: a browser sends no Authorization cross-site, so a page elsewhere
    # reads only what an anonymous caller reads.
    assert "Access-Control-Allow-Headers" not in response
    assert "Access-Control-Allow-Credentials" not in response


@pytest.mark.parametrize("path", PRIVATE)
def test_portal_pages_allow_no_other_origin(client, path):
    for response in (
        client.get(path, HTTP_ORIGIN="https://gemeente.example.nl"),
        client.options(
            path,
            HTTP_ORIGIN="https://gemeente.example.nl",
            HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        ),
    ):
        assert "Access-Control-Allow-Origin" not in response
        assert "API-Version" not in response


def test_a_signed_in_users_answer_is_not_opened_to_other_origins(client_for, raadslid):
    """The API answers a signed-in browser with `*` too, but without Allow-Credentials a
    browser never hands such an answer (made with the session cookie) to another site."""
    response = client_for(raadslid).get("/api/v1/programmes", HTTP_ORIGIN="https://x.example")
    assert response.status_code == 200
    assert "Access-Control-Allow-Credentials" not in response


# The old, unversioned paths: 301 to /api/v1 until the sunset, then 410.
@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("/api/", "/api/v1/"),
        ("/api/schema/", "/api/v1/openapi.json"),
        ("/api/programmes/", "/api/v1/programmes"),
        ("/api/actions/12/", "/api/v1/actions/12"),
        ("/api/milestones/?page_size=5&planned_quarter=2&planned_quarter=3",
         "/api/v1/milestones?pageSize=5&plannedQuarter=2&plannedQuarter=3"),
        ("/api/v1", "/api/v1/"),
    ],
)  # fmt: skip
def test_an_old_path_is_moved_permanently_to_version_1(client, old, new):
    response = client.get(old)
    assert response.status_code == 301
    assert response["Location"] == new
    assert response["Link"] == f'<{new}>; rel="successor-version"'
    assert response["Deprecation"].startswith("@")
    assert response["Sunset"] == "Thu, 01 Jul 2027 00:00:00 GMT"


def test_an_old_client_with_a_token_still_gets_its_data():
    client = api_client("rijk")
    response = client.get("/api/programmes/", {"page_size": 1}, follow=True)
    assert response.redirect_chain == [("/api/v1/programmes?pageSize=1", 301)]
    assert response.status_code == 200 and len(response.json()["results"]) == 1
    assert response.json()["count"] == 2  # the Rijk's scope: the token went along


@freeze_time("2027-07-01 00:00:01")
def test_after_the_sunset_an_old_path_is_gone_with_a_pointer(client, version):
    response = client.get("/api/actions/", {"page_size": 5})
    assert response.status_code == 410
    assert response["Content-Type"] == PROBLEM_JSON
    body = json.loads(response.content)
    assert body["status"] == 410 and "/api/v1/actions?pageSize=5" in body["detail"]


def test_an_old_path_with_a_line_break_is_moved_not_a_500(client):
    response = client.get("/api/" + quote("a\nb\r/"))
    assert response.status_code == 301
    assert response["Location"] == "/api/v1/a%0Ab%0D"


@settings(max_examples=200, deadline=None)
@given(
    rest=st.text(),
    query=st.lists(st.tuples(st.text(min_size=1), st.text()), max_size=4),
)
def test_an_old_path_always_points_into_version_1_with_a_clean_address(rest, query):
    params = QueryDict(mutable=True)
    for key, value in query:
        params.appendlist(key, value)
    target = legacy_target(rest, params)
    assert target.startswith("/api/v1/")
    assert all(c.isascii() and c.isprintable() and c not in ' "<>\\^`{|}' for c in target)
