"""Access rows for the uitvraag (monitoring/uitvraag/views.py), the national picture built
from the answers (monitoring/national/views.py) and the national frame (programmes/frame/).

Readers of the uitvraag and the national picture: the Rijk, the beheerder and the
projectleiders of every region (read-only: regions learn from each other). Raadsleden,
wethouders and partners: 403. A concept uitvraag is the Rijk's own (404 for projectleiders);
a region's concept answers never leave the region.
"""

from tests.access import FORBIDDEN, NOT_FOUND, OK, REDIRECT, Row, expect

READERS = {"projectleider": OK, "other_projectleider": OK, "rijk": OK, "beheerder": OK}
COMPOSERS_GET = expect(FORBIDDEN, rijk=OK, beheerder=OK)
COMPOSERS_POST = expect(FORBIDDEN, rijk=REDIRECT, beheerder=REDIRECT)
CONCEPT_UITVRAAG_GET = expect(
    FORBIDDEN, rijk=OK, beheerder=OK, projectleider=NOT_FOUND, other_projectleider=NOT_FOUND
)
CONCEPT_UITVRAAG_POST = expect(
    NOT_FOUND, rijk=REDIRECT, beheerder=REDIRECT
)  # get_editable_or_403: not visible -> 404


def _report_with_uitvraag(w):
    assert w.published_uitvraag  # made first: the uitvraag of the concept report's half year
    return {"pk": w.zawa_concept_report.pk}


def _question(w):
    return {"pk": w.concept_uitvraag.pk, "question_pk": w.concept_uitvraag.questions.first().pk}


ROWS = [
    Row("monitoring:uitvraag_list", get=expect(FORBIDDEN, **READERS)),
    Row(
        "monitoring:uitvraag_create",
        get=COMPOSERS_GET,
        post=COMPOSERS_POST,
        post_data={
            "title": "Thematische uitvraag 2023",
            "period": "2023-H1",
            "kind": "thema",
            "deadline": "2023-09-15",
        },
    ),
    Row(
        "monitoring:uitvraag_detail",
        kwargs=lambda w: {"pk": w.concept_uitvraag.pk},
        get=CONCEPT_UITVRAAG_GET,
        post=expect(
            FORBIDDEN,
            rijk=REDIRECT,
            beheerder=REDIRECT,
            projectleider=NOT_FOUND,
            other_projectleider=NOT_FOUND,
        ),
        post_data={"theme": "Aanpak", "text": "Wat gaat goed?", "kind": "tekst"},
        note="a concept: the Rijk composes; adding a question is a POST to the page",
    ),
    Row(
        "monitoring:uitvraag_question_delete",
        kwargs=_question,
        post=CONCEPT_UITVRAAG_POST,
    ),
    Row(
        "monitoring:uitvraag_publish",
        kwargs=lambda w: {"pk": w.concept_uitvraag.pk},
        post=CONCEPT_UITVRAAG_POST,
        note="publishing notifies every projectleider through the outbox",
    ),
    Row(
        "monitoring:uitvraag_sheet",
        kwargs=lambda w: {"pk": w.published_uitvraag.pk, "slug": "zaanstreek-waterland"},
        get=expect(
            FORBIDDEN,
            projectleider=OK,
            beheerder=OK,
            other_projectleider=NOT_FOUND,
            rijk=NOT_FOUND,
        ),
        post=expect(
            FORBIDDEN,
            projectleider=REDIRECT,
            beheerder=REDIRECT,
            other_projectleider=NOT_FOUND,
            rijk=NOT_FOUND,
        ),
        post_data={},
        note="a region's own answer page: nobody outside the region sees an unsent sheet",
    ),
    Row(
        "monitoring:report_uitvraag",
        kwargs=_report_with_uitvraag,
        get=expect(NOT_FOUND, projectleider=OK, beheerder=OK),
        post=expect(NOT_FOUND, projectleider=REDIRECT, beheerder=REDIRECT),
        post_data={},
        note="the uitvraag inside a concept report: only the region's project team",
    ),
    Row(
        "monitoring:national_answers",
        kwargs=lambda w: {"pk": w.published_uitvraag.pk},
        get=expect(FORBIDDEN, **READERS),
    ),
    Row(
        "monitoring:national_answers_csv",
        kwargs=lambda w: {"pk": w.published_uitvraag.pk},
        get=expect(FORBIDDEN, **READERS),
    ),
    Row(
        "monitoring:national_answers_xlsx",
        kwargs=lambda w: {"pk": w.published_uitvraag.pk},
        get=expect(FORBIDDEN, **READERS),
    ),
    Row("monitoring:national_blocks", get=expect(FORBIDDEN, **READERS)),
    Row(
        "monitoring:national_block",
        kwargs={"code": "2.1"},
        get=expect(FORBIDDEN, **READERS),
    ),
    Row(
        "monitoring:national_document",
        kwargs={"period": "2021-H2"},
        get=expect(FORBIDDEN, **READERS),
        post=COMPOSERS_POST,
        note="making it renders the real PDF (eager task) for the Rijk and the beheerder",
    ),
    Row(
        "monitoring:national_document_download",
        kwargs=lambda w: {"period": w.national_document.period, "kind": "pdf"},
        get=expect(FORBIDDEN, **READERS),
    ),
    # The national frame: read by everyone signed in, kept by the Rijk and the beheerder.
    Row("frame:frame", get=expect(OK)),
    Row(
        "frame:block_create",
        get=COMPOSERS_GET,
        post=COMPOSERS_POST,
        post_data=lambda w: {
            "national_line": w.national_line_1.pk,
            "code": "1.9",
            "title": "Vroegsignalering op school",
            "order": 9,
            "active": "on",
        },
    ),
    Row(
        "frame:block_edit",
        kwargs=lambda w: {"pk": w.building_block.pk},
        get=COMPOSERS_GET,
        post=COMPOSERS_POST,
        post_data=lambda w: {
            "national_line": w.building_block.national_line_id,
            "code": w.building_block.code,
            "title": "Radarwerk",
            "order": 1,
            "active": "on",
        },
    ),
    Row(
        "frame:line_edit",
        kwargs=lambda w: {"pk": w.national_line_1.pk},
        get=COMPOSERS_GET,
        post=COMPOSERS_POST,
        post_data={"title": "Eerder en beter in beeld"},
    ),
]
