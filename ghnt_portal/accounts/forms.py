from django import forms


class TokenForm(forms.Form):
    token = forms.CharField(
        label="Code",
        max_length=16,
        strip=True,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
        error_messages={"required": "Vul de code in."},
    )

    def clean_token(self):
        token = "".join(self.cleaned_data["token"].split())  # "123 456" as the app shows it
        if not token.isalnum():
            raise forms.ValidationError("Een code bestaat alleen uit cijfers en letters.")
        return token
