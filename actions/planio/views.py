"""Upload a plan (xlsx or docx) -> preview with every bad cell -> confirm; and the exports.

The parsed plan travels from the preview to the confirmation signed (not stored): the
confirmation checks it again against the programme as it is then, inside the transaction.
"""

from django.contrib import messages
from django.core import signing
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.views import View

from programmes.access import get_editable_or_403, get_visible_or_404
from programmes.models import Programme

from .forms import PlanUploadForm
from .plan import Plan
from .services import PlanRejected, apply_plan, check_plan, export_plan, plan_changes
from .xlsx import XLSX_CONTENT_TYPE, read_workbook, write_workbook

DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
SALT = "actions.planio"
MAX_AGE = 60 * 60  # a preview can be confirmed for an hour
FORBIDDEN = "Alleen de projectleider van de regio kan een plan importeren."


def _editable(request, pk) -> Programme:
    return get_editable_or_403(
        Programme.objects.select_related("region"), request.user, FORBIDDEN, pk=pk
    )


def _read(form: PlanUploadForm):
    upload = form.cleaned_data["bestand"]
    if form.kind == "docx":
        from .docx import read_document

        return read_document(upload)
    return read_workbook(upload)


class PlanImportView(View):
    template_name = "actions/planio/import.html"

    def get(self, request, programme_pk):
        programme = _editable(request, programme_pk)
        return self._render(request, programme, PlanUploadForm())

    def post(self, request, programme_pk):
        programme = _editable(request, programme_pk)
        form = PlanUploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return self._render(request, programme, form, status=400)
        plan, errors = _read(form)
        if not errors:
            errors = check_plan(plan, programme)
        if not errors and not (plan.lines or plan.actions or plan.milestones or plan.budget):
            form.add_error(
                "bestand", "Het bestand bevat geen actielijnen, acties, mijlpalen of financiën."
            )
            return self._render(request, programme, form, status=400)
        context = {
            "programme": programme,
            "filename": form.cleaned_data["bestand"].name,
            "errors": errors,
        }
        if errors:
            return render(request, "actions/planio/preview.html", context, status=400)
        context["changes"] = plan_changes(programme, plan)
        context["payload"] = signing.dumps(
            {"p": programme.pk, "u": request.user.pk, "plan": plan.to_json()},
            salt=SALT,
            compress=True,
        )
        return render(request, "actions/planio/preview.html", context)

    def _render(self, request, programme, form, status=200):
        return render(
            request, self.template_name, {"programme": programme, "form": form}, status=status
        )


class PlanConfirmView(View):
    def post(self, request, programme_pk):
        programme = _editable(request, programme_pk)
        try:
            data = signing.loads(request.POST.get("payload", ""), salt=SALT, max_age=MAX_AGE)
        except signing.BadSignature:
            messages.error(
                request, "Dit voorbeeld is verlopen of ongeldig; upload het bestand opnieuw."
            )
            return redirect("actions:plan_import", programme_pk=programme.pk)
        if data.get("p") != programme.pk or data.get("u") != request.user.pk:
            messages.error(request, "Dit voorbeeld hoort bij een ander programma; upload opnieuw.")
            return redirect("actions:plan_import", programme_pk=programme.pk)
        try:
            changes = apply_plan(programme, Plan.from_json(data["plan"]))
        except PlanRejected as rejected:
            return render(
                request,
                "actions/planio/preview.html",
                {"programme": programme, "errors": rejected.errors, "filename": ""},
                status=400,
            )
        if changes.nothing_to_do:
            messages.info(request, "Het plan was al zo in het portaal; er is niets gewijzigd.")
        else:
            messages.success(
                request,
                f"Plan geïmporteerd: {changes.created} nieuw, {changes.changed} gewijzigd, "
                f"{changes.unchanged} ongewijzigd.",
            )
        return redirect(programme.get_absolute_url())


def _attachment(data: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _filename(programme: Programme, ext: str) -> str:
    name = slugify(programme.short_name or programme.title)[:60] or "actieprogramma"
    return f"{name}-{timezone.localdate():%Y-%m-%d}.{ext}"


class PlanXlsxExportView(View):
    """The whole programme as the import workbook: anyone who can see the programme."""

    def get(self, request, programme_pk):
        programme = get_visible_or_404(Programme.objects.all(), request.user, pk=programme_pk)
        data = write_workbook(export_plan(programme), programme.title)
        return _attachment(data, XLSX_CONTENT_TYPE, _filename(programme, "xlsx"))


class PlanDocxExportView(View):
    """The programme as a Word document in the structure of the Zaanstreek-Waterland plan."""

    def get(self, request, programme_pk):
        from .docx import write_document

        programme = get_visible_or_404(
            Programme.objects.select_related("region"), request.user, pk=programme_pk
        )
        data = write_document(programme, export_plan(programme))
        return _attachment(data, DOCX_CONTENT_TYPE, _filename(programme, "docx"))


class PlanTemplateView(View):
    def get(self, request):
        return _attachment(write_workbook(Plan()), XLSX_CONTENT_TYPE, "sjabloon-actieplan.xlsx")
