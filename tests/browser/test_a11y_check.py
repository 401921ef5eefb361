"""The accessibility check itself can fail: a page with a missing label is reported."""

from tests.browser.a11y import axe_violations


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
