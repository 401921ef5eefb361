"""Journey 2: a ketenpartner reports progress on its own actions; the projectleider reviews."""

import datetime
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags

import pytest
from freezegun import freeze_time

from actions import services
from actions.forms import update_periods
from actions.models import Action, StatusUpdate
from ghnt_portal.periods import HalfYear
from programmes.models import Organisation
from tests.factories import ActionFactory, MilestoneFactory
from tests.world import World

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return World()


@pytest.fixture
def vt_org():
    return Organisation.objects.get(name="Veilig Thuis Zaanstreek-Waterland")


def _text(response):
    """The page text with whitespace (and Django's non-breaking spaces) collapsed."""
    return " ".join(strip_tags(response.content.decode()).replace("\xa0", " ").split())


def _codes(response):
    return {a.code for a in response.context["actions"]}


# --- Mijn acties ---------------------------------------------------------------------------


def test_mijn_acties_lists_only_the_actions_veilig_thuis_owns(client_for, veiligthuis):
    response = client_for(veiligthuis).get(reverse("actions:mine"))
    assert response.status_code == 200
    # 1A, 1B, 2B, 3B and 4A name Veilig Thuis among their owners; 2C is Projectteam GHNT's.
    assert _codes(response) == {"1A", "1B", "2B", "3B", "4A"}
    assert "Mijn acties" in response.text


def test_mijn_acties_shows_what_is_due(client_for, veiligthuis, world):
    with freeze_time("2021-08-15 10:00"):
        response = client_for(veiligthuis).get(reverse("actions:mine"))
    actions = {a.code: a for a in response.context["actions"]}
    # In Q3 2021: milestones of Q1/Q2 2021 not done are overdue, Q3/Q4 ones are coming.
    today = datetime.date(2021, 8, 15)
    for action in actions.values():
        assert all(m.state(today) == "te_laat" for m in action.overdue_milestones)
        assert all(
            m.quarter.year == 2021 and m.quarter.quarter in (3, 4) for m in action.due_milestones
        )
    assert sum(len(a.overdue_milestones) for a in actions.values()) > 0
    assert response.context["totals"]["without_update"] == 5
    assert "Nog geen update" in response.text


def test_an_update_this_half_year_clears_the_missing_update_flag(client_for, veiligthuis, world):
    services.submit_status_update(
        action=world.action_2b, author=veiligthuis, status="in_uitvoering", progress=30
    )
    response = client_for(veiligthuis).get(reverse("actions:mine"))
    flags = {a.code: a.has_update for a in response.context["actions"]}
    assert flags["2B"] is True and flags["1A"] is False
    assert response.context["totals"]["without_update"] == 4


def test_an_update_about_an_earlier_half_year_does_not_count(client_for, veiligthuis, world):
    with freeze_time("2021-05-01"):
        services.submit_status_update(
            action=world.action_2b, author=veiligthuis, status="in_uitvoering", progress=30
        )
    with freeze_time("2021-11-01"):  # the next report (1 January) covers the second half
        response = client_for(veiligthuis).get(reverse("actions:mine"))
    assert {a.code: a.has_update for a in response.context["actions"]}["2B"] is False


def test_mijn_acties_query_count_does_not_grow_with_actions(
    client_for, veiligthuis, vt_org, world, django_assert_num_queries
):
    client = client_for(veiligthuis)
    client.get(reverse("actions:mine"))  # warm up (session, content types)

    def count():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            response = client.get(reverse("actions:mine"))
        assert response.status_code == 200
        return len(ctx.captured_queries), len(response.context["actions"])

    before, n_before = count()
    for _ in range(3):
        action = ActionFactory(
            programme=world.zawa_programme, action_line=world.action_2b.action_line
        )
        action.owners.add(vt_org)
        MilestoneFactory(action=action, planned_year=2021, planned_quarter=1, order=900 + action.pk)
        services.submit_status_update(
            action=action, author=veiligthuis, status="in_uitvoering", progress=10
        )
    after, n_after = count()
    assert n_after == n_before + 3
    # session, user, memberships (scope), actions (+ annotations), owners, open milestones
    assert after == before
    with django_assert_num_queries(before):
        client.get(reverse("actions:mine"))


