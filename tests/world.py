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
