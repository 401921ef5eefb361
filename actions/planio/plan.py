"""The plan as plain data: what a workbook or a Word document says, before it touches the
database. Every row remembers where it came from (sheet, row, column) so an error can name
the cell. Everything here is JSON-serialisable (it travels signed between preview and
confirm)."""

import re
from dataclasses import asdict, dataclass, field
from decimal import Decimal, InvalidOperation

from ..constants import BudgetKind

# The rows of an action table, as in the Zaanstreek-Waterland plan, and the Action field
# each one fills. "Resultaten" and "Resultaten en effecten" are both accepted.
ACTION_TEXT_FIELDS = [
    ("Wat", "wat"),
    ("Doel", "doel"),
    ("Hoe", "hoe"),
    ("Door", "door"),
    ("Wanneer", "wanneer"),
    ("Resultaten en effecten", "resultaten"),
    ("Kosten", "kosten"),
]


@dataclass
class CellError:
    sheet: str  # sheet name, or the part of the Word document ("Tabel 3")
    row: int | None
    column: str  # column letter or heading
    message: str

    def as_dict(self) -> dict:
        return asdict(self)

    def __str__(self):
        where = self.sheet
        if self.row:
            where += f", rij {self.row}"
        if self.column:
            where += f", kolom {self.column}"
        return f"{where}: {self.message}"


@dataclass
class Loc:
    sheet: str
    row: int | None
    columns: dict[str, str] = field(default_factory=dict)  # field name -> column label

    def error(self, field_name: str, message: str) -> CellError:
        return CellError(self.sheet, self.row, self.columns.get(field_name, ""), message)


@dataclass
class LineRow:
    order: int
    title: str
    is_national: bool = True
    description: str = ""
    loc: Loc | None = None


@dataclass
class ActionRow:
    code: str
    line: int | None  # action line number (order)
    title: str
    summary_title: str | None = ""  # None: the source does not say (a Word action table)
    wat: str = ""
    doel: str = ""
    hoe: str = ""
    door: str = ""
    wanneer: str = ""
    resultaten: str = ""
    kosten: str = ""
    # Codes of national bouwstenen ("1.1, 2.3"); None: the file has no such column.
    building_blocks: str | None = None
    loc: Loc | None = None

    def building_block_codes(self) -> list[str]:
        return [c for c in re.split(r"[,;\s]+", self.building_blocks or "") if c]


@dataclass
class MilestoneRow:
    letter: str
    action: str  # action code, "" for none
    title: str
    year: int | None = None
    quarter: int | None = None
    meeting_label: str = ""
    loc: Loc | None = None


@dataclass
class BudgetRow:
    order: int  # the row of the finance table; cells of one row share it
    description: str
    funding_source: str
    kind: str  # BudgetKind
    amount: Decimal | None = None
    section: str = ""
    row_label: str = ""
    action: str = ""  # code of the action it funds, "" for none
    year: int | None = None
    is_estimate: bool = False
    note: str = ""
    loc: Loc | None = None


@dataclass
class Plan:
    lines: list[LineRow] = field(default_factory=list)
    actions: list[ActionRow] = field(default_factory=list)
    milestones: list[MilestoneRow] = field(default_factory=list)
    budget: list[BudgetRow] = field(default_factory=list)

    def to_json(self) -> dict:
        def rows(items):
            out = []
            for item in items:
                d = asdict(item)
                if "amount" in d and d["amount"] is not None:
                    d["amount"] = str(d["amount"])
                out.append(d)
            return out

        return {
            "lines": rows(self.lines),
            "actions": rows(self.actions),
            "milestones": rows(self.milestones),
            "budget": rows(self.budget),
        }

    @classmethod
    def from_json(cls, data: dict) -> "Plan":
        def loc(d):
            return Loc(**d) if d else None

        def build(klass, d):
            d = dict(d)
            d["loc"] = loc(d.get("loc"))
            if klass is BudgetRow and d.get("amount") is not None:
                d["amount"] = Decimal(d["amount"])
            return klass(**d)

        return cls(
            lines=[build(LineRow, d) for d in data.get("lines", [])],
            actions=[build(ActionRow, d) for d in data.get("actions", [])],
            milestones=[build(MilestoneRow, d) for d in data.get("milestones", [])],
            budget=[build(BudgetRow, d) for d in data.get("budget", [])],
        )

    def comparable(self) -> dict:
        """The plan without locations: two plans that say the same compare equal."""
        data = self.to_json()
        for rows in data.values():
            for row in rows:
                row.pop("loc", None)
        return data


# --- cell parsing, shared by the workbook and the Word reader ------------------------------


