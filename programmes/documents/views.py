"""Documents: add to a record, open (versions), add a version, delete, download.

Every view reaches the document's parent through the registry's scoped querysets: 404 when
the user cannot see the parent, 403 when they see it but may not change it."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from . import services
from .forms import DocumentForm, VersionForm
from .models import Document, DocumentVersion
from .registry import Attachable, attachable, attachable_for_model

NOT_ALLOWED = "Alleen de projectleider van de regio beheert de documenten hier."


def _parent(request, key: str, pk: int):
    entry = attachable(key)
    if entry is None:
        raise Http404
    parent = get_object_or_404(entry.visible(request.user), pk=pk)
    if not entry.editable(request.user).filter(pk=pk).exists():
        raise PermissionDenied(NOT_ALLOWED)
    return entry, parent


def _document(request, pk: int, *, editable: bool) -> tuple[Document, Attachable]:
    document = get_object_or_404(
        Document.objects.visible_to(request.user).select_related("content_type"), pk=pk
    )
    if editable and not Document.objects.editable_by(request.user).filter(pk=pk).exists():
        raise PermissionDenied(NOT_ALLOWED)
    entry = attachable_for_model(document.content_type.model_class())  # type: ignore[arg-type]
    if entry is None:
        raise Http404
    return document, entry


def _coverage(checked) -> str:
    """Say it when the text was not (wholly) read: the BSN check covered only that part."""
    if not checked.coverage:
        return ""
    return (
        f" Let op: {checked.coverage}. Alleen het doorzochte deel is gecontroleerd op een BSN "
        "en vindbaar met zoeken."
    )


@require_http_methods(["GET", "POST"])
def add(request, key: str, pk: int):
    entry, parent = _parent(request, key, pk)
    form = DocumentForm(request.POST or None, request.FILES or None, kinds=entry.kinds)
    if request.method == "POST" and form.is_valid():
        checked, data = form.cleaned_data["upload"]
        services.add_document(
            parent,
            title=form.cleaned_data["title"],
            kind=form.cleaned_data["kind"],
            date=form.cleaned_data["date"],
            checked=checked,
            data=data,
            user=request.user,
        )
        messages.success(
            request,
            f"Het document “{form.cleaned_data['title']}” is toegevoegd.{_coverage(checked)}",
        )
        return redirect(entry.url(parent))
    context = {"form": form, "parent": parent, "parent_url": entry.url(parent)}
    return render(request, "documents/add.html", context)


@require_GET
def detail(request, pk: int):
    document, entry = _document(request, pk, editable=False)
    parent = document.parent
    context = {
        "document": document,
        "versions": document.versions.select_related("uploaded_by").defer("text"),
        "parent": parent,
        "parent_url": entry.url(parent),
        "can_edit": Document.objects.editable_by(request.user).filter(pk=pk).exists(),
        "version_form": VersionForm(),
    }
    return render(request, "documents/detail.html", context)


@require_POST
def add_version(request, pk: int):
    document, entry = _document(request, pk, editable=True)
    form = VersionForm(request.POST, request.FILES)
    if form.is_valid():
        checked, data = form.cleaned_data["upload"]
        version = services.add_version(document, checked=checked, data=data, user=request.user)
        messages.success(request, f"Versie {version.number} is toegevoegd.{_coverage(checked)}")
        return redirect(document)
    parent = document.parent
    context = {
        "document": document,
        "versions": document.versions.select_related("uploaded_by").defer("text"),
        "parent": parent,
        "parent_url": entry.url(parent),
        "can_edit": True,
        "version_form": form,
    }
    return render(request, "documents/detail.html", context, status=200)


@require_http_methods(["GET", "POST"])
def delete(request, pk: int):
    document, entry = _document(request, pk, editable=True)
    parent = document.parent
    if request.method == "POST":
        services.soft_delete(document, user=request.user)
        messages.success(request, f"Het document “{document.title}” is verwijderd.")
        return redirect(entry.url(parent))
    context = {"document": document, "parent": parent, "parent_url": entry.url(parent)}
    return render(request, "documents/delete.html", context)


@require_GET
def download(request, pk: int):
    version = get_object_or_404(
        DocumentVersion.objects.visible_to(request.user).select_related("document").defer("text"),
        pk=pk,
    )
    services.record_download(version, request.user)
    response = FileResponse(
        version.file.open("rb"),
        as_attachment=True,
        filename=version.filename,
        content_type=version.mime_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
