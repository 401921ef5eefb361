"""The plans' texts shown with their lists as lists (WCAG 1.3.1; the IBM engine's
list_markup_review found numbered and bulleted lines in paragraphs on the programme and action
pages): the plan_text filter."""

import re
from html import unescape

from django.template import Context, Template

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ghnt_portal.templatetags.portal import plan_text


def test_numbered_lines_with_bullets_under_an_item_become_nested_lists():
    text = (
        "1. Veilig Thuis:\n• Basistrainingen;\n• Een lezingencyclus.\n"
        "2. Een opleidingsplan.\n3. Scholen."
    )
    assert plan_text(text) == (
        "<ol><li>Veilig Thuis:<ul><li>Basistrainingen;</li><li>Een lezingencyclus.</li></ul>"
        "</li><li>Een opleidingsplan.</li><li>Scholen.</li></ol>"
    )


def test_the_numbers_stay_as_printed():
    assert plan_text("3. Drie\n4. Vier\n7. Zeven") == (
        '<ol start="3"><li>Drie</li><li>Vier</li><li value="7">Zeven</li></ol>'
    )


def test_bullets_paragraphs_and_line_breaks():
    text = (
        "Het projectteam bestaat uit:\n- Projectleider\n- Contractmanager\n\n"
        "Eerste regel\ntweede regel"
    )
    assert plan_text(text) == (
        "<p>Het projectteam bestaat uit:</p><ul><li>Projectleider</li><li>Contractmanager</li>"
        "</ul><p>Eerste regel<br>tweede regel</p>"
    )


@pytest.mark.parametrize(
    "line", ["2021. Een jaar", "3.4 drukt de tabel", "-geen spatie", "Bedrag: 1.000,-"]
)
def test_text_that_only_looks_like_an_item_stays_text(line):
    assert plan_text(line) == f"<p>{line}</p>"


def test_everything_is_escaped():
    html = plan_text("1. <script>x</script>\n• <b>vet</b>\n<i>schuin</i>")
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "&lt;b&gt;vet&lt;/b&gt;" in html and "&lt;i&gt;schuin&lt;/i&gt;" in html


@given(st.text(alphabet=st.sampled_from(list("ab1.)•-–* <>&\"'\n\x00é")), max_size=200))
def test_any_text_keeps_its_words_and_never_lets_markup_through(text):
    html = str(Template("{% load portal %}{{ t|plan_text }}").render(Context({"t": text})))
    assert "<script" not in html and "<b>" not in html and "<a" not in html
    for tag in ("ol", "ul", "li", "p"):  # every list and paragraph it opens, it closes
        assert html.count(f"<{tag}>") + html.count(f"<{tag} ") == html.count(f"</{tag}>")
    shown = unescape(re.sub(r"<[^>]*>", "", html))  # the text a reader gets
    assert "".join(ch for ch in shown if ch in "abé") == "".join(ch for ch in text if ch in "abé")


@pytest.mark.django_db
def test_the_action_and_programme_pages_show_the_plans_lists_as_lists(
    client_for, projectleider, client
):
    from django.urls import reverse

    from tests.world import World

    world = World()
    action = world.zawa_programme.actions.get(code="1B")  # "1. Veilig Thuis:\n• ..." in its hoe
    assert action.hoe.startswith("1. Veilig Thuis:") and "\n•" in action.hoe
    page = client_for(projectleider).get(action.get_absolute_url()).text
    assert "<dd><ol><li>Veilig Thuis:<ul><li>" in page
    public = client.get(reverse("public:action", args=[action.pk])).text
    assert "<dd><ol><li>Veilig Thuis:<ul><li>" in public
    programme = client_for(projectleider).get(world.zawa_programme.get_absolute_url()).text
    assert '<div class="source-remarks-body"><ul><li>' in programme
