"""Create, edit, delete an action; quick updates of status, progress and milestones.

Every object comes from a scoped queryset: outside the user's scope it answers 404; visible
but not editable (a ketenpartner, a wethouder) it answers 403.
"""

from typing import Any

from django.contrib import messages
from django.db.models import QuerySet
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import View

from programmes.access import get_editable_or_403
from programmes.models import Programme

from .. import services
from ..forms import FORMSETS, ROW_LABELS, ActionForm, MilestoneDoneForm, QuickUpdateForm
from ..models import Action, BudgetLine, ExpectedResult, Milestone


def _editable_action(request, pk) -> Action:
    return get_editable_or_403(
        Action.objects.select_related("programme__region", "action_line"),
        request.user,
        "Alleen de projectleider van de regio kan deze actie wijzigen.",
        pk=pk,
    )


def _editable_programme(request, pk) -> Programme:
    return get_editable_or_403(
        Programme.objects.select_related("region"),
        request.user,
        "Alleen de projectleider van de regio kan acties toevoegen.",
        pk=pk,
    )


def _next_url(request, fallback: str) -> str:
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


def _formsets(request, action, programme):
    data = request.POST if request.method == "POST" else None
    querysets: dict[str, QuerySet[Any]] = {
        "milestones": Milestone.objects.select_related("meeting").order_by("order"),
        "results": ExpectedResult.objects.order_by("order"),
        "budget": BudgetLine.objects.select_related("funding_source").order_by(
            "order", "funding_source__order"
        ),
    }
    result = {}
    for prefix, formset_class, _title in FORMSETS:
        result[prefix] = formset_class(
            data,
            instance=action,
            prefix=prefix,
            programme=programme,
            queryset=querysets[prefix],
        )
    return result


def _titled(formsets):
    """(formset, title, prefix) per formset; each formset knows what its rows are called."""
    titled = []
    for prefix, _cls, title in FORMSETS:
        formset = formsets[prefix]
        formset.row_label, formset.new_row_label = ROW_LABELS[prefix]
        titled.append((formset, title, prefix))
    return titled


class ActionCreateView(View):
    template_name = "actions/action_form.html"

    def dispatch(self, request, *args, **kwargs):
        self.programme = _editable_programme(request, kwargs["programme_pk"])
        return super().dispatch(request, *args, **kwargs)

    def _render(self, form, formsets, status=200):
        context = {
            "form": form,
            "formsets": _titled(formsets),
            "programme": self.programme,
            "action": None,
        }
        return render(self.request, self.template_name, context, status=status)

    def get(self, request, programme_pk):
        action = Action(programme=self.programme)
        form = ActionForm(programme=self.programme, instance=action)
        return self._render(form, _formsets(request, action, self.programme))

    def post(self, request, programme_pk):
        action = Action(programme=self.programme)
        form = ActionForm(request.POST, programme=self.programme, instance=action)
        formsets = _formsets(request, action, self.programme)
        if form.is_valid() and all(f.is_valid() for f in formsets.values()):
            action = services.create_action(form, formsets, request.user)
            messages.success(request, f"Actie {action.code} is toegevoegd.")
            return redirect(action)
        return self._render(form, formsets)


class ActionEditView(View):
    template_name = "actions/action_form.html"

    def dispatch(self, request, *args, **kwargs):
        self.action = _editable_action(request, kwargs["pk"])
        self.programme = self.action.programme
        return super().dispatch(request, *args, **kwargs)

    def _render(self, form, formsets, conflict=None):
        context = {
            "form": form,
            "formsets": _titled(formsets),
            "programme": self.programme,
            "action": self.action,
            "conflict": conflict,
        }
        return render(self.request, self.template_name, context)

    def get(self, request, pk):
        form = ActionForm(programme=self.programme, instance=self.action)
        return self._render(form, _formsets(request, self.action, self.programme))

    def post(self, request, pk):
        form = ActionForm(request.POST, programme=self.programme, instance=self.action)
        formsets = _formsets(request, self.action, self.programme)
        if not (form.is_valid() and all(f.is_valid() for f in formsets.values())):
            return self._render(form, formsets)
        try:
            action = services.save_action(form, formsets, request.user)
        except services.EditConflict as conflict:
            # Keep what the user typed, but base a next save on the version now stored:
            # saving again is then a deliberate choice, made after seeing the other's changes.
            data = request.POST.copy()
            data["version"] = str(conflict.current.version)
            self.action = conflict.current
            form = ActionForm(data, programme=self.programme, instance=conflict.current)
            form.is_valid()
            formsets = _formsets(request, conflict.current, self.programme)
            return self._render(form, formsets, conflict=conflict)
        messages.success(request, f"Actie {action.code} is opgeslagen.")
        return redirect(action)


