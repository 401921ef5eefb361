"""Token page, and a bounded number of queries per API page."""

from django.urls import reverse

import pytest
from rest_framework.authtoken.models import Token

from tests.api.helpers import ENDPOINTS, api_client

pytestmark = pytest.mark.django_db


def test_a_user_creates_uses_and_revokes_a_token(client_for, raadslid):
    client = client_for(raadslid)
    assert "nog geen sleutel" in client.get(reverse("api_token")).content.decode()
    response = client.post(reverse("api_token"), {"actie": "maken"})
    key = response.context["new_key"]
    assert key in response.content.decode()
    anonymous = api_client("anonymous")
    anonymous.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert anonymous.get("/api/v1/programmes").status_code == 200
    client.post(reverse("api_token"), {"actie": "intrekken"})
    assert not Token.objects.filter(user=raadslid).exists()
    assert anonymous.get("/api/v1/programmes").status_code == 401


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_api_pages_use_a_fixed_number_of_queries(endpoint, django_assert_max_num_queries):
    client = api_client("beheerder")
    client.get(f"/api/v1/{endpoint}")  # warm the token and content-type caches
    # token + user, membership scope, count, page, prefetches (owners / steps / actions);
    # measurements: regions, CBS codes, then 2 per region (municipalities, measurements)
    # for the 5 regions.
    limit = 15 if endpoint == "measurements" else 7
    with django_assert_max_num_queries(limit):
        assert client.get(f"/api/v1/{endpoint}", {"pageSize": 200}).status_code == 200
