"""The risk register of a programme: list (everyone who sees the programme), add, edit and
delete (the region's projectleider). Thin views over `Risk.objects` and `actions.services.risks`."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views import View

from programmes.access import get_editable_or_403, get_visible_or_404, may
from programmes.models import Programme

from ..forms import RiskForm
from ..models import Risk
from ..services import risks as services

EDIT_REFUSED = "Alleen de projectleider van de regio wijzigt het risicoregister."


class RiskListView(View):
    template_name = "actions/risk_list.html"

    def get(self, request, programme_pk):
        programme = get_visible_or_404(
            Programme.objects.select_related("region"), request.user, pk=programme_pk
        )
        risks = Risk.objects.filter(programme=programme).select_related("action")
        context = {"programme": programme, "risks": risks, "can_edit": may(request.user, programme)}
        return render(request, self.template_name, context)


class RiskCreateView(View):
    template_name = "actions/risk_form.html"

    def dispatch(self, request, *args, **kwargs):
        self.programme = get_editable_or_403(
            Programme.objects.select_related("region"),
            request.user,
            EDIT_REFUSED,
            pk=kwargs["programme_pk"],
        )
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, programme_pk):
        form = RiskForm(programme=self.programme, initial={"action": request.GET.get("actie")})
        return render(request, self.template_name, {"form": form, "programme": self.programme})

    def post(self, request, programme_pk):
        form = RiskForm(request.POST, programme=self.programme)
        if not form.is_valid():
            return render(request, self.template_name, {"form": form, "programme": self.programme})
        risk = services.save_risk(form, request.user)
        messages.success(request, f"Risico '{risk.title}' is toegevoegd.")
        return redirect(risk)


class EditableRiskView(View):
    """Base of the views of one risk: the risk of the URL, for those who may edit its
    programme (403 otherwise)."""

    risk: Risk

    def dispatch(self, request, *args, **kwargs):
        self.risk = get_editable_or_403(
            Risk.objects.select_related("programme__region", "action"),
            request.user,
            EDIT_REFUSED,
            pk=kwargs["pk"],
        )
        return super().dispatch(request, *args, **kwargs)


class RiskEditView(EditableRiskView):
    template_name = "actions/risk_form.html"

    def _render(self, form):
        context = {"form": form, "programme": self.risk.programme, "risk": self.risk}
        return render(self.request, self.template_name, context)

    def get(self, request, pk):
        return self._render(RiskForm(instance=self.risk, programme=self.risk.programme))

    def post(self, request, pk):
        form = RiskForm(request.POST, instance=self.risk, programme=self.risk.programme)
        if not form.is_valid():
            return self._render(form)
        risk = services.save_risk(form, request.user)
        messages.success(request, f"Risico '{risk.title}' is opgeslagen.")
        return redirect(risk)


class RiskDeleteView(EditableRiskView):
    template_name = "actions/risk_confirm_delete.html"

    def get(self, request, pk):
        return render(request, self.template_name, {"risk": self.risk})

    def post(self, request, pk):
        programme_pk, title = self.risk.programme_id, self.risk.title
        services.delete_risk(self.risk, request.user)
        messages.success(request, f"Risico '{title}' is verwijderd.")
        return redirect("actions:risk_list", programme_pk=programme_pk)
