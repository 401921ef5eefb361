"""A projectleider uploads a large measurements file in the browser: the page says the file
waits for the background processing (Redis away), follows the job by itself once it runs
(htmx polls the status fragment and reloads the page when the check is done), and imports
after confirmation. Every state passes axe."""

import datetime

from django.urls import reverse

from ghnt_portal.outbox import services as outbox_services
from tests.browser.a11y import assert_accessible
from tests.browser.conftest import login, screenshot
from tests.monitoring.helpers import HEADER
from tests.ops.test_celery_settings import _closed_port, _sender


def _rows(count: int) -> str:
    lines = [HEADER]
    for week in range(count):
        start = datetime.date(1980, 1, 7) + datetime.timedelta(weeks=week)
        end = start + datetime.timedelta(days=6)
        lines.append(f"politie-incidenten-hg;GM0479;deelperiode;{start};{end};;{week};")
    return "\n".join(lines)


def test_projectleider_follows_a_large_import_on_the_page(page, tmp_path, settings, monkeypatch):
    from monitoring.imports.models import ImportBatch

    settings.IMPORT_SYNC_MAX_ROWS = 5  # this file of 40 rows goes to the background
    away = _sender(f"redis://127.0.0.1:{_closed_port()}/0")
    eager = outbox_services._celery_app()
    monkeypatch.setattr(outbox_services, "_celery_app", lambda: away)
    path = tmp_path / "metingen.csv"
    path.write_text(_rows(40))
    login(page, "projectleider-zawa")
    page.goto(page.base_url + reverse("monitoring:import_upload", args=["zaanstreek-waterland"]))
    page.get_by_label("Bestand met metingen (CSV of xlsx)").set_input_files(str(path))
    page.get_by_role("button", name="Bekijk voorbeeld").click()
    status = page.get_by_role("status")
    status.get_by_text("Wordt gecontroleerd").wait_for()
    status.get_by_text("In wachtrij sinds").wait_for()
    screenshot(page, "import-large-waiting")
    assert_accessible(page)

    monkeypatch.setattr(outbox_services, "_celery_app", lambda: eager)  # Redis is back
    outbox_services.sweep()  # beat's sweep: the check runs (eagerly, here)
    assert ImportBatch.objects.latest("pk").row_count == 40
    # The next poll answers "done": the page reloads with the preview by itself.
    confirm = page.get_by_role("button", name="Bevestig de import van 40 regels")
    confirm.wait_for(timeout=15_000)
    screenshot(page, "import-large-checked")
    assert_accessible(page)
    confirm.click()  # the import job runs eagerly here (no broker in the tests)
    page.get_by_text(": 40 nieuw, 0 gewijzigd, 0 ongewijzigd.").wait_for()
    assert ImportBatch.objects.latest("pk").phase == "imported"
    assert_accessible(page)
    away.close()
