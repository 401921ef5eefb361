"""The demo loader never destroys work: on a database where users worked it only adds what is
missing and says so; `--reset` restores the demo data the way the portal changes records
(history with a reason, a new version)."""

from io import StringIO

from django.core.management import call_command

import pytest

from actions.models import Action, Milestone

pytestmark = pytest.mark.django_db


def _load(*args) -> str:
    out = StringIO()
    call_command("load_demo", *args, stdout=out)
    return out.getvalue()


def _edit_in_portal(action: Action, user, **values) -> Action:
    """What saving the action form leaves behind: new values, a history record by the user,
    the version bumped."""
    for name, value in values.items():
        setattr(action, name, value)
    action.version += 1
    action._history_user = user
    action._change_reason = "Gewijzigd"
    action.save()
    return action


@pytest.fixture
def edited(zawa_programme, projectleider):
    action = zawa_programme.actions.get(code="2B")
    return _edit_in_portal(action, projectleider, title="Aangepaste titel", progress=55)


def test_a_database_nobody_worked_in_is_loaded_quietly():
    output = _load()
    assert "0 records toegevoegd, 0 bijgewerkt" in output
    assert "In dit portaal is al gewerkt" not in output


def test_a_projectleiders_edit_survives_load_demo_and_the_output_says_why(edited):
    version, history = edited.version, edited.history.count()
    output = _load()
    edited.refresh_from_db()
    assert (edited.title, edited.progress, edited.version) == ("Aangepaste titel", 55, version)
    assert "In dit portaal is al gewerkt (1 wijzigingen door gebruikers in de historie" in output
    assert "acties met een nieuwere versie" in output
    assert "alleen toegevoegd wat ontbrak; bestaande gegevens zijn niet veranderd" in output
    assert "actie '2B" in output and "title, progress" in output  # named, not restored
    assert "manage.py load_demo --reset" in output
    assert edited.history.count() == history  # nothing recorded by the loader


def test_what_is_missing_is_still_added(edited):
    milestone = Milestone.objects.filter(programme=edited.programme).order_by("order").last()
    order = milestone.order
    Milestone.objects.filter(pk=milestone.pk).delete()  # gone, not by a user in the portal
    output = _load()
    assert Milestone.objects.filter(programme=edited.programme, order=order).exists()
    assert "1 records toegevoegd" in output


def test_a_record_a_user_deleted_is_not_brought_back(edited, projectleider):
    milestone = Milestone.objects.filter(programme=edited.programme).order_by("order").last()
    order = milestone.order
    milestone._history_user = projectleider
    milestone.delete()
    output = _load()
    assert not Milestone.objects.filter(programme=edited.programme, order=order).exists()
    assert "(verwijderd in het portaal)" in output


def test_reset_restores_the_demo_data_with_history_and_a_new_version(edited, beheerder):
    version = edited.version
    output = _load("--reset", "--user", "beheerder")
    edited.refresh_from_db()
    assert edited.title != "Aangepaste titel" and edited.progress != 55
    # An edit form opened before the reset now meets a conflict instead of silently winning.
    assert edited.version == version + 1
    latest = edited.history.first()
    assert latest.history_change_reason == "Demodata hersteld (load_demo --reset)"
    assert latest.history_user == beheerder
    assert "--reset: de demodata is teruggezet (1 records)" in output


def test_status_updates_count_as_work_in_the_portal(zawa_programme, veiligthuis):
    from actions.services.updates import submit_status_update

    action = Action.objects.updatable_by(veiligthuis).first()
    submit_status_update(action=action, author=veiligthuis, status=action.status, progress=10)
    output = _load()
    assert "1 voortgangsupdates" in output
