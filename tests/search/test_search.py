"""Search: one box over everything a user may see, and nothing else (programmes/search/)."""

from django.urls import reverse

import pytest

from actions.models import Action
from governance.models import DecisionPoint
from programmes.models import ProgrammeSection
from programmes.search.index import reindex
from programmes.search.query import search
from tests.documents.helpers import attach
from tests.world import World

pytestmark = pytest.mark.django_db

ROLES = [
    "projectleider",
    "other_projectleider",
    "veiligthuis",
    "politie",
    "wethouder",
    "raadslid",
    "rijk",
    "beheerder",
]


def results_page(client, query, **filters):
    return client.get(reverse("search:results"), {"q": query, **filters})


def _plant_in_groningen_draft(word):
    """The word only in Groningen's programme, which is still in besluitvorming (a draft for
    everyone outside its region), in an action, a text section, a decision and a document."""
    programme = World().groningen_programme
    Action.objects.create(
        programme=programme,
        action_line=programme.action_lines.first(),
        code="9X",
        title="Pilot",
        wat=f"Pilot {word} met de wijkteams.",
    )
    ProgrammeSection.objects.create(
        programme=programme, order=99, kind="overig", title=f"Taskforce {word}", body=word
    )
    attach(programme, title=f"Notitie {word}", text=f"Concept {word} voor de raad")
    return programme


@pytest.mark.parametrize("role", ROLES)
def test_a_word_only_in_another_regions_draft_reveals_nothing(request, client_for, role):
    word = "Zwanenzangproject"
    _plant_in_groningen_draft(word)
    user = request.getfixturevalue(role)
    response = results_page(client_for(user), word)
    page = response.content.decode()
    assert response.status_code == 200
    if role == "beheerder":  # sees every programme, drafts included
        assert search(user, word).total == 3  # action, section, document
        return
    assert search(user, word).total == 0
    assert "Niets gevonden" in page
    assert "Taskforce" not in page and "Notitie" not in page and "Pilot" not in page


# Who finds a word of the adopted ZaWa programme's action 2B.
FINDS_ZAWA = {
    "projectleider": True,
    "other_projectleider": False,
    "veiligthuis": True,
    "politie": True,
    "wethouder": True,
    "raadslid": True,
    "rijk": True,
    "beheerder": True,
}


@pytest.mark.parametrize(("role", "finds"), FINDS_ZAWA.items())
def test_results_per_role_follow_the_pages_access(request, client_for, role, finds):
    action = World().action_2b
    action.hoe = "Wij werken met het Kwartiermakersoverleg."
    action.save()
    user = request.getfixturevalue(role)
    page = results_page(client_for(user), "kwartiermakersoverleg").content.decode()
    assert (action.get_absolute_url() in page) is finds
    assert (search(user, "kwartiermakersoverleg").total == 1) is finds


def test_dutch_stemming_finds_the_singular_for_the_plural(projectleider):
    from django.db import connection

    if connection.vendor != "postgresql":  # SQLite (make run) finds exact words only
        pytest.skip("Dutch stemming is PostgreSQL's full-text search")
    action = World().action_2b
    action.doel = "Elke melding wordt binnen een week opgepakt."
    action.save()
    found = search(projectleider, "meldingen", kind="actie")
    assert action.get_absolute_url() in {r.url for r in found.results}


def test_each_result_has_kind_region_programme_snippet_and_link(client_for, raadslid):
    action = World().action_2b
    action.wat = "Het Centrum Seksueel Geweld traint de huisartsen."
    action.save()
    page = results_page(client_for(raadslid), "Centrum Seksueel Geweld").content.decode()
    assert f'href="{action.get_absolute_url()}"' in page
    assert "Actie" in page and "Zaanstreek-Waterland" in page
    assert "<mark>" in page and "huisartsen" in page


def test_snippets_and_titles_are_escaped(client_for, projectleider):
    action = World().action_2b
    action.title = "Voorlichting <script>alert('x')</script> scholen"
    action.wat = "Lespakket <img src=x onerror=alert(1)> voorlichting scholen"
    action.save()
    page = results_page(client_for(projectleider), "voorlichting scholen").content.decode()
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "&lt;script&gt;" in page and "&lt;img" in page


def test_the_index_is_current_after_an_edit_and_a_delete(projectleider):
    action = World().action_2b
    action.title = "Ouderschapsbemiddelingstraject"
    action.save()
    assert search(projectleider, "Ouderschapsbemiddelingstraject").total == 1
    action.title = "Andere titel"
    action.save()
    assert search(projectleider, "Ouderschapsbemiddelingstraject").total == 0
    decision = World().zawa_decision
    point = DecisionPoint.objects.create(decision=decision, number=9, text="Gijzelbrief versturen")
    assert search(projectleider, "gijzelbrief").total == 1
    point.delete()
    assert search(projectleider, "gijzelbrief").total == 0


def test_the_index_is_current_after_a_bulk_import_and_its_reindex(projectleider):
    programme = World().zawa_programme
    Action.objects.bulk_create(
        [
            Action(
                programme=programme,
                action_line=programme.action_lines.first(),
                code="9Z",
                title="Bulkgeimporteerde pilotactie",
                order=99,
            )
        ]
    )
    assert search(projectleider, "Bulkgeimporteerde").total == 0  # no signals: not yet
    reindex([Action])
    assert search(projectleider, "Bulkgeimporteerde").total == 1


