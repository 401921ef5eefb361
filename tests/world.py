"""Named objects of the demo data that tests (and the access matrix) refer to."""

from functools import cached_property

from actions.models import Action, Milestone, StatusUpdate
from programmes.models import Programme


class World:
    @cached_property
    def zawa_programme(self) -> Programme:
        return Programme.objects.get(region__slug="zaanstreek-waterland")

    @cached_property
    def kennemerland_programme(self) -> Programme:
        return Programme.objects.get(region__slug="kennemerland")

    @cached_property
    def groningen_programme(self) -> Programme:
        """Still in besluitvorming: a draft for readers."""
        return Programme.objects.get(region__slug="groningen")

    @cached_property
    def action_2b(self) -> Action:
        """Owned by Veilig Thuis (and Projectteam GHNT), not by the politie."""
        return self.zawa_programme.actions.get(code="2B")

    @cached_property
    def action_2d(self) -> Action:
        return self.zawa_programme.actions.get(code="2D")

    @cached_property
    def kennemerland_action(self) -> Action:
        return self.kennemerland_programme.actions.order_by("order").first()

    @cached_property
    def milestone_j(self) -> Milestone:
        return self.zawa_programme.milestones.get(letter="j")

    # --- governance (issue 5) -------------------------------------------------------------

    @cached_property
    def zawa_route(self):
        from governance.models import DecisionRoute

        return DecisionRoute.objects.get(programme=self.zawa_programme)

    @cached_property
    def zawa_ao_january(self):
        """The AO of January 2021 ("AO-jan"), month precision, with milestones planned."""
        from governance.models import Meeting

        return Meeting.objects.get(
            body__region__slug="zaanstreek-waterland",
            body__abbreviation="AO",
            date="2021-01-01",
            date_precision="maand",
        )

    @cached_property
    def zawa_college(self):
        from governance.models import DecisionBody

        return DecisionBody.objects.get(
            region__slug="zaanstreek-waterland", name="College van B&W Zaanstad"
        )

    @cached_property
    def zawa_decision(self):
        """The demo has no ZaWa decision; made here, inside the test's transaction."""
        from governance.models import Decision

        decision, _ = Decision.objects.get_or_create(
            region=self.zawa_programme.region,
            number="ZW-2020/01",
            defaults={
                "title": "Akkoord Regionaal Actieplan",
                "date": "2020-10-09",
                "route_step": self.zawa_route.steps.get(order=6),
                "body": self.zawa_route.steps.get(order=6).body,
            },
        )
        return decision

    @cached_property
    def zawa_commitment(self):
        """The demo has no ZaWa toezegging; made here, inside the test's transaction."""
        from governance.models import Commitment

        commitment, _ = Commitment.objects.get_or_create(
            region=self.zawa_programme.region,
            number="TZ-ZW-1",
            defaults={"text": "De raad ontvangt de voortgang.", "due_date": "2021-06-30"},
        )
        return commitment

    @cached_property
    def update_2b(self) -> StatusUpdate:
        """A status update by Veilig Thuis on 2B, waiting for the projectleider's review."""
        from django.contrib.auth import get_user_model

        from programmes.models import Organisation

        return StatusUpdate.objects.create(
            action=self.action_2b,
            author=get_user_model().objects.get(username="veiligthuis-zawa"),
            organisation=Organisation.objects.get(name="Veilig Thuis Zaanstreek-Waterland"),
            status="in_uitvoering",
            progress=40,
            remark="Training gegeven aan twee teams.",
        )

    @cached_property
    def zawa_risk(self):
        """A risk of ZaWa's action 2B (the demo has risks for Kennemerland and ZHZ only)."""
        from actions.models import Risk

        risk, _ = Risk.objects.get_or_create(
            programme=self.zawa_programme,
            order=1,
            defaults={"action": self.action_2b, "title": "Te weinig trainers voor MDA++"},
        )
        return risk

    # Progress reports of Zaanstreek-Waterland, one per status (made on first use).
    @cached_property
    def zawa_concept_report(self):
        from tests.monitoring.reports import make_report

        return make_report(self.zawa_programme, "concept", "2021-H2")

    @cached_property
    def zawa_final_report(self):
        from tests.monitoring.reports import make_report

        return make_report(self.zawa_programme, "definitief", "2021-H1")

    @cached_property
    def zawa_sent_report(self):
        from tests.monitoring.reports import make_report

        return make_report(self.zawa_programme, "verzonden", "2020-H2")

    # --- the national loop (issue 23) -------------------------------------------------------

    @cached_property
    def published_uitvraag(self):
        """Published for 2021-H2, the half year of `zawa_concept_report`."""
        from tests.monitoring.uitvraag import make_questionnaire

        return make_questionnaire("2021-H2")

    @cached_property
    def concept_uitvraag(self):
        from tests.monitoring.uitvraag import make_questionnaire

        return make_questionnaire("2022-H1", published=False)

    @cached_property
    def national_document(self):
        """The national regional part of 2021-H2, made (stand-in files)."""
        from django.core.files.base import ContentFile

        from monitoring.constants import GenerationState
        from monitoring.national.models import NationalDocument
        from tests.monitoring.reports import FAKE_PDF

        document = NationalDocument(period="2021-H2", state=GenerationState.DONE, progress=100)
        document.pdf.save("regionaal-deel-test.pdf", ContentFile(FAKE_PDF), save=False)
        document.docx.save("regionaal-deel-test.docx", ContentFile(b"PK stand-in"), save=False)
        document.save()
        return document

    @cached_property
    def national_line_1(self):
        from programmes.models import NationalActionLine

        return NationalActionLine.objects.get(number=1)

    @cached_property
    def building_block(self):
        from programmes.models import BuildingBlock

        return BuildingBlock.objects.get(code="2.1")
