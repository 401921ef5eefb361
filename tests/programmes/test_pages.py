"""Login, start page, programme page: who sees what, and how many queries it takes."""

from django.core.management import call_command
from django.urls import URLPattern, URLResolver, get_resolver, reverse

import pytest

from programmes.models import Programme

pytestmark = pytest.mark.django_db


def _all_url_paths():
    """Every URL pattern of the project, with 1 for each argument."""

    def walk(patterns, prefix=""):
        for p in patterns:
            if isinstance(p, URLResolver):
                yield from walk(p.url_patterns, prefix + str(p.pattern))
            elif isinstance(p, URLPattern):
                yield prefix + str(p.pattern)

    import re

    for raw in walk(get_resolver().url_patterns):
        path = re.sub(r"<(?:\w+:)?\w+>", "1", raw)
        path = re.sub(r"[\^$]|\\Z|\(\?P<\w+>[^)]*\)", "1", path)
        yield "/" + path


def test_login_page_answers_in_dutch(client):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert "Inloggen" in response.text and "Wachtwoord" in response.text


PUBLIC_STATEMENTS = (
    "/.well-known/",
    "/toegankelijkheidsverklaring/",
    "/privacyverklaring/",
    "/kwetsbaarheid-melden/",
)


def test_anonymous_visitor_is_sent_to_login_from_every_page(client):
    checked = 0
    for path in _all_url_paths():
        # The invitation link is for people without a password yet (test_invitations.py).
        if path.startswith(("/inloggen", "/beheer/login", "/static", "/uitnodiging/")):
            continue
        if path.startswith(("/openbaar/", "/api/")):
            continue  # public on purpose: tests/public and tests/api check what they show
        if path.startswith("/thema/"):
            continue  # a theme's CSS and files: for who sees the region (tests/programmes/theme)
        if path.startswith(PUBLIC_STATEMENTS):
            continue  # for everyone (issue 21): tests/standards checks what they show
        response = client.get(path)
        assert response.status_code in (302, 404), path
        if response.status_code == 302:
            assert (
                "/inloggen/" in response["Location"] or "/beheer/login/" in response["Location"]
            ), path
            checked += 1
    assert checked >= 5


def test_demo_user_logs_in_with_the_readme_password(client, demo_password):
    response = client.post(
        reverse("login"), {"username": "projectleider-zawa", "password": demo_password}
    )
    assert response.status_code == 302 and response["Location"] == reverse("home")


def test_wrong_password_gives_a_dutch_message(client):
    response = client.post(reverse("login"), {"username": "projectleider-zawa", "password": "x"})
    assert response.status_code == 200
    assert "Voer een juiste gebruikersnaam en wachtwoord in" in response.text


def test_logout_ends_the_session(client, projectleider):
    client.force_login(projectleider)
    client.post(reverse("logout"))
    assert client.get(reverse("home")).status_code == 302


def test_admin_answers_for_beheerder_in_dutch(client_for, beheerder):
    client = client_for(beheerder)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 200
    assert "GHNT-portaal beheer" in response.text
    for name in (
        "actions_action_changelist",
        "actions_budgetline_changelist",
        "governance_commitment_changelist",
        "monitoring_measurement_changelist",
    ):
        assert client.get(reverse(f"admin:{name}")).status_code == 200, name


def test_projectleider_home_shows_own_region_only(client_for, projectleider):
    response = client_for(projectleider).get(reverse("home"))
    assert "Regio Zaanstreek-Waterland" in response.text
    assert "Regionaal Actieplan Geweld hoort nergens thuis 2020-2021" in response.text
    assert "Kennemerland" not in response.text


def test_beheerder_sees_all_five_regions(client_for, beheerder):
    response = client_for(beheerder).get(reverse("home"))
    for name in (
        "Zaanstreek-Waterland",
        "Kennemerland",
        "Groningen",
        "Gooi en Vechtstreek",
        "Zuid-Holland Zuid",
    ):
        assert f"Regio {name}" in response.text


def test_raadslid_sees_only_adopted_programmes_of_own_region(client_for, raadslid, zawa_programme):
    response = client_for(raadslid).get(reverse("home"))
    assert zawa_programme.title in response.text
    zawa_programme.status = "concept"
    zawa_programme.save()
    response = client_for(raadslid).get(reverse("home"))
    assert zawa_programme.title not in response.text
    assert client_for(raadslid).get(zawa_programme.get_absolute_url()).status_code == 404


def test_programme_of_another_region_is_not_found(client_for, other_projectleider, zawa_programme):
    response = client_for(other_projectleider).get(zawa_programme.get_absolute_url())
    assert response.status_code == 404


def test_programme_page_shows_recomputed_totals_and_printed_difference(
    client_for, projectleider, zawa_programme
):
    response = client_for(projectleider).get(zawa_programme.get_absolute_url())
    assert response.status_code == 200
    text = response.text
    assert "€ 115.478" in text  # DUVO: 71.958 + 43.520
    assert "€ 476.712" in text and "€ 476.715" in text  # computed next to printed
    assert "wijkt af" in text


def test_home_query_count_does_not_grow_with_programmes(
    client_for, beheerder, django_assert_num_queries
):
    client = client_for(beheerder)
    client.get(reverse("home"))  # warm the session
    # session, user, memberships (scope), programmes with action counts; the start panels:
    # updates to review (rows, count), milestones (overdue and due: rows, counts),
    # toezeggingen due (rows, count), next report (programmes, their reports), the latest
    # sent reports; the count in the navigation ("Te beoordelen (n)")
    with django_assert_num_queries(15):
        client.get(reverse("home"))
    region = Programme.objects.first().region
    Programme.objects.create(region=region, title="Nog een programma")
    with django_assert_num_queries(15):
        client.get(reverse("home"))


def test_programme_page_query_count_is_fixed(
    client_for, projectleider, zawa_programme, django_assert_max_num_queries
):
    client = client_for(projectleider)
    # At most 15 (issue 14), with the risk register, the narrative sections and the
    # participants shown.
    with django_assert_max_num_queries(15):
        client.get(zawa_programme.get_absolute_url())


def test_migrations_are_in_sync_with_models():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)
