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


@pytest.mark.django_db
def test_docx_round_trip(zawa_programme):
    from actions.planio.docx import read_document, write_document

    plan = export_plan(zawa_programme)
    data = write_document(zawa_programme, plan)
    open("/tmp/plan-zawa.docx", "wb").write(data)
    read, errors = read_document(bytes_io(data))
    assert errors == []
    target = empty_programme()
    apply_plan(target, read)
    again = export_plan(target)
    a, b = again.comparable(), plan.comparable()
    for act in b["actions"]:
        act["summary_title"] = ""
    assert a["actions"] == b["actions"]
    assert a["lines"] == b["lines"]
    assert a["milestones"] == b["milestones"]
    assert a["budget"] == b["budget"]
