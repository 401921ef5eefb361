from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ..models import Commitment, DecisionRoute, RouteStep


class RouteStepSerializer(serializers.ModelSerializer):
    body = serializers.CharField(source="body.name", read_only=True)
    purpose_display = serializers.CharField(source="get_purpose_display", read_only=True)
    conclusion_display = serializers.CharField(source="get_conclusion_display", read_only=True)

    class Meta:
        model = RouteStep
        # Not the step's internal "opmerkingen".
        fields = [
            "order", "date", "body", "purpose", "purpose_display", "conclusion",
            "conclusion_display", "conditions",
        ]  # fmt: skip


class DecisionRouteSerializer(serializers.ModelSerializer):
    region = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    steps = RouteStepSerializer(source="ordered_steps", many=True, read_only=True)

    class Meta:
        model = DecisionRoute
        fields = ["id", "region", "programme", "title", "reference", "adopts_programme", "steps"]


class CommitmentSerializer(serializers.ModelSerializer):
    region = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    made_to = serializers.CharField(source="made_to.name", read_only=True, allow_null=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    actions = serializers.SerializerMethodField(help_text="Ids van gekoppelde acties.")

    class Meta:
        model = Commitment
        fields = [
            "id", "region", "number", "text", "made_to", "made_on", "due_date", "status",
            "status_display", "settled_by", "answer", "settled_on", "actions",
        ]  # fmt: skip

    @extend_schema_field(serializers.ListField(child=serializers.IntegerField()))
    def get_actions(self, commitment) -> list[int]:
        """Only actions of programmes the caller may read (`open_actions`, prefetched)."""
        return [action.pk for action in commitment.open_actions]
