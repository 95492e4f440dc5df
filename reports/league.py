"""Scores as data: one council's scores as JSON (the CLI and the API share the shape), the
league table as records, JSON and CSV, and the open-data files.

Built from :class:`scoring.national.RoundResults`; councils below the threshold appear
with no figure at all (not even their number of respondents).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping
from typing import TextIO

from reports.cells import safe_cell
from scoring.council import RWG_NULL, CouncilScore
from scoring.coverage import Coverage
from scoring.national import INDEX, RoundResults

LEAGUE_COUNCIL_COLUMNS = ("gss", "name", "type", "nation", "region")


def score_json(score: CouncilScore) -> dict:
    """One council's scores at full precision: ``suppressed`` alone below the threshold.
    The one shape for ``collab scores --format json`` and the API's council scores."""
    if score.suppressed:
        return {"suppressed": True}
    return {
        "suppressed": False,
        "collaboration_index": score.collaboration_index,
        "index_low": score.index_low,
        "index_high": score.index_high,
        "straight_lined": score.straight_lined,
        "index_without_straight_lined": score.index_without_straight_lined,
        "rwg_null": RWG_NULL,
        "level": score.level,
        "level_name": score.level_name,
        "withheld_factors": list(score.withheld_factors),
        "factors": {
            fid: {
                "n": fs.n,
                "mean": fs.mean,
                "index": fs.index,
                "se": fs.se,
                "wilder_band": fs.wilder_band,
                "rwg": fs.rwg,
                "rwg_label": fs.rwg_label,
                "rwg_uniform": fs.rwg_uniform,
                "low": fs.low,
                "high": fs.high,
            }
            for fid, fs in score.factors.items()
        },
        "barriers": {
            key: {"share": b.share, "answered": b.answered, "bt2014": b.bt2014}
            for key, b in score.barriers.items()
        },
    }


def coverage_fields(coverage: Coverage | None) -> dict:
    """The response rate's figures for a published council: ``eligible`` and
    ``response_rate`` (null when not recorded, or when more people answered than were
    recorded as eligible: ``coverage_reasons`` then says ``over_eligible``)."""
    if coverage is None:
        return {
            "eligible": None,
            "response_rate": None,
            "coverage_flagged": None,
            "coverage_reasons": [],
        }
    fields = coverage.as_json()
    del fields["responses"]  # the submitted count: n is the league's own count
    return fields


def league_record(
    results: RoundResults, row, coverage: Mapping[str, Coverage] | None = None
) -> dict:
    """One council's row. ``coverage`` (by GSS code) adds the response rate to councils
    above the threshold only: below it, a rate would give their number of responses away."""
    record = {key: row.council[key] for key in LEAGUE_COUNCIL_COLUMNS}
    if not row.passes:
        record.update(
            {
                "n": None,
                "suppressed": True,
                "note": f"fewer than {results.min_respondents} responses",
            }
        )
        return record
    record.update(
        {
            "n": row.league_n,
            "suppressed": False,
            "collaboration_index": row.score.collaboration_index,
            "index_low": row.score.index_low,
            "index_high": row.score.index_high,
            "level": row.score.level,
            "level_name": row.score.level_name,
            "straight_lined": row.score.straight_lined,
            "rank": row.rank,
            "rank_low": row.rank_low,
            "rank_high": row.rank_high,
            "funnel": row.funnel,
            "percentile_in_type": row.percentile_in_type,
            "factors": {f.id: row.value(f.id) for f in results.instrument.factors},
            **coverage_fields((coverage or {}).get(row.council["gss"])),
        }
    )
    return record


def league_document(
    results: RoundResults, round_slug: str, coverage: Mapping[str, Coverage] | None = None
) -> dict:
    fun = results.funnels.get(INDEX)
    return {
        "round": round_slug,
        "seed": results.seed,
        "draws": results.draws,
        "min_respondents": results.min_respondents,
        "target": fun.target if fun else None,
        "spread": fun.spread if fun else None,
        "phi": fun.phi if fun else None,
        "tau": fun.tau if fun else None,
        "council_reliability": {
            factor: {"councils": icc.councils, "icc1": icc.icc1, "icc2": icc.icc2}
            for factor, icc in results.council_reliability.items()
        },
        "councils": [league_record(results, row, coverage) for row in results.league()],
    }


