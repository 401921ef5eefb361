"""Server-side SVG charts: accessible markup, the numbers as a table, a Dutch summary."""

import re
from decimal import Decimal

from ghnt_portal.templatetags.portal import euro
from monitoring.dashboard.charts import Series, bar_chart, line_chart


def test_bar_chart_has_title_description_table_and_summary():
    chart = bar_chart(
        "Voortgang per actielijn",
        ["Eerder en beter in beeld", "Borgen"],
        [Series("Voortgang", [40, 75])],
        unit="%",
        max_value=100,
    )
    assert 'role="img"' in chart.svg
    assert "<title" in chart.svg and "Voortgang per actielijn</title>" in chart.svg
    assert "<desc" in chart.svg
    assert chart.table_rows == [["Eerder en beter in beeld", "40%"], ["Borgen", "75%"]]
    assert chart.summary == (
        "Het hoogst is Borgen met 75%, het laagst Eerder en beter in beeld met 40%."
    )


def test_text_in_a_chart_is_escaped():
    chart = bar_chart("<script>", ["a & b"], [Series("x", [1])])
    assert "<script>" not in chart.svg and "a &amp; b" in chart.svg


def test_part_year_is_drawn_apart_and_never_joined_to_the_full_years():
    chart = line_chart(
        "Incidenten",
        ["2017", "2018", "2019", "t/m mei 2020"],
        [Series("Zaanstad", [487, 517, 667, 272])],
        partial={"t/m mei 2020"},
    )
    polylines = re.findall(r'<polyline points="([^"]+)"', chart.svg)
    assert len(polylines) == 1 and len(polylines[0].split()) == 3  # only the three full years
    assert "deel van een jaar" in chart.svg
    assert 'fill="#fff"' in chart.svg  # the part-year point is hollow
    assert chart.table_columns[-1] == "t/m mei 2020 (deel van een jaar)"
    assert chart.table_rows == [["Zaanstad", "487", "517", "667", "272"]]
    assert chart.summary.startswith("Zaanstad: gestegen van 487 in 2017 naar 667 in 2019 (+37%)")
    assert "t/m mei 2020 is een deel van een jaar" in chart.summary
    assert chart.summary.count(".") == 1  # one sentence


def test_hidden_values_leave_a_gap_and_keep_their_label_in_the_table():
    chart = line_chart("x", ["2018", "2019"], [Series("Oostzaan", [None, 9], labels=["<5", "9"])])
    assert chart.table_rows == [["Oostzaan", "<5", "9"]]
    assert "<polyline" not in chart.svg  # a single known point is not a line


def test_numbers_are_dutch_and_amounts_show_as_everywhere_else_in_the_portal():
    chart = bar_chart(
        "Begroting",
        ["Rijk", "Gemeenten"],
        [Series("Begroot", [Decimal("8712.50"), Decimal("187000.00")])],
        unit="€",
    )
    assert chart.table_rows == [["Rijk", euro("8712.50")], ["Gemeenten", euro("187000.00")]]
    assert chart.table_rows[0][1] == "€ 8.712,50"  # cents, as in the budget tables
    counts = line_chart("Incidenten", ["2019", "2020"], [Series("Zaanstad", [1139, 12.25])])
    assert counts.table_rows == [["Zaanstad", "1.139", "12,2"]]


def test_long_labels_and_legends_are_wrapped_never_cut_off():
    from monitoring.dashboard.charts.bar import bar_chart
    from monitoring.dashboard.charts.base import Series
    from monitoring.dashboard.charts.line import line_chart

    long_name = "Regio Zaanstreek-Waterland (alle acht gemeenten samen)"
    category = "Bevorderen doorstroom crisis-en noodopvang tbv capaciteit (onderzoek)"
    bars = bar_chart(
        "Begroting",
        [category, "Kort"],
        [Series("Begroot volgens het plan", [1, 2]), Series(long_name, [3, 4])],
    )
    line = line_chart(
        "Incidenten", ["2017", "2018"], [Series(long_name, [1, 2]), Series("Zaanstad", [3, 4])]
    )
    for svg in (str(bars.svg), str(line.svg)):
        assert "…" not in svg
        words = re.sub(r"<[^>]+>", " ", svg)
        for word in long_name.split():
            assert word in words
    assert "(onderzoek)" in str(bars.svg)


