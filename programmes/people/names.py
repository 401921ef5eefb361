"""How the portal names a person to others: full name and organisation, never the login."""

from collections import defaultdict
from collections.abc import Iterable

from django.contrib.auth.models import User

from ..constants import Role
from ..models import Membership


def full_name(user: User) -> str:
    """The person's first and last name; the login only when no name is known."""
    return user.get_full_name().strip() or user.get_username()


def _affiliation(membership: Membership) -> str:
    role = membership.role
    if role == Role.KETENPARTNER and membership.organisation is not None:
        return membership.organisation.name
    if role == Role.PROJECTLEIDER and membership.region is not None:
        return f"projectleider regio {membership.region.name}"
    if role in (Role.WETHOUDER, Role.RAADSLID) and membership.municipality is not None:
        return f"{membership.get_role_display().lower()} gemeente {membership.municipality.name}"
    if role == Role.RIJK:
        return "Rijk"
    return "beheerder"


def names_with_organisation(users: Iterable[User]) -> dict[int, str]:
    """ "Name (organisation)" per user id, e.g. "Anna Smit (Veilig Thuis Zaanstreek-Waterland)";
    one query for the memberships of all the users together."""
    people = {user.pk: user for user in users if user is not None}
    affiliations: dict[int, list[str]] = defaultdict(list)
    memberships = (
        Membership.objects.filter(user_id__in=people)
        .select_related("organisation", "region", "municipality")
        .order_by("role", "pk")
    )
    for membership in memberships:
        text = _affiliation(membership)
        if text not in affiliations[membership.user_id]:
            affiliations[membership.user_id].append(text)
    result = {}
    for pk, user in people.items():
        name = full_name(user)
        extra = ", ".join(affiliations.get(pk, []))
        result[pk] = f"{name} ({extra})" if extra else name
    return result
