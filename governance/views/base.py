"""What every governance page shares: the region from the URL, and the form pages.

Every page hangs off a region the user may read (`governance_region_ids`); objects come
from `visible_to(user)` (404 otherwise) and change views use `get_editable_or_403`
(403 when the user may read but not change).
"""

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from programmes.access import get_editable_or_403, scope_for
from programmes.models import Region

from ..querysets import governance_region_ids


def regions_visible_to(user) -> QuerySet[Region]:
    ids = governance_region_ids(user)
    regions = Region.objects.all()
    return regions if ids is None else regions.filter(pk__in=ids)


def can_edit_region(user, region: Region) -> bool:
    return scope_for(user).edits_region(region.pk)


class RegionMixin:
    """Resolves the region from the URL among the regions the user may read (else 404)."""

    edit = False
    request: HttpRequest
    kwargs: dict[str, Any]

    def dispatch(self, request, *args, **kwargs):
        if not hasattr(self, request.method.lower()):
            return self.http_method_not_allowed(request, *args, **kwargs)  # type: ignore[attr-defined]
        self.region = get_object_or_404(
            regions_visible_to(request.user), slug=self.kwargs["region"]
        )
        self.can_edit = can_edit_region(request.user, self.region)
        if self.edit and not self.can_edit:
            raise PermissionDenied("Alleen de projectleider van de regio mag dit wijzigen.")
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)  # type: ignore[misc]
        context.update(region=self.region, can_edit=self.can_edit)
        return context


class FormPageMixin:
    """Shared GET/POST handling for a model form with optional inline formset."""

    template_name = "governance/form.html"
    form_class: Any = None
    formset_class: Any = None
    formset_prefix = ""
    success_message = ""
    title = ""
    request: HttpRequest
    region: Region

    def get_form_kwargs(self) -> dict[str, Any]:
        return {"region": self.region}

    def build(self, instance, data=None):
        form = self.form_class(data, instance=instance, **self.get_form_kwargs())
        formset = None
        if self.formset_class:
            formset = self.formset_class(
                data,
                instance=instance,
                form_kwargs=self.get_formset_form_kwargs(),
                prefix=self.formset_prefix,
            )
            row_label = getattr(self, "row_label", "")
            if row_label:  # the rows' headings and the error summary name them so
                formset.row_label = row_label
                formset.new_row_label = f"Nieuwe {row_label.lower()}"
        return form, formset

    def get_formset_form_kwargs(self) -> dict[str, Any]:
        return {}

    def get_instance(self) -> Model:
        raise NotImplementedError

    def get_cancel_url(self) -> str:
        raise NotImplementedError

    def save(self, form: BaseForm, formset) -> Any:
        raise NotImplementedError

    def get_success_url(self, obj) -> str:
        return obj.get_absolute_url()

    def render_page(self, form, formset) -> HttpResponse:
        return render(
            self.request,
            self.template_name,
            {
                "form": form,
                "formset": formset,
                "region": self.region,
                "title": self.get_title(),
                "cancel_url": self.get_cancel_url(),
                "formset_legend": getattr(self, "formset_legend", ""),
                "row_label": getattr(self, "row_label", ""),
            },
        )

    def get_title(self) -> str:
        return self.title

    def get(self, request, *args, **kwargs):
        form, formset = self.build(self.get_instance())
        return self.render_page(form, formset)

    def post(self, request, *args, **kwargs):
        form, formset = self.build(self.get_instance(), request.POST)
        if form.is_valid() and (formset is None or formset.is_valid()):
            obj = self.save(form, formset)
            messages.success(request, self.success_message)
            return redirect(self.get_success_url(obj))
        # The error summary at the top of the page lists and links every error (base.html).
        return self.render_page(form, formset)


class RegionCreateMixin(RegionMixin):
    edit = True
    cancel_url_name = ""

    def get_cancel_url(self) -> str:
        return reverse(self.cancel_url_name, kwargs={"region": self.region.slug})


class ObjectEditMixin:
    """Edits an object found among the visible ones (404), if editable (else 403)."""

    model: Any = None
    request: HttpRequest

    def dispatch(self, request, *args, **kwargs):
        if not hasattr(self, request.method.lower()):
            return self.http_method_not_allowed(request, *args, **kwargs)  # type: ignore[attr-defined]
        self.object = get_editable_or_403(
            self.scoped(self.model.objects.all()),
            request.user,
            "U mag dit niet wijzigen.",
            pk=kwargs["pk"],
        )
        self.region = self.object_region()
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]

    def scoped(self, queryset: QuerySet) -> QuerySet:
        return queryset.select_related("region")

    def object_region(self) -> Region:
        return self.object.region

    def get_instance(self) -> Model:
        return self.object

    def get_cancel_url(self) -> str:
        return self.object.get_absolute_url()
