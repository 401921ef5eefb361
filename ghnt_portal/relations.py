"""Reaching a model across a relation without importing it.

The apps form layers (see ARCHITECTURE.md): a lower app never imports a higher one. Where a
lower app's page lists records of a higher app that point at it (a meeting's milestones, the
actions fulfilling a toezegging), it follows the reverse side of the higher app's relation:
`model_across(Meeting, "milestones")` is the Milestone model, found through Django's model
registry, and its own `visible_to(user)` scopes the rows as everywhere else. Querysets use
it for sibling models too (the models module imports the querysets module, not the reverse).
"""

from typing import Any

from django.db.models import Model


def model_across(model: type[Model], accessor: str) -> Any:
    """The model on the other side of `model`'s relation `accessor` (typed Any: the lower
    app does not know the higher app's class, only its chokepoint methods)."""
    related = model._meta.get_field(accessor).related_model
    if related is None or isinstance(related, str):
        raise LookupError(f"{model.__name__}.{accessor} is not a resolved relation")
    return related
