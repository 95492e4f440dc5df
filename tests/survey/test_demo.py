"""The demo data look like a real staff survey: councils differ a little and people a
lot (ICC(1) of council means 0.05-0.20, as real organisational surveys show), answers lean
to 3 and 4, some Don't know, a few straight-liners, and councils either side of each
threshold."""

from __future__ import annotations

from collections import Counter

import pytest

from scoring.instrument import DONT_KNOW
from scoring.national import score_round
from survey.demo import load_demo
from survey.store import Store


@pytest.fixture(scope="module")
def demo_round(tmp_path_factory, instrument):
    from survey.db import connect
    from survey.migrations import migrate

    db = connect(tmp_path_factory.mktemp("demo") / "demo.sqlite")
    migrate(db)
    store = Store(db)
    load_demo(store, instrument, councils=60, respondents=20, seed=2026)
    responses = store.round_responses("demo-2026")
    results = score_round(instrument, store.list_councils(), responses, 5, draws=100)
    yield responses, results
    db.close()


def test_councils_differ_as_much_as_real_ones_do(demo_round, instrument):
    _, results = demo_round
    for factor in instrument.factors:
        icc = results.council_reliability[factor.id]
        assert 0.05 <= icc.icc1 <= 0.20, (factor.id, icc.icc1)


def test_answers_look_like_a_staff_survey(demo_round, instrument):
    responses, results = demo_round
    people = [answers for council in responses.values() for answers in council]
    given = Counter(
        a.get(i.id) for a in people for i in instrument.items if not i.reverse
    )  # fmt: skip
    answered = sum(n for value, n in given.items() if value in {"1", "2", "3", "4", "5"})
    assert (given["3"] + given["4"]) / answered > 0.5  # most between 3 and 4
    assert 0.01 < given[DONT_KNOW] / sum(given.values()) < 0.10  # some Don't know
    flagged = sum(row.score.straight_lined for row in results.rows.values())
    assert 0 < flagged < 0.1 * len(people)  # a few straight-liners


def test_councils_sit_either_side_of_each_threshold(demo_round):
    responses, _ = demo_round
    counts = sorted(len(people) for people in responses.values())
    for near in (3, 5, 9, 10):  # under and at 5 (shown), under and at 10 (published)
        assert near in counts


def test_every_demo_response_has_an_invitation_and_each_council_an_eligible_count(
    tmp_path, instrument
):
    """Progress and response rates add up as in a real round: used, unused and withdrawn
    links, and an eligible count above the links sent (one council under 20%)."""
    from scoring.coverage import coverage
    from survey.db import connect
    from survey.migrations import migrate

    db = connect(tmp_path / "demo.sqlite")
    migrate(db)
    store = Store(db)
    load_demo(store, instrument, councils=6, respondents=8, seed=7, previous=instrument)
    revoked = 0
    rates = []
    for round_slug in ("demo-2026", "demo-2025"):
        for council in store.list_councils():
            gss = council["gss"]
            progress = store.council_progress(round_slug, gss)
            submitted = store.count_submitted(round_slug, gss)
            assert submitted > 0
            # "submitted" counts the used invitations exactly: none is made up.
            used = sum(
                1
                for row in db.query(
                    "SELECT state FROM invitations WHERE round_slug = ? AND council_gss = ?",
                    [round_slug, gss],
                )
                if row["state"] == "submitted"
            )
            assert used == submitted == progress["submitted"]
            assert progress["invited"] > submitted  # some links were never used
            revoked += progress["revoked"]
            eligible = store.eligible(round_slug, gss)
            assert eligible["eligible"] >= progress["invited"] and eligible["note"]
            rates.append(coverage(submitted, eligible["eligible"], 10).rate)
    assert revoked > 0
    assert min(rates) < 0.2 < max(rates) <= 1
    # Loading again adds nothing.
    before = db.execute("SELECT count(*) FROM invitations").fetchone()[0]
    load_demo(store, instrument, councils=6, respondents=8, seed=7, previous=instrument)
    assert db.execute("SELECT count(*) FROM invitations").fetchone()[0] == before
    db.close()