def test_documents_are_found_by_their_text_and_soft_deleted_ones_disappear(raadslid):
    from programmes.documents.services import soft_delete

    document = attach(World().zawa_programme, title="Raadsbesluit", text="Regenboogprotocol")
    assert search(raadslid, "regenboogprotocol").results[0].url == document.get_absolute_url()
    soft_delete(document, user=None)
    assert search(raadslid, "regenboogprotocol").total == 0


def test_filters_by_kind_region_and_year(projectleider):
    decision = World().zawa_decision
    decision.summary = "Stuurgroepbesluit over de aanpak."
    decision.save()
    assert search(projectleider, "stuurgroepbesluit", kind="besluit").total == 1
    assert search(projectleider, "stuurgroepbesluit", kind="actie").total == 0
    region = World().zawa_programme.region_id
    assert search(projectleider, "stuurgroepbesluit", region_id=region).total == 1
    assert search(projectleider, "stuurgroepbesluit", region_id=region + 999).total == 0
    assert search(projectleider, "stuurgroepbesluit", year=2020).total == 1
    assert search(projectleider, "stuurgroepbesluit", year=2019).total == 0


def test_search_answers_in_a_bounded_number_of_queries(
    client_for, projectleider, django_assert_max_num_queries
):
    client = client_for(projectleider)
    programme = World().zawa_programme
    results_page(client, "Vlinderproject")  # warm the content types cache

    def queries_for(count):
        Action.objects.filter(code__startswith="V").delete()
        for n in range(count):
            Action.objects.create(
                programme=programme,
                action_line=programme.action_lines.first(),
                code=f"V{n}",
                title="Vlinderproject",
                order=90,
            )
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            response = results_page(client, "Vlinderproject")
        assert response.status_code == 200
        return len(captured)

    few, many = queries_for(2), queries_for(30)
    assert few == many
    # session, user, scope (memberships), regions of the filter, count, page of results
    with django_assert_max_num_queries(10):
        results_page(client, "Vlinderproject")


def test_the_header_has_a_search_box_for_signed_in_users(client_for, raadslid, client):
    assert 'role="search"' not in client.get(reverse("login")).content.decode()
    page = client_for(raadslid).get(reverse("home")).content.decode()
    assert f'action="{reverse("search:results")}"' in page


def test_public_search_finds_public_data_only(client, settings):
    from programmes.models import Region

    programme = World().zawa_programme
    Region.objects.filter(pk=programme.region_id).update(public_data=True)
    action = World().action_2b
    action.wat = "Openbare Zonnebloemaanpak."
    action.save()
    _plant_in_groningen_draft("Zonnebloemaanpak")
    page = client.get(reverse("public_search:public"), {"q": "zonnebloemaanpak"}).content.decode()
    assert reverse("public:action", args=[action.pk]) in page
    assert "1 resultaat" in page
    assert "Taskforce" not in page


def test_public_search_without_open_regions_finds_nothing(client):
    from programmes.models import Region

    Region.objects.update(public_data=False)
    action = World().action_2b
    action.wat = "Besloten Zonnebloemaanpak."
    action.save()
    page = client.get(reverse("public_search:public"), {"q": "zonnebloemaanpak"}).content.decode()
    assert "Niets gevonden" in page


def _actions(programme, count, word, *, in_title=False, start=0):
    for n in range(start, start + count):
        Action.objects.create(
            programme=programme,
            action_line=programme.action_lines.first(),
            code=f"W{n}" if not in_title else "WT",
            title=word if in_title else "Pilot",
            wat=f"Pilot {word} met de wijkteams.",
            order=90,
        )


def test_more_hits_than_the_cap_are_counted_as_more_and_cost_the_same(
    client_for, projectleider, monkeypatch
):
    """Search ranks a capped set of candidates and counts up to the cap ("meer dan"), so its
    work and its queries stay the same however many records match."""
    from programmes.search import query

    monkeypatch.setattr(query, "CANDIDATES", 5)
    client = client_for(projectleider)
    programme = World().zawa_programme
    results_page(client, "Zwaluwproject")  # warm the content types cache
    _actions(programme, 8, "Zwaluwproject")
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as eight:
        page = results_page(client, "Zwaluwproject").content.decode()
    assert "Meer dan 5 resultaten voor" in page
    _actions(programme, 30, "Zwaluwproject", start=8)
    with CaptureQueriesContext(connection) as thirty_eight:
        results_page(client, "Zwaluwproject")
    assert len(eight) == len(thirty_eight)
    assert search(projectleider, "Zwaluwproject").more
    assert search(projectleider, "Zwaluwproject").total == 5


def test_a_title_hit_is_ranked_first_even_beyond_the_capped_text_hits(projectleider, monkeypatch):
    from programmes.search import query

    monkeypatch.setattr(query, "CANDIDATES", 3)
    programme = World().zawa_programme
    _actions(programme, 10, "Zwaluwproject")  # in the text only, indexed first
    _actions(programme, 1, "Zwaluwproject", in_title=True)  # indexed last
    first = search(projectleider, "Zwaluwproject").results[0]
    assert "<mark>Zwaluwproject</mark>" in first.title
