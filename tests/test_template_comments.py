"""Django's {# ... #} comment ends at the line's end: one spread over several lines is shown
to the user as text (the action form showed "{# Milestones ..." once). Longer comments use
{% comment %}."""

import re
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
UNCLOSED = re.compile(r"\{#(?:(?!#\}).)*$", re.M)


def test_no_template_has_a_comment_that_spans_lines():
    found = [
        f"{path.relative_to(REPO)}:{text[: match.start()].count(chr(10)) + 1}"
        for path in REPO.glob("**/templates/**/*.html")
        if not {".venv", "node_modules"} & set(path.parts)
        for text in [path.read_text(encoding="utf-8")]
        for match in UNCLOSED.finditer(text)
    ]
    assert found == []
