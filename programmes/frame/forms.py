from django import forms

from ..models import BuildingBlock, NationalActionLine


class NationalActionLineForm(forms.ModelForm):
    class Meta:
        model = NationalActionLine
        fields = ["title", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class BuildingBlockForm(forms.ModelForm):
    class Meta:
        model = BuildingBlock
        fields = ["national_line", "code", "title", "themes", "order", "active"]
        widgets = {"themes": forms.Textarea(attrs={"rows": 3})}
        error_messages = {"code": {"unique": "Deze code heeft al een andere bouwsteen."}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["national_line"].error_messages["invalid_choice"] = (
            "Kies een van de drie landelijke actielijnen."
        )
