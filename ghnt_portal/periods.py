"""Quarters and half years: the calendar units the programmes plan and report in."""

import datetime
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Quarter:
    year: int
    quarter: int

    @classmethod
    def of(cls, day: datetime.date) -> "Quarter":
        return cls(day.year, (day.month - 1) // 3 + 1)

    @property
    def start(self) -> datetime.date:
        return datetime.date(self.year, 3 * self.quarter - 2, 1)

    @property
    def end(self) -> datetime.date:
        if self.quarter == 4:
            return datetime.date(self.year, 12, 31)
        return datetime.date(self.year, 3 * self.quarter + 1, 1) - datetime.timedelta(days=1)

    def next(self) -> "Quarter":
        return (
            Quarter(self.year + 1, 1) if self.quarter == 4 else Quarter(self.year, self.quarter + 1)
        )

    def __str__(self) -> str:
        return f"Q{self.quarter} {self.year}"


@dataclass(frozen=True, order=True)
class HalfYear:
    year: int
    half: int

    @classmethod
    def of(cls, day: datetime.date) -> "HalfYear":
        return cls(day.year, 1 if day.month <= 6 else 2)

    @classmethod
    def parse(cls, label: str) -> "HalfYear":
        """Parse '2021-H1'; raises ValueError on anything else."""
        year, _, half = label.partition("-H")
        result = cls(int(year), int(half))
        if result.half not in (1, 2):
            raise ValueError(label)
        return result

    @property
    def start(self) -> datetime.date:
        return datetime.date(self.year, 1 if self.half == 1 else 7, 1)

    @property
    def end(self) -> datetime.date:
        return (
            datetime.date(self.year, 6, 30) if self.half == 1 else datetime.date(self.year, 12, 31)
        )

    def previous(self) -> "HalfYear":
        return HalfYear(self.year - 1, 2) if self.half == 1 else HalfYear(self.year, 1)

    @property
    def code(self) -> str:
        return f"{self.year}-H{self.half}"

    def __str__(self) -> str:
        return f"{'1e' if self.half == 1 else '2e'} halfjaar {self.year}"


# (month, day) of the half-yearly progress reports to the Rijk: on 1 October the report over
# the first half of the year, on 1 January the one over the second half of the year before.
REPORT_DATES = ((1, 1), (10, 1))


def next_report_date(today: datetime.date) -> datetime.date:
    """The first report date after today."""
    candidates = [
        datetime.date(year, month, day)
        for year in (today.year, today.year + 1)
        for month, day in REPORT_DATES
    ]
    return min(d for d in candidates if d > today)


def half_year_reported_on(report_date: datetime.date) -> HalfYear:
    """The half year a report date reports on: H1 on 1 October, H2 (of the year before) on
    1 January."""
    return HalfYear.of(report_date).previous()


def quarters_between(first: Quarter, last: Quarter) -> list[Quarter]:
    result, current = [], first
    while current <= last:
        result.append(current)
        current = current.next()
    return result
