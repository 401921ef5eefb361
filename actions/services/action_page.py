"""What the action page shows a user: the action with its parts, what the user may do with
it, its history and its status updates, in a number of queries that does not grow with the
data (tests/actions/test_query_counts.py lists them).

The action is fetched through `visible_to(user)`, so on this page the access rules of
`programmes.access.may` reduce to the user's scope (read once per request) and the action's
owners (loaded for the page anyway); `may_on_visible_action` says them without a query, and
tests/actions/test_action_page_rules.py proves it answers like `may` for every role.
"""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, NamedTuple

from django.db.models import F, Prefetch, prefetch_related_objects
from django.http import Http404

from programmes.access import AnyUser, scope_for
from programmes.documents.querysets import documents_json

from ..models import Action, BudgetLine, ExpectedResult, StatusUpdate
from .history import action_timeline


class Owner(NamedTuple):
    """An owning organisation as the page names it."""

    pk: int
    name: str


def action_for_page(user: AnyUser, pk: int) -> Action:
    """The action (404 outside the user's scope) with everything its page shows: programme,
    region, action line, goal, and its owners joined into the same query (one row per owner,
    in `action.owner_list`); then expected results, milestones, risks and budget lines."""
    rows = list(
        Action.objects.visible_to(user)
        .filter(pk=pk)
        .select_related("programme__region", "action_line", "goal")
        .annotate(owner_pk=F("owners__pk"), owner_name=F("owners__name"))
        # The documents panel's rows ride along (programmes/documents: no query of its own).
        .annotate(document_items=documents_json(Action))
        .order_by("owner_name", "owner_pk")
    )
    if not rows:
        raise Http404("Deze actie bestaat niet of u heeft er geen toegang toe.")
    action: Any = rows[0]  # gets `owner_list` and the lists of `_split_reported_values`
    action.owner_list = [Owner(r.owner_pk, r.owner_name) for r in rows if r.owner_pk is not None]
    prefetch_related_objects(
        [action],
        Prefetch(
            "expected_results",
            queryset=ExpectedResult.objects.annotate(
                reported_pk=F("reported_values__pk"),
                reported_update_pk=F("reported_values__update_id"),
                reported_value=F("reported_values__achieved_value"),
            ),
            to_attr="expected_result_rows",
        ),
        "milestones",
        "risks",
        Prefetch(
            "budget_lines",
            queryset=BudgetLine.objects.select_related("funding_source").order_by(
                "order", "funding_source__order"
            ),
        ),
    )
    _split_reported_values(action)
    return action


class ReportedResult(NamedTuple):
    """The achieved value of an expected result as one status update reports it."""

    expected_result: ExpectedResult
    achieved_value: Decimal


def _split_reported_values(action: Action) -> None:
    """The expected results come with the values status updates reported for them joined
    in (one row per reported value): `action.expected_result_list` (each result once, in
    order) and `action.reported_results` (per update id, in the order they were stored)."""
    results: dict[int, ExpectedResult] = {}
    reported: dict[int, list[tuple[int, ReportedResult]]] = defaultdict(list)
    for row in action.expected_result_rows:  # type: ignore[attr-defined]
        result = results.setdefault(row.pk, row)
        if row.reported_pk is not None:
            value = ReportedResult(result, row.reported_value)
            reported[row.reported_update_pk].append((row.reported_pk, value))
    action.expected_result_list = list(results.values())  # type: ignore[attr-defined]
    action.reported_results = {  # type: ignore[attr-defined]
        update_pk: [value for _, value in sorted(values)] for update_pk, values in reported.items()
    }


@dataclass(frozen=True)
class ActionRights:
    """What the user may do with an action it can see (the page's flags)."""

    edit: bool  # `may(user, action)` and `may(user, action.programme)`
    update: bool  # `may(user, action, "updatable_by")`
    review: bool  # `may(user, update, "reviewable_by")` for each update on the action


def may_on_visible_action(user: AnyUser, action: Action) -> ActionRights:
    """The access rules of `Action/Programme.editable_by`, `Action.updatable_by` and
    `StatusUpdate.reviewable_by` for one action already fetched through `visible_to(user)`:
    editing and reviewing are the region's rule (`Scope.edits_region`), posting an update is
    that or owning the action ("Door"). Reads `action.owner_list` (`action_for_page`)."""
    scope = scope_for(user)
    edits = scope.edits_region(action.programme.region_id)
    owns = any(o.pk in scope.partner_organisations for o in action.owner_list)  # type: ignore[attr-defined]
    return ActionRights(edit=edits, update=edits or owns, review=edits)


def status_update_panel(user: AnyUser, action: Action, rights: ActionRights) -> dict[str, Any]:
    """Updates on the action visible to the user, with what it may do: first the pending
    ones, oldest first (the order to review them in), then the reviewed ones, newest first.
    One query for the updates with the letters of the milestones they report done joined in
    (one row per reported milestone, in `update.reported_letters`); their achieved results
    came with the action's expected results (`update.reported_results`)."""
    rows = (
        StatusUpdate.objects.visible_to(user)
        .filter(action=action)
        .select_related("author", "organisation", "reviewed_by")
        .annotate(
            report_pk=F("milestone_reports__pk"),
            reported_letter=F("milestone_reports__milestone__letter"),
        )
        .order_by("-created_at", "-pk", "report_pk")
    )
    updates: list[Any] = []  # rows that get `can_review` and `reported_letters`
    row: Any
    for row in rows:
        if not updates or updates[-1].pk != row.pk:
            row.reported_letters = []
            row.can_review = rights.review and row.is_submitted
            updates.append(row)
        if row.report_pk is not None:
            updates[-1].reported_letters.append(row.reported_letter)
    for update in updates:
        update.reported_results = action.reported_results.get(update.pk, [])  # type: ignore[attr-defined]
    pending = [u for u in reversed(updates) if u.is_submitted]
    return {
        "updates": pending + [u for u in updates if not u.is_submitted],
        "pending_count": len(pending),
        "can_accept_all": sum(u.can_review for u in pending) > 1,
        "can_update": rights.update,
    }


def action_page(user: AnyUser, action: Action) -> dict[str, Any]:
    """The template context of the action page besides the action itself."""
    rights = may_on_visible_action(user, action)
    return {
        "can_edit": rights.edit,
        "timeline": action_timeline(action),
        "risks": action.risks.all(),
        **status_update_panel(user, action, rights),
    }
