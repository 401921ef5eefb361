"""Self-service in a real browser: the projectleider invites a Veilig Thuis employee; the
e-mail's link sets a password; the new partner signs in and posts an update. Every page is
checked with axe. (tests/e2e runs the same steps with the real worker sending the mail.)"""

from django.core import mail

from actions.models import StatusUpdate
from tests.browser import journeys


def test_an_invited_partner_sets_a_password_signs_in_and_reports(page):
    journeys.journey_6_projectleider_invites_a_partner(page)
    (message,) = [m for m in mail.outbox if m.to == [journeys.INVITED_EMAIL]]
    journeys.journey_6_invited_partner_sets_a_password_and_reports(
        page, journeys.invitation_path(message.body)
    )
    assert StatusUpdate.objects.filter(
        author__username=journeys.INVITED_EMAIL, action__code="2B"
    ).exists()
