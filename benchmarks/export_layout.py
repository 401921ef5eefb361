"""What the print layout of an xlsx export costs: the all-region action list's shape (8
columns, a title of up to 120 characters) written and saved with and without
`ghnt_portal.exports.lay_out_table`, in turns. CPU time of this process, so that other work
on the machine does not count.

    .venv/bin/python benchmarks/export_layout.py [--rows 6000] [--runs 5]

Needs no database: the rows are made up, as long as a national export's.
"""

import argparse
import io
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ghnt_portal.exports import lay_out_table, new_workbook, write_rows  # noqa: E402

HEADERS = ["Programma", "Code", "Titel", "Actielijn", "Eigenaren", "Status", "Voortgang (%)",
           "Mijlpalen te laat"]  # fmt: skip
WORDS = "huiselijk geweld aanpak regio ketenpartners veilig thuis training signalen".split()


def rows(count: int, seed: int = 1) -> list[list]:
    rnd = random.Random(seed)
    return [
        [
            f"Regio {i % 35}",
            f"{i % 9 + 1}{chr(65 + i % 6)}",
            " ".join(rnd.choice(WORDS) for _ in range(rnd.randint(3, 14))),
            "Eerder en beter in beeld",
            "Gemeente Zaanstad, Veilig Thuis",
            rnd.choice(["Gepland", "In uitvoering", "Vertraagd", "Afgerond"]),
            rnd.randint(0, 100),
            rnd.randint(0, 3),
        ]
        for i in range(count)
    ]


LAYOUT: list[float] = []  # the time inside lay_out_table alone, per laid-out run


def export(data: list[list], laid_out: bool) -> int:
    workbook = new_workbook("Acties")
    sheet = workbook.active
    write_rows(sheet, [HEADERS, *data])
    if laid_out:
        started = time.process_time()
        lay_out_table(sheet)
        LAYOUT.append(time.process_time() - started)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return len(buffer.getvalue())


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=6000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    data = rows(args.rows)
    times: dict[bool, list[float]] = {False: [], True: []}
    sizes = {}
    export(data[:10], True)  # imports and first-use costs out of the way
    LAYOUT.clear()
    for run in range(1, args.runs + 1):
        for laid_out in (False, True):
            started = time.process_time()
            sizes[laid_out] = export(data, laid_out)
            times[laid_out].append(time.process_time() - started)
        print(f"  run {run}: plain {times[False][-1]:.2f} s, laid out {times[True][-1]:.2f} s")
    plain, laid = statistics.median(times[False]), statistics.median(times[True])
    print(
        f"{args.rows} rows: median plain {plain:.2f} s ({sizes[False] // 1024} KiB), laid out "
        f"{laid:.2f} s ({sizes[True] // 1024} KiB), {laid - plain:+.2f} s "
        f"({laid / plain - 1:+.0%}); lay_out_table itself {statistics.median(LAYOUT):.3f} s"
    )


if __name__ == "__main__":
    main()
