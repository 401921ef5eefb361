"""Numbers typed and shown the Dutch way in every number field (ghnt_portal/forms.py):
"55.000" is fifty-five thousand, "1.234,50" has cents, and the form shows back what a Dutch
reader types, never "50000.00"."""

from decimal import Decimal

from django import forms
from django.urls import reverse

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from actions.forms import BudgetLineForm, ExpectedResultForm, StatusUpdateForm
from ghnt_portal.formats import dutch_amount, dutch_number
from ghnt_portal.forms import DutchDecimalField, parse_dutch_number
from monitoring.imports.reading import parse_value
from tests.actions.formdata import action_form_data
from tests.world import World

amounts = st.decimals(min_value=0, max_value=Decimal("9999999999.99"), places=2)


@given(amounts)
@example(Decimal("55000"))
@example(Decimal("55000.50"))
@example(Decimal("0.05"))
def test_an_amount_shown_in_a_form_reads_back_as_the_same_amount(value):
    shown = dutch_amount(value)
    if "," in shown:
        assert "." not in shown.partition(",")[2]  # decimals after the comma, points before
    assert parse_dutch_number(shown) == value


@given(st.decimals(min_value=-(10**9), max_value=10**9, places=2))
def test_any_number_shown_reads_back_as_the_same_number(value):
    assert parse_dutch_number(dutch_number(value)) == value


@given(st.integers(min_value=0, max_value=10**11))
def test_whole_numbers_are_accepted_with_and_without_thousands_points(number):
    grouped = f"{number:,}".replace(",", ".")
    assert parse_dutch_number(grouped) == number
    assert parse_dutch_number(str(number)) == number
    assert parse_dutch_number(grouped + ",00") == number


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("55.000", Decimal("55000")),
        ("55.000,00", Decimal("55000")),
        ("55000", Decimal("55000")),
        ("55000,50", Decimal("55000.50")),
        ("€ 1.234.567,5", Decimal("1234567.5")),
        (" 12\u00a0500 ", Decimal("12500")),
        ("0,5", Decimal("0.5")),
    ],
)
def test_dutch_ways_of_typing_a_number_are_accepted(typed, value):
    assert DutchDecimalField(max_digits=12, decimal_places=2).clean(typed) == value


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("1.5", "Gebruik een komma voor decimalen, bijvoorbeeld 1,5."),
        ("55000.50", "Gebruik een komma voor decimalen, bijvoorbeeld 55000,50."),
        ("5.5.5", "Vul een getal in"),
        ("55.00", "Gebruik een komma voor decimalen"),
        ("vijftig", "Vul een getal in"),
        ("1,234", "niet meer dan 2 cijfers achter de komma"),
    ],
)
def test_unclear_numbers_are_refused_with_a_dutch_message(typed, message):
    field = DutchDecimalField(max_digits=12, decimal_places=2)
    with pytest.raises(forms.ValidationError) as refused:
        field.clean(typed)
    assert message in " ".join(refused.value.messages)


@pytest.mark.django_db
def test_a_budget_line_accepts_55_000_and_shows_it_back_as_55_000():
    form = BudgetLineForm(
        data={"description": "Inzet", "kind": "bedrag", "amount": "55.000", "realised": ""},
    )
    form.is_valid()
    assert "amount" not in form.errors
    assert form.cleaned_data["amount"] == Decimal("55000")
    bound = BudgetLineForm(initial={"amount": Decimal("50000.00"), "realised": Decimal("1234.5")})
    html = str(bound["amount"]) + str(bound["realised"])
    assert 'value="50.000"' in html and 'value="1.234,50"' in html
    assert 'inputmode="decimal"' in html and 'type="number"' not in html


def test_expected_results_show_dutch_values():
    form = ExpectedResultForm(
        initial={"target_value": Decimal("1500"), "achieved_value": Decimal("2.50")}
    )
    assert 'value="1.500"' in str(form["target_value"])
    assert 'value="2,5"' in str(form["achieved_value"])


@pytest.mark.django_db
def test_what_was_typed_comes_back_as_typed_after_an_error(client_for, projectleider):
    """A form with an error elsewhere shows "55.000" again, not "55" (read as 55.000)."""
    action = World().action_2b
    client = client_for(projectleider)
    data = action_form_data(action, progress="150", **{"budget-0-realised": "55.000"})
    html = client.post(reverse("actions:edit", args=[action.pk]), data).content.decode()
    assert 'name="budget-0-realised" value="55.000"' in html


@pytest.mark.django_db
def test_the_action_form_saves_55_000_and_shows_it_back_as_55_000(client_for, projectleider):
    action = World().action_2b
    line = action.budget_lines.filter(kind="bedrag").order_by("pk").first()
    index = list(action.budget_lines.order_by("order", "pk")).index(line)
    client = client_for(projectleider)
    data = action_form_data(action, **{f"budget-{index}-amount": "55.000"})
    response = client.post(reverse("actions:edit", args=[action.pk]), data)
    assert response.status_code == 302
    line.refresh_from_db()
    assert line.amount == Decimal("55000")
    page = client.get(reverse("actions:edit", args=[action.pk])).content.decode()
    assert f'name="budget-{index}-amount" value="55.000"' in page
    assert "55000.00" not in page
    detail = client.get(reverse("actions:detail", args=[action.pk])).content.decode()
    assert "€ 55.000" in detail


@pytest.mark.django_db
def test_a_partner_reports_a_result_as_1_250():
    action = World().action_2b
    result = action.expected_results.order_by("order").first()
    form = StatusUpdateForm(
        data={
            "status": "in_uitvoering",
            "progress": "10",
            "judgement": "op_schema",
            f"resultaat_{result.pk}": "1.250",
        },
        action=action,
    )
    assert form.is_valid(), form.errors
    assert form.results() == {result.pk: Decimal("1250")}


@pytest.mark.parametrize(
    ("cell", "value"),
    [("1.139", Decimal("1139")), ("1.139,5", Decimal("1139.5")), ("1139.5", Decimal("1139.5"))],
)
def test_measurement_files_read_dutch_thousands_too(cell, value):
    assert parse_value(cell) == value
