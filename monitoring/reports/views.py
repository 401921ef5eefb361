"""Progress reports: list per programme, detail, generate, status fragment, finalise, send,
correct, download, and the HTML preview of the report while its texts are edited."""

from django.contrib import messages
from django.db import transaction
from django.db.models import Count
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.response import TemplateResponse
from django.views import View
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from actions.models import Action
from ghnt_portal import outbox
from programmes.access import get_editable_or_403, get_visible_or_404
from programmes.models import Programme

from ..constants import ReportStatus
from ..models import ProgressReport
from ..uitvraag.forms import AnswersForm
from . import approval, services, texts, uitvraag
from .forms import GenerateReportForm, ReportTextsForm, RouteStepForm
from .tasks import outbox_key


def _reports():
    return ProgressReport.objects.select_related("programme__region", "replaces", "route")


def _visible_report(request, pk) -> ProgressReport:
    return get_visible_or_404(_reports(), request.user, pk=pk)


def _editable_report(request, pk) -> ProgressReport:
    """404 if the user cannot see the report; 403 if they see it but may not change it."""
    return get_editable_or_403(_reports(), request.user, pk=pk)


def _is_editor(user, programme) -> bool:
    return Programme.objects.editable_by(user).filter(pk=programme.pk).exists()


def _is_report_editor(user, report) -> bool:
    return ProgressReport.objects.editable_by(user).filter(pk=report.pk).exists()


SAVED_NO_PDF = (
    "{what} opgeslagen. Het voorbeeld toont ze meteen; de PDF maakt u met «PDF maken» "
    "(bij de bespreking in het AO en de vaststelling in het BO wordt zij vanzelf gemaakt)."
)


def _report_task(report):
    """The background work making the report, while it is being made (for the page)."""
    if not report.is_in_progress:
        return None
    return outbox.latest(outbox_key(report.programme_id, report.period))


class ReportListView(View):
    template_name = "monitoring/report_list.html"

    def get(self, request, programme_pk):
        programme = get_object_or_404(
            Programme.objects.visible_to(request.user).select_related("region"), pk=programme_pk
        )
        reports = (
            ProgressReport.objects.visible_to(request.user)
            .filter(programme=programme)
            .select_related("replaces")
            .annotate(download_count=Count("downloads"))
            .order_by("-period", "-version")
        )
        can_edit = _is_editor(request.user, programme)
        form = GenerateReportForm(programme=programme) if can_edit else None
        return render(
            request,
            self.template_name,
            {"programme": programme, "reports": reports, "can_edit": can_edit, "form": form},
        )


@require_POST
def generate(request, programme_pk):
    programme = get_editable_or_403(Programme.objects.all(), request.user, pk=programme_pk)
    form = GenerateReportForm(request.POST, programme=programme)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for e in form.errors["period"]))
        return redirect("monitoring:report_list", programme_pk=programme.pk)
    half = form.half_year
    with transaction.atomic():
        report = services.request_report(programme, half, request.user)
        if report.status != ReportStatus.CONCEPT:
            messages.error(
                request,
                f"De rapportage over het {half} is al {report.get_status_display().lower()}; "
                "maak een correctie als er iets moet veranderen.",
            )
            return redirect(report)
        # Recorded with the report (the outbox); handed to a worker after the commit, or later
        # by the sweep when the broker is away. The request never waits on the broker long.
        services.enqueue_generation(report, request.user.pk)
    messages.info(request, f"De rapportage over het {half} wordt gemaakt.")
    return redirect(report)


@require_GET
def detail(request, pk):
    report = _visible_report(request, pk)
    versions = (
        ProgressReport.objects.visible_to(request.user)
        .filter(programme_id=report.programme_id, period=report.period)
        .order_by("-version")
    )
    return render(
        request,
        "monitoring/report_detail.html",
        {
            "report": report,
            "programme": report.programme,
            "versions": versions,
            "download_count": report.downloads.count(),
            "can_edit": _is_report_editor(request.user, report),
            "can_download": bool(report.pdf),
            "report_task": _report_task(report),
            "approval": approval.approval_of(report),
            "uitvraag": uitvraag.section(report),
        },
    )


@require_GET
def status(request, pk):
    """The small fragment htmx polls every 2 s while the report is being made."""
    report = _visible_report(request, pk)
    if report.is_in_progress or not request.htmx:
        context = {"report": report, "report_task": _report_task(report)}
        return render(request, "monitoring/includes/report_status.html", context)
    # Done while the page was open: also replace the buttons (now "Definitief maken").
    return render(
        request,
        "monitoring/includes/report_status_done.html",
        {
            "report": report,
            "programme": report.programme,
            "can_edit": _is_report_editor(request.user, report),
            "approval": approval.approval_of(report),
        },
    )


@require_http_methods(["GET", "POST"])
def finalise(request, pk):
    """GET: what 'definitief' means, asked to confirm; POST: make it definitief."""
    report = _editable_report(request, pk)
    if request.method == "GET":
        context = {"report": report, "programme": report.programme, "step": "finalise"}
        context["approval"] = approval.approval_of(report)
        return render(request, "monitoring/report_confirm.html", context)
    try:
        services.finalise(report, request.user)
    except services.ReportError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "De rapportage is definitief; er verandert niets meer aan.")
    return redirect(report)


