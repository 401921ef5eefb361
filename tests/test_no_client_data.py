"""The portal holds no client data: text containing a BSN (a nine-digit number passing the
elfproef) is refused everywhere text comes in, with one Dutch message, and nothing is stored."""

import datetime
import importlib
import inspect
import pkgutil
import sys

from django import forms
from django.apps import apps
from django.db import models
from django.urls import reverse

import pytest

from actions.models import StatusUpdate
from actions.services import submit_status_update
from ghnt_portal.validators import BSN_MESSAGE, looks_like_bsn, no_client_data
from governance.models import Commitment, DecisionBody
from monitoring.models import ImportBatch, Measurement
from tests.actions.formdata import action_form_data
from tests.monitoring.helpers import csv_upload, police_rows_2021
from tests.world import World

PROJECT_APPS = {"programmes", "governance", "actions", "monitoring", "audit", "ghnt_portal"}

# Text fields the application writes itself, never from a person's input, with the reason.
EXEMPT = {
    ("audit", "auditevent"): "written by the application only; refusing would lose events",
    ("monitoring", "progressreport", "period"): "a period code such as 2021-H1",
    ("actions", "statusupdate", "reporting_period"): "a period code, chosen from a list",
    ("monitoring", "progressreport", "pdf_sha256"): "a checksum; 64 hex digits",
    ("monitoring", "progressreport", "failure"): "the error text of a failed generation",
    ("monitoring", "importbatch", "failure"): "the error text of a failed import job",
    ("actions", "actionexport", "failure"): "the error text of a failed export",
    (
        "actions",
        "actionexport",
        "query",
    ): "the action list's filters, encoded (the filter form checks them)",
    ("monitoring", "progressreport", "sent_to"): "copied from the region's checked address",
    ("programmes", "documentversion", "mime_type"): "the type the upload check recognised",
    ("programmes", "documentversion", "sha256"): "a checksum; 64 hex digits",
    ("programmes", "documentversion", "text"): "a file's text, checked by the upload check",
    ("programmes", "searchentry"): "copied from records that carry the validator themselves",
    ("programmes", "regiontheme"): "colours validated as #rrggbb; a MIME type and version it sets",
    ("monitoring", "questionnaire", "period"): "a period code such as 2021-H1, validated",
    ("monitoring", "nationaldocument", "period"): "a period code, from the URL, parsed",
    ("monitoring", "nationaldocument", "step"): "the generator's own progress text",
    ("monitoring", "nationaldocument", "failure"): "the error text of a failed generation",
    ("programmes", "buildingblock", "code"): "digits, letters and dots only (its validator)",
}

BSN = "111222333"  # passes the elfproef: 9*1+8*1+7*1+6*2+5*2+4*2+3*3+2*3-1*3 = 66


@pytest.mark.parametrize(
    "text",
    [
        "cliënt BSN 111222333",
        "111 222 333",
        "111.222.333",
        "111-22-2333",
        "bsn:123456782.",
        "(123 45 6782)",
        "zie 123456782\u00a0en verder",
    ],
)
def test_numbers_passing_the_elfproef_are_recognised(text):
    assert looks_like_bsn(text)


@pytest.mark.parametrize(
    "text",
    [
        "111222334",  # fails the elfproef
        "06-12345678 of 0612345678",  # ten digits: a phone number
        "€ 1.234.567.890",  # ten digits: an amount
        "NL91ABNA0417164300",  # an IBAN
        "000000000",
        "2020-2021, 01-01-2021 t/m 31-12-2021, GM0479",
        "€ 115.478 en € 476.712 (DUVO)",
        "",
    ],
)
def test_other_numbers_are_not_refused(text):
    assert not looks_like_bsn(text)


def _text_fields():
    for model in apps.get_models():
        if model._meta.app_label not in PROJECT_APPS or model.__name__.startswith("Historical"):
            continue
        for field in model._meta.get_fields():
            if isinstance(field, models.CharField | models.TextField) and not field.choices:
                yield model, field


def test_every_text_field_of_every_model_carries_the_validator():
    """A new model field cannot forget it: add `validators=[no_client_data]` (or an EXEMPT
    entry with the reason, for text the application writes itself)."""
    checked, missing = 0, []
    for model, field in _text_fields():
        meta = model._meta
        if (meta.app_label, meta.model_name) in EXEMPT:
            continue
        if (meta.app_label, meta.model_name, field.name) in EXEMPT:
            continue
        checked += 1
        if no_client_data not in field.validators:
            missing.append(f"{meta.label}.{field.name}")
    assert not missing, f"text fields without no_client_data: {missing}"
    assert checked > 60


def test_every_free_text_field_of_every_plain_form_carries_the_validator():
    """Forms that are not model forms (review remark, settling a toezegging, the admin's
    return form) declare their text fields themselves."""
    for package in ("ghnt_portal", "programmes", "governance", "actions", "monitoring"):
        root = importlib.import_module(package)
        for info in pkgutil.walk_packages(root.__path__, f"{package}."):
            if info.name.rsplit(".", 1)[-1] in ("forms", "admin", "views"):
                importlib.import_module(info.name)
    exempt_names = {"next", "token"}  # a redirect target, a one-time code
    missing, checked = [], 0
    for name, module in list(sys.modules.items()):
        if name.split(".")[0] not in PROJECT_APPS:
            continue
        for _, form in inspect.getmembers(module, inspect.isclass):
            if not issubclass(form, forms.BaseForm) or form.__module__ != name:
                continue
            for field_name, field in form.declared_fields.items():  # type: ignore[attr-defined]
                if type(field) is not forms.CharField or field_name in exempt_names:
                    continue
                checked += 1
                if no_client_data not in field.validators:
                    missing.append(f"{name}.{form.__name__}.{field_name}")
    assert not missing
    assert checked >= 4


