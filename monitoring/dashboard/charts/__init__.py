"""Charts drawn on the server as SVG: the same markup serves the web page and the PDF report.

Pure Python, no JavaScript, no external libraries. The stable API:

    chart = bar_chart("Voortgang per actielijn", ["Eerder in beeld", ...],
                      [Series("Voortgang (%)", [40, 75])], unit="%", max_value=100)
    chart = line_chart("Incidenten", ["2017", "2018", "2019", "t/m mei 2020"],
                       [Series("Zaanstad", [487, 517, 667, 272])], partial={"t/m mei 2020"})

A `Chart` has
- `svg`: markup with role="img", <title> and <desc> (safe to output in a template or PDF);
- `table_columns` and `table_rows`: the numbers as a table (row[0] is the row header);
- `summary`: one Dutch sentence describing the chart.

`Series.labels` may override how a value is shown in the table (for instance "<5" for a
suppressed count); a value of None is not drawn (a gap), and its label is shown in the table.
"""

from .bar import bar_chart
from .base import Chart, Series, format_number
from .line import line_chart

__all__ = ["Chart", "Series", "bar_chart", "format_number", "line_chart"]
