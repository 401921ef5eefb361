"""Progress reports (voortgangsrapportages, journey 3): request, generate, finalise, send,
correct and download.

Every multi-step change runs inside transaction.atomic(); the heavy part (snapshot + PDF)
runs outside any open transaction; only the short bookkeeping takes row locks.
"""

from __future__ import annotations

import hashlib
import logging
import traceback
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from actions.constants import Judgement
from ghnt_portal.pdf import is_archival, render_to_pdf
from ghnt_portal.periods import HalfYear
from programmes.models import Document, Programme
from programmes.theme.services import report_cover

from ..constants import GenerationState, ReportStatus
from ..dashboard.presentation import present
from ..dashboard.services import PeriodChoice, dashboard_data
from ..models import ProgressReport, ReportDownload
from .approval import approval_of, is_locked, route_record
from .indicators import summarise, summary_tables
from .snapshot import build_snapshot, diff_snapshots, milestones_around
from .texts import apply_edit, composed_texts, period_explanations
from .uitvraag import add_to_snapshot as add_uitvraag
from .uitvraag import pdf_rows as uitvraag_rows

if TYPE_CHECKING:
    from django.contrib.auth.models import User

logger = logging.getLogger(__name__)

REPORT_TEMPLATE = "monitoring/pdf/report.html"


class ReportError(Exception):
    """A report action that is not allowed now; the message is Dutch, for the user."""


def _user(user_id: int | None) -> User | None:
    if user_id is None:
        return None
    return get_user_model().objects.filter(pk=user_id).first()


def request_report(
    programme: Programme, half: HalfYear, user: User | None = None
) -> ProgressReport:
    """The report to (re)generate for this programme and period: the concept if there is
    one, else a new first version; a definitief/verzonden one is returned as is (a change
    then needs `create_correction`). Idempotent: never two concepts for one period."""
    with transaction.atomic():
        # Lock the programme so two requests for the same period cannot race.
        Programme.objects.select_for_update().filter(pk=programme.pk).first()
        reports = ProgressReport.objects.filter(programme=programme, period=half.code)
        latest = reports.order_by("-version").first()
        if latest is not None and latest.status != ReportStatus.CONCEPT:
            return latest
        if latest is None:
            latest = ProgressReport.objects.create(
                programme=programme, period=half.code, version=1, requested_by=user
            )
        else:
            latest.generation_state = GenerationState.QUEUED
            latest.failure = ""
            latest.requested_by = user or latest.requested_by
            latest.save(update_fields=["generation_state", "failure", "requested_by"])
        return latest


def previous_report(report: ProgressReport) -> ProgressReport | None:
    """The last frozen report of an earlier period: what 'changed since' compares with."""
    return (
        ProgressReport.objects.filter(programme_id=report.programme_id, period__lt=report.period)
        .frozen()
        .order_by("-period", "-version")
        .first()
    )


def report_context(report: ProgressReport, snapshot: dict | None = None) -> dict:
    snapshot = snapshot if snapshot is not None else report.snapshot
    previous = previous_report(report)
    dashboard = snapshot.get("dashboard")
    # The dashboard's progress chart; its indicators are not drawn here (see below).
    charts = (
        present({**dashboard, "indicators": []}, suppress=True)["by_section"] if dashboard else {}
    )
    indicators = snapshot.get("indicators")
    if indicators is None:  # frozen before schema 3: the whole history in the dashboard
        full = dashboard.get("indicators", []) if dashboard else []
        indicators = summarise(full, report.half_year)
    return {
        "report": report,
        "s": snapshot,
        # The region's logo and colour on the cover (programmes/theme), as generated now.
        "cover": report_cover(report.programme.region),
        "changes": diff_snapshots(previous.snapshot if previous else None, snapshot),
        "milestones": milestones_around(snapshot.get("milestones", []), report.half_year),
        "progress_charts": charts.get("voortgang", []),
        "judgements": dict(Judgement.choices),
        # The reported period against the periods before it, suppressed for readers.
        "indicator_charts": summary_tables(indicators),
        # The Rijk's uitvraag answered in this report (reports/uitvraag.py).
        "uitvraag": (snapshot.get("uitvraag") or {}).get("questionnaire"),
        "uitvraag_rows": uitvraag_rows(snapshot),
        # The annexes attached to the report (programmes/documents), listed by name at the
        # end of the PDF; the PDF is rendered when it is generated, so it names those then.
        "annexes": list(
            Document.objects.alive()
            .of(report)
            .order_by("date", "created_at", "pk")
            .values_list("title", flat=True)
        ),
    }


