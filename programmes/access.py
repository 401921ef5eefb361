"""Who may see and change what: the one place that reads a user's memberships.

Querysets call `scope_for(user)` in their `visible_to` / `editable_by` methods; views
start from those querysets, so an object outside a user's scope answers 404.
"""

from dataclasses import dataclass, field
from typing import TypeVar

from django.apps import apps
from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied
from django.db.models import Model, Q, QuerySet
from django.shortcuts import get_object_or_404

from ghnt_portal.observability import context as log_context

from .constants import Role

M = TypeVar("M", bound=Model)

# A request's user: a signed-in account or the anonymous user.
AnyUser = User | AnonymousUser


@dataclass(frozen=True)
class Scope:
    is_authenticated: bool = False
    is_admin: bool = False
    is_rijk: bool = False
    projectleider_regions: frozenset[int] = field(default_factory=frozenset)
    partner_organisations: frozenset[int] = field(default_factory=frozenset)
    wethouder_regions: frozenset[int] = field(default_factory=frozenset)
    raadslid_regions: frozenset[int] = field(default_factory=frozenset)
    municipalities: frozenset[int] = field(default_factory=frozenset)

    @property
    def reader_regions(self) -> frozenset[int]:
        """Regions whose published programmes the user may read (wethouder, raadslid)."""
        return self.wethouder_regions | self.raadslid_regions

    @property
    def roles(self) -> set[str]:
        roles: set[str] = set()
        if self.is_admin:
            roles.add(Role.BEHEERDER)
        if self.is_rijk:
            roles.add(Role.RIJK)
        if self.projectleider_regions:
            roles.add(Role.PROJECTLEIDER)
        if self.partner_organisations:
            roles.add(Role.KETENPARTNER)
        if self.wethouder_regions:
            roles.add(Role.WETHOUDER)
        if self.raadslid_regions:
            roles.add(Role.RAADSLID)
        return roles

    @property
    def member_regions(self) -> frozenset[int]:
        """Regions the user has a regional role in (projectleider, wethouder, raadslid)."""
        return self.projectleider_regions | self.reader_regions

    # The rule "who changes a region's records" (programmes, actions, governance): the
    # beheerder everywhere, a projectleider in their own region(s). Once for one region (no
    # query), once as a queryset condition on the record's region field.
    def edits_region(self, region_id: int) -> bool:
        return self.is_admin or region_id in self.projectleider_regions

    def edits_region_q(self, region_field: str = "region_id") -> Q:
        if self.is_admin:
            return Q()
        return Q(**{f"{region_field}__in": self.projectleider_regions})


ANONYMOUS = Scope()


def scope_for(user: AnyUser | None) -> Scope:
    """The user's scope, read once per user object (one query) and cached on it."""
    if user is None or not user.is_authenticated or not user.is_active:
        return ANONYMOUS
    cached = getattr(user, "_ghnt_scope", None)
    if cached is not None:
        return cached
    Membership = apps.get_model("programmes", "Membership")  # models import this module
    pl, orgs, weth, raad, munis = set(), set(), set(), set(), set()
    is_admin, is_rijk = user.is_superuser, False
    rows = Membership.objects.filter(user=user).values_list(
        "role", "region_id", "organisation_id", "municipality_id", "municipality__region_id"
    )
    for role, region_id, organisation_id, municipality_id, muni_region_id in rows:
        if role == Role.BEHEERDER:
            is_admin = True
        elif role == Role.RIJK:
            is_rijk = True
        elif role == Role.PROJECTLEIDER:
            pl.add(region_id)
        elif role == Role.KETENPARTNER:
            orgs.add(organisation_id)
        elif role == Role.WETHOUDER:
            weth.add(muni_region_id)
            munis.add(municipality_id)
        elif role == Role.RAADSLID:
            raad.add(muni_region_id)
            munis.add(municipality_id)
    scope = Scope(
        is_authenticated=True,
        is_admin=is_admin,
        is_rijk=is_rijk,
        projectleider_regions=frozenset(pl),
        partner_organisations=frozenset(orgs),
        wethouder_regions=frozenset(weth),
        raadslid_regions=frozenset(raad),
        municipalities=frozenset(munis),
    )
    vars(user)["_ghnt_scope"] = scope  # cached on this user object only
    return scope


# The queryset methods that say what a user may do with an object: change it (every model),
# post a status update on it (actions), accept or return it (status updates).
PERMISSIONS = frozenset({"editable_by", "updatable_by", "reviewable_by"})


def may(user: AnyUser, obj: Model, permission: str = "editable_by") -> bool:
    """Whether `user` may do `permission` to `obj`: the object is among its model's
    `<permission>(user)` queryset. The one place the "may change" rule is asked (one query)."""
    if permission not in PERMISSIONS:
        raise ValueError(f"unknown permission {permission!r}")
    allowed = getattr(type(obj)._default_manager, permission)(user)
    return bool(allowed.filter(pk=obj.pk).exists())


def require(user: AnyUser, obj: Model, message: str = "", permission: str = "editable_by") -> None:
    """403 (with `message`) unless `user` may do `permission` to `obj`."""
    if not may(user, obj, permission):
        raise PermissionDenied(message or None)


def get_visible_or_404(queryset: QuerySet[M], user: AnyUser, **lookup) -> M:
    """The object if `user` may see it; 404 otherwise (its existence is not revealed)."""
    obj = get_object_or_404(queryset.visible_to(user), **lookup)  # type: ignore[attr-defined]
    _note_region(obj)
    return obj


def _note_region(obj: Model) -> None:
    """The request's log lines name the region of what it shows (its id: no extra query)."""
    region_id = obj.pk if obj._meta.model_name == "region" else getattr(obj, "region_id", None)
    if region_id:
        log_context.update(region=region_id)


def get_editable_or_403(
    queryset: QuerySet[M],
    user: AnyUser,
    message: str = "",
    permission: str = "editable_by",
    **lookup,
) -> M:
    """The one chokepoint for "fetch for editing": 404 if the user cannot see the object,
    403 (with `message`) if they can see it but may not change it (or post an update on it,
    or review it: `permission`)."""
    obj = get_visible_or_404(queryset, user, **lookup)
    require(user, obj, message, permission)
    return obj


# --- signing in (used by ghnt_portal.accounts through settings, so that lower layer does not
# import this app) ---------------------------------------------------------------------------


def has_portal_access(user) -> bool:
    """A signed-in user may use the portal once a beheerder gave them a role (a membership),
    or made them staff. Until then (e.g. a new single sign-on user) they see "no access"."""
    if user.is_superuser or user.is_staff:
        return True
    return bool(scope_for(user).roles)


def requires_second_factor(user) -> bool:
    """Projectleiders and beheerders (superusers and staff, who reach the admin, too) must
    sign in with a second factor; for the other roles it is optional."""
    if user.is_superuser or user.is_staff:
        return True
    scope = scope_for(user)
    return scope.is_admin or bool(scope.projectleider_regions)
