"""Load: 200 respondents completing the whole questionnaire against `collab serve`, with a
council lead and an analyst reading pages; then the same server's hello-world route.

    .venv/bin/python bench/load.py [--users 200] [--workers 4] [--seconds 90]

Needs Locust (`pip install -e '.[bench]'`). Three phases on one server:

1. 200 respondents, each pausing 0.5 to 2 s between steps (far quicker than anyone
   answers six statements), plus a council lead and an analyst reading their pages;
2. stress: another 200 journeys with no pauses at all, so 200 requests are always in
   flight and latency is queueing (Little's law: in flight / throughput);
3. hello world (``/healthz``).

Prints throughput and p50/p95/p99 per step, failures, the save throughput under stress
against hello world's (same server, same run), and then checks the database: every
respondent who got the confirmation has one complete submitted response (0 lost answers,
0 duplicates). Asserts nothing.
"""

from __future__ import annotations

import argparse
import csv
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

BIN = Path(sys.executable).parent
HERE = Path(__file__).resolve().parent


# Run as a script, bench/ comes first on sys.path and bench/reports.py would hide the
# `reports` package; drop the folder.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]


def wait_until_up(url: str) -> None:
    for _ in range(200):
        try:
            urllib.request.urlopen(url, timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    raise SystemExit("the server did not start")


def run_locust(env, users, seconds, prefix, classes) -> list[dict]:
    subprocess.run(
        [
            BIN / "locust",
            "-f",
            HERE / "locustfile.py",
            "--headless",
            "-u",
            str(users),
            "-r",
            str(max(1, users // 5)),
            "--run-time",
            f"{seconds}s",
            "--host",
            env["HOST"],
            "--csv",
            prefix,
            "--csv-full-history",
            "--only-summary",
            "--stop-timeout",
            "30",
            *classes,
        ],
        env=env,
        check=False,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    with open(f"{prefix}_stats.csv", newline="") as f:
        return list(csv.DictReader(f))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--seconds", type=int, default=90)
    parser.add_argument("--stress-seconds", type=int, default=45)
    parser.add_argument("--port", type=int, default=5077)
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp())
    database = folder / "load.sqlite"
    base = f"http://127.0.0.1:{args.port}"
    env = {
        **os.environ,
        "COLLAB_DATABASE": str(database),
        "COLLAB_SECRET_KEY": "load-test-secret-key-long-enough",
        "COLLAB_BASE_URL": base,
        "COLLAB_SESSION_COOKIE_SECURE": "false",
    }
    subprocess.run(
        [BIN / "collab", "demo", "--councils", "24"], env=env, check=True, stdout=subprocess.DEVNULL
    )
    links = subprocess.run(
        [
            BIN / "collab",
            "invites",
            "create",
            "--round",
            "demo-2026",
            "--council",
            "E07900001",
            "--count",
            str(2 * args.users),
        ],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    tokens = [link.rsplit("/", 1)[1] for link in links]
    (folder / "tokens.txt").write_text("\n".join(tokens[: args.users]))
    (folder / "stress-tokens.txt").write_text("\n".join(tokens[args.users :]))
    os.environ["COLLAB_DATABASE"] = str(database)
    from survey import create_app

    app = create_app()
    password = (Path(app.instance_path) / "demo-password.txt").read_text().strip()
    server = subprocess.Popen(
        [BIN / "collab", "serve", "--port", str(args.port), "--workers", str(args.workers)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_until_up(base + "/healthz")
        load_env = {
            **env,
            "HOST": base,
            "LOAD_INVITATIONS": str(folder / "tokens.txt"),
            "LOAD_SECTIONS": ",".join(s.slug for s in app.extensions["sections"][(1, "en")]),
            "LOAD_PASSWORD": password,
            "LOAD_MODE": "journey",
        }
        journey = run_locust(
            load_env,
            args.users + 2,
            args.seconds,
            str(folder / "journey"),
            ["Respondent", "Lead", "Analyst"],
        )
        stress = run_locust(
            {
                **load_env,
                "LOAD_MODE": "stress",
                "LOAD_INVITATIONS": str(folder / "stress-tokens.txt"),
            },
            args.users,
            args.stress_seconds,
            str(folder / "stress"),
            ["Respondent"],
        )
        hello = run_locust(
            {**load_env, "LOAD_MODE": "hello"}, 32, 20, str(folder / "hello"), ["Hello"]
        )
    finally:
        server.terminate()
        server.wait(timeout=30)

    def table(title: str, rows: list[dict]) -> None:
        print(title)
        print(f"{'step':<34}{'requests':>9}{'fails':>7}{'req/s':>8}{'p50':>7}{'p95':>7}{'p99':>7}")
        for row in rows:
            if row["Name"] != "Aggregated":
                print(
                    f"{row['Name'][:33]:<34}{row['Request Count']:>9}{row['Failure Count']:>7}"
                    f"{float(row['Requests/s']):>8.1f}{row['50%']:>7}{row['95%']:>7}"
                    f"{row['99%']:>7}"
                )

    def failures(phase: str) -> int:
        with open(folder / f"{phase}_failures.csv", newline="") as f:
            rows = list(csv.DictReader(f))
        for row in rows:
            print(f"  {row['Occurrences']} x {row['Method']} {row['Name']}: {row['Error'][:100]}")
        return sum(int(row["Occurrences"]) for row in rows)

    def busiest_rate(phase: str, name: str) -> float:
        """Requests a second for ``name`` over the phase's busiest 10 seconds."""
        with open(folder / f"{phase}_stats_history.csv", newline="") as f:
            rows = [r for r in csv.DictReader(f) if r["Name"] == name]
        counts = [(int(r["Timestamp"]), int(r["Total Request Count"])) for r in rows]
        return (
            max(
                ((later[1] - earlier[1]) / max(1, later[0] - earlier[0]))
                for earlier, later in zip(counts, counts[10:], strict=False)
            )
            if len(counts) > 10
            else 0.0
        )

    table(
        f"Respondents pausing 0.5 to 2 s between steps ({args.users}), a lead and an analyst:",
        journey,
    )
    print(f"Failures: {failures('journey')}")
    table(f"Stress, the same journeys with no pauses ({args.users} in flight):", stress)
    print(f"Failures: {failures('stress')}")
    table("Hello world (/healthz, 32 users, same server):", hello)
    save = next(r for r in journey if r["Name"] == "POST /section/[slug] (save)")
    stress_save = next(r for r in stress if r["Name"] == "POST /section/[slug] (save)")
    hello_rate = float(next(r for r in hello if r["Name"] == "GET /healthz")["Requests/s"])
    stress_all = busiest_rate("stress", "Aggregated")
    stress_saves = busiest_rate("stress", "POST /section/[slug] (save)")
    print(
        f"Under stress, the busiest 10 s served {stress_all:.0f} requests/s, "
        f"{stress_saves:.0f} of them saves, against hello world's {hello_rate:.0f}/s on "
        f"the same server: saves / hello world {stress_saves / hello_rate:.3f}"
    )
    print(
        f"p95 save: {save['95%']} ms with pauses (bar: under 300 ms); "
        f"{stress_save['95%']} ms under stress"
    )

    conn = sqlite3.connect(database)
    items = len(
        [q for s in app.extensions["sections"][(1, "en")] for q in s.questions if not q.is_text]
    )
    submitted = conn.execute(
        "SELECT count(*) FROM invitations WHERE round_slug = 'demo-2026' AND state = 'submitted'"
    ).fetchone()[0]
    responses = conn.execute(
        "SELECT count(*) FROM responses WHERE status = 'submitted' AND demo = 0"
    ).fetchone()[0]
    short = conn.execute(
        "SELECT count(*) FROM (SELECT r.id FROM responses r JOIN answers a ON a.response_id = r.id"
        " WHERE r.status = 'submitted' AND r.demo = 0 GROUP BY r.id HAVING count(*) < ?)",
        [items],
    ).fetchone()[0]
    print(
        f"Invitations used to submit: {submitted} of {2 * args.users}; "
        f"submitted responses: {responses} "
        f"(duplicates: {responses - submitted}); incomplete submitted responses: {short}"
    )


if __name__ == "__main__":
    main()