def test_mijn_acties_is_for_ketenpartners_only(client_for, projectleider, raadslid):
    assert client_for(projectleider).get(reverse("actions:mine")).status_code == 403
    assert client_for(raadslid).get(reverse("actions:mine")).status_code == 403


def test_nav_link_mijn_acties_only_for_ketenpartners(client_for, veiligthuis, projectleider):
    mine = reverse("actions:mine")
    assert f'href="{mine}"' in client_for(veiligthuis).get(reverse("home")).text
    assert f'href="{mine}"' not in client_for(projectleider).get(reverse("home")).text


# --- Posting an update --------------------------------------------------------------------


def test_ketenpartner_posts_an_update_that_waits_for_review(client_for, veiligthuis, vt_org, world):
    action = world.action_2b
    result = action.expected_results.order_by("order").first()
    milestone = action.milestones.filter(done_on__isnull=True).first()
    data = {
        "status": "vertraagd",
        "progress": "45",
        "judgement": "achterstand",
        "corrective_action": "Derde training ingepland in het najaar.",
        "remark": "Twee trainingen gegeven, de derde schuift naar het najaar.",
        f"resultaat_{result.pk}": "2",
    }
    if milestone:
        data["milestones_done"] = [milestone.pk]
    response = client_for(veiligthuis).post(
        reverse("actions:update_create", args=[action.pk]), data
    )
    assert response.status_code == 302 and response["Location"] == reverse("actions:mine")
    update = StatusUpdate.objects.get(action=action)
    assert (update.author, update.organisation) == (veiligthuis, vt_org)
    assert (update.status, update.progress, update.review_status) == ("vertraagd", 45, "ingediend")
    assert update.results.get().achieved_value == Decimal("2")
    # Without a choice: the period of the next report, within the programme's run.
    assert update.period == update_periods(action.programme, timezone.localdate())[1]
    # Nothing is applied before the projectleider accepts.
    action.refresh_from_db()
    result.refresh_from_db()
    assert (action.status, action.progress) == ("in_uitvoering", 0)
    assert result.achieved_value is None


def test_the_rule_is_stated_on_the_form(client_for, veiligthuis, world):
    response = client_for(veiligthuis).get(
        reverse("actions:update_create", args=[world.action_2b.pk])
    )
    assert "Pas als hij is <em>geaccepteerd</em>" in response.text
    # The form offers no title, description, owners or budget fields.
    form = response.context["form"]
    assert {"title", "wat", "owners", "budget_lines", "door"}.isdisjoint(form.fields)


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"status": "in_uitvoering", "progress": "150"}, "progress", "tussen 0 en 100 procent"),
        ({"status": "", "progress": "40"}, "status", "Dit veld is verplicht."),
        ({"status": "in_uitvoering", "progress": ""}, "progress", "Dit veld is verplicht."),
        ({"status": "in_uitvoering", "progress": "-3"}, "progress", "tussen 0 en 100 procent"),
        ({"status": "in_uitvoering", "progress": "40"}, "judgement", "Kies een oordeel"),
        (
            {"status": "vertraagd", "progress": "40", "judgement": "achterstand"},
            "corrective_action",
            "Beschrijf de bijsturing",
        ),
    ],
)
def test_bad_input_gives_a_dutch_field_error_and_saves_nothing(
    client_for, veiligthuis, world, data, field, message
):
    response = client_for(veiligthuis).post(
        reverse("actions:update_create", args=[world.action_2b.pk]), data
    )
    assert response.status_code == 200
    errors = response.context["form"].errors[field]
    assert any(message in e for e in errors), errors
    assert message in response.text
    assert not StatusUpdate.objects.exists()


def test_negative_achieved_value_is_refused(client_for, veiligthuis, world):
    result = world.action_2b.expected_results.first()
    response = client_for(veiligthuis).post(
        reverse("actions:update_create", args=[world.action_2b.pk]),
        {
            "status": "in_uitvoering",
            "progress": "10",
            "judgement": "op_schema",
            f"resultaat_{result.pk}": "-1",
        },
    )
    assert "Een behaalde waarde kan niet negatief zijn." in response.text
    assert not StatusUpdate.objects.exists()


