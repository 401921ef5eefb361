"""Demo data, monitoring's part: indicators and the regions' measurements (see
ghnt_portal/demo.py for the order)."""

from pathlib import Path

from ghnt_portal.demo import dec, read, upsert

from .models import ImportBatch, Indicator, Measurement, ProgressReport


def portal_work() -> dict[str, int]:
    """What users did in monitoring (ghnt_portal/demo.py)."""
    return {
        "voortgangsrapportages": ProgressReport.objects.count(),
        "imports van meetgegevens": ImportBatch.objects.count(),
    }


def load_reference(fixtures_dir: Path) -> None:
    for row in read(fixtures_dir / "indicators.json"):
        upsert(Indicator, {"code": row["code"]}, {k: v for k, v in row.items() if k != "code"})


def load_region(data: dict, context: dict) -> None:
    indicators = {i.code: i for i in Indicator.objects.all()}
    for m in data.get("measurements", []):
        area = (
            {"municipality": context["municipalities"][m["municipality"]]}
            if m.get("municipality")
            else {"region": context["region"]}
        )
        upsert(
            Measurement,
            {
                "indicator": indicators[m["indicator"]],
                "period_start": m["period_start"],
                "period_end": m["period_end"],
                **area,
            },
            {
                "period_kind": m["period_kind"],
                "period_label": m.get("period_label", ""),
                "value": dec(m["value"]),
                "note": m.get("note", ""),
                "source_stated_change": dec(m["source_stated_change"])
                if m.get("source_stated_change") is not None
                else None,
            },
        )