@pytest.mark.django_db
def test_the_demo_data_from_the_seed_documents_passes():
    """No false alarm on real programme text: every stored value of the seed documents."""
    for model, field in _text_fields():
        if no_client_data not in field.validators:
            continue
        for value in model._default_manager.values_list(field.name, flat=True):
            assert not looks_like_bsn(value or ""), (model, field.name, value)


# --- every way text comes in --------------------------------------------------------------


@pytest.mark.django_db
def test_a_status_update_remark_with_a_bsn_is_refused_and_nothing_stored(client_for, veiligthuis):
    action = World().action_2b
    response = client_for(veiligthuis).post(
        reverse("actions:update_create", args=[action.pk]),
        {"status": "in_uitvoering", "progress": "40", "remark": "cliënt BSN 111222333"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["remark"] == [BSN_MESSAGE]
    assert BSN_MESSAGE in response.text
    assert not StatusUpdate.objects.exists()


@pytest.mark.django_db
def test_the_service_refuses_it_too(veiligthuis):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as refused:
        submit_status_update(
            action=World().action_2b,
            author=veiligthuis,
            status="in_uitvoering",
            progress=40,
            remark=f"BSN {BSN}",
        )
    assert refused.value.message_dict == {"remark": [BSN_MESSAGE]}
    assert not StatusUpdate.objects.exists()


@pytest.mark.django_db
def test_returning_an_update_with_a_bsn_in_the_remark_is_refused(
    client_for, veiligthuis, projectleider
):
    update = submit_status_update(
        action=World().action_2b, author=veiligthuis, status="in_uitvoering", progress=40
    )
    response = client_for(projectleider).post(
        reverse("actions:update_review", args=[update.pk]),
        {"decision": "terugsturen", "review_remark": f"Gaat over cliënt {BSN}"},
    )
    assert response.status_code == 200
    assert BSN_MESSAGE in response.text
    update.refresh_from_db()
    assert (update.review_status, update.review_remark) == ("ingediend", "")


@pytest.mark.django_db
def test_an_action_title_with_a_bsn_is_refused_in_the_edit_form(client_for, projectleider):
    action = World().action_2b
    data = action_form_data(action, title=f"Casus {BSN[:3]} {BSN[3:6]} {BSN[6:]}")
    response = client_for(projectleider).post(reverse("actions:edit", args=[action.pk]), data)
    assert response.status_code == 200
    assert BSN_MESSAGE in response.text
    action.refresh_from_db()
    assert "Casus" not in action.title


@pytest.mark.django_db
def test_settling_a_toezegging_with_a_bsn_is_refused(client_for, projectleider, zawa):
    commitment = Commitment.objects.create(
        region=zawa,
        number="TZ-BSN",
        text="Toezegging",
        made_to=DecisionBody.objects.get(region=zawa, abbreviation="BO"),
        made_on=datetime.date(2021, 1, 10),
    )
    response = client_for(projectleider).post(
        reverse("governance:commitment_settle", args=[commitment.pk]),
        {"answer": f"Besproken met cliënt {BSN}", "settled_by": "RIB", "settled_on": "2021-06-30"},
    )
    assert response.status_code == 200
    assert BSN_MESSAGE in response.text
    commitment.refresh_from_db()
    assert commitment.answer == "" and commitment.settled_on is None


@pytest.mark.django_db
def test_an_uploaded_measurement_with_a_bsn_is_refused_without_keeping_the_number(
    client_for, projectleider, zawa
):
    lines = police_rows_2021()
    lines[1] = lines[1].rstrip(";") + f";cliënt {BSN}"
    before = Measurement.objects.count()
    client = client_for(projectleider)
    response = client.post(
        reverse("monitoring:import_upload", kwargs={"slug": zawa.slug}),
        {"bestand": csv_upload(*lines)},
    )
    batch = ImportBatch.objects.latest("pk")
    preview = client.get(response["Location"])
    assert BSN_MESSAGE in preview.text
    assert [(e["row"], e["column"]) for e in batch.errors] == [(3, "toelichting")]
    assert BSN not in str(batch.rows) + str(batch.errors)
    assert client.post(response["Location"]).status_code == 400
    assert Measurement.objects.count() == before


@pytest.mark.django_db
def test_an_upload_named_after_a_bsn_is_refused(client_for, projectleider, zawa):
    response = client_for(projectleider).post(
        reverse("monitoring:import_upload", kwargs={"slug": zawa.slug}),
        {"bestand": csv_upload(*police_rows_2021(), name=f"client-{BSN}.csv")},
    )
    assert response.status_code == 400
    assert BSN_MESSAGE in response.text
    assert not ImportBatch.objects.exists()