# --- IDOR: changing ids in URLs and forms never writes another organisation's action ---------


def test_politie_posting_an_update_to_veilig_thuis_action_2b_is_refused(client_for, politie, world):
    action = world.action_2b
    before = Action.objects.values().get(pk=action.pk)
    response = client_for(politie).post(
        reverse("actions:update_create", args=[action.pk]),
        {"status": "afgerond", "progress": "100", "judgement": "op_schema", "remark": "gehackt"},
    )
    assert response.status_code == 403
    assert not StatusUpdate.objects.exists()
    assert Action.objects.values().get(pk=action.pk) == before


def test_ketenpartner_of_one_region_never_reaches_another_regions_action(
    client_for, veiligthuis, world
):
    action = world.kennemerland_action
    client = client_for(veiligthuis)
    assert client.get(reverse("actions:detail", args=[action.pk])).status_code == 404
    response = client.post(
        reverse("actions:update_create", args=[action.pk]),
        {"status": "afgerond", "progress": "100", "judgement": "op_schema"},
    )
    assert response.status_code == 404
    assert not StatusUpdate.objects.exists()


def test_projectleider_of_another_region_cannot_review_or_see_an_update(
    client_for, other_projectleider, world
):
    update = world.update_2b
    response = client_for(other_projectleider).post(
        reverse("actions:update_review", args=[update.pk]),
        {"decision": "accepteren", "judgement": "op_schema"},
    )
    assert response.status_code == 404
    update.refresh_from_db()
    assert update.review_status == "ingediend"


def test_results_and_milestones_of_another_action_cannot_be_posted_into_an_update(
    client_for, veiligthuis, world
):
    other_result = world.action_2d.expected_results.first()
    other_milestone = world.zawa_programme.milestones.exclude(action=world.action_2b).first()
    assert other_milestone.action_id != world.action_2b.pk
    response = client_for(veiligthuis).post(
        reverse("actions:update_create", args=[world.action_2b.pk]),
        {
            "status": "in_uitvoering",
            "progress": "20",
            "judgement": "op_schema",
            f"resultaat_{other_result.pk}": "99",
            "milestones_done": [other_milestone.pk],
        },
    )
    # The foreign milestone is not a choice: a Dutch field error, nothing saved.
    assert response.status_code == 200
    assert "milestones_done" in response.context["form"].errors
    assert not StatusUpdate.objects.exists()
    other_result.refresh_from_db()
    other_milestone.refresh_from_db()
    assert other_result.achieved_value is None and other_milestone.done_on is None


def test_service_refuses_a_partner_that_does_not_own_the_action(politie, world):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.submit_status_update(
            action=world.action_2b, author=politie, status="afgerond", progress=100
        )
    assert not StatusUpdate.objects.exists()


def test_ketenpartner_cannot_review_its_own_update(client_for, veiligthuis, world):
    update = world.update_2b
    response = client_for(veiligthuis).post(
        reverse("actions:update_review", args=[update.pk]),
        {"decision": "accepteren", "judgement": "op_schema"},
    )
    assert response.status_code == 403
    update.refresh_from_db()
    assert update.review_status == "ingediend"


# --- Review ---------------------------------------------------------------------------------


def test_projectleider_accepts_and_the_values_are_applied(
    client_for, projectleider, veiligthuis, world
):
    action = world.action_2b
    result = action.expected_results.order_by("order").first()
    milestone = MilestoneFactory(action=action, planned_year=2021, planned_quarter=2, order=990)
    with freeze_time("2021-09-10 12:00"):
        update = services.submit_status_update(
            action=action,
            author=veiligthuis,
            status="vertraagd",
            progress=45,
            remark="Loopt uit",
            results={result.pk: Decimal("3")},
            milestones_done=[milestone],
        )
    version = Action.objects.get(pk=action.pk).version
    with freeze_time("2021-09-12 09:00"):
        response = client_for(projectleider).post(
            reverse("actions:update_review", args=[update.pk]),
            {"decision": "accepteren", "judgement": "op_schema"},
        )
    assert response.status_code == 302
    update.refresh_from_db()
    action.refresh_from_db()
    result.refresh_from_db()
    milestone.refresh_from_db()
    assert update.review_status == "geaccepteerd"
    assert update.reviewed_by == projectleider
    assert update.reviewed_at == datetime.datetime(2021, 9, 12, 9, 0, tzinfo=datetime.UTC)
    assert (action.status, action.progress, action.version) == ("vertraagd", 45, version + 1)
    assert result.achieved_value == Decimal("3")
    assert milestone.done_on == datetime.date(2021, 9, 10)
    latest = action.history.order_by("-history_id").first()
    assert latest.history_change_reason == "Voortgangsupdate van 10-09-2021 geaccepteerd"