def generate(report_id: int, user_id: int | None = None) -> ProgressReport:
    """Build the snapshot, render the PDF and store both on the concept report.

    Before the BO adopted the report: new figures, and the texts with every action the
    projectleider has not edited refilled from the accepted updates of the period. After
    the adoption: the stored snapshot and texts as adopted, rendered once more with the
    route on the cover (`approval.py`); nothing in the content changes.
    """
    report = ProgressReport.objects.select_related("programme__region").get(pk=report_id)
    if report.status != ReportStatus.CONCEPT:
        return report  # already frozen: the work is done, nothing may change
    ProgressReport.objects.filter(pk=report.pk).update(
        generation_state=GenerationState.RUNNING, failure=""
    )
    now = timezone.now()
    texts_read = report.texts
    approval = approval_of(report)
    if approval.adopted:
        # The figures as last rendered, with the texts as adopted: saving texts makes no
        # PDF, so they may be newer than the stored snapshot's (locked from now on).
        snapshot = with_texts(report, dict(report.snapshot), dict(report.texts or {}))
    else:
        snapshot = build_snapshot(report.programme, report.half_year, now=now)
        # The dashboard as it stands now (its default view: the latest periods of each
        # indicator, not their history), frozen too: "zoals gerapporteerd" shows this.
        snapshot["dashboard"] = dashboard_data(report.programme, periods=PeriodChoice())
        snapshot = with_texts(report, snapshot, composed_texts(report), refresh_uitvraag=True)
    snapshot["route"] = route_record(report)
    snapshot["adopted"] = approval.adopted is not None
    report.generated_at = now
    # Archival (PDF/A-2a with PDF/UA-1) every time: the render after the BO's adoption is
    # the one that becomes definitief, and PDF/A costs about 3% more time (README).
    _html, pdf = render_to_pdf(REPORT_TEMPLATE, report_context(report, snapshot), archival=True)
    digest = hashlib.sha256(pdf).hexdigest()
    with transaction.atomic():
        locked = ProgressReport.objects.select_for_update().get(pk=report.pk)
        if locked.status != ReportStatus.CONCEPT:
            return locked  # finalised meanwhile from another concept render: keep that one
        if (approval_of(locked).adopted is not None) != snapshot["adopted"]:
            # Adopted while this render ran: the render the adoption queued makes the PDF;
            # this one must not be taken for it.
            return locked
        old_file = locked.pdf.name
        region = report.programme.region.slug
        name = f"{region}-{report.period}-v{report.version}-{digest[:12]}.pdf"
        locked.pdf.save(name, ContentFile(pdf), save=False)
        locked.snapshot = snapshot
        if locked.texts == texts_read:
            locked.texts = snapshot["texts"]
        # else: edited while this render ran; the newer texts stay, and the report page says
        # the PDF is older than they are (ProgressReport.pdf_outdated).
        locked.pdf_sha256 = digest
        locked.generated_at = now
        locked.generated_by = _user(user_id) if not approval.adopted else locked.generated_by
        locked.generation_state = GenerationState.DONE
        locked.failure = ""
        locked.save()
        if old_file and old_file != locked.pdf.name:
            storage = locked.pdf.storage
            transaction.on_commit(lambda: storage.delete(old_file))
    return locked


def with_texts(
    report: ProgressReport, snapshot: dict, texts: dict, refresh_uitvraag: bool = False
) -> dict:
    """The snapshot with these texts in it: the summary, the action lines' texts and the
    explanations per action, and the uitvraag's answers (`refresh_uitvraag`: the questions
    and prefilled answers read again, as a render before the adoption does). Changes and
    returns `snapshot`."""
    snapshot["texts"] = texts
    if refresh_uitvraag:
        add_uitvraag(report, snapshot)
    lines = texts.get("lines") or {}
    snapshot["action_lines"] = [
        {**line, "text": lines.get(str(line["order"]), "")}
        for line in snapshot.get("action_lines", [])
    ]
    return snapshot


