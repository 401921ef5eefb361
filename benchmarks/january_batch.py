"""The January batch on real Celery workers, per worker layout, with the speed-up.

    CELERY_BROKER_URL=$TEST_REDIS_URL .venv/bin/python benchmarks/january_batch.py \
        [--layouts 1,2,2x1] [--limit 12] [--january 2026-01-01]

On the configured database (`make bench` runs the same inside benchmarks/measure.py, step
"batch"). Per layout ("1": one worker node with one process, "2": one node with two, "2x1":
two worker nodes of one process each, as two machines would run them) it starts the
workers, queues the batch as the beat does (one outbox task per adopted programme of the
half year; `--limit`: the first N only), waits until every report is made and prints the
wall time, the CPU time of the workers' processes and the speed-up against one process.

The tasks are `acks_late` with a prefetch of one (settings: CELERY_TASK_ACKS_LATE,
CELERY_WORKER_PREFETCH_MULTIPLIER; tests/ops/test_celery_settings.py): a process takes the
next report only when it has finished one, so a long report never holds others back in a
busy process's queue. The machine is shared: read the CPU seconds and the load average next
to the wall time.
"""

import argparse
import datetime
import json
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks import measure  # noqa: E402  (sets up Django)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--layouts", default="1,2,2x1")
    parser.add_argument("--limit", type=int, help="only the first N programmes")
    parser.add_argument("--january", default="2026-01-01")
    parser.add_argument("--timeout", type=float, default=3600)
    parser.add_argument("--out", help="JSON file for the figures")
    args = parser.parse_args()
    if not os.environ.get("CELERY_BROKER_URL"):
        raise SystemExit("Set CELERY_BROKER_URL (a Redis URL): the workers need a broker.")
    january = datetime.date.fromisoformat(args.january)
    logs = Path(tempfile.mkdtemp(prefix="january-batch-"))
    runs = measure.batch_runs(
        args.layouts.split(","), january, args.timeout, logs, "batch", args.limit
    )
    speed = measure.speed_ups(runs)
    for layout, r in runs.items():
        nodes, processes = measure.batch_layout(layout)
        print(
            f"{nodes} node(s) x {processes} process(es): {r['reports_made']}/{r['programmes']} "
            f"reports in {r['seconds']} s ({r['seconds_per_report']} s each), CPU "
            f"{r['cpu_seconds']} s, load {r['load_average_during']}, pages min/median/max "
            f"{r.get('pages_min_median_max')}; speed-up against 1 process: "
            f"{speed.get(layout, '-')}x"
        )
    if args.out:
        Path(args.out).write_text(json.dumps({"runs": runs, "speed_up": speed}, indent=2))
    print(f"worker logs in {logs}")


if __name__ == "__main__":
    main()