def test_partner_explains_and_projectleider_edits_the_explanation_when_accepting(
    client_for, projectleider, veiligthuis, world
):
    action = world.action_2b
    with freeze_time("2021-05-10 12:00"):
        response = client_for(veiligthuis).post(
            reverse("actions:update_create", args=[action.pk]),
            {
                "period": "2021-H1",
                "status": "vertraagd",
                "progress": "30",
                "judgement": "achterstand",
                "remark": "Eén training gegeven.",
                "missed_milestones": "Mijlpaal j schuift: trainers ziek.",
                "next_steps": "Tweede training in juni.",
                "risks": "Te weinig trainers.",
                "corrective_action": "Extra trainer ingehuurd.",
            },
        )
    assert response.status_code == 302
    update = StatusUpdate.objects.get(action=action)
    assert (update.judgement, update.reporting_period) == ("achterstand", "2021-H1")
    assert update.missed_milestones == "Mijlpaal j schuift: trainers ziek."

    client = client_for(projectleider)
    review = client.get(reverse("actions:update_review", args=[update.pk]))
    assert review.context["form"]["risks"].value() == "Te weinig trainers."
    response = client.post(
        reverse("actions:update_review", args=[update.pk]),
        {
            "decision": "accepteren",
            "judgement": "aandachtspunt",
            "remark": "Eén training gegeven aan twaalf casusregisseurs.",
            "missed_milestones": "Mijlpaal j schuift: trainers ziek.",
            "next_steps": "Tweede training in juni.",
            "risks": "Te weinig trainers.",
            "corrective_action": "Extra trainer ingehuurd.",
        },
    )
    assert response.status_code == 302
    update.refresh_from_db()
    assert update.review_status == "geaccepteerd"
    assert update.judgement == "aandachtspunt" and update.explanation_edited
    assert update.remark == "Eén training gegeven aan twaalf casusregisseurs."
    page = client.get(action.get_absolute_url()).text
    # The judgement in words (the colour only supports it), and every part of the text.
    assert (
        '<span class="utrecht-status-badge utrecht-status-badge--warning"'
        ' data-status="aandachtspunt">Aandachtspunt</span>'
    ) in page
    for text in ("Extra trainer ingehuurd.", "Tweede training in juni.", "Te weinig trainers."):
        assert text in page
    assert "aangepast door de projectleider" in page


def test_returning_requires_a_remark(client_for, projectleider, world):
    update = world.update_2b
    response = client_for(projectleider).post(
        reverse("actions:update_review", args=[update.pk]), {"decision": "terugsturen"}
    )
    assert response.status_code == 200
    assert "Geef aan waarom u de update terugstuurt." in response.text
    update.refresh_from_db()
    assert update.review_status == "ingediend"


def test_returned_update_shows_the_remark_and_the_partner_revises_it(
    client_for, projectleider, veiligthuis, world
):
    update = world.update_2b
    client_for(projectleider).post(
        reverse("actions:update_review", args=[update.pk]),
        {"decision": "terugsturen", "review_remark": "Graag het aantal trainingen noemen."},
    )
    update.refresh_from_db()
    assert update.review_status == "teruggestuurd" and update.reviewed_by == projectleider
    action = Action.objects.get(pk=world.action_2b.pk)
    assert action.progress == 0  # a returned update changes nothing

    client = client_for(veiligthuis)
    mine = client.get(reverse("actions:mine"))
    assert "Teruggestuurd" in mine.text
    form_page = client.get(reverse("actions:update_create", args=[action.pk]))
    assert "Graag het aantal trainingen noemen." in form_page.text
    assert form_page.context["form"].initial["progress"] == 40  # prefilled from the update
    response = client.post(
        reverse("actions:update_create", args=[action.pk]),
        {
            "status": "in_uitvoering",
            "progress": "40",
            "judgement": "op_schema",
            "remark": "Drie trainingen gegeven.",
        },
    )
    assert response.status_code == 302
    assert StatusUpdate.objects.filter(action=action).count() == 2
    assert StatusUpdate.objects.submitted().get().remark == "Drie trainingen gegeven."


