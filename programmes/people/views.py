"""The region's people (ketenpartners) and inviting new ones: for the region's projectleider
and the beheerder; everyone else gets 404."""

from django.contrib import messages
from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views import View
from django.views.generic import TemplateView

from ..access import scope_for
from ..constants import Role
from ..models import Membership, Region
from . import services
from .forms import InvitationForm, invitable_organisations


def regions_managed_by(user) -> QuerySet[Region]:
    return Region.objects.filter(scope_for(user).edits_region_q("pk"))


def partner_memberships(region: Region) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(
            role=Role.KETENPARTNER, organisation__in=invitable_organisations(region)
        )
        .select_related("user__account_setup", "organisation")
        .order_by("organisation__name", "user__last_name", "user__first_name")
    )


class ManagedRegionMixin:
    def dispatch(self, request, *args, **kwargs):
        if not hasattr(self, request.method.lower()):
            return self.http_method_not_allowed(request, *args, **kwargs)  # type: ignore[attr-defined]
        self.region = get_object_or_404(regions_managed_by(request.user), slug=kwargs["region"])
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]


class PeopleIndexView(View):
    """Straight to the user's region, or a choice of regions (beheerder)."""

    def get(self, request):
        regions = list(regions_managed_by(request.user))
        if not regions:
            raise Http404("Geen regio om mensen voor uit te nodigen.")
        if len(regions) == 1:
            return redirect("people:list", region=regions[0].slug)
        return render(request, "programmes/people/index.html", {"regions": regions})


class PeopleListView(ManagedRegionMixin, TemplateView):
    template_name = "programmes/people/list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["region"] = self.region
        context["memberships"] = partner_memberships(self.region)
        return context


class InviteView(ManagedRegionMixin, View):
    def get(self, request, region):
        return self.render(InvitationForm(region=self.region))

    def post(self, request, region):
        form = InvitationForm(request.POST, region=self.region)
        if not form.is_valid():
            return self.render(form, status=400)
        user = services.invite_partner(invited_by=request.user, **form.cleaned_data)
        messages.success(
            request,
            f"{user.get_full_name()} is uitgenodigd en is nu ketenpartner van "
            f"{form.cleaned_data['organisation']}. De uitnodiging gaat per e-mail naar "
            f"{user.email}.",
        )
        return redirect("people:list", region=self.region.slug)

    def render(self, form, status=200):
        return render(
            self.request,
            "programmes/people/invite.html",
            {"form": form, "region": self.region},
            status=status,
        )


class ResendInvitationView(ManagedRegionMixin, View):
    def post(self, request, region, user_pk):
        membership = get_object_or_404(partner_memberships(self.region), user_id=user_pk)
        user = membership.user
        if user.has_usable_password():
            messages.info(request, f"{user.get_full_name()} heeft al een wachtwoord ingesteld.")
        else:
            services.resend_invitation(user, request.user)
            messages.success(request, f"De uitnodiging is opnieuw verstuurd naar {user.email}.")
        return redirect("people:list", region=self.region.slug)
