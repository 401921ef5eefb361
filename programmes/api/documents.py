"""Documents in the API: metadata of the documents the caller may see (the same
`Document.objects.visible_to` as the pages; none without a login or token), each version
with its download link, which checks access again and records the download."""

from django.db.models import Prefetch
from django.urls import reverse

import django_filters
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ghnt_portal.api import ReadOnlyViewSet, int_filter, text_filter

from ..documents.constants import DocumentKind
from ..documents.registry import attachable_for_model, attachables
from ..models import Document, DocumentVersion


class DocumentVersionSerializer(serializers.ModelSerializer):
    download = serializers.SerializerMethodField(help_text="Downloadadres van deze versie.")

    class Meta:
        model = DocumentVersion
        fields = ["number", "filename", "mime_type", "size", "uploaded_at", "text_searched",
                  "text_read_until", "download"]  # fmt: skip

    def get_download(self, version) -> str:
        url = reverse("documents:download", args=[version.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request is not None else url


class DocumentSerializer(serializers.ModelSerializer):
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    parent_type = serializers.SerializerMethodField(
        help_text="Soort record: programma, actie, route, behandeling, vergadering, besluit, "
        "toezegging of rapportage."
    )
    parent_id = serializers.IntegerField(source="object_id", read_only=True)
    versions = DocumentVersionSerializer(many=True, read_only=True)

    class Meta:
        model = Document
        fields = ["id", "title", "kind", "kind_display", "date", "parent_type", "parent_id",
                  "created_at", "versions"]  # fmt: skip

    @extend_schema_field(serializers.CharField())
    def get_parent_type(self, document) -> str:
        entry = attachable_for_model(document.content_type.model_class())
        return entry.key if entry else ""


class DocumentFilter(django_filters.FilterSet):
    # Free text (an unknown kind of record finds nothing): the kinds are registered by the
    # apps, after this schema's enums would be read.
    parentType = text_filter(
        max_length=40,
        label="soort record (programma, actie, route, behandeling, vergadering, besluit, "
        "toezegging, rapportage)",
        method="filter_parent_type",
    )
    parentId = int_filter(field_name="object_id", label="id van het record")
    kind = django_filters.ChoiceFilter(choices=DocumentKind.choices)

    class Meta:
        model = Document
        fields = ["kind"]

    def filter_parent_type(self, queryset, name, value):
        from django.contrib.contenttypes.models import ContentType

        for entry in attachables():
            if entry.key == value:
                return queryset.filter(content_type=ContentType.objects.get_for_model(entry.model))
        return queryset.none()


class DocumentViewSet(ReadOnlyViewSet):
    """Documenten (metadata en versies) bij records die u mag zien."""

    serializer_class = DocumentSerializer
    filterset_class = DocumentFilter

    def get_queryset(self):
        return (
            Document.objects.visible_to(self.request.user)
            .select_related("content_type")
            .prefetch_related(Prefetch("versions", queryset=DocumentVersion.objects.defer("text")))
            .order_by("-created_at", "pk")
        )