class CellValueError(ValueError):
    """A cell that cannot be read; the message is Dutch and says what is expected."""


def text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).replace("\r\n", "\n").strip()


QUARTER_PATTERNS = [
    re.compile(r"^[QK]\s*([1-4])\s*[-/ ]?\s*(\d{4})$", re.I),  # Q1 2021, K1-2021
    re.compile(r"^(\d{4})\s*[-/ ]?\s*[QK]\s*([1-4])$", re.I),  # 2021-Q1, 2021 K1
]


def parse_quarter(value) -> tuple[int | None, int | None]:
    raw = text(value)
    if not raw:
        return None, None
    m = QUARTER_PATTERNS[0].match(raw)
    if m:
        return int(m.group(2)), int(m.group(1))
    m = QUARTER_PATTERNS[1].match(raw)
    if m:
        return int(m.group(1)), int(m.group(2))
    raise CellValueError(
        f"'{raw}' is geen kwartaal: schrijf bijvoorbeeld Q1 2021 (kwartaal 1 tot en met 4)."
    )


def quarter_label(year: int | None, quarter: int | None) -> str:
    return f"Q{quarter} {year}" if year and quarter else ""


def parse_int(value, what: str, low: int = 0, high: int = 32767) -> int | None:
    raw = text(value)
    if not raw:
        return None
    try:
        number = int(raw)
    except ValueError:
        raise CellValueError(f"'{raw}' is geen geheel getal ({what}).") from None
    if not low <= number <= high:
        raise CellValueError(f"{what} moet tussen {low} en {high} liggen, niet {number}.")
    return number


def parse_bool(value, default: bool = False) -> bool:
    raw = text(value).lower()
    if not raw:
        return default
    if raw in ("ja", "j", "yes", "y", "true", "waar", "1", "x"):
        return True
    if raw in ("nee", "n", "no", "false", "onwaar", "0"):
        return False
    raise CellValueError(f"'{text(value)}' is geen ja of nee.")


AMOUNT_RE = re.compile(r"^-?\d[\d.,]*$")


def parse_decimal(raw: str) -> Decimal:
    """A Dutch or plain amount: 12.500 / 12.500,00 / 12500 / 12500.5 / € 2.500,="""
    s = raw.replace("€", "").replace(" ", "").replace("\u00a0", "").rstrip("=-").rstrip(",")
    if not AMOUNT_RE.match(s):
        raise CellValueError(f"'{raw}' is geen bedrag.")
    if "," in s:
        s = s.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"-?\d{1,3}(\.\d{3})+", s):
        s = s.replace(".", "")
    try:
        return Decimal(s).quantize(Decimal("0.01"))
    except InvalidOperation:
        raise CellValueError(f"'{raw}' is geen bedrag.") from None


CAPACITY_WORDS = ("capaciteit", "cap")
PM_WORDS = ("p.m.", "pm", "pro memorie")


def parse_amount_cell(value) -> tuple[str, Decimal | None]:
    """A workbook's "Bedrag / cap / pm" cell -> (kind, amount)."""
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        amount = Decimal(str(value)).quantize(Decimal("0.01"))
    else:
        raw = text(value)
        low = raw.lower()
        if not raw:
            raise CellValueError("Vul een bedrag in, of cap (capaciteit) of pm (pro memorie).")
        if low in CAPACITY_WORDS:
            return BudgetKind.CAPACITY, None
        if low in PM_WORDS:
            return BudgetKind.PRO_MEMORIE, None
        try:
            amount = parse_decimal(raw)
        except CellValueError:
            raise CellValueError(
                f"'{raw}' is geen bedrag, en ook niet cap (capaciteit) of pm (pro memorie)."
            ) from None
    if amount < 0:
        raise CellValueError("Een bedrag kan niet negatief zijn.")
    if amount >= Decimal("10000000000"):
        raise CellValueError("Dit bedrag is te groot (meer dan tien miljard).")
    return BudgetKind.AMOUNT, amount


def format_amount(amount: Decimal) -> str:
    """€ 12.500 or € 8.712,50, as a Dutch plan prints it."""
    whole = amount == amount.to_integral_value()
    formatted = f"{amount:,.0f}" if whole else f"{amount:,.2f}"
    formatted = formatted.replace(",", "_").replace(".", ",").replace("_", ".")
    return f"€ {formatted}"


def amount_cell(row: BudgetRow):
    if row.kind == BudgetKind.CAPACITY:
        return "cap"
    if row.kind == BudgetKind.PRO_MEMORIE:
        return "pm"
    return row.amount
