"""The accessibility check itself can fail: a page with a missing label is reported."""

from tests.browser.a11y import axe_violations, ibm_findings


def test_axe_reports_a_missing_label_and_missing_alt_text(chromium):
    page = chromium.new_page()
    page.set_content(
        '<!doctype html><html lang="nl"><head><title>Test</title></head><body><main>'
        '<h1>Formulier</h1><input type="text" name="zonder-label"><img src="x.png">'
        "</main></body></html>"
    )
    rule_ids = {v["id"] for v in axe_violations(page)}
    page.close()
    assert "label" in rule_ids
    assert "image-alt" in rule_ids


def test_the_ibm_engine_reports_a_missing_label_also_in_a_folded_section(chromium):
    """The IBM Equal Access engine runs in the page next to axe; a field without a label
    inside a closed <details> is found too (the check unfolds it), and the page is left as
    it was."""
    page = chromium.new_page()
    page.set_content(
        '<!doctype html><html lang="nl"><head><title>Test</title></head><body><main>'
        "<h1>Formulier</h1><form><details><summary>Meer</summary>"
        '<input type="text" name="zonder-label"></details>'
        '<button type="submit">Opslaan</button></form></main></body></html>'
    )
    found = ibm_findings(page)
    still_closed = page.evaluate("document.querySelector('details').open") is False
    page.close()
    assert {v["rule"] for v in found["violation"]} == {"input_label_exists"}
    assert still_closed


def test_the_ibm_engine_passes_a_labelled_field(chromium):
    page = chromium.new_page()
    page.set_content(
        '<!doctype html><html lang="nl"><head><title>Test</title></head><body><main>'
        "<h1>Formulier</h1><form><details><summary>Meer</summary>"
        '<label for="naam">Naam</label><input type="text" id="naam" name="naam"></details>'
        '<button type="submit">Opslaan</button></form></main></body></html>'
    )
    found = ibm_findings(page)
    page.close()
    assert found["violation"] == []