def preview_context(report: ProgressReport) -> dict:
    """The report as HTML while its texts are edited: the same template and data as the
    PDF, the figures of the last render with the texts as saved now. Nothing is rendered to
    PDF and nothing is stored. A frozen report shows what it froze; a concept never rendered
    yet has its figures read now (once; the page answers at once after that)."""
    if report.is_frozen or is_locked(report):
        snapshot = dict(report.snapshot)  # as frozen, or as adopted
    elif report.snapshot.get("action_lines") is not None:
        snapshot = with_texts(report, dict(report.snapshot), composed_texts(report), True)
    else:
        snapshot = build_snapshot(report.programme, report.half_year, now=timezone.now())
        snapshot["dashboard"] = dashboard_data(report.programme, periods=PeriodChoice())
        snapshot = with_texts(report, snapshot, composed_texts(report), refresh_uitvraag=True)
        snapshot["route"] = route_record(report)
        snapshot["adopted"] = False
    return report_context(report, snapshot)


def queue_pdf(report: ProgressReport, user_id: int | None = None) -> None:
    """Make the concept's PDF again in the background ("PDF maken", the AO's discussion):
    the page shows it as being made from now on."""
    ProgressReport.objects.filter(pk=report.pk, status=ReportStatus.CONCEPT).update(
        generation_state=GenerationState.QUEUED, failure=""
    )
    enqueue_generation(report, user_id)


def enqueue_generation(report: ProgressReport, user_id: int | None = None) -> None:
    """Make the report in the background: recorded in the outbox in the current transaction,
    handed to a worker after the commit (or by the sweep once the broker is back). Under
    `make run` the outbox runs it in a thread after the response, so the page polls its
    state as it does with a worker."""
    from .tasks import enqueue_generation as record  # tasks import this module

    record(report.programme_id, report.period, user_id)


def save_texts(report: ProgressReport, submitted: dict, user: User) -> ProgressReport:
    """Store the projectleider's edit of the texts. No PDF is made: the HTML preview shows
    them at once, and the PDF is made on request, at the AO's discussion and at the BO's
    adoption (the report page says when the PDF is older than the texts)."""
    with transaction.atomic():
        report = ProgressReport.objects.select_for_update().get(pk=report.pk)
        if report.status != ReportStatus.CONCEPT:
            raise ReportError("Deze rapportage is definitief; de teksten veranderen niet meer.")
        if is_locked(report):
            raise ReportError(
                "Het bestuurlijk overleg heeft deze rapportage vastgesteld; de teksten "
                "veranderen niet meer. Maak na het verzenden zo nodig een correctie."
            )
        explanations = period_explanations(report.programme, report.half_year)
        report.texts = apply_edit(composed_texts(report), submitted, explanations)
        report.save(update_fields=["texts"])
    return report


def record_failure(report_id: int, exc: BaseException, final: bool) -> None:
    """Keep the failure on the (concept) report, where the projectleider sees it."""
    text = "".join(traceback.format_exception_only(type(exc), exc)).strip()
    if not final:
        text = f"{text}\nEr volgt automatisch een nieuwe poging."
    ProgressReport.objects.filter(pk=report_id, status=ReportStatus.CONCEPT).update(
        generation_state=GenerationState.FAILED if final else GenerationState.QUEUED,
        failure=text[:2000],
    )


def finalise(report: ProgressReport, user: User) -> ProgressReport:
    with transaction.atomic():
        report = ProgressReport.objects.select_for_update().get(pk=report.pk)
        if report.status != ReportStatus.CONCEPT:
            raise ReportError("Deze rapportage is al definitief.")
        if report.generation_state != GenerationState.DONE or not report.pdf:
            raise ReportError(
                "De rapportage is nog niet (goed) gemaakt; maak haar eerst opnieuw aan."
            )
        if approval_of(report).adopted is None:
            raise ReportError(
                "De rapportage is nog niet vastgesteld in het bestuurlijk overleg; leg eerst "
                "de bespreking in het ambtelijk overleg en de vaststelling vast."
            )
        if not report.snapshot.get("adopted"):
            raise ReportError(
                "De PDF met de vaststelling wordt nog gemaakt; probeer het zo opnieuw."
            )
        with report.pdf.open("rb") as f:
            data = f.read()
        if hashlib.sha256(data).hexdigest() != report.pdf_sha256:
            raise ReportError("Het PDF-bestand klopt niet met de vastgelegde controlesom.")
        if not is_archival(data):
            raise ReportError(
                "Deze PDF is gemaakt voordat rapportages archiefwaardig (PDF/A) werden; "
                "maak de rapportage opnieuw aan en maak haar daarna definitief."
            )
        report.status = ReportStatus.FINAL
        report.finalised_at = timezone.now()
        report.finalised_by = user
        report.save()
    return report


