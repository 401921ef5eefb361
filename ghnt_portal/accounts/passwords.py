"""Choosing one's own password: on the first login of an account a beheerder made with a
password of their choice (forced, see the sign-in middleware), and through the one-time
link of an invitation e-mail (no password yet)."""

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import SetPasswordForm
from django.contrib.auth.views import PasswordResetConfirmView
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.views.decorators.cache import never_cache

from . import policy
from .models import AccountSetup
from .tokens import invitation_token


@never_cache
@login_required
def choose_password(request):
    """The first page after the first login of an account a beheerder made: the password
    the beheerder chose is replaced by one only the user knows. Without that obligation a
    new password needs the current one (the ordinary change page)."""
    if not policy.must_choose_password(request):
        return redirect("password_change")
    form = SetPasswordForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            user = form.save()
            AccountSetup.objects.filter(user=user).update(must_set_password=False)
        update_session_auth_hash(request, user)
        policy.remember_password_chosen(request)
        messages.success(request, "Uw wachtwoord is ingesteld.")
        return redirect(policy.next_url(request))
    return render(
        request,
        "accounts/choose_password.html",
        {"form": form, "next": request.GET.get("next", "")},
        status=400 if form.is_bound else 200,
    )


class AcceptInvitationView(PasswordResetConfirmView):
    """The link in an invitation e-mail: set a password once, then sign in. The link stops
    working once used, and after INVITATION_VALID_DAYS (tokens.py)."""

    token_generator = invitation_token
    template_name = "accounts/accept_invitation.html"
    success_url = reverse_lazy("login")
    reset_url_token = "wachtwoord-instellen"
    title = "Wachtwoord instellen"

    def form_valid(self, form):
        with transaction.atomic():
            response = super().form_valid(form)
            AccountSetup.objects.filter(user=form.user).update(must_set_password=False)
        messages.success(
            self.request,
            f"Uw wachtwoord is ingesteld. Log in met uw gebruikersnaam "
            f"{form.user.get_username()} en het nieuwe wachtwoord.",
        )
        return response
