"""How long scoring a national round takes, against a plain baseline in the same run.

    .venv/bin/python bench/bench_scoring.py [--councils 400] [--respondents 50]

Baseline: the plain float mean of every answer of every council (the least any scorer must
do: read each answer once). The ratio says what exact fractions, reverse scoring, the
half-answered rule, rwg(j) and barriers cost on top. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

# Run as a script, bench/ comes first on sys.path and bench/reports.py would hide the
# `reports` package; drop the folder.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

from scoring.council import score_council  # noqa: E402
from scoring.instrument import load_instrument  # noqa: E402
from survey.demo import synthetic_responses  # noqa: E402


def baseline(rounds: list[list[dict[str, str]]]) -> float:
    total = 0.0
    for responses in rounds:
        values = [int(v) for r in responses for v in r.values() if v.isdigit()]
        total += sum(values) / len(values)
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--councils", type=int, default=400)
    parser.add_argument("--respondents", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    instrument = load_instrument()
    rng = random.Random(1)
    councils = [
        list(synthetic_responses(instrument, rng, args.respondents, rng.uniform(2.4, 4.1)))
        for _ in range(args.councils)
    ]
    timings = {"baseline": [], "score_council": []}
    for _ in range(args.repeat):
        start = time.perf_counter()
        baseline(councils)
        timings["baseline"].append(time.perf_counter() - start)
        start = time.perf_counter()
        for responses in councils:
            score_council(instrument, responses, 5)
        timings["score_council"].append(time.perf_counter() - start)
    base = statistics.median(timings["baseline"])
    scored = statistics.median(timings["score_council"])
    answers = args.councils * args.respondents
    print(f"{args.councils} councils x {args.respondents} respondents ({answers} responses)")
    print(f"baseline (float mean of all answers): {base * 1000:8.1f} ms")
    print(
        f"score_council for every council:      {scored * 1000:8.1f} ms "
        f"({answers / scored:,.0f} responses/s)"
    )
    print(f"ratio score_council / baseline:       {scored / base:8.1f}x")


if __name__ == "__main__":
    main()
