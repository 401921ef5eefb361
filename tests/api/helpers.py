"""Calling the API as each role of the cast, with a personal token."""

from django.contrib.auth import get_user_model

from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

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
ENDPOINTS = [
    "programmes",
    "action-lines",
    "actions",
    "milestones",
    "budget-totals",
    "decision-routes",
    "commitments",
    "measurements",
]


def token_for(role: str) -> str | None:
    if role == "anonymous":
        return None
    user = get_user_model().objects.get(username=USERNAMES[role])
    return Token.objects.get_or_create(user=user)[0].key


def api_client(role: str) -> APIClient:
    client = APIClient()
    key = token_for(role)
    if key:
        client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def all_results(client, endpoint: str, **params) -> list[dict]:
    results, page = [], 1
    while True:
        response = client.get(f"/api/v1/{endpoint}", {**params, "page": page, "pageSize": 200})
        assert response.status_code == 200, (endpoint, response.status_code, response.content)
        data = response.json()
        results += data["results"]
        if not data["next"]:
            return results
        page += 1