class FormRowView(View):
    """One more empty row of the action form's milestones, results or budget lines (htmx):
    the row numbered by the formset's current count, and that count raised by one."""

    http_method_names = ["get"]

    def get(self, request, programme_pk, prefix):
        programme = _editable_programme(request, programme_pk)
        formset_class: Any = next((cls for p, cls, _t in FORMSETS if p == prefix), None)
        if formset_class is None:
            raise Http404
        try:
            index = int(request.GET.get(f"{prefix}-TOTAL_FORMS", ""))
        except ValueError:
            return HttpResponseBadRequest("Ongeldig aantal rijen.")
        if not 0 <= index < formset_class.absolute_max:
            return HttpResponseBadRequest("Er kunnen geen rijen meer bij.")
        formset: Any = formset_class(
            instance=Action(programme=programme),
            prefix=prefix,
            programme=programme,
            queryset=formset_class.model.objects.none(),
        )
        formset.row_label, formset.new_row_label = ROW_LABELS[prefix]
        form = formset.form(
            auto_id=formset.auto_id,
            prefix=formset.add_prefix(index),
            empty_permitted=True,
            use_required_attribute=False,
            **formset.get_form_kwargs(None),
        )
        formset.add_fields(form, None)
        context = {"f": form, "fs": formset, "prefix": prefix, "total": index + 1}
        return render(request, "actions/includes/form_row_added.html", context)


class ActionDeleteView(View):
    template_name = "actions/action_confirm_delete.html"

    def dispatch(self, request, *args, **kwargs):
        self.action = _editable_action(request, kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, pk):
        context = {"action": self.action, "summary": services.deletion_summary(self.action)}
        return render(request, self.template_name, context)

    def post(self, request, pk):
        programme = self.action.programme
        code = self.action.code
        services.delete_action(self.action, request.user)
        messages.success(request, f"Actie {code} is verwijderd, met alles wat erbij hoorde.")
        return redirect(programme)


class QuickUpdateView(View):
    """Status and progress of an action: htmx swaps the form, without JS a POST + redirect.

    GET gives the form on demand (the programme page shows a button per action, not forty
    forms): htmx puts it in the button's place; without JS the button is a link to it."""

    http_method_names = ["get", "post"]
    partial = "actions/includes/quick_update.html"

    def get(self, request, pk):
        action = _editable_action(request, pk)
        next_url = _next_url(request, action.get_absolute_url())
        context = {"action": action, "next_url": next_url, "form": None}
        if request.htmx:  # in place of the button: the status select takes the focus
            return render(request, self.partial, context | {"on_demand": True})
        return render(request, "actions/quick_update_page.html", context)

    def post(self, request, pk):
        action = _editable_action(request, pk)
        form = QuickUpdateForm(request.POST)
        next_url = _next_url(request, action.get_absolute_url())
        context = {"action": action, "next_url": next_url, "form": form}
        if not form.is_valid():
            if request.htmx:
                return render(request, self.partial, context)
            return render(request, "actions/quick_update_page.html", context, status=400)
        try:
            action = services.quick_update(
                action,
                status=form.cleaned_data["status"],
                progress=form.cleaned_data["progress"],
                version=form.cleaned_data["version"],
                user=request.user,
            )
        except services.EditConflict as conflict:
            text = (
                f"Niet opgeslagen: {conflict.changed_by} heeft actie {action.code} intussen "
                "gewijzigd. De actuele waarden staan nu in het formulier."
            )
            if request.htmx:
                context |= {"action": conflict.current, "form": None, "error": text}
                context["conflict"] = conflict
                return render(request, self.partial, context)
            messages.error(request, text)
            return redirect(next_url)
        text = f"Actie {action.code}: {action.get_status_display()}, {action.progress}% opgeslagen."
        if request.htmx:
            context |= {"action": action, "form": None, "saved": text}
            return render(request, self.partial, context)
        messages.success(request, text)
        return redirect(next_url)


class MilestoneDoneView(View):
    http_method_names = ["post"]
    partial = "actions/includes/milestone_done.html"

    def post(self, request, pk):
        milestone = get_editable_or_403(
            Milestone.objects.select_related("action"),
            request.user,
            "Alleen de projectleider van de regio kan mijlpalen afvinken.",
            pk=pk,
        )
        form = MilestoneDoneForm(request.POST)
        fallback = (
            milestone.action.get_absolute_url()
            if milestone.action is not None
            else reverse("programmes:detail", args=[milestone.programme_id])
        )
        next_url = _next_url(request, fallback)
        context = {"m": milestone, "next_url": next_url, "can_edit": True}
        if not form.is_valid():
            if request.htmx:
                context["error"] = "; ".join(str(e) for errs in form.errors.values() for e in errs)
                return render(request, self.partial, context)
            messages.error(request, "Vul een geldige datum in (dd-mm-jjjj).")
            return redirect(next_url)
        services.mark_milestone_done(
            milestone, user=request.user, done_on=form.cleaned_data.get("done_on")
        )
        text = f"Mijlpaal {milestone.letter} is gereed gemeld."
        if request.htmx:
            context["saved"] = text
            return render(request, self.partial, context)
        messages.success(request, text)
        return redirect(next_url)