def test_an_update_can_be_reviewed_only_once(client_for, projectleider, world):
    update = world.update_2b
    client = client_for(projectleider)
    url = reverse("actions:update_review", args=[update.pk])
    client.post(url, {"decision": "accepteren", "judgement": "op_schema"})
    response = client.post(url, {"decision": "terugsturen", "review_remark": "toch niet"})
    assert response.status_code == 200
    update.refresh_from_db()
    assert update.review_status == "geaccepteerd"


def test_only_accepted_updates_count_for_the_report(projectleider, veiligthuis, world):
    with freeze_time("2021-03-01"):
        accepted = services.submit_status_update(
            action=world.action_2b, author=veiligthuis, status="in_uitvoering", progress=20
        )
        services.accept_update(update=accepted, reviewer=projectleider)
        services.submit_status_update(
            action=world.action_2b, author=veiligthuis, status="in_uitvoering", progress=25
        )
        returned = services.submit_status_update(
            action=world.action_2b, author=veiligthuis, status="in_uitvoering", progress=30
        )
        services.return_update(update=returned, reviewer=projectleider, remark="Onvolledig")
    with freeze_time("2021-08-01"):
        later = services.submit_status_update(
            action=world.action_2b,
            author=veiligthuis,
            status="in_uitvoering",
            progress=60,
            period=HalfYear(2021, 2),
        )
        services.accept_update(update=later, reviewer=projectleider)
    h1 = StatusUpdate.objects.accepted().in_period(HalfYear(2021, 1))
    assert list(h1) == [accepted]
    assert list(StatusUpdate.objects.accepted().in_period(HalfYear(2021, 2))) == [later]


def test_projectleider_update_is_accepted_at_once(projectleider, world):
    update = services.submit_status_update(
        action=world.action_2b, author=projectleider, status="in_uitvoering", progress=70
    )
    assert update.review_status == "geaccepteerd" and update.organisation is None
    assert Action.objects.get(pk=world.action_2b.pk).progress == 70


# --- The projectleider sees it ------------------------------------------------------------


def test_projectleider_sees_the_update_on_the_action_and_programme_page(
    client_for, projectleider, veiligthuis, world
):
    with freeze_time(timezone.now() - datetime.timedelta(days=3)):
        services.submit_status_update(
            action=world.action_2b,
            author=veiligthuis,
            status="in_uitvoering",
            progress=40,
            remark="Training gegeven.",
        )
    client = client_for(projectleider)
    detail = _text(client.get(reverse("actions:detail", args=[world.action_2b.pk])))
    assert "Update door Veilig Thuis Zaanstreek-Waterland, 3 dagen geleden" in detail
    assert "Training gegeven." in detail and "Beoordelen" in detail
    programme = _text(client.get(reverse("programmes:detail", args=[world.zawa_programme.pk])))
    assert "laatste update door Veilig Thuis Zaanstreek-Waterland, 3 dagen geleden" in programme
    assert "1 te beoordelen" in programme


def test_readers_see_only_accepted_updates(
    client_for, projectleider, veiligthuis, raadslid, politie, world
):
    submitted = world.update_2b
    assert not StatusUpdate.objects.visible_to(raadslid).filter(pk=submitted.pk).exists()
    assert not StatusUpdate.objects.visible_to(politie).filter(pk=submitted.pk).exists()
    assert StatusUpdate.objects.visible_to(veiligthuis).filter(pk=submitted.pk).exists()
    services.accept_update(update=submitted, reviewer=projectleider)
    assert StatusUpdate.objects.visible_to(raadslid).filter(pk=submitted.pk).exists()
    page = client_for(raadslid).get(reverse("actions:detail", args=[world.action_2b.pk]))
    assert "Training gegeven aan twee teams." in page.text
    assert "Update geven" not in page.text


