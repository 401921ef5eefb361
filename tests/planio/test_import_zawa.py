"""The Zaanstreek-Waterland plan, as a workbook and as a Word document, into an empty
programme: exactly its 9 actions, its 33 milestone items (34 milestones: item aa is planned
in two quarters) and its finance lines."""

from decimal import Decimal

import pytest

from actions.models import Action, BudgetLine, Milestone
from actions.planio.docx import read_document
from actions.planio.services import apply_plan, check_plan, plan_changes
from actions.planio.xlsx import read_workbook
from programmes.models import ActionLine
from tests.planio.helpers import bytes_io, empty_programme
from tests.planio.sources import FIELDS, zawa_document, zawa_plan, zawa_workbook

pytestmark = pytest.mark.django_db


def _import(reader, data, programme):
    plan, errors = reader(bytes_io(data))
    assert errors == []
    assert check_plan(plan, programme) == []
    return apply_plan(programme, plan)


def _milestone_rows(programme):
    return [
        (m.letter, m.action.code if m.action else "", m.title, m.planned_year, m.planned_quarter,
         m.meeting_label)
        for m in Milestone.objects.filter(programme=programme).select_related("action")
    ]  # fmt: skip


def _expected_milestones(source):
    return [
        (m["letter"], m["action"], m["title"], m["planned_year"], m["planned_quarter"],
         m["meeting_label"])
        for m in source["milestones"]
    ]  # fmt: skip


def _budget_rows(programme, with_action=True):
    return sorted(
        (b.order, b.section, b.row_label, b.description, b.funding_source.name, b.kind, b.amount,
         b.note) + ((b.action.code if b.action else "",) if with_action else ())
        for b in BudgetLine.objects.filter(programme=programme).select_related(
            "funding_source", "action"
        )
    )  # fmt: skip


def _expected_budget(source, with_action=True):
    return sorted(
        (b["order"], b["section"], b["row_label"], b["description"], b["funding_source"],
         b["kind"], Decimal(b["amount"]) if b["amount"] else None, b["note"])
        + ((b["action"] or "",) if with_action else ())
        for b in source["budget_lines"]
    )  # fmt: skip


def _assert_actions(programme, source, summary_titles=True):
    actions = list(Action.objects.filter(programme=programme).select_related("action_line"))
    assert [a.code for a in actions] == ["1A", "1B", "2A", "2B", "2C", "2D", "3A", "3B", "4A"]
    by_code = {a.code: a for a in actions}
    for expected in source["actions"]:
        action = by_code[expected["code"]]
        assert action.title == expected["title"]
        assert action.action_line.order == expected["action_line"]
        for _, name in FIELDS:
            assert getattr(action, name) == expected[name], (expected["code"], name)
        if summary_titles:
            assert action.summary_title == expected["summary_title"]


def test_workbook_of_the_zawa_plan_creates_its_actions_milestones_and_finance_lines():
    source = zawa_plan()
    programme = empty_programme()
    changes = _import(read_workbook, zawa_workbook(), programme)

    _assert_actions(programme, source)
    assert ActionLine.objects.filter(programme=programme).count() == 4
    assert _milestone_rows(programme) == _expected_milestones(source)
    assert len({(m[0], m[2]) for m in _milestone_rows(programme)}) == 33  # printed items
    assert Milestone.objects.filter(programme=programme).count() == 34
    assert _budget_rows(programme) == _expected_budget(source)
    assert BudgetLine.objects.filter(programme=programme).count() == 39
    assert changes.created == 4 + 9 + 34 + 39 and changes.changed == 0


def test_word_document_of_the_zawa_plan_creates_its_actions_milestones_and_finance_lines():
    source = zawa_plan()
    programme = empty_programme()
    _import(read_document, zawa_document(), programme)

    _assert_actions(programme, source, summary_titles=False)
    lines = ActionLine.objects.filter(programme=programme)
    assert [(line.order, line.title) for line in lines] == [
        (line["order"], line["title"]) for line in source["action_lines"]
    ]
    assert _milestone_rows(programme) == _expected_milestones(source)
    assert Milestone.objects.filter(programme=programme).count() == 34
    # Table 3.4 only prints the row label; lines are linked to the action of their label.
    assert _budget_rows(programme, with_action=False) == _expected_budget(source, False)
    assert BudgetLine.objects.filter(programme=programme).count() == 39
    assert all(
        (b.action.code if b.action else "") == b.row_label
        for b in BudgetLine.objects.filter(programme=programme).select_related("action")
    )


@pytest.mark.parametrize(
    ("reader", "build"), [(read_workbook, zawa_workbook), (read_document, zawa_document)]
)
def test_importing_the_same_file_again_changes_nothing(reader, build):
    programme = empty_programme()
    data = build()
    _import(reader, data, programme)
    before = (
        list(Action.objects.filter(programme=programme).values()),
        list(Milestone.objects.filter(programme=programme).values()),
        list(BudgetLine.objects.filter(programme=programme).values()),
    )
    plan, _ = reader(bytes_io(data))
    check_plan(plan, programme)
    preview = plan_changes(programme, plan)
    assert preview.nothing_to_do and preview.created == preview.changed == 0
    changes = apply_plan(programme, plan)
    assert changes.nothing_to_do
    after = (
        list(Action.objects.filter(programme=programme).values()),
        list(Milestone.objects.filter(programme=programme).values()),
        list(BudgetLine.objects.filter(programme=programme).values()),
    )
    assert after == before


def test_the_demo_plan_imported_over_itself_changes_nothing(zawa_programme):
    plan, errors = read_workbook(bytes_io(zawa_workbook()))
    assert errors == [] and check_plan(plan, zawa_programme) == []
    changes = plan_changes(zawa_programme, plan)
    assert changes.nothing_to_do, [
        (c.label, c.fields) for s in changes.sections for c in s.changes if c.state != "ongewijzigd"
    ]
