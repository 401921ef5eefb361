"""The region's overleggen (bodies): the projectleider adds and changes them here, not in
the admin (a region without a BO body, like Kennemerland, adds its own)."""

from django.db.models import Count
from django.urls import reverse
from django.views import View
from django.views.generic import TemplateView

from .. import services
from ..forms import DecisionBodyForm
from ..models import DecisionBody
from .base import FormPageMixin, ObjectEditMixin, RegionCreateMixin, RegionMixin


def body_list_url(body: DecisionBody) -> str:
    return reverse("governance:body_list", kwargs={"region": body.region.slug})


class BodyListView(RegionMixin, TemplateView):
    template_name = "governance/body_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["bodies"] = (
            DecisionBody.objects.visible_to(self.request.user)
            .filter(region=self.region)
            .select_related("municipality")
            .annotate(meeting_count=Count("meetings", distinct=True))
            .order_by("name")
        )
        return context


class BodyCreateView(RegionCreateMixin, FormPageMixin, View):
    form_class = DecisionBodyForm
    title = "Nieuw overleg"
    success_message = "Het overleg is opgeslagen."
    cancel_url_name = "governance:body_list"

    def get_instance(self):
        return DecisionBody(region=self.region)

    def get_success_url(self, obj):
        return body_list_url(obj)

    def save(self, form, formset):
        return services.save_body(form)


class BodyUpdateView(ObjectEditMixin, FormPageMixin, View):
    model = DecisionBody
    form_class = DecisionBodyForm
    success_message = "Het overleg is opgeslagen."

    def get_title(self):
        return f"Overleg wijzigen: {self.object.name}"

    def get_cancel_url(self):
        return body_list_url(self.object)

    def get_success_url(self, obj):
        return body_list_url(obj)

    def save(self, form, formset):
        return services.save_body(form)
