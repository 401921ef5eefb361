"""Single sign-on against a real OpenID Connect provider process on loopback
(oidc-provider-mock, from PyPI), through the whole authorization-code flow: the portal
redirects to the provider, the provider issues a code, the portal exchanges it over HTTP,
checks the signed ID token against the provider's keys, and the user lands signed in.
Nothing of the client library is mocked."""

import os
import socket
import sys
import time
from urllib.parse import parse_qs, urlsplit

from django.contrib.auth import get_user_model
from django.urls import reverse

import pytest
import requests

from ghnt_portal.audit.models import AuditEvent
from programmes.models import Membership
from tests import processes

pytestmark = pytest.mark.django_db

CLIENT_ID = "ghnt-portaal-test"


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def provider(tmp_path_factory):
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    log = tmp_path_factory.mktemp("oidc") / "provider.log"
    env = {**os.environ, "AUTHLIB_INSECURE_TRANSPORT": "1"}  # plain HTTP on loopback only
    process = processes.start(
        [sys.executable, "-m", "oidc_provider_mock", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        log=log,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if requests.get(f"{base}/.well-known/openid-configuration", timeout=1).ok:
                    break
            except requests.ConnectionError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"the OIDC provider did not start:\n{log.read_text()[-3000:]}")
            time.sleep(0.2)
        yield base
    finally:
        processes.stop(process, timeout=10)


@pytest.fixture
def sso(settings, provider):
    discovery = requests.get(f"{provider}/.well-known/openid-configuration", timeout=5).json()
    settings.OIDC_ENABLED = True
    settings.OIDC_RP_CLIENT_ID = CLIENT_ID
    settings.OIDC_RP_CLIENT_SECRET = "test-secret"
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = discovery["authorization_endpoint"]
    settings.OIDC_OP_TOKEN_ENDPOINT = discovery["token_endpoint"]
    settings.OIDC_OP_USER_ENDPOINT = discovery["userinfo_endpoint"]
    settings.OIDC_OP_JWKS_ENDPOINT = discovery["jwks_uri"]
    settings.OIDC_RP_SIGN_ALGO = "RS256"
    settings.OIDC_PROVIDER_NAME = "Gemeente Zaanstad"
    return provider


def _sign_in_at_provider(client, provider, sub, claims):
    """The user's browser: to the provider, sign in there, back to the portal."""
    requests.put(f"{provider}/users/{sub}", json=claims, timeout=5).raise_for_status()
    login_page = client.get(reverse("login"))
    assert "Inloggen via Gemeente Zaanstad" in login_page.text
    start = client.get(reverse("oidc_authentication_init"))
    assert start.status_code == 302
    authorize_url = start["Location"]
    assert authorize_url.startswith(provider + "/oauth2/authorize")
    query = parse_qs(urlsplit(authorize_url).query)
    assert query["client_id"] == [CLIENT_ID] and "openid" in query["scope"][0].split()
    assert query["code_challenge_method"] == ["S256"]  # PKCE
    form = requests.get(authorize_url, timeout=5)
    assert form.ok
    issued = requests.post(
        authorize_url, data={"sub": sub, "action": "authorize"}, allow_redirects=False, timeout=5
    )
    assert issued.status_code == 302, issued.text
    back = urlsplit(issued.headers["Location"])
    assert back.path == reverse("oidc_authentication_callback")
    assert "code=" in back.query
    return client.get(f"{back.path}?{back.query}")


def test_a_known_ketenpartner_signs_in_through_the_provider_and_keeps_the_portal_role(client, sso):
    landed = _sign_in_at_provider(
        client,
        sso,
        "vt-123",
        {"email": "veiligthuis-zawa@example.nl", "email_verified": True, "name": "VT"},
    )
    assert landed.status_code == 302 and landed["Location"] == reverse("home")
    home = client.get(reverse("home"))
    assert home.status_code == 200
    assert client.session["_auth_user_id"] == str(
        get_user_model().objects.get(username="veiligthuis-zawa").pk
    )
    login = AuditEvent.objects.filter(action="login", actor_name="veiligthuis-zawa").last()
    assert login.detail == "via single sign-on (OpenID Connect)"


def test_an_unknown_user_gets_no_access_until_a_beheerder_grants_a_membership(client, sso, zawa):
    landed = _sign_in_at_provider(
        client,
        sso,
        "nieuw-456",
        {
            "email": "j.jansen@zaanstad.example.nl",
            "email_verified": True,
            "preferred_username": "j.jansen",
            "given_name": "Jan",
            "family_name": "Jansen",
        },
    )
    assert landed.status_code == 302
    user = get_user_model().objects.get(email="j.jansen@zaanstad.example.nl")
    assert (user.username, user.first_name, user.has_usable_password()) == (
        "j.jansen",
        "Jan",
        False,
    )
    assert not user.memberships.exists()
    page = client.get(reverse("home"), follow=True)
    assert page.status_code == 403
    assert "U heeft nog geen toegang" in page.text
    assert client.get(reverse("actions:list"))["Location"] == reverse("no_access")
    assert AuditEvent.objects.filter(action="sso_refused", actor_name="j.jansen").exists()

    Membership.objects.create(user=user, role="raadslid", municipality=zawa.municipalities.first())
    assert client.get(reverse("home")).status_code == 200


def test_a_projectleider_through_sso_still_passes_the_portals_second_factor(client, sso):
    _sign_in_at_provider(
        client, sso, "pl-1", {"email": "projectleider-zawa@example.nl", "email_verified": True}
    )
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("two_factor_setup"))


def test_sso_is_off_without_configuration(client, settings):
    settings.OIDC_ENABLED = False
    assert client.get(reverse("oidc_authentication_init")).status_code == 404
    assert "Inloggen via" not in client.get(reverse("login")).text
