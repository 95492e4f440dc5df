"""Small scored rounds for the reports tests: built with the scoring functions from
answers written here, with no Flask app and no database."""

from __future__ import annotations

from scoring.instrument import load_instrument
from scoring.national import score_round
from scoring.partnership import partnership_results
from tests.conftest import complete_answers

INSTRUMENT = load_instrument()


def council(gss, name, type_="NMD", region="South West", population=100_000):
    return {
        "gss": gss,
        "name": name,
        "type": type_,
        "type_name": {"NMD": "District", "UA": "Unitary"}[type_],
        "nation": "England",
        "region": region,
        "population": population,
    }


COUNCILS = [
    council("E1", "Ashcombe", region="South West"),
    council("E2", "Brackenford", region="South West"),
    council("E3", "Caldermoor", region="London"),
    council("E4", "Dunholme", region="London"),
    council("E5", "Elmstead", "UA", "London"),
    council("E6", "Fenwick", "UA", "South West"),
    council("E7", "Greyholt", region="South West"),  # 3 responses: below the threshold
]


def people(values: str) -> list[dict[str, str]]:
    """One respondent per character, answering every statement with it."""
    return [complete_answers(INSTRUMENT, v) for v in values]


RESPONSES = {
    "E1": people("4545454"),
    "E2": people("334433"),
    "E3": people("22332233"),
    "E4": people("445544"),
    "E5": people("3434343"),
    "E6": people("554455"),
    "E7": people("111"),
}


def small_round():
    """Six councils above the threshold of 5 and one below, 200 rank-interval draws."""
    return score_round(INSTRUMENT, COUNCILS, RESPONSES, 5, draws=200)


def small_partnership(module):
    """Two members who see it differently (5 people each) and one with two people."""
    answers = {
        "E1": [{item.id: "4" for item in module.items}] * 3
        + [{item.id: "5" for item in module.items}] * 2,
        "E2": [{item.id: "2" for item in module.items}] * 4
        + [{item.id: "3" for item in module.items}],
        "E3": [{item.id: "3" for item in module.items}] * 2,
    }
    return partnership_results(module, answers, 5)
