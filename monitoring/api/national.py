"""The uitvraag answers of sent reports and the national aggregates per bouwsteen, read-only.

Answers come only from what regions sent (monitoring/national/uitvraag.py). The Rijk, the
beheerder and the projectleiders read every region's sent answers, as on the national
picture; anyone else only those of regions that opened their data. The aggregates per
bouwsteen are for the Rijk, the beheerder and the projectleiders (an empty list for others).
One half year per call (`period`, default: the latest published uitvraag)."""

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers

from ghnt_portal.api import ReadOnlyListViewSet
from ghnt_portal.periods import HalfYear
from programmes.access import scope_for
from programmes.models import Region

from ..national.picture import national_picture
from ..national.uitvraag import SENT, questions_of, responses
from ..uitvraag.models import Questionnaire


class PeriodQuerySerializer(serializers.Serializer):
    period = serializers.RegexField(
        r"^\d{4}-H[12]$",
        required=False,
        help_text="Halfjaar, bijvoorbeeld 2021-H2; standaard de laatste gepubliceerde uitvraag.",
        error_messages={"invalid": "Geef een halfjaar als 2021-H1 of 2021-H2."},
    )


class UitvraagAnswerSerializer(serializers.Serializer):
    period = serializers.CharField(help_text="Het halfjaar van de uitvraag.")
    questionnaire = serializers.CharField(help_text="Titel van de uitvraag.")
    region = serializers.CharField(help_text="Regio (korte naam).")
    sent_at = serializers.DateTimeField(help_text="Wanneer de regio haar antwoorden verzond.")
    question = serializers.IntegerField(help_text="Volgnummer van de vraag.")
    theme = serializers.CharField()
    text = serializers.CharField(help_text="De vraag.")
    kind = serializers.CharField(help_text="Soort antwoord.")
    value = serializers.CharField(help_text="Het antwoord zoals de regio het verzond.")


class BuildingBlockAggregateSerializer(serializers.Serializer):
    period = serializers.CharField()
    national_line = serializers.IntegerField(help_text="Nummer van de landelijke actielijn.")
    code = serializers.CharField(help_text="Code van de bouwsteen.")
    title = serializers.CharField()
    regions = serializers.IntegerField(help_text="Aantal regio's met acties op de bouwsteen.")
    statuses = serializers.DictField(child=serializers.IntegerField())
    judgements = serializers.DictField(child=serializers.IntegerField())
    milestones_done = serializers.IntegerField(help_text="Mijlpalen gereed in het halfjaar.")


def _period(request) -> str | None:
    query = PeriodQuerySerializer(data=request.query_params)
    query.is_valid(raise_exception=True)
    if query.validated_data.get("period"):
        return query.validated_data["period"]
    return (
        Questionnaire.objects.published()
        .order_by("-period")
        .values_list("period", flat=True)
        .first()
    )


def _reads_everything(user) -> bool:
    scope = scope_for(user)
    return scope.is_rijk or scope.is_admin or bool(scope.projectleider_regions)


class UitvraagAnswerViewSet(mixins.ListModelMixin, ReadOnlyListViewSet):
    """Antwoorden op de uitvraag van het Rijk, zoals de regio's ze verzonden."""

    serializer_class = UitvraagAnswerSerializer
    filter_backends: list = []

    @extend_schema(parameters=[PeriodQuerySerializer])
    def list(self, request, *args, **kwargs):
        period = _period(request)
        questionnaire = Questionnaire.objects.for_period(period).first() if period else None
        rows: list[dict] = []
        if questionnaire is not None:
            public = set(Region.objects.filter(public_data=True).values_list("pk", flat=True))
            everything = _reads_everything(request.user)
            questions = questions_of(questionnaire)
            for entry in responses(questionnaire):
                if entry.state != SENT or not (everything or entry.region.pk in public):
                    continue
                rows += [
                    {
                        "period": questionnaire.period,
                        "questionnaire": questionnaire.title,
                        "region": entry.region.slug,
                        "sent_at": entry.sent_at,
                        "question": q.order,
                        "theme": q.theme,
                        "text": q.text,
                        "kind": q.kind,
                        "value": entry.value(q.pk),
                    }
                    for q in questions
                ]
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def get_queryset(self):  # for the schema generator only
        return Questionnaire.objects.none()


class BuildingBlockAggregateViewSet(mixins.ListModelMixin, ReadOnlyListViewSet):
    """Het landelijke beeld per bouwsteen voor een halfjaar, uit de verzonden rapportages."""

    serializer_class = BuildingBlockAggregateSerializer
    filter_backends: list = []

    @extend_schema(parameters=[PeriodQuerySerializer])
    def list(self, request, *args, **kwargs):
        period = _period(request)
        rows: list[dict] = []
        if period and _reads_everything(request.user):
            for line in national_picture(HalfYear.parse(period)):
                rows += [
                    {
                        "period": period,
                        "national_line": line.line.number,
                        "code": p.block.code,
                        "title": p.block.title,
                        "regions": len(p.regions),
                        "statuses": dict(p.statuses),
                        "judgements": {k or "geen": v for k, v in p.judgements.items()},
                        "milestones_done": p.milestones_done,
                    }
                    for p in line.blocks
                ]
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def get_queryset(self):  # for the schema generator only
        return Questionnaire.objects.none()
