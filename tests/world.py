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
