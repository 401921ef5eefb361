from rest_framework import serializers

from ..models import Programme, Region


class RegionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Region
        fields = ["slug", "name"]


class ProgrammeSerializer(serializers.ModelSerializer):
    region = RegionSerializer(read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)

    class Meta:
        model = Programme
        fields = [
            "id",
            "region",
            "title",
            "short_name",
            "period_start",
            "period_end",
            "status",
            "status_display",
            "document_date",
            "version_label",
            "summary",
        ]