def round_figures(results: RoundResults) -> str:
    """The round's own figures for the open-data README: the funnel's centre, spread and
    over-dispersion, and how reliable council means are on each factor."""
    fun = results.funnels.get(INDEX)
    lines = ["## Figures for the round", ""]
    if fun is not None:
        lines += [
            f"- Funnel plot of the collaboration index: centre {fun.target!r} (the mean of the",
            f"  councils' indices), spread {fun.spread!r} (pooled SD within councils),",
            f"  over-dispersion phi {fun.phi!r} and tau {fun.tau!r} index points (how far",
            "  councils really differ beyond what their numbers of respondents explain).",
            "",
        ]
    lines += [
        "Reliability of council means (ICC(1): the share of the variance that lies between",
        "councils; ICC(2): how reliably a council's mean tells it apart from others; under",
        "0.70 councils should not be ranked on that factor alone):",
        "",
        "| factor | councils | ICC(1) | ICC(2) |",
        "| --- | --- | --- | --- |",
    ]
    for factor, icc in results.council_reliability.items():
        lines.append(f"| {factor} | {icc.councils} | {_figure(icc.icc1)} | {_figure(icc.icc2)} |")
    return "\n".join(lines)


def _figure(value: float | None) -> str:
    return "" if value is None else f"{value:.3f}"


def csv_columns(results: RoundResults) -> list[str]:
    return [
        *LEAGUE_COUNCIL_COLUMNS,
        "n",
        "collaboration_index",
        "index_low",
        "index_high",
        "level",
        "straight_lined",
        "rank",
        "rank_low",
        "rank_high",
        "funnel",
        "percentile_in_type",
        *(f"factor_{f.id}" for f in results.instrument.factors),
        "eligible",
        "response_rate",
        "coverage_flags",
    ]


def write_league_csv(out: TextIO, results: RoundResults, records: Iterable[dict]) -> None:
    columns = csv_columns(results)
    writer = csv.writer(out)
    writer.writerow([safe_cell(c) for c in columns])
    for record in records:
        flat = {**record, **{f"factor_{k}": v for k, v in record.get("factors", {}).items()}}
        flat["coverage_flags"] = " ".join(record.get("coverage_reasons", []))
        writer.writerow([safe_cell(flat.get(c)) for c in columns])


OPEN_DATA_README = """# Collaboration maturity self-assessment: council scores, {round_title}

Round `{round_slug}`, instrument version {instrument_version}. Made {made} from
{councils} councils with at least {minimum} respondents whose answers cover all five
factors. Councils with fewer are left out, so that no one's answers can be picked out.
There is no free text and no individual response in this file.

## Columns of `council-scores.csv`

| column | meaning |
| --- | --- |
| gss | the council's GSS code (ONS) |
| name, type, nation, region | from the council register (mySociety, CC BY 4.0) |
| n | respondents whose answers give all five factor indices |
| collaboration_index | mean of the five factor indices, 0 to 100 |
| index_low, index_high | its 95% interval (Student's t on the respondents' own indices) |
| level | maturity level 1 (Isolated) to 5 (Leading) |
| straight_lined | responses giving one answer to every statement (they still count) |
| rank | 1 is the highest index; ties share the average rank |
| rank_low, rank_high | 95% interval of the rank (empirical Bayes, {draws} draws, seed {seed}) |
| funnel | within, above or below the 99.8% funnel limits around the mean of councils, |
|  | widened by the real differences between councils (tau, in the league JSON) |
| percentile_in_type | percentile rank among the other published councils of the same type |
|  | (empty with fewer than 5 such councils) |
| factor_* | factor index, 0 to 100: trust, culture, behaviour, leadership, shared language |
| eligible | how many people the council invited or counts as eligible (empty if not recorded) |
| response_rate | submitted responses / eligible, 0 to 1 (empty if not recorded, or if more people |
|  | answered than were recorded as eligible: coverage_flags then says over_eligible) |
| coverage_flags | space-separated: low_rate (under 20%), below_public (fewer responses than |
|  | the public threshold), over_eligible (more responses than eligible; no rate given) |

Figures are at full precision; round them for display (half away from zero). Ranks and
intervals are among the councils in this file only.

{round_figures}

## Method

See `docs/methodology.md` in the service's repository: factor index = 25 x (mean - 1)
on the 1-5 agreement scale, each respondent weighing the same; rank intervals by empirical
Bayes (each council's likely true index drawn 1,000 times and all councils ranked).

## Licence

Open Government Licence v3.0. Council names and codes: mySociety,
uk_local_authority_names_and_codes, CC BY 4.0.
"""