@require_http_methods(["GET", "POST"])
def send(request, pk):
    """GET: to whom the e-mail goes and what it holds, asked to confirm; POST: send it."""
    report = _editable_report(request, pk)
    if request.method == "GET":
        context = {"report": report, "programme": report.programme, "step": "send"}
        return render(request, "monitoring/report_confirm.html", context)
    try:
        report = services.send(report, request.user)
    except services.ReportError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"De rapportage is verzonden aan {report.sent_to}.")
    return redirect(report)


@require_http_methods(["GET", "POST"])
def edit_texts(request, pk):
    """The concept report as an editable document: summary, texts per action line and
    per action the explanation of the period (prefilled from the accepted updates)."""
    report = _editable_report(request, pk)
    locked = not report.is_concept or approval.is_locked(report)
    actions = list(
        Action.objects.filter(programme_id=report.programme_id)
        .select_related("action_line")
        .order_by("action_line__order", "order", "code")
    )
    form = ReportTextsForm(
        request.POST if request.method == "POST" and not locked else None,
        composed=texts.composed_texts(report),
        lines=texts.line_orders(report.programme),
        actions=actions,
    )
    if request.method == "POST" and not locked and form.is_valid():
        try:
            services.save_texts(report, form.submitted(), request.user)
        except services.ReportError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, SAVED_NO_PDF.format(what="De teksten zijn"))
        return redirect(report)
    context = {"report": report, "programme": report.programme, "form": form, "locked": locked}
    return render(request, "monitoring/report_texts.html", context)


@require_http_methods(["GET", "POST"])
def record_step(request, pk, stage):
    """Record the AO's discussion or the BO's adoption of the concept report."""
    report = _editable_report(request, pk)
    if stage not in approval.STAGES:
        raise Http404
    adoption = stage == approval.ADOPTION
    form = RouteStepForm(
        request.POST or None, bodies=approval.bodies_for(report, stage), adoption=adoption
    )
    if request.method == "POST" and form.is_valid():
        try:
            approval.record_step(report, stage, user=request.user, **form.cleaned_data)
        except approval.ApprovalError as exc:
            form.add_error(None, str(exc))
        else:
            if adoption and approval.is_locked(report):
                services.enqueue_generation(report, request.user.pk)
                messages.success(
                    request,
                    "De vaststelling is vastgelegd. De PDF wordt nog één keer gemaakt, met de "
                    "vaststelling op het voorblad; daarna kunt u haar definitief maken.",
                )
            else:
                if stage == approval.DISCUSSION:
                    # The AO discussed the texts as they are now: the PDF is made with them.
                    services.queue_pdf(report, request.user.pk)
                messages.success(request, f"{approval.STAGES[stage]['label']} is vastgelegd.")
            return redirect(report)
    context = {
        "report": report,
        "programme": report.programme,
        "form": form,
        "stage": approval.STAGES[stage],
        "adoption": adoption,
    }
    return render(request, "monitoring/report_step.html", context)


@require_POST
def correct(request, pk):
    report = _editable_report(request, pk)
    try:
        with transaction.atomic():
            correction = services.create_correction(report, request.user)
            services.enqueue_generation(correction, request.user.pk)
    except services.ReportError as exc:
        messages.error(request, str(exc))
        return redirect(report)
    messages.info(request, f"Versie {correction.version} wordt gemaakt als correctie.")
    return redirect(correction)


@require_GET
def download(request, pk):
    report = get_object_or_404(
        ProgressReport.objects.downloadable_by(request.user).select_related("programme__region"),
        pk=pk,
    )
    services.record_download(report, request.user)
    filename = (
        f"voortgangsrapportage-{report.programme.region.slug}-{report.period}-v{report.version}.pdf"
    )
    return FileResponse(
        report.pdf.open("rb"),
        as_attachment=True,
        filename=filename,
        content_type="application/pdf",
    )


@require_GET
def preview(request, pk):
    """The report as HTML: the PDF's template and data, with the texts as saved now
    (services.preview_context), for whoever may see the report. Answers at once: no PDF."""
    report = _visible_report(request, pk)
    context = services.preview_context(report)
    context["html_preview"] = True
    return TemplateResponse(request, services.REPORT_TEMPLATE, context)


@require_http_methods(["GET", "POST"])
def answer_uitvraag(request, pk):
    """The section "Uitvraag van het Rijk" of the concept report as an editable form, the
    answers prefilled where the portal knows them (reports/uitvraag.py)."""
    report = _editable_report(request, pk)
    locked = not report.is_concept or approval.is_locked(report)
    questionnaire, questions, sheet, _ = uitvraag.compose_for(report, texts.composed_texts(report))
    if questionnaire is None:
        raise Http404("Voor dit halfjaar is geen uitvraag gepubliceerd.")
    form = AnswersForm(
        request.POST if request.method == "POST" and not locked else None,
        questions=questions,
        sheet=sheet,
    )
    if request.method == "POST" and not locked and form.is_valid():
        try:
            uitvraag.save_answers(report, form.submitted(), request.user)
        except uitvraag.AnswerError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, SAVED_NO_PDF.format(what="De antwoorden zijn"))
        return redirect(report)
    context = {
        "report": report,
        "programme": report.programme,
        "questionnaire": questionnaire,
        "form": form,
        "facts": {
            q.pk: (sheet["answers"].get(str(q.pk)) or {}).get("facts", {}) for q in questions
        },
        "locked": locked,
    }
    return render(request, "monitoring/report_uitvraag.html", context)
