"""The national portfolio for the Rijk and beheerders: all regions side by side, one region,
and the inbox of every sent report. Others are refused (403)."""

import re

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import linebreaksbr
from django.utils import timezone
from django.utils.html import format_html_join
from django.views.decorators.http import require_GET, require_http_methods
from django.views.generic import ListView, TemplateView

from ghnt_portal.exports import csv_response, new_workbook, write_rows, xlsx_response
from ghnt_portal.periods import HalfYear
from programmes.access import get_visible_or_404, scope_for
from programmes.models import BuildingBlock, Region

from ..constants import GenerationState, ReportStatus
from ..models import ProgressReport
from ..uitvraag.models import Questionnaire
from .document import request_document
from .forms import AnswerFilterForm, PeriodForm
from .models import NationalDocument
from .picture import budgets_by_source, national_picture
from .services import national_portfolio, sent_reports
from .uitvraag import LATE, SENT, questions_of, responses, themes_of


class NationalAccessMixin:
    def dispatch(self, request, *args, **kwargs):
        scope = scope_for(request.user)
        offered = hasattr(self, request.method.lower())  # else the view answers 405
        if offered and not (scope.is_rijk or scope.is_admin):
            raise PermissionDenied("Het landelijke overzicht is voor het Rijk en beheerders.")
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]


class NationalView(NationalAccessMixin, TemplateView):
    """Every region with its programmes in any public state and their headline figures."""

    template_name = "monitoring/national.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["regions"], context["national"] = national_portfolio(self.request.user)
        return context


class NationalRegionView(NationalAccessMixin, TemplateView):
    """One region in the national portfolio: its programmes, figures and sent reports."""

    template_name = "monitoring/national_region.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Every region is the Rijk's to see (Region.visible_to); not found is a 404.
        region = get_object_or_404(
            Region.objects.visible_to(self.request.user), slug=kwargs["slug"]
        )
        regions, _ = national_portfolio(self.request.user, region=region)
        context["entry"] = regions[0]
        context["reports"] = list(sent_reports(self.request.user).filter(programme__region=region))
        return context


class NationalReportsView(NationalAccessMixin, ListView):
    """The inbox: every sent report of every region, newest first, with its download."""

    template_name = "monitoring/national_reports.html"
    context_object_name = "reports"
    paginate_by = 50

    def get_queryset(self):
        return sent_reports(self.request.user)


# --- the national picture: the uitvraag answers, the bouwstenen, budgets, risks, the document.
# Read-only for the projectleiders of every region too (regions learn from each other); it
# only ever shows what regions sent. Raadsleden, wethouders and partners: 403.


def _require_reader(user) -> None:
    scope = scope_for(user)
    if not (scope.is_rijk or scope.is_admin or scope.projectleider_regions):
        raise PermissionDenied(
            "Het landelijke beeld is voor het Rijk, beheerders en projectleiders."
        )


def _answers_context(request, pk):
    _require_reader(request.user)
    questionnaire = get_visible_or_404(Questionnaire.objects.published(), request.user, pk=pk)
    questions = questions_of(questionnaire)
    form = AnswerFilterForm(request.GET or None, themes=themes_of(questions), questions=questions)
    chosen = form.cleaned_data if form.is_valid() else {}
    shown = [
        q
        for q in questions
        if (not chosen.get("theme") or q.theme == chosen["theme"])
        and (not chosen.get("question") or q.pk == chosen["question"])
    ]
    entries = [
        r for r in responses(questionnaire) if not chosen.get("state") or r.state == chosen["state"]
    ]
    return questionnaire, questions, shown, entries, form


def _answer_cells(values: list[str]) -> str:
    """A row's answer cells as HTML, made here: one template node per row instead of one per
    cell (28 regions x 40 questions)."""
    return format_html_join(
        "",
        '<td class="utrecht-table__cell">{}</td>',
        ((linebreaksbr(value) if value else "–",) for value in values),
    )


@require_GET
def national_answers(request, pk):
    """Every region's answers side by side: a row per region, a column per question."""
    questionnaire, questions, shown, entries, form = _answers_context(request, pk)
    rows = [(entry, _answer_cells([entry.value(q.pk) for q in shown])) for entry in entries]
    return render(
        request,
        "monitoring/national/answers.html",
        {
            "questionnaire": questionnaire,
            "questions": shown,
            "rows": rows,
            "form": form,
            "sent": sum(1 for e in entries if e.state == SENT),
            "late": [e.region.name for e in entries if e.state == LATE],
            "query": request.GET.urlencode(),
        },
    )


