"""htmx on first use (issue 25's page weight): a page whose partials wait for the user does not
fetch htmx's 52 KB when it opens; pointing at or focusing a partial fetches it, a click or
submit that comes before it has arrived is held and handed to htmx (the partial still swaps in
place, no page load), and when htmx cannot be fetched the link or form does what it does
without JavaScript (static/js/portal.js, ghnt_portal/templatetags/portal.py)."""

import re

from django.urls import reverse

from playwright.sync_api import expect

from tests.browser.conftest import login
from tests.world import World

HTMX = re.compile(r"/static/vendor/htmx/htmx(\.[0-9a-f]+)?\.min\.js$")
QUICK_LINK = "Bijwerken status en voortgang van actie 2B"


def _watch_htmx(page):
    fetched = []
    page.on(
        "request", lambda request: fetched.append(request.url) if HTMX.search(request.url) else None
    )
    return fetched


def _mark_document(page):
    """A mark on the window that a page load would wipe out."""
    page.evaluate("window.__samePage = true")


def _same_document(page):
    return page.evaluate("window.__samePage === true")


def test_the_programme_page_opens_without_htmx_and_fetches_it_when_pointed_at(page):
    login(page, "projectleider-zawa")
    fetched = _watch_htmx(page)
    page.goto(page.base_url + World().zawa_programme.get_absolute_url())
    page.wait_for_load_state("load")
    page.wait_for_timeout(300)
    assert not fetched and page.evaluate("typeof window.htmx") == "undefined"

    link = page.get_by_role("link", name=QUICK_LINK)
    with page.expect_response(HTMX):
        link.hover()
    assert len(fetched) == 1
    _mark_document(page)
    link.click()
    expect(page.get_by_label("Status van actie 2B")).to_be_focused()
    assert _same_document(page)  # swapped in place


def test_a_click_before_htmx_has_arrived_is_held_and_handed_to_it(page):
    login(page, "projectleider-zawa")
    page.goto(page.base_url + World().zawa_programme.get_absolute_url())
    page.wait_for_load_state("load")
    _mark_document(page)
    # A click with no pointer or focus before it (as from assistive software): htmx is not
    # there yet, so the click is held until it is.
    page.get_by_role("link", name=QUICK_LINK).evaluate("link => link.click()")
    expect(page.get_by_label("Status van actie 2B")).to_be_focused()
    assert _same_document(page)


def test_a_submit_before_htmx_has_arrived_is_held_and_handed_to_it(page):
    login(page, "projectleider-zawa")
    action = World().action_2b
    page.goto(page.base_url + action.get_absolute_url())
    page.wait_for_load_state("load")
    _mark_document(page)
    form = page.locator(
        "form[hx-post]", has=page.get_by_role("button", name=re.compile("^Gereed melden"))
    ).first
    state_id = form.evaluate("form => form.closest('.milestone-state').id")
    form.evaluate("form => form.requestSubmit()")
    expect(page.locator(f"#{state_id} [role=status]")).to_be_visible()
    assert _same_document(page)  # the milestone's state swapped in place
    expect(page.locator(f"#{state_id} form")).to_have_count(0)  # reported done


def test_without_htmx_the_link_does_what_it_does_without_javascript(page):
    login(page, "projectleider-zawa")
    page.route(HTMX, lambda route: route.abort())
    page.goto(page.base_url + World().zawa_programme.get_absolute_url())
    page.wait_for_load_state("load")
    page.get_by_role("link", name=QUICK_LINK).click()
    # The quick update form as a page of its own, as without JavaScript.
    page.wait_for_url(
        re.compile(re.escape(reverse("actions:quick_update", args=[World().action_2b.pk])))
    )
    expect(page.get_by_label("Status van actie 2B")).to_be_visible()
