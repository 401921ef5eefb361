"""Searching the index as a user (or as the public): one query for the page of results and
one for their number, whatever the number of hits.

Only what the user may see: an entry counts only if its record is among its source's
`visible(user)` rows (the pages' own `visible_to`), so neither a title, a snippet nor the
count reveals anything outside the user's scope. PostgreSQL searches the `search` tsvector
with the Dutch configuration (stemming: "acties" finds "actie") and ranks with ts_rank_cd;
SQLite (`make run`) looks for every word in the title or text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
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

from programmes.access import AnyUser, scope_for

from .constants import PAGE_SIZE, SNIPPET_SOURCE_CHARS, SearchKind
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
        if public:
            if source.public is None:
                continue
            rows = source.public()
        else:
            rows = source.visible(user)  # type: ignore[arg-type]
        content_type = ContentType.objects.get_for_model(source.model)
        condition |= Q(content_type_id=content_type.pk, object_id__in=rows.values("pk"))
    return condition


def _is_postgres() -> bool:
    return connection.vendor == "postgresql"


def _tsquery_sql() -> str:
    return "websearch_to_tsquery('dutch', %s)"


def matching(query: str) -> QuerySet:
    """Entries whose text matches `query`, ranked (no access filter yet)."""
    terms = words(query)
    entries = SearchEntry.objects.all()
    if not terms:
        return entries.none()
    text = " ".join(terms)
    if _is_postgres():
        table = SearchEntry._meta.db_table
        hit = RawSQL(
            f'"{table}"."search" @@ {_tsquery_sql()}', (text,), output_field=BooleanField()
        )
        rank = RawSQL(
            f'ts_rank_cd("{table}"."search", {_tsquery_sql()})', (text,), output_field=FloatField()
        )
        return entries.alias(hit=hit).filter(hit=True).annotate(rank=rank)
    condition = Q()
    for term in terms:
        condition &= Q(title__icontains=term) | Q(body__icontains=term)
    title_hit = Q()
    for term in terms:
        title_hit &= Q(title__icontains=term)
    title_rank = Case(
        When(title_hit, then=Value(1.0)), default=Value(0.5), output_field=FloatField()
    )
    return entries.filter(condition).annotate(rank=title_rank)


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
    total: int
    words: list[str]


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
    terms = words(query)
    if not terms or (not public and not scope_for(user).is_authenticated):
        return Page([], 0, terms)
    entries = matching(query).filter(visible_condition(user, public=public))
    if kind:
        entries = entries.filter(kind=kind)
    if region_id:
        entries = entries.filter(region_id=region_id)
    if year:
        entries = entries.filter(year=year)
    total = entries.count()
    start = (max(page, 1) - 1) * PAGE_SIZE
    rows = (
        _with_snippet(entries, " ".join(terms))
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
    return Page(results, total, terms)


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
