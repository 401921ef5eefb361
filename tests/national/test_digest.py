"""The digest of a sent report (monitoring/national/digest.py): made when the report is sent,
or the first time the picture meets a sent report without one; afterwards the picture and
the answers side by side read the digests, never a whole snapshot, and show the same."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest

from ghnt_portal.periods import HalfYear
from monitoring.national.models import SentDigest
from monitoring.national.picture import national_picture
from monitoring.national.uitvraag import SENT, responses
from monitoring.reports import services
from programmes.models import Programme
from tests.monitoring.reports import make_report
from tests.national.test_picture import (
    KENNEMERLAND_WORDS,
    ZAWA_WORDS,
    _answer_texts,
    _snapshot,
    loop,  # noqa: F401  (fixture)
)

pytestmark = pytest.mark.django_db


def _snapshot_reads(captured) -> int:
    return sum(1 for q in captured if '"snapshot"' in q["sql"])


def test_the_first_read_makes_the_missing_digests_and_later_reads_use_only_them(loop):  # noqa: F811
    half = HalfYear.parse("2021-H2")
    assert not SentDigest.objects.exists()  # sent directly, without the send service
    with CaptureQueriesContext(connection) as first:
        picture = national_picture(half)
    assert SentDigest.objects.count() == 2
    with CaptureQueriesContext(connection) as second:
        again = national_picture(half)
    assert _snapshot_reads(first.captured_queries) == 1
    assert _snapshot_reads(second.captured_queries) == 0
    assert len(second.captured_queries) == len(first.captured_queries) - 2

    def block(lines):
        return next(p for line in lines for p in line.blocks if p.block.code == "2.1")

    first_block, second_block = block(picture), block(again)
    assert first_block.regions == second_block.regions == {"Zaanstreek-Waterland", "Kennemerland"}
    assert first_block.milestones_done == second_block.milestones_done == 2  # one each in 2021-H2
    assert [r.explanation for r in second_block.route] == [r.explanation for r in first_block.route]
    assert f"Toelichting: {ZAWA_WORDS}" in [r.explanation for r in second_block.route]
    values = {r.region.slug: r for r in responses(loop) if r.state == SENT}
    question = loop.questions.get(kind="tekst")
    assert values["kennemerland"].value(question.pk) == KENNEMERLAND_WORDS


def test_sending_a_report_stores_its_digest(
    loop,  # noqa: F811
    projectleider,
    django_capture_on_commit_callbacks,
):
    programme = Programme.objects.get(region__slug="zaanstreek-waterland")
    final = make_report(
        programme,
        "definitief",
        "2021-H2",
        version=2,
        texts=_answer_texts(loop, "Een tweede versie", code="2B"),
        snapshot=_snapshot("2B", "Radarwerk"),
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.send(final, projectleider)
    digest = SentDigest.objects.get(report=final)
    assert [a["code"] for a in digest.actions] == ["2B"]
    assert "Een tweede versie" in digest.uitvraag["values"].values()


def test_a_concept_never_gets_a_digest(loop, client_for, rijk):  # noqa: F811
    client = client_for(rijk)
    client.get(reverse("monitoring:national_answers", args=[loop.pk]))
    client.get(reverse("monitoring:national_blocks") + "?period=2021-H2")
    assert set(SentDigest.objects.values_list("report__status", flat=True)) == {"verzonden"}
    assert not SentDigest.objects.filter(report__programme__region__slug="groningen").exists()
