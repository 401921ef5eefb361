"""Sortable column headers (templates/includes/sort_header.html, ghnt_portal/templatetags/nlds.py):
a header links to the same list sorted by its column, the other way round when the list is
sorted by it already, keeps the filters, starts again at page 1, and its cell carries aria-sort."""

import re
from urllib.parse import parse_qs

from django.template import Context, Template
from django.test import RequestFactory

import pytest

from ghnt_portal.templatetags.nlds import column_span, nlds_classes

HEADER = Template('{% include "includes/sort_header.html" with label="Code" key="code" %}')


def render(query: str) -> str:
    request = RequestFactory().get(f"/acties/?{query}")
    return HEADER.render(Context({"request": request}))


def link_query(html: str) -> dict:
    href = re.search(r'href="\?([^"]*)"', html).group(1).replace("&amp;", "&")
    return parse_qs(href)


def test_an_unsorted_column_sorts_ascending_and_keeps_the_filters():
    html = render("status=vertraagd&page=3")
    assert "aria-sort" not in html
    assert link_query(html) == {"status": ["vertraagd"], "ordering": ["code"]}
    assert '<th scope="col" class="utrecht-table__header-cell">' in html


@pytest.mark.parametrize(
    ("current", "aria", "next_sort", "spoken"),
    [
        ("code", "ascending", "-code", "gesorteerd oplopend"),
        ("-code", "descending", "code", "gesorteerd aflopend"),
    ],
)
def test_the_sorted_column_says_so_and_turns_the_order_round(current, aria, next_sort, spoken):
    html = render(f"ordering={current}")
    assert f'aria-sort="{aria}"' in html
    assert link_query(html)["ordering"] == [next_sort]
    assert spoken in html  # the state in words for a screen reader, not only an arrow


def test_another_column_sorted_leaves_this_one_unmarked():
    html = render("ordering=-progress")
    assert "aria-sort" not in html and link_query(html)["ordering"] == ["code"]


def test_a_label_is_escaped():
    html = Template('{% include "includes/sort_header.html" with label=l key="x" %}').render(
        Context({"request": RequestFactory().get("/"), "l": "<b>Titel</b>"})
    )
    assert "&lt;b&gt;Titel&lt;/b&gt;" in html and "<b>" not in html


def test_crispy_columns_become_our_grid_without_bootstrap_names():
    assert column_span("col-md-6") == "ghnt-form-row__cell--6"
    assert column_span("col-sm-3 extra") == "ghnt-form-row__cell--3 extra"
    assert column_span("col") == ""
    assert nlds_classes("row col-lg-6 mine") == "mine"
