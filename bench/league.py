"""The full league table at national scale, against a plain SQL GROUP BY in the same run.

    .venv/bin/python bench/league.py [--councils 400] [--respondents 50] [--database FILE]

Makes (or reuses) a database with `collab demo --councils N --respondents R`, then times:
- baseline: one SQL GROUP BY averaging every answer per council and item;
- the full league: reading every submitted answer, scoring every council (section 3),
  respondents' own indices, ranks with 1000 empirical-Bayes draws, funnel limits, peer
  statistics per type, barrier shares and Cronbach's alpha;
- a second request for the same round, answered from the cache;
- the cache after one more submission (recomputed).
Prints figures and the ratio to the baseline; asserts nothing.
"""

from __future__ import annotations

import argparse
import itertools
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BIN = Path(sys.executable).parent


# Run as a script, bench/ comes first on sys.path and bench/reports.py would hide the
# `reports` package; drop the folder.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]


def timed(function, repeat: int) -> tuple[float, object]:
    times = []
    result = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--councils", type=int, default=400)
    parser.add_argument("--respondents", type=int, default=50)
    parser.add_argument("--database", help="reuse this database (made if missing)")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    database = Path(args.database or Path(tempfile.mkdtemp()) / "league.sqlite")
    env = {**os.environ, "COLLAB_DATABASE": str(database)}
    start = time.perf_counter()
    subprocess.run(
        [
            BIN / "collab",
            "demo",
            "--councils",
            str(args.councils),
            "--respondents",
            str(args.respondents),
        ],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    made = time.perf_counter() - start

    os.environ["COLLAB_DATABASE"] = str(database)
    from survey import create_app
    from survey.db import get_store
    from survey.round_cache import round_results

    app = create_app()
    versions = app.extensions["instruments"]
    with app.app_context():
        store = get_store()
        answers = store.db.execute(
            "SELECT count(*) FROM answers a JOIN responses r ON r.id = a.response_id"
            " WHERE r.round_slug = 'demo-2026' AND r.status = 'submitted'"
        ).fetchone()[0]

        def baseline():
            return store.db.execute(
                "SELECT r.council_gss, a.item_id, avg(CAST(a.value AS REAL)) FROM answers a"
                " JOIN responses r ON r.id = a.response_id"
                " WHERE r.round_slug = 'demo-2026' AND r.status = 'submitted'"
                " AND a.value GLOB '[1-5]' GROUP BY r.council_gss, a.item_id"
            ).fetchall()

        seeds = itertools.count(1)

        def league():  # a new seed each time, so the cache never answers
            return round_results(store, versions, "demo-2026", 5, seed=next(seeds))

        base_time, rows = timed(baseline, args.repeat)
        league_time, results = timed(league, args.repeat)
        round_results(store, versions, "demo-2026", 5)
        cached_time, _ = timed(lambda: round_results(store, versions, "demo-2026", 5), args.repeat)

    ranked = len(results.passing())
    print(
        f"Data: {args.councils} councils x ~{args.respondents} respondents, "
        f"{answers:,} answers (made in {made:.1f} s)"
    )
    print(
        f"Baseline, SQL GROUP BY per council and item ({len(rows):,} rows): "
        f"{base_time * 1000:8.1f} ms"
    )
    print(
        f"Full league, {ranked} councils ranked, 1000 draws for rank intervals:"
        f"{league_time * 1000:8.1f} ms  ({league_time / base_time:.1f}x the baseline)"
    )
    print(
        f"Same round again, from the cache:                               "
        f"{cached_time * 1000:8.3f} ms"
    )
    print("Median of", args.repeat, "runs each. Goal: full table under 3 s on 2 cores.")


if __name__ == "__main__":
    main()
