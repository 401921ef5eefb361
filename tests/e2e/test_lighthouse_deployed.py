"""Lighthouse on the six main pages of issue 25 as the portal is deployed: gunicorn with DEBUG
off, collectstatic's compressed manifest files served by WhiteNoise (brotli or gzip, as a
browser gets them in production), PostgreSQL. The live-server run (tests/browser/
test_lighthouse.py) serves the static files uncompressed, which costs the heavier pages a
point of performance there. Accessibility and best practices must be 100 here too; the
performance scores are figures (artifacts/lighthouse-deployed.json, printed at the end of the
run), not asserted."""

import json

from tests.browser.conftest import login
from tests.browser.pagesizes import LIGHTHOUSE_DEPLOYED_FILE
from tests.browser.test_lighthouse import below_100, lighthouse_or_skip, run_pages

# The same pages as the live-server run, made by the same function on the portal's database.
PAGES = (
    "import json; from tests.browser.test_main_pages import main_pages; "
    "print(json.dumps(main_pages()))"
)


def test_lighthouse_on_the_portal_as_deployed(page, e2e, tmp_path):
    lighthouse_or_skip()
    paths = json.loads(e2e.manage("shell", "-c", PAGES).strip().splitlines()[-1])
    login(page, "projectleider-zawa")
    cookies = page.context.cookies()

    results = run_pages(e2e.base_url, paths, cookies, tmp_path, LIGHTHOUSE_DEPLOYED_FILE)
    below = below_100(results)
    assert not below, f"Lighthouse below 100 as deployed: {below}"
