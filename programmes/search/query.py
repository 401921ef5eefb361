"""Searching the index as a user (or as the public): at most three queries, and a bounded
amount of work, whatever the number of hits (`search`).

Only what the user may see: an entry counts only if its record is among its source's
`visible(user)` rows (the pages' own `visible_to`), so neither a title, a snippet nor the
count reveals anything outside the user's scope. PostgreSQL searches the `search` tsvector
with the Dutch configuration (stemming: "acties" finds "actie") and ranks with ts_rank_cd;
SQLite (`make run`) looks for every word in the title or text.
"""

from __future__ import annotations

import datetime
import re
import time
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import (
    BooleanField,
    Case,
    F,
    FloatField,
    Q,
    QuerySet,
    TextField,
    Value,
    When,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Substr
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from ghnt_portal.formats import format_number
from programmes.access import AnyUser, scope_for

from .constants import CANDIDATES, PAGE_SIZE, SNIPPET_SOURCE_CHARS, SearchKind
from .models import SearchEntry
from .registry import sources

# Marks around a hit in a snippet, replaced by <mark> after escaping (never in stored text:
# the index strips them, see `_clean`).
_START, _STOP = "\x02", "\x03"
_WORD = re.compile(r"\w+", re.UNICODE)


def words(query: str) -> list[str]:
    return [w for w in _WORD.findall(query or "") if len(w) > 1][:12]


def visible_condition(user: AnyUser | None, public: bool = False) -> Q:
    """Entries of records the user may see (or, `public`, that the public pages show)."""
    condition = Q(pk__in=[])
    for source in sources():
        content_type = ContentType.objects.get_for_model(source.model)
        if public:
            if source.public is None:
                continue
            rows = source.public()
        elif source.visible_scopes is not None and source.alive is not None:
            condition |= _by_scope(content_type.pk, source, user)
            continue
        else:
            rows = source.visible(user)  # type: ignore[arg-type]
        condition |= Q(content_type_id=content_type.pk, object_id__in=rows.values("pk"))
    return condition


def _by_scope(content_type_id: int, source, user: AnyUser | None) -> Q:
    """Entries of `source` whose scope record (a document's parent) the user may see, and
    whose own record is alive: one subquery per scope model, none over the source's table
    joined to them all."""
    scopes = Q(pk__in=[])
    for model, rows in source.visible_scopes(user):
        scopes |= Q(
            scope_type_id=ContentType.objects.get_for_model(model).pk,
            scope_id__in=rows.values("pk"),
        )
    alive = source.alive().values("pk")
    return Q(content_type_id=content_type_id, object_id__in=alive) & scopes


# Compiled visibility per (user, scope, public, day): see _visible_sql.
_VISIBLE_SQL: dict[tuple, tuple[float, RawSQL | None]] = {}
_VISIBLE_SQL_SECONDS = 300
_VISIBLE_SQL_MAX = 2000


def _visible_sql(user: AnyUser | None, public: bool) -> RawSQL | None:
    """`visible_condition` compiled to SQL (None: nothing is visible), kept a few minutes per
    process. Building and compiling the dozens of subqueries of every source's `visible_to`
    costs more than the database's work on a regional search. The SQL is a function of the
    user, their scope (roles and regions: a changed membership is a new key) and the day;
    what is visible is still decided by the database on every search (the subqueries run
    each time), so nothing new ever stays hidden and nothing revoked stays visible."""
    scope = scope_for(user)
    key = (getattr(user, "pk", None), scope, public, datetime.date.today(), connection.vendor)
    now = time.monotonic()
    cached = _VISIBLE_SQL.get(key)
    if cached is not None and now - cached[0] < _VISIBLE_SQL_SECONDS:
        return cached[1]
    query = SearchEntry.objects.filter(visible_condition(user, public=public)).query
    try:
        where, params = query.get_compiler(connection=connection).compile(query.where)
        compiled: RawSQL | None = RawSQL(where or "TRUE", params, output_field=BooleanField())
    except EmptyResultSet:
        compiled = None
    if len(_VISIBLE_SQL) >= _VISIBLE_SQL_MAX:
        _VISIBLE_SQL.clear()
    _VISIBLE_SQL[key] = (now, compiled)
    return compiled


def _region_prefilter(user: AnyUser | None, public: bool) -> Q:
    """A cheap superset of what a regional user may see: entries of the regions they see
    anything of (`Region.objects.visible_to`, one query) or of no region. AND-ed with the exact
    condition it changes no result, but PostgreSQL can combine the region index with the text
    index (a BitmapAnd), so a regional user's search never reads the whole country's hits."""
    scope = scope_for(user)
    if public or user is None or scope.is_admin or scope.is_rijk:
        return Q()
    from programmes.models import Region

    regions = list(Region.objects.visible_to(user).values_list("pk", flat=True))
    return Q(region_id__in=regions) | Q(region_id__isnull=True)


def _is_postgres() -> bool:
    return connection.vendor == "postgresql"


def _tsquery_sql() -> str:
    return "websearch_to_tsquery('dutch', %s)"


def matching(query: str) -> QuerySet:
    """Entries whose title or text matches `query` (no access filter yet, no rank)."""
    terms = words(query)
    entries = SearchEntry.objects.all()
    if not terms:
        return entries.none()
    if _is_postgres():
        table = SearchEntry._meta.db_table
        hit = RawSQL(f'"{table}"."search" @@ {_tsquery_sql()}', (" ".join(terms),), BooleanField())
        return entries.alias(hit=hit).filter(hit=True)
    condition = Q()
    for term in terms:
        condition &= Q(title__icontains=term) | Q(body__icontains=term)
    return entries.filter(condition)


def title_matching(query: str) -> QuerySet:
    """Entries whose title matches `query`, through the title's own GIN index (PostgreSQL;
    migration 0010): the best candidates however many entries match in their text."""
    terms = words(query)
    entries = SearchEntry.objects.all()
    if not terms:
        return entries.none()
    if _is_postgres():
        table = SearchEntry._meta.db_table
        hit = RawSQL(
            f"to_tsvector('dutch'::regconfig, coalesce(\"{table}\".\"title\", '')) "
            f"@@ {_tsquery_sql()}",
            (" ".join(terms),),
            BooleanField(),
        )
        return entries.alias(title_hit=hit).filter(title_hit=True)
    condition = Q()
    for term in terms:
        condition &= Q(title__icontains=term)
    return entries.filter(condition)


def ranked(entries: QuerySet, query: str) -> QuerySet:
    """`entries` with their rank: ts_rank_cd on PostgreSQL, title hits first on SQLite."""
    terms = words(query)
    if _is_postgres():
        table = SearchEntry._meta.db_table
        rank = RawSQL(
            f'ts_rank_cd("{table}"."search", {_tsquery_sql()})',
            (" ".join(terms),),
            output_field=FloatField(),
        )
        return entries.annotate(rank=rank)
    title_hit = Q()
    for term in terms:
        title_hit &= Q(title__icontains=term)
    title_rank = Case(
        When(title_hit, then=Value(1.0)), default=Value(0.5), output_field=FloatField()
    )
    return entries.annotate(rank=title_rank)


@dataclass(frozen=True)
class Result:
    kind: str
    kind_label: str
    title: SafeString
    snippet: SafeString
    url: str
    region: str
    programme: str
    year: int | None


@dataclass(frozen=True)
class Page:
    results: list[Result]
    total: int  # at most CANDIDATES
    words: list[str]
    more: bool = False  # more hits than CANDIDATES: "meer dan 1.000"

    @property
    def total_label(self) -> str:
        if self.more:
            return f"meer dan {format_number(self.total)} resultaten"
        return "1 resultaat" if self.total == 1 else f"{format_number(self.total)} resultaten"


def search(
    user: AnyUser | None,
    query: str,
    *,
    kind: str = "",
    region_id: int | None = None,
    year: int | None = None,
    page: int = 1,
    public: bool = False,
) -> Page:
    """A page of results in at most three queries, whatever the number of hits: the ids of
    the first CANDIDATES + 1 visible hits (so also their count, capped), the ids of the
    visible entries whose title matches (only when the hits were capped: the best ones must
    be among those ranked), and the page itself, ranked among those candidates, with the
    snippets of its own rows only."""
    terms = words(query)
    if not terms or (not public and not scope_for(user).is_authenticated):
        return Page([], 0, terms)
    visible = _visible_sql(user, public)
    if visible is None:
        return Page([], 0, terms)
    condition = _region_prefilter(user, public) & Q(
        **{k: v for k, v in (("kind", kind), ("region_id", region_id), ("year", year)) if v}
    )
    hits = list(
        matching(query)
        .alias(visible=visible)
        .filter(condition, visible=True)
        .order_by()
        .values_list("pk", flat=True)[: CANDIDATES + 1]
    )
    if not hits:
        return Page([], 0, terms)
    more = len(hits) > CANDIDATES
    candidates = set(hits[:CANDIDATES])
    if more:
        candidates.update(
            title_matching(query)
            .alias(visible=visible)
            .filter(condition, visible=True)
            .order_by()
            .values_list("pk", flat=True)[:CANDIDATES]
        )
    start = (max(page, 1) - 1) * PAGE_SIZE
    rows = (
        _with_snippet(ranked(SearchEntry.objects.filter(pk__in=candidates), query), " ".join(terms))
        .select_related("region", "programme")
        .defer("body")
        .order_by("-rank", "-year", "title", "pk")[start : start + PAGE_SIZE]
    )
    labels = dict(SearchKind.choices)
    results = [
        Result(
            kind=row.kind,
            kind_label=labels.get(row.kind, row.kind),
            title=highlight(row.title, terms),
            snippet=_snippet_html(row.snippet, terms),
            url=(row.public_url if public else row.url),
            region=row.region.name if row.region else "",
            programme=row.programme.title if row.programme else "",
            year=row.year,
        )
        for row in rows
    ]
    return Page(results, min(len(hits), CANDIDATES), terms, more=more)


def _with_snippet(entries: QuerySet, text: str) -> QuerySet:
    if _is_postgres():
        table = SearchEntry._meta.db_table
        return entries.annotate(
            snippet=RawSQL(
                f'ts_headline(\'dutch\', left("{table}"."body", {SNIPPET_SOURCE_CHARS}), '
                f"{_tsquery_sql()}, %s)",
                (
                    text,
                    f"StartSel={_START}, StopSel={_STOP}, MaxWords=30, MinWords=12, "
                    'MaxFragments=2, FragmentDelimiter=" … "',
                ),
                output_field=TextField(),
            )
        )
    return entries.annotate(snippet=Substr(F("body"), 1, SNIPPET_SOURCE_CHARS))


def _snippet_html(raw: str, terms: list[str]) -> SafeString:
    raw = raw or ""
    if _START in raw:  # PostgreSQL marked the hits: escape everything, then mark
        escaped = escape(raw)
        return mark_safe(escaped.replace(_START, "<mark>").replace(_STOP, "</mark>"))
    # SQLite (or no hit in the body): a window around the first hit, marked in Python.
    lowered = raw.lower()
    positions = [p for t in terms if (p := lowered.find(t.lower())) >= 0]
    start = max(min(positions) - 80, 0) if positions else 0
    window = raw[start : start + 240]
    prefix = "… " if start else ""
    suffix = " …" if start + 240 < len(raw) else ""
    return mark_safe(prefix + str(highlight(window, terms)) + suffix)


def highlight(text: str, terms: list[str]) -> SafeString:
    """`text` escaped, with the words that start with a search word marked."""
    text = (text or "").replace(_START, "").replace(_STOP, "")
    if not terms:
        return mark_safe(escape(text))
    # A word's first letters, so that "acties" also marks "actie" (as the Dutch stemmer finds).
    stems = {t[: max(4, len(t) - 2)] if len(t) > 5 else t for t in terms}
    pattern = re.compile(
        "(" + "|".join(re.escape(t) for t in sorted(stems, key=len, reverse=True)) + r")\w*",
        re.IGNORECASE,
    )
    out: list[str] = []
    last = 0
    for match in pattern.finditer(text):
        out.append(escape(text[last : match.start()]))
        out.append(f"<mark>{escape(match.group())}</mark>")
        last = match.end()
    out.append(escape(text[last:]))
    return mark_safe("".join(out))
