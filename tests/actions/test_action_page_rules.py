"""The action page decides edit, update and review rights from the scope without a query;
it must answer exactly like the access chokepoint `may` for every role."""

import pytest

from actions.models import Action
from actions.services.action_page import action_for_page, may_on_visible_action
from programmes.access import may
from tests.world import World

pytestmark = pytest.mark.django_db

ROLES = [
    "projectleider",
    "other_projectleider",
    "veiligthuis",
    "politie",
    "wethouder",
    "raadslid",
    "rijk",
    "beheerder",
]


@pytest.mark.parametrize("role", ROLES)
def test_page_rights_agree_with_may(role, request):
    user = request.getfixturevalue(role)
    world = World()
    update = world.update_2b  # a submitted update, to review
    checked = 0
    for pk in (world.action_2b.pk, world.action_2d.pk, world.kennemerland_action.pk):
        if not Action.objects.visible_to(user).filter(pk=pk).exists():
            continue
        action = action_for_page(user, pk)
        rights = may_on_visible_action(user, action)
        assert rights.edit == may(user, action) == may(user, action.programme)
        assert rights.update == may(user, action, "updatable_by")
        if pk == update.action_id:
            assert rights.review == may(user, update, "reviewable_by")
        checked += 1
    assert checked  # every role sees at least one of these actions