def test_updatable_by_is_the_access_rule(
    projectleider, other_projectleider, veiligthuis, politie, beheerder, world
):
    pk = world.action_2b.pk
    assert Action.objects.updatable_by(veiligthuis).filter(pk=pk).exists()
    assert Action.objects.updatable_by(projectleider).filter(pk=pk).exists()
    assert Action.objects.updatable_by(beheerder).filter(pk=pk).exists()
    assert not Action.objects.updatable_by(politie).filter(pk=pk).exists()
    assert not Action.objects.updatable_by(other_projectleider).filter(pk=pk).exists()


def _query_count(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("page", ["actions:detail", "programmes:detail"])
def test_update_panels_take_the_same_queries_with_more_updates(
    client_for, projectleider, veiligthuis, world, page
):
    obj = world.action_2b if page == "actions:detail" else world.zawa_programme
    url = reverse(page, args=[obj.pk])
    client = client_for(projectleider)
    client.get(url)
    result = world.action_2b.expected_results.first()
    services.submit_status_update(
        action=world.action_2b,
        author=veiligthuis,
        status="in_uitvoering",
        progress=10,
        results={result.pk: Decimal("1")},
    )
    before = _query_count(client, url)
    for progress in (20, 30, 40):
        services.submit_status_update(
            action=world.action_2b,
            author=veiligthuis,
            status="in_uitvoering",
            progress=progress,
            results={result.pk: Decimal(progress)},
        )
    assert _query_count(client, url) == before


def test_an_older_update_cannot_overwrite_a_newer_accepted_one(
    client_for, projectleider, veiligthuis, world
):
    """Accepting the newer one closes the older one as superseded (tests/actions/
    test_review_order.py); a review page of the older one left open cannot accept it."""
    action = world.action_2b
    with freeze_time("2021-03-01"):
        older = services.submit_status_update(
            action=action, author=veiligthuis, status="in_uitvoering", progress=30
        )
    with freeze_time("2021-04-01"):
        newer = services.submit_status_update(
            action=action, author=veiligthuis, status="vertraagd", progress=60
        )
    services.accept_update(update=newer, reviewer=projectleider)
    response = client_for(projectleider).post(
        reverse("actions:update_review", args=[older.pk]),
        {"decision": "accepteren", "judgement": "op_schema"},
    )
    assert response.status_code == 200
    assert (
        "Deze voortgangsupdate is al gesloten: Vervangen door de update van 01-04-2021"
        in response.text
    )
    action.refresh_from_db()
    older.refresh_from_db()
    assert (action.status, action.progress) == ("vertraagd", 60)
    assert older.review_status == "vervangen"


@pytest.mark.parametrize(
    ("today", "period"),
    [("2021-03-10", "2021-H1"), ("2021-09-10", "2021-H1"), ("2021-11-10", "2021-H2")],
)
def test_an_update_reports_on_the_period_of_the_next_report_by_default(
    client_for, veiligthuis, world, today, period
):
    """In September the next report (1 October) covers the first half year: that is what a
    partner's update is about unless the partner picks the current half year."""
    with freeze_time(today):
        form = (
            client_for(veiligthuis)
            .get(reverse("actions:update_create", args=[world.action_2b.pk]))
            .context["form"]
        )
        assert form["period"].value() == period
        update = services.submit_status_update(
            action=world.action_2b, author=veiligthuis, status="in_uitvoering", progress=30
        )
    assert update.reporting_period == period


def test_an_update_after_the_programmes_run_reports_on_its_last_half_year(
    client_for, veiligthuis, world
):
    """ZaWa ran 2020-07-01 to 2021-12-31: in 2026 an update is still about one of its own
    half years (the latest by default), never about 2026."""
    with freeze_time("2026-11-20"):
        form = (
            client_for(veiligthuis)
            .get(reverse("actions:update_create", args=[world.action_2b.pk]))
            .context["form"]
        )
    assert [code for code, _label in form.fields["period"].choices] == [
        "2021-H2",
        "2021-H1",
        "2020-H2",
    ]
    assert form["period"].value() == "2021-H2"
