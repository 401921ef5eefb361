from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ghnt_portal.api import LocalDateField
from programmes.models import ActionLine

from ..constants import MilestoneState
from ..models import Action, Milestone


class ActionLineSerializer(serializers.ModelSerializer):
    action_count = serializers.IntegerField(read_only=True, help_text="Acties, zonder vervallen.")
    done_count = serializers.IntegerField(read_only=True)
    progress = serializers.SerializerMethodField(
        help_text="Gemiddelde voortgang van de acties (afgerond = 100%, vervallen telt niet mee)."
    )

    class Meta:
        model = ActionLine
        fields = [
            "id", "programme", "order", "title", "is_national", "description",
            "action_count", "done_count", "progress",
        ]  # fmt: skip

    @extend_schema_field(OpenApiTypes.INT)
    def get_progress(self, line) -> int | None:
        return None if line.progress_avg is None else round(line.progress_avg)


class ActionSerializer(serializers.ModelSerializer):
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    explanation = serializers.CharField(
        read_only=True,
        allow_null=True,
        help_text="Toelichting bij de laatste geaccepteerde voortgangsupdate.",
    )
    explanation_date = LocalDateField(
        read_only=True, allow_null=True, help_text="Datum van die voortgangsupdate."
    )
    owners = serializers.SlugRelatedField(many=True, read_only=True, slug_field="name")

    class Meta:
        model = Action
        fields = [
            "id", "programme", "action_line", "code", "title", "wat", "doel", "hoe", "door",
            "owners", "wanneer", "resultaten", "kosten", "status", "status_display",
            "progress", "explanation", "explanation_date",
        ]  # fmt: skip


class MilestoneSerializer(serializers.ModelSerializer):
    action_code = serializers.CharField(source="action.code", read_only=True, allow_null=True)
    state = serializers.SerializerMethodField()

    class Meta:
        model = Milestone
        fields = [
            "id", "programme", "action", "action_code", "letter", "title", "planned_year",
            "planned_quarter", "meeting_label", "done_on", "state",
        ]  # fmt: skip

    @extend_schema_field(serializers.ChoiceField(choices=MilestoneState.choices))
    def get_state(self, milestone) -> str:
        return milestone.state()


class BudgetTotalSerializer(serializers.Serializer):
    programme = serializers.IntegerField()
    funding_source = serializers.CharField(source="funding_source__name")
    planned = serializers.DecimalField(max_digits=14, decimal_places=2, coerce_to_string=True)
    realised = serializers.DecimalField(max_digits=14, decimal_places=2, coerce_to_string=True)
    capacity_lines = serializers.IntegerField(help_text="Regels met inzet van capaciteit.")
    pm_lines = serializers.IntegerField(help_text="Regels pro memorie.")
    lines = serializers.IntegerField()
