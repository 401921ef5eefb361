"""Access rows for the progress-report URLs (monitoring/reports/views.py).

Who sees a report: the region's projectleider (every status), the region's wethouder (not
concept), the rijk (sent only), the beheerder. Who changes one: projectleider, beheerder.
"""

from tests.access import FORBIDDEN, NOT_FOUND, OK, REDIRECT, Row, expect

PROGRAMME = {"other_projectleider": NOT_FOUND}  # Kennemerland's projectleider sees no ZaWa
CONCEPT_READERS = {"projectleider": OK, "beheerder": OK}
FINAL_READERS = {**CONCEPT_READERS, "wethouder": OK}
SENT_READERS = {**FINAL_READERS, "rijk": OK}

REPORT_ROWS = [
    Row(
        "monitoring:report_list",
        kwargs=lambda w: {"programme_pk": w.zawa_programme.pk},
        get=expect(OK, **PROGRAMME),
        note="everyone who sees the programme; the list shows only the reports they may see",
    ),
    Row(
        "monitoring:report_generate",
        kwargs=lambda w: {"programme_pk": w.zawa_programme.pk},
        post=expect(FORBIDDEN, projectleider=REDIRECT, beheerder=REDIRECT, **PROGRAMME),
        post_data={"period": "2021-H1"},
        note="renders the real PDF (eager task) for projectleider and beheerder",
    ),
    Row(
        "monitoring:report_detail",
        kwargs=lambda w: {"pk": w.zawa_concept_report.pk},
        get=expect(NOT_FOUND, **CONCEPT_READERS),
        note="a concept: only the project team",
    ),
    Row(
        "monitoring:report_status",
        kwargs=lambda w: {"pk": w.zawa_final_report.pk},
        get=expect(NOT_FOUND, **FINAL_READERS),
    ),
    Row(
        "monitoring:report_texts",
        kwargs=lambda w: {"pk": w.zawa_concept_report.pk},
        get=expect(NOT_FOUND, **CONCEPT_READERS),
        post=expect(NOT_FOUND, projectleider=REDIRECT, beheerder=REDIRECT),
        post_data={"summary": "De uitvoering ligt op koers."},
        note="the concept as an editable document: only the project team",
    ),
    Row(
        "monitoring:report_step",
        kwargs=lambda w: {"pk": w.zawa_concept_report.pk, "stage": "ao"},
        get=expect(NOT_FOUND, **CONCEPT_READERS),
        post=expect(NOT_FOUND, projectleider=REDIRECT, beheerder=REDIRECT),
        post_data=lambda w: {
            "body": w.zawa_ao_january.body_id,
            "date": "2021-07-05",
            "conclusion": "akkoord",
        },
        note="the AO's discussion (and with stage bo the BO's adoption) of a concept",
    ),
    Row(
        "monitoring:report_finalise",
        kwargs=lambda w: {"pk": w.zawa_concept_report.pk},
        get=expect(NOT_FOUND, **CONCEPT_READERS),
        post=expect(NOT_FOUND, projectleider=REDIRECT, beheerder=REDIRECT),
        note="GET: the confirmation page; POST: refused until the BO adopted it",
    ),
    Row(
        "monitoring:report_send",
        kwargs=lambda w: {"pk": w.zawa_final_report.pk},
        get=expect(NOT_FOUND, projectleider=OK, beheerder=OK, wethouder=FORBIDDEN),
        post=expect(NOT_FOUND, projectleider=REDIRECT, beheerder=REDIRECT, wethouder=FORBIDDEN),
        note="GET: the confirmation page naming the Rijk address; the wethouder sees a "
        "definitief report but may not send it",
    ),
    Row(
        "monitoring:report_correct",
        kwargs=lambda w: {"pk": w.zawa_sent_report.pk},
        post=expect(
            NOT_FOUND,
            projectleider=REDIRECT,
            beheerder=REDIRECT,
            wethouder=FORBIDDEN,
            rijk=FORBIDDEN,
        ),
        note="a correction is a new concept version; the old one stays as sent",
    ),
    Row(
        "monitoring:report_download",
        kwargs=lambda w: {"pk": w.zawa_sent_report.pk},
        get=expect(NOT_FOUND, **SENT_READERS),
        note="wethouder (region), rijk (sent only), projectleider, beheerder; raadslid not",
    ),
    Row(
        "monitoring:report_preview",
        kwargs=lambda w: {"pk": w.zawa_sent_report.pk},
        get=expect(NOT_FOUND, **SENT_READERS),
        note="the report as HTML: whoever sees the report (here sent)",
    ),
    Row(
        "monitoring:report_preview",
        kwargs=lambda w: {"pk": w.zawa_concept_report.pk},
        get=expect(NOT_FOUND, **CONCEPT_READERS),
        note="a concept's preview: only the project team",
    ),
]
