"""Named objects of the demo data that tests (and the access matrix) refer to."""

from functools import cached_property

from actions.models import Action, Milestone
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
