from rest_framework import serializers


class MeasurementQuerySerializer(serializers.Serializer):
    region = serializers.SlugField(required=False, help_text="Regio (korte naam).")
    indicator = serializers.SlugField(required=False, help_text="Code van de indicator.")
    municipality = serializers.RegexField(
        r"^GM\d{4}$",
        required=False,
        help_text="CBS-code van de gemeente, bijvoorbeeld GM0479.",
        error_messages={"invalid": "Een CBS-gemeentecode is GM en vier cijfers."},
    )
    year = serializers.IntegerField(
        required=False, min_value=1900, max_value=2100, help_text="Jaar waarin de periode begint."
    )


class MeasurementSerializer(serializers.Serializer):
    region = serializers.CharField(help_text="Regio (korte naam).")
    indicator = serializers.CharField(help_text="Code van de indicator.")
    indicator_name = serializers.CharField()
    unit = serializers.CharField()
    area = serializers.CharField(help_text="Gemeente, of de regio voor de totaalregel.")
    municipality = serializers.CharField(allow_null=True, help_text="CBS-code; leeg voor de regio.")
    period_start = serializers.DateField()
    period_end = serializers.DateField()
    period_label = serializers.CharField()
    partial = serializers.BooleanField(help_text="Een deel van een jaar (niet optellen).")
    value = serializers.FloatField(
        allow_null=True, help_text="Leeg als het aantal is afgeschermd (kleine aantallen)."
    )
    display = serializers.CharField(help_text="Zoals getoond: een getal, '<5' of 'afgeschermd'.")
    suppressed = serializers.ChoiceField(
        choices=[("", "niet"), ("primair", "primair"), ("secundair", "secundair")],
        allow_blank=True,
    )
    computed_total = serializers.BooleanField(
        help_text="Regiototaal berekend als som van de gemeenten (de bron noemt geen totaal)."
    )
