"""The national-scale generator (`manage.py load_scale_data`, issue 14) at a tiny scale.

The test database holds the demo data (5 regions, 46 municipalities); the generator adds to
it until the totals asked for are reached.
"""

import io

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.db.models import Count

import pytest

from actions.models import Action, BudgetLine, Milestone, Risk, StatusUpdate
from governance.services import derive_programme_status
from monitoring.constants import PeriodKind
from monitoring.models import Indicator, Measurement
from programmes.constants import Role
from programmes.models import Membership, Municipality, Programme, Region

pytestmark = pytest.mark.django_db

TINY = {
    "regions": 7,
    "municipalities": 52,
    "programmes": 2,
    "actions": 4,
    "indicators": 8,
    "years": 1,
}


def _load(**options) -> str:
    out = io.StringIO()
    call_command("load_scale_data", stdout=out, **{**TINY, **options})
    return out.getvalue()


def _fingerprint():
    """Everything generated, by natural keys only (primary keys may differ between runs)."""
    return {
        "regions": sorted(Region.objects.values_list("slug", "name")),
        "municipalities": sorted(
            Municipality.objects.values_list("cbs_code", "name", "region__slug")
        ),
        "programmes": sorted(
            Programme.objects.values_list("region__slug", "title", "status", "period_start")
        ),
        "actions": sorted(
            Action.objects.values_list("programme__title", "code", "title", "status", "progress")
        ),
        "owners": sorted(
            Action.owners.through.objects.values_list("action__code", "organisation__name")
        ),
        "milestones": sorted(
            Milestone.objects.values_list(
                "programme__title", "order", "letter", "planned_year", "planned_quarter", "done_on"
            ),
            key=repr,
        ),
        "budget": sorted(
            BudgetLine.objects.values_list(
                "programme__title", "order", "funding_source__name", "kind", "amount", "realised"
            ),
            key=repr,
        ),
        "updates": sorted(
            StatusUpdate.objects.values_list(
                "action__programme__title", "action__code", "created_at", "review_status"
            )
        ),
        "measurements": sorted(
            Measurement.objects.values_list(
                "indicator__code", "municipality__cbs_code", "period_start", "value"
            ),
            key=repr,
        ),
        "users": sorted(get_user_model().objects.values_list("username", flat=True)),
    }


class _Rollback(Exception):
    pass


def _generated(**options):
    """Load, take the fingerprint, and roll everything back so the next run starts alike."""
    try:
        with transaction.atomic():
            _load(**options)
            fingerprint = _fingerprint()
            raise _Rollback
    except _Rollback:
        return fingerprint


def test_it_reaches_the_totals_asked_for_and_says_how_long_it_took():
    output = _load(seed=1)

    assert "Schaaldata geladen in" in output
    assert Region.objects.count() == 7
    assert Municipality.objects.count() == 52
    for region in Region.objects.all():
        assert region.programmes.count() >= 2, region
    # 5 demo programmes, one more in each demo region, two in each new region.
    assert Programme.objects.count() == 5 + 5 + 2 * 2
    for programme in Programme.objects.filter(region__slug__startswith="schaal-"):
        assert programme.actions.count() == 4
        assert 4 * 3 <= programme.milestones.count() <= 4 * 8
        assert programme.budget_lines.exists()
    assert Indicator.objects.count() == 8
    # 8 indicators x 52 municipalities (demo ones too) x 4 quarters.
    assert Measurement.objects.filter(period_kind=PeriodKind.QUARTER).count() == 8 * 52 * 4
    for municipality in Municipality.objects.all():
        roles = set(
            Membership.objects.filter(municipality=municipality).values_list("role", flat=True)
        )
        assert {Role.WETHOUDER, Role.RAADSLID} <= roles, municipality
    for region in Region.objects.all():
        assert Membership.objects.filter(role=Role.PROJECTLEIDER, region=region).exists()
        assert Membership.objects.filter(
            role=Role.KETENPARTNER, organisation__region=region
        ).exists()


def test_programme_status_follows_from_the_generated_routes():
    _load(seed=1)

    programmes = list(Programme.objects.all())
    assert all(derive_programme_status(p) == p.status for p in programmes)
    assert sum(p.status == "vastgesteld" for p in programmes) > len(programmes) // 2


def test_the_same_seed_gives_the_same_data_and_another_seed_other_data():
    first = _generated(seed=5)
    again = _generated(seed=5)
    other = _generated(seed=6)

    assert first == again
    assert first["measurements"] != other["measurements"]
    assert first["actions"] != other["actions"]


def test_the_demo_data_is_kept():
    zaanstad_values = list(
        Measurement.objects.filter(municipality__cbs_code="GM0479").values_list("pk", "value")
    )
    _load(seed=1)

    assert Programme.objects.filter(region__slug="zaanstreek-waterland").count() == 2
    assert get_user_model().objects.filter(username="raadslid-zaanstad").exists()
    for pk, value in zaanstad_values:
        assert Measurement.objects.get(pk=pk).value == value


def test_a_second_run_is_refused():
    _load(seed=1)

    with pytest.raises(CommandError, match="al geladen"):
        _load(seed=1)


def _per_action(programmes, relation):
    return list(
        Action.objects.filter(programme__in=programmes)
        .annotate(n=Count(relation, distinct=True))
        .values_list("n", flat=True)
    )


def test_real_density_gives_each_action_the_rows_of_a_real_plan():
    _load(seed=1, years=3)

    generated = Programme.objects.filter(region__slug__startswith="schaal-")
    milestones = _per_action(generated, "milestones")
    results = _per_action(generated, "expected_results")
    budget = _per_action(generated, "budget_lines")
    assert all(3 <= n <= 8 for n in milestones) and len(set(milestones)) > 1
    assert all(2 <= n <= 5 for n in results) and len(set(results)) > 1
    assert all(2 <= n <= 6 for n in budget) and len(set(budget)) > 1
    for programme in generated:
        assert 6 <= Risk.objects.filter(programme=programme).count() <= 10
        # An action with an owning partner has one update in every half year so far.
        start, last = programme.period_start.year, min(programme.period_end.year, 2025)
        for action in programme.actions.filter(owners__isnull=False).distinct():
            halves = {
                (u.created_at.year, u.created_at.month > 6) for u in action.status_updates.all()
            }
            assert len(halves) == 2 * (last - start + 1), action


def test_the_thin_set_stays_for_comparison():
    _load(seed=1, density="thin")

    generated = Programme.objects.filter(region__slug__startswith="schaal-")
    assert set(_per_action(generated, "milestones")) == {3}
    assert set(_per_action(generated, "expected_results")) == {2}
    assert set(_per_action(generated, "budget_lines")) == {2}
    assert not Risk.objects.filter(programme__in=generated).exists()
