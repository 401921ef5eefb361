"""The digest of a verzonden report: the few keys the national picture and the answers side
by side read, taken once out of the report's frozen snapshot and texts (a whole snapshot is
about 180 KB of JSON at real density; reading and decoding 80 of them took most of a
second). Made when the report is sent (`on_report_saved`), or, for a report sent before
digests existed, the first time the picture meets it. A report never changes once sent
(reports/freeze.py and its triggers), so a digest is never recomputed.
"""

from __future__ import annotations

import logging
from typing import Any

from django.db import transaction
from django.db.models import F

from actions.constants import Judgement
from ghnt_portal.periods import HalfYear

from ..constants import ReportStatus
from ..models import ProgressReport
from .models import SentDigest

log = logging.getLogger(__name__)


def build(
    half: HalfYear, action_lines: list | None, texts: dict[str, Any] | None
) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """(actions, uitvraag) of one report, from its snapshot's action lines and its texts."""
    texts = texts or {}
    explanations = texts.get("actions") or {}
    start, end = half.start.isoformat(), half.end.isoformat()
    actions = []
    for line in action_lines or []:
        for action in line.get("actions", []):
            explanation = explanations.get(action["code"]) or {}
            judgement = explanation.get("judgement", "")
            actions.append(
                {
                    "code": action["code"],
                    "title": action["title"],
                    "status": action["status"],
                    "judgement": judgement,
                    # Only the regionale route ("op schema") shows the region's words.
                    "explanation": explanation.get("remark", "")
                    if judgement == Judgement.ON_SCHEDULE
                    else "",
                    "done": sum(
                        1
                        for m in action.get("milestones", [])
                        if m.get("done_on") and start <= m["done_on"] <= end
                    ),
                    "risks": [
                        {"title": r.get("title", ""), "measure": r.get("measure", "")}
                        for r in action.get("risks", [])
                    ],
                }
            )
    sheet = texts.get("uitvraag") or {}
    uitvraag = {
        "questionnaire": sheet.get("questionnaire"),
        "values": {
            qid: answer.get("value", "")
            for qid, answer in (sheet.get("answers") or {}).items()
            if answer.get("value")
        },
    }
    return actions, uitvraag


def make(report_ids: list[int]) -> dict[int, SentDigest]:
    """Digests of these verzonden reports, made from their snapshots and stored (two
    queries; a digest another request stored meanwhile is kept)."""
    rows = ProgressReport.objects.filter(pk__in=report_ids, status=ReportStatus.SENT).values(
        "pk", "period", "snapshot__action_lines", "texts"
    )
    made = {}
    for row in rows:
        actions, uitvraag = build(
            HalfYear.parse(row["period"]), row["snapshot__action_lines"], row["texts"]
        )
        made[row["pk"]] = SentDigest(report_id=row["pk"], actions=actions, uitvraag=uitvraag)
    SentDigest.objects.bulk_create(made.values(), ignore_conflicts=True)
    return made


def latest_sent(period: str, part: str) -> list[dict[str, Any]]:
    """The latest verzonden report of every programme for the half year, with its region
    and one part of its digest (`part`: "actions" or "uitvraag", under the key "part"), in
    the order they were sent. One query, and two more only when a report has no digest
    yet."""
    assert part in ("actions", "uitvraag")
    rows = (
        ProgressReport.objects.filter(period=period, status=ReportStatus.SENT)
        .order_by("programme_id", "-version")
        .values(
            "pk",
            "programme_id",
            "sent_at",
            "programme__region_id",
            "programme__region__name",
            "programme__region__slug",
            part=F(f"national_digest__{part}"),
        )
    )
    latest: dict[int, dict[str, Any]] = {}
    for row in rows:
        latest.setdefault(row["programme_id"], dict(row))
    missing = [r["pk"] for r in latest.values() if r["part"] is None]
    if missing:
        made = make(missing)
        for entry in latest.values():
            if entry["pk"] in made:
                entry["part"] = getattr(made[entry["pk"]], part)
    return sorted(latest.values(), key=lambda r: (r["sent_at"], r["pk"]))


def on_report_saved(sender, instance: ProgressReport, **kwargs) -> None:
    """post_save: a report that has just been sent gets its digest once the send commits
    (a failure here never undoes a send; the picture would make it later)."""
    if instance.status != ReportStatus.SENT:
        return
    report_id = instance.pk

    def store() -> None:
        try:
            if not SentDigest.objects.filter(report_id=report_id).exists():
                make([report_id])
        except Exception:
            log.exception("Uittreksel van rapportage %s niet gemaakt", report_id)

    transaction.on_commit(store)
