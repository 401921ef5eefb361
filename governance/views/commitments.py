"""Toezeggingen: open and overdue ones, their detail, editing and settling (afdoen)."""

from django.contrib import messages
from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views import View
from django.views.generic import DetailView, TemplateView

from ghnt_portal.relations import model_across

from .. import services
from ..constants import CommitmentStatus
from ..filters import CommitmentFilterSet
from ..forms import CommitmentForm, SettleCommitmentForm
from ..models import Commitment
from .base import FormPageMixin, ObjectEditMixin, RegionCreateMixin, RegionMixin, can_edit_region


class CommitmentListView(RegionMixin, TemplateView):
    """Open and overdue toezeggingen of the region, and a filterable list of all."""

    template_name = "governance/commitment_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        queryset = (
            Commitment.objects.visible_to(self.request.user)
            .filter(region=self.region)
            .select_related("made_to", "made_in__body")
            .order_by("status", "due_date", "number")
        )
        is_open = Q(status=CommitmentStatus.OPEN)
        context["today"] = today
        context["counts"] = queryset.aggregate(
            open=Count("pk", filter=is_open),
            overdue=Count("pk", filter=is_open & Q(due_date__lt=today)),
        )
        context["filter"] = CommitmentFilterSet(
            self.request.GET or None, queryset=queryset, region=self.region
        )
        context["commitments"] = context["filter"].qs
        return context


class CommitmentDetailView(DetailView):
    template_name = "governance/commitment_detail.html"
    context_object_name = "commitment"

    def get_object(self, queryset=None):
        user = self.request.user
        # The actions fulfilling it (Action.commitments, one floor up), as the user may see them.
        action_model = model_across(Commitment, "actions")
        actions = action_model.objects.visible_to(user).select_related("programme").order_by("code")
        return get_object_or_404(
            Commitment.objects.visible_to(user)
            .select_related("region", "made_to", "made_in__body")
            .prefetch_related(Prefetch("actions", queryset=actions)),
            pk=self.kwargs["pk"],
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["region"] = self.object.region
        context["can_edit"] = can_edit_region(self.request.user, self.object.region)
        return context


class CommitmentFormMixin(FormPageMixin):
    form_class = CommitmentForm
    success_message = "De toezegging is opgeslagen."

    def get_form_kwargs(self):
        return {"region": self.region, "user": self.request.user}

    def save(self, form, formset):
        return services.save_commitment(form)


class CommitmentCreateView(RegionCreateMixin, CommitmentFormMixin, View):
    title = "Nieuwe toezegging"
    cancel_url_name = "governance:commitment_list"

    def get_instance(self):
        return Commitment(region=self.region)


class CommitmentUpdateView(ObjectEditMixin, CommitmentFormMixin, View):
    model = Commitment

    def get_title(self):
        return f"Toezegging wijzigen: {self.object.number}"


class CommitmentSettleView(ObjectEditMixin, View):
    """Afdoen: the answer, the document that settles it and the date."""

    model = Commitment
    template_name = "governance/commitment_settle.html"

    def render_page(self, form):
        return render(
            self.request,
            self.template_name,
            {"form": form, "commitment": self.object, "region": self.region},
        )

    def get(self, request, *args, **kwargs):
        initial = {
            "answer": self.object.answer,
            "settled_by": self.object.settled_by,
            "settled_on": self.object.settled_on or timezone.localdate(),
        }
        return self.render_page(SettleCommitmentForm(initial=initial, commitment=self.object))

    def post(self, request, *args, **kwargs):
        form = SettleCommitmentForm(request.POST, commitment=self.object)
        if not form.is_valid():
            messages.error(request, "Er ging iets mis: bekijk de meldingen bij de velden.")
            return self.render_page(form)
        services.settle_commitment(self.object, **form.cleaned_data)
        messages.success(request, f"Toezegging {self.object.number} is afgedaan.")
        return redirect(self.object.get_absolute_url())
