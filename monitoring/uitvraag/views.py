"""The uitvraag: the Rijk composes and publishes it; projectleiders read the published ones,
and a region without an adopted programme answers on a page of its own. Raadsleden,
wethouders and partners see none of it (403)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from programmes.access import get_editable_or_403, get_visible_or_404, scope_for
from programmes.constants import PUBLISHED_STATUSES
from programmes.models import Region

from . import services
from .forms import AnswersForm, QuestionForm, QuestionnaireForm
from .models import AnswerSheet, Question, Questionnaire

NOT_FOR_YOU = "De uitvraag van het Rijk is voor het Rijk, beheerders en projectleiders."
RIJK_ONLY = "Alleen het Rijk en beheerders stellen de uitvraag op."


def require_uitvraag_reader(user) -> None:
    scope = scope_for(user)
    if not (scope.is_rijk or scope.is_admin or scope.projectleider_regions):
        raise PermissionDenied(NOT_FOR_YOU)


def _may_compose(user) -> bool:
    scope = scope_for(user)
    return scope.is_rijk or scope.is_admin


@require_GET
def questionnaire_list(request):
    require_uitvraag_reader(request.user)
    questionnaires = Questionnaire.objects.visible_to(request.user).order_by("-period")
    return render(
        request,
        "monitoring/uitvraag/list.html",
        {"questionnaires": questionnaires, "may_compose": _may_compose(request.user)},
    )


@require_http_methods(["GET", "POST"])
def questionnaire_create(request):
    if not _may_compose(request.user):
        raise PermissionDenied(RIJK_ONLY)
    earlier = Questionnaire.objects.visible_to(request.user).order_by("-period")
    form = QuestionnaireForm(request.POST or None, earlier=earlier)
    if request.method == "POST" and form.is_valid():
        values = {k: form.cleaned_data[k] for k in form.Meta.fields}
        try:
            questionnaire = services.create_questionnaire(values, form.cleaned_data["based_on"])
        except IntegrityError:
            form.add_error("period", "Voor dit halfjaar is al een uitvraag.")
        else:
            messages.success(request, "De uitvraag is aangemaakt; voeg de vragen toe.")
            return redirect(questionnaire)
    return render(request, "monitoring/uitvraag/form.html", {"form": form})


@require_http_methods(["GET", "POST"])
def questionnaire_detail(request, pk):
    """The questions by theme; for the Rijk, while a concept, a form to add one."""
    require_uitvraag_reader(request.user)
    questionnaire = get_visible_or_404(Questionnaire.objects.all(), request.user, pk=pk)
    may_compose = _may_compose(request.user) and not questionnaire.is_published
    form = QuestionForm(request.POST or None) if may_compose else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied(RIJK_ONLY)
        if form.is_valid():
            try:
                services.add_question(questionnaire, dict(form.cleaned_data))
            except services.UitvraagError as exc:
                messages.error(request, str(exc))
            else:
                messages.success(request, "De vraag is toegevoegd.")
            return redirect(questionnaire)
    scope = scope_for(request.user)
    own_regions = Region.objects.filter(pk__in=scope.projectleider_regions).order_by("name")
    return render(
        request,
        "monitoring/uitvraag/detail.html",
        {
            "questionnaire": questionnaire,
            "questions": services.questions_of(questionnaire),
            "form": form,
            "may_compose": may_compose,
            "may_publish": _may_compose(request.user) and not questionnaire.is_published,
            "own_regions": own_regions,
        },
    )


@require_POST
def question_delete(request, pk, question_pk):
    questionnaire = get_editable_or_403(Questionnaire.objects.all(), request.user, RIJK_ONLY, pk=pk)
    question = get_object_or_404(Question, questionnaire=questionnaire, pk=question_pk)
    try:
        services.remove_question(question)
    except services.UitvraagError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "De vraag is verwijderd.")
    return redirect(questionnaire)


@require_POST
def questionnaire_publish(request, pk):
    questionnaire = get_editable_or_403(Questionnaire.objects.all(), request.user, RIJK_ONLY, pk=pk)
    try:
        services.publish(questionnaire, request.user)
    except services.UitvraagError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            "De uitvraag is gepubliceerd; de projectleiders van alle regio's krijgen bericht.",
        )
    return redirect(questionnaire)


@require_http_methods(["GET", "POST"])
def answer_sheet(request, pk, slug):
    """A region without an adopted programme answers the uitvraag here (its projectleider);
    once sent, the answers are read-only for everyone who may see them."""
    require_uitvraag_reader(request.user)
    questionnaire = get_visible_or_404(Questionnaire.objects.published(), request.user, pk=pk)
    region = get_object_or_404(Region, slug=slug)
    may_edit = scope_for(request.user).edits_region(region.pk)
    has_programme = region.programmes.filter(status__in=PUBLISHED_STATUSES).exists()
    sheet = (
        AnswerSheet.objects.visible_to(request.user)
        .filter(questionnaire=questionnaire, region=region)
        .first()
    )
    if sheet is None and not may_edit:
        raise Http404("Deze regio heeft de uitvraag nog niet beantwoord.")
    questions = services.questions_of(questionnaire)
    if sheet is None:  # made on the first save, not by reading the page
        sheet = AnswerSheet(questionnaire=questionnaire, region=region)
    locked = sheet.is_sent or not may_edit
    form = AnswersForm(
        request.POST if request.method == "POST" and not locked else None,
        questions=questions,
        sheet=services.composed_sheet(sheet, questions),
    )
    if request.method == "POST":
        if locked:
            raise PermissionDenied("Deze antwoorden zijn verzonden of niet van uw regio.")
        if form.is_valid():
            send = "send" in request.POST
            sheet = sheet if sheet.pk else services.sheet_for(questionnaire, region)
            try:
                services.save_sheet(sheet, form.submitted(), send, request.user)
            except services.UitvraagError as exc:
                messages.error(request, str(exc))
            else:
                messages.success(
                    request,
                    "De antwoorden zijn verzonden aan het Rijk."
                    if send
                    else "De antwoorden zijn opgeslagen als concept.",
                )
            return redirect("monitoring:uitvraag_sheet", pk=questionnaire.pk, slug=region.slug)
    return render(
        request,
        "monitoring/uitvraag/sheet.html",
        {
            "questionnaire": questionnaire,
            "region": region,
            "sheet": sheet,
            "form": form,
            "locked": locked,
            "has_programme": has_programme,
        },
    )