def _answer_table(questions, entries) -> list[list]:
    header = ["Regio", "Stand", "Verzonden op"] + [f"{q.order}. {q.text}" for q in questions]
    rows: list[list] = [header]
    for entry in entries:
        sent = timezone.localtime(entry.sent_at).strftime("%d-%m-%Y") if entry.sent_at else ""
        rows.append(
            [entry.region.name, entry.state_label, sent] + [entry.value(q.pk) for q in questions]
        )
    return rows


@require_GET
def national_answers_csv(request, pk):
    questionnaire, _questions, shown, entries, _form = _answers_context(request, pk)
    return csv_response(f"uitvraag-{questionnaire.period}.csv", _answer_table(shown, entries))


@require_GET
def national_answers_xlsx(request, pk):
    """One sheet per theme, a row per region."""
    questionnaire, _questions, shown, entries, _form = _answers_context(request, pk)
    workbook = new_workbook()
    workbook.remove(workbook.active)
    for number, theme in enumerate(themes_of(shown), start=1):
        # Excel allows 31 characters and no []:*?/\ in a sheet's name.
        title = re.sub(r"[\[\]:*?/\\]", " ", theme)[:28] or "Thema"
        sheet = workbook.create_sheet(f"{number} {title}"[:31])
        write_rows(sheet, _answer_table([q for q in shown if q.theme == theme], entries))
    if not workbook.worksheets:
        workbook.create_sheet("Geen vragen")
    return xlsx_response(f"uitvraag-{questionnaire.period}.xlsx", workbook)


def _periods() -> list[str]:
    sent = ProgressReport.objects.filter(status=ReportStatus.SENT).values_list("period", flat=True)
    asked = Questionnaire.objects.published().values_list("period", flat=True)
    return sorted(set(sent.distinct()) | set(asked), reverse=True)


@require_GET
def national_blocks(request):
    """Per national action line and bouwsteen the picture of a half year, the budgets per
    funding source over the regions, and the risks the regions name per bouwsteen."""
    _require_reader(request.user)
    periods = _periods()
    form = PeriodForm(request.GET or None, periods=periods)
    half = form.half_year(periods[0]) if periods else HalfYear.of(timezone.localdate()).previous()
    return render(
        request,
        "monitoring/national/blocks.html",
        {
            "form": form,
            "half": half,
            "lines": national_picture(half),
            "budgets": budgets_by_source(),
            "document": NationalDocument.objects.filter(period=half.code).first(),
            "may_generate": scope_for(request.user).is_rijk or scope_for(request.user).is_admin,
        },
    )


@require_GET
def national_block(request, code):
    """One bouwsteen: the regions reporting op schema with their own words (the regionale
    route) and the risks they name, for a half year."""
    _require_reader(request.user)
    block = get_object_or_404(BuildingBlock.objects.visible_to(request.user), code=code)
    periods = _periods()
    form = PeriodForm(request.GET or None, periods=periods)
    half = form.half_year(periods[0]) if periods else HalfYear.of(timezone.localdate()).previous()
    lines = national_picture(half, block=block)
    return render(
        request,
        "monitoring/national/block.html",
        {"form": form, "half": half, "block": block, "picture": lines[0].blocks[0]},
    )


@require_http_methods(["GET", "POST"])
def national_document(request, period):
    """The national regional part of one half year: its state while made (htmx polls this
    page's status fragment), its downloads, and for the Rijk the button to (re)make it."""
    _require_reader(request.user)
    try:
        half = HalfYear.parse(period)
    except ValueError as exc:
        raise Http404 from exc
    if request.method == "POST":
        scope = scope_for(request.user)
        if not (scope.is_rijk or scope.is_admin):
            raise PermissionDenied("Alleen het Rijk en beheerders maken het landelijke document.")
        request_document(half, request.user)
        messages.success(request, "Het landelijke document wordt gemaakt.")
        return redirect("monitoring:national_document", period=half.code)
    document = NationalDocument.objects.filter(period=half.code).first()
    template = (
        "monitoring/national/includes/document_status.html"
        if request.htmx
        else "monitoring/national/document.html"
    )
    scope = scope_for(request.user)
    context = {"document": document, "half": half, "may_generate": scope.is_rijk or scope.is_admin}
    return render(request, template, context)


@require_GET
def national_document_download(request, period, kind):
    _require_reader(request.user)
    document = get_object_or_404(NationalDocument, period=period, state=GenerationState.DONE)
    file = {"pdf": document.pdf, "word": document.docx}.get(kind)
    if not file:
        raise Http404
    extension = "pdf" if kind == "pdf" else "docx"
    return FileResponse(
        file.open("rb"),
        as_attachment=True,
        filename=f"regionaal-deel-voortgangsrapportage-{period}.{extension}",
    )
