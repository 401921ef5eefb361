import pytest

from actions.planio.services import apply_plan, export_plan, plan_changes
from actions.planio.xlsx import read_workbook, write_workbook
from tests.planio.helpers import bytes_io, empty_programme


@pytest.mark.django_db
def test_round_trip(zawa_programme):
    plan = export_plan(zawa_programme)
    data = write_workbook(plan)
    read, errors = read_workbook(bytes_io(data))
    assert errors == []
    target = empty_programme()
    changes = apply_plan(target, read)
    print(changes.created, changes.changed)
    again = export_plan(target)
    assert again.comparable() == plan.comparable()
    assert plan_changes(target, read).nothing_to_do
