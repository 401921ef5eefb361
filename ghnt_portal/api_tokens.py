"""The page where a signed-in user creates or revokes their personal API token."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views import View

from rest_framework.authtoken.models import Token


class ApiTokenView(View):
    template_name = "api/token.html"

    def get(self, request):
        token = Token.objects.filter(user=request.user).first()
        return render(request, self.template_name, {"token": token, "new_key": None})

    def post(self, request):
        if request.POST.get("actie") == "intrekken":
            deleted, _ = Token.objects.filter(user=request.user).delete()
            messages.success(
                request,
                "Uw API-sleutel is ingetrokken." if deleted else "U had geen API-sleutel.",
            )
            return redirect("api_token")
        # A new key replaces the old one; it is shown once, on this response only.
        Token.objects.filter(user=request.user).delete()
        token = Token.objects.create(user=request.user)
        return render(request, self.template_name, {"token": token, "new_key": token.key})