def _text_scale(svg: str) -> float:
    """The rendered text size in px when the chart is drawn 340 CSS px wide (a 375 px phone's
    content width is a little more): the declared font size scaled by the viewBox."""
    width = float(re.search(r'viewBox="0 0 ([\d.]+) ', svg).group(1))
    size = float(re.search(r'font-size="([\d.]+)"', svg).group(1))
    return size * 340 / width


def test_every_chart_has_a_phone_layout_whose_text_stays_at_least_12_px():
    long_name = "Regio Zaanstreek-Waterland (som van de gemeenten)"
    bars = bar_chart(
        "Begroting",
        ["Subsidie aan te vragen (Projectenpool GHNT)", "DUVO"],
        [Series("Begroot", [187000, 115478]), Series("Gerealiseerd", [0, 1000])],
        unit="€",
    )
    lines = line_chart(
        "Incidenten",
        ["2017", "2018", "2019", "t/m mei 2020"],
        [Series("Zaanstad", [487, 517, 667, 272]), Series(long_name, [959, 973, 1139, 475])],
        partial={"t/m mei 2020"},
    )
    for chart in (bars, lines):
        wide, narrow = str(chart.svg), str(chart.svg_narrow)
        assert _text_scale(wide) < 6  # the wide chart would shrink to ~5.7 px on a phone
        assert _text_scale(narrow) >= 12
        assert not re.search(r'font-size="([0-9]|1[01])(\.\d+)?"', narrow)  # no smaller text
        assert 'role="img"' in narrow and "-smal-titel" in narrow  # its own ids, same title
        words = re.sub(r"<[^>]+>", " ", narrow)
        for word in long_name.split() if chart is lines else ["Projectenpool", "Gerealiseerd"]:
            assert word in words  # wrapped, never cut off
    assert "€ 187.000" in str(bars.svg_narrow)
    assert "deel van een jaar" in str(lines.svg_narrow)
    assert 'transform="rotate(-45' in str(lines.svg_narrow)  # "t/m mei 2020" is slanted


def _municipalities(n):
    names = [f"Gemeente {chr(65 + i)}" for i in range(n)]
    series = [Series(name, [10 + i, 12 + i, 11 + i]) for i, name in enumerate(names)]
    return [*series, Series("Regio Noord", [sum(10 + i for i in range(n))] * 3)]


def test_a_region_of_many_municipalities_draws_its_total_and_keeps_every_row_in_the_table():
    # Twelve municipalities: more lines than there are line styles, so two would look alike.
    chart = line_chart("Meldingen", ["2023", "2024", "2025"], _municipalities(12), total_last=True)
    assert len(re.findall(r"<polyline", chart.svg)) == 1
    assert "<title>Regio Noord</title>" in chart.svg
    assert "Gemeente A" not in chart.svg
    assert any("toont alleen het totaal" in note for note in chart.notes)
    assert "de 12 gemeenten staan in de tabel" in chart.description
    assert [row[0] for row in chart.table_rows][:2] == ["Gemeente A", "Gemeente B"]
    assert len(chart.table_rows) == 13


def test_a_few_municipalities_are_all_drawn_wide_and_the_phone_chart_shows_the_total():
    chart = line_chart("Meldingen", ["2023", "2024", "2025"], _municipalities(4), total_last=True)
    assert len(re.findall(r"<polyline", chart.svg)) == 5
    assert not chart.notes
    narrow = str(chart.svg_narrow)
    assert len(re.findall(r"<polyline", narrow)) == 1
    assert "De 4 gemeenten staan in de tabel." in narrow


def test_every_point_of_a_line_has_a_marker_defined_in_the_same_chart():
    chart = line_chart("Meldingen", ["2023", "2024", "2025"], [Series("Zaanstad", [5, 7, 6])])
    used = set(re.findall(r'marker-(?:start|mid|end)="url\(#([^)]+)\)"', chart.svg))
    defined = set(re.findall(r'<marker id="([^"]+)"', chart.svg))
    assert len(used) == 1 and used == defined
    (marker,) = used
    for position in ("start", "mid", "end"):  # the first, every middle and the last point
        assert f'marker-{position}="url(#{marker})"' in chart.svg
    # A point on its own (its neighbours unknown) is still drawn, with its value on hover.
    alone = line_chart("x", ["2023", "2024", "2025"], [Series("Oostzaan", [None, 9, None])])
    assert "<polyline" not in alone.svg
    assert "<title>Oostzaan, 2024: 9</title></circle>" in alone.svg
