"""Public accountability pages: a region that opened its data shows its adopted programme,
progress per action line and milestones to anyone; nothing else, never a draft, never an
internal remark, never another region's data."""

import re

from django.urls import reverse

import pytest

from actions.models import StatusUpdate
from programmes.models import Programme, Region
from tests.two_factor import log_in

pytestmark = pytest.mark.django_db
# The footer's statements, public too (tests/standards/test_statements.py).
STATEMENT_LINKS = ("/toegankelijkheidsverklaring/", "/privacyverklaring/", "/kwetsbaarheid-melden/")


@pytest.fixture
def world():
    from tests.world import World

    return World()


def test_anonymous_visitor_sees_the_zawa_programme_progress_and_milestones(client, world):
    index = client.get(reverse("public:index"))
    assert index.status_code == 200
    assert world.zawa_programme.title in index.content.decode()
    assert world.kennemerland_programme.title not in index.content.decode()

    response = client.get(reverse("public:programme", args=[world.zawa_programme.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Voortgang per actielijn" in page and "Rekenregel" in page
    for title in ("Eerder en beter in beeld", "Borgen ambities en kennis"):
        assert title in page
    assert "Communicatieplan/pakket" in page  # milestone a
    assert "Mijlpalen: 0 van 34 gereed." in page


def test_every_link_stays_on_public_pages_or_the_open_data(client, world):
    for url in (
        reverse("public:index"),
        reverse("public:programme", args=[world.zawa_programme.pk]),
        reverse("public:action", args=[world.action_2b.pk]),
    ):
        hrefs = re.findall(r'href="([^"]+)"', client.get(url).content.decode())
        # /thema/: the region's theme stylesheet, public for a region whose data is public.
        public = ("/openbaar/", "/api/", "#", "/static/", "/thema/", *STATEMENT_LINKS)
        inside = [h for h in hrefs if not h.startswith(public)]
        assert inside == ["/"], (url, inside)  # the brand, which asks to sign in


def test_drafts_and_closed_regions_answer_404(client, world, projectleider):
    groningen = Region.objects.get(slug="groningen")
    groningen.public_data = True
    groningen.save()
    draft = Programme.objects.get(region=groningen)
    assert client.get(reverse("public:programme", args=[draft.pk])).status_code == 404
    assert draft.title not in client.get(reverse("public:index")).content.decode()
    kennemerland = world.kennemerland_programme
    assert client.get(reverse("public:programme", args=[kennemerland.pk])).status_code == 404
    # Signed in makes no difference: these pages show public data only.
    log_in(client, projectleider)
    zawa_draft = Programme.objects.create(region=world.zawa_programme.region, title="Concept")
    assert client.get(reverse("public:programme", args=[zawa_draft.pk])).status_code == 404


def test_only_accepted_explanations_are_shown(client, world, veiligthuis):
    action = world.action_2b
    StatusUpdate.objects.create(
        action=action, author=veiligthuis, status="in_uitvoering", progress=40,
        remark="Twee teams getraind.", review_status="geaccepteerd",
        review_remark="INTERN akkoord",
    )  # fmt: skip
    StatusUpdate.objects.create(
        action=action, author=veiligthuis, status="vertraagd", progress=10,
        remark="INTERN nog niet beoordeeld",
    )  # fmt: skip
    for url in (
        reverse("public:programme", args=[world.zawa_programme.pk]),
        reverse("public:action", args=[action.pk]),
    ):
        page = client.get(url).content.decode()
        assert "Twee teams getraind." in page
        assert "INTERN" not in page


def test_public_pages_use_a_fixed_number_of_queries(client, world, django_assert_max_num_queries):
    # index: programmes with regions.
    with django_assert_max_num_queries(2):
        client.get(reverse("public:index"))
    # programme; action lines with rollup; their actions; milestones (+ session-less).
    with django_assert_max_num_queries(5):
        client.get(reverse("public:programme", args=[world.zawa_programme.pk]))
    # action with explanation; its milestones.
    with django_assert_max_num_queries(3):
        client.get(reverse("public:action", args=[world.action_2b.pk]))