def send(report: ProgressReport, user: User) -> ProgressReport:
    """E-mail the PDF to the region's Rijk address, once. Nothing is sent twice."""
    with transaction.atomic():
        report = (
            ProgressReport.objects.select_for_update()
            .select_related("programme__region")
            .get(pk=report.pk)
        )
        if report.status == ReportStatus.SENT:
            raise ReportError(
                f"Deze rapportage is al verzonden op "
                f"{timezone.localtime(report.sent_at):%d-%m-%Y om %H:%M} aan {report.sent_to}. "
                "Er is niets opnieuw verzonden."
            )
        if report.status != ReportStatus.FINAL:
            raise ReportError(
                "Maak de rapportage eerst definitief; een concept wordt niet verzonden."
            )
        region = report.programme.region
        if not region.rijk_report_email:
            raise ReportError(
                f"Voor regio {region.name} is geen e-mailadres van het Rijk ingesteld."
            )
        half = report.half_year
        message = EmailMessage(
            subject=f"Voortgangsrapportage GHNT {region.name} – {half}",
            body=(
                f"Geachte heer, mevrouw,\n\n"
                f"Bijgaand ontvangt u de voortgangsrapportage van het actieprogramma "
                f"'{report.programme.title}' van regio {region.name} over het {half}"
                f"{f' (versie {report.version})' if report.version > 1 else ''}.\n\n"
                f"Controlesom (SHA-256) van de PDF: {report.pdf_sha256}\n\n"
                f"Met vriendelijke groet,\n"
                f"{user.get_full_name() or user.username}\nnamens regio {region.name}\n"
            ),
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[region.rijk_report_email],
        )
        with report.pdf.open("rb") as f:
            message.attach(
                f"voortgangsrapportage-{region.slug}-{report.period}-v{report.version}.pdf",
                f.read(),
                "application/pdf",
            )
        report.status = ReportStatus.SENT
        report.sent_at = timezone.now()
        report.sent_to = region.rijk_report_email
        report.sent_by = user
        report.save()
        # Sent last: if the mail server refuses, the transaction rolls back and nothing is
        # recorded as sent.
        message.send(fail_silently=False)
    return report


def create_correction(report: ProgressReport, user: User | None = None) -> ProgressReport:
    """A new concept version that replaces a frozen report (idempotent per report)."""
    with transaction.atomic():
        Programme.objects.select_for_update().filter(pk=report.programme_id).first()
        report = ProgressReport.objects.get(pk=report.pk)
        if report.status == ReportStatus.CONCEPT:
            raise ReportError("Een concept pas je aan door het opnieuw te maken.")
        existing = ProgressReport.objects.filter(
            replaces=report, status=ReportStatus.CONCEPT
        ).first()
        if existing:
            return existing
        concept = ProgressReport.objects.filter(
            programme_id=report.programme_id, period=report.period, status=ReportStatus.CONCEPT
        ).first()
        if concept:
            raise ReportError(f"Er is al een concept voor deze periode (versie {concept.version}).")
        highest = ProgressReport.objects.filter(
            programme_id=report.programme_id, period=report.period
        ).aggregate(v=Max("version"))["v"]
        return ProgressReport.objects.create(
            programme_id=report.programme_id,
            period=report.period,
            version=highest + 1,
            replaces=report,
            requested_by=user,
            # The correction starts from what was approved; it goes through AO and BO again.
            texts=report.texts,
        )


def record_download(report: ProgressReport, user: User) -> ReportDownload:
    return ReportDownload.objects.create(report=report, user=user)
