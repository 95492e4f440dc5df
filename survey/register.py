"""Read mySociety's register of UK local authorities (``uk_local_authorities.csv``).

Only principal councils are kept (not combined authorities or the Greater London
Authority), and the two region errors listed in the data's README are corrected.
"""

from __future__ import annotations

import csv
import io
import re

from reports.text import has_control_characters, printable

NOT_COUNCILS = {"COMB", "SRA"}  # combined authorities; the Greater London Authority
COUNCIL_TYPES = {"CTY", "NMD", "UA", "MD", "LBO", "CC", "WPA", "SCO", "NID"}
NATIONS = {"England", "Scotland", "Wales", "Northern Ireland"}
REQUIRED_COLUMNS = (
    "gss-code",
    "official-name",
    "nice-name",
    "nation",
    "region",
    "local-authority-type",
    "local-authority-type-name",
    "pop-2020",
)
# Known errors in the source (its README, "Known errors"): both counties are East Midlands.
REGION_CORRECTIONS = {"E10000007": "East Midlands", "E10000019": "East Midlands"}
GSS_PATTERN = re.compile(r"^[ENSW]\d{8}$")


class RegisterError(ValueError):
    """The file is not in the register's format; the message names the line."""


def read_register(text: str) -> list[dict]:
    """Parse the whole file or raise :class:`RegisterError`; nothing partial is returned."""
    reader = csv.DictReader(io.StringIO(text, newline=""))
    if reader.fieldnames is None:
        raise RegisterError("line 1: the file is empty")
    missing = [c for c in REQUIRED_COLUMNS if c not in reader.fieldnames]
    if missing:
        raise RegisterError(f"line 1: missing column(s): {', '.join(missing)}")
    councils: list[dict] = []
    seen: set[str] = set()
    try:
        for row in reader:
            line = reader.line_num
            council = _council(row, line)
            if council is None:
                continue
            if council["gss"] in seen:
                raise RegisterError(f"line {line}: GSS code {council['gss']} appears twice")
            seen.add(council["gss"])
            councils.append(council)
    except csv.Error as exc:
        raise RegisterError(f"line {reader.line_num}: not valid CSV ({exc})") from exc
    if not councils:
        raise RegisterError("the file has no councils in it")
    return councils


def _council(row: dict, line: int) -> dict | None:
    if None in row or any(value is None for value in row.values()):
        raise RegisterError(f"line {line}: wrong number of fields")
    for column, value in row.items():
        if has_control_characters(value):
            raise RegisterError(
                f"line {line}: {printable(column, keep='')} has a control character "
                f"({printable(value, keep='')}); the register has none, so the file may be "
                "damaged"
            )
    kind = row["local-authority-type"].strip()
    if kind in NOT_COUNCILS:
        return None
    if kind not in COUNCIL_TYPES:
        raise RegisterError(f"line {line}: unknown local-authority-type {kind!r}")
    gss = row["gss-code"].strip()
    if not GSS_PATTERN.match(gss):
        raise RegisterError(f"line {line}: {gss!r} is not a GSS code (like E07000223)")
    nation = row["nation"].strip()
    if nation not in NATIONS:
        raise RegisterError(f"line {line}: unknown nation {nation!r}")
    name = row["nice-name"].strip()
    if not name:
        raise RegisterError(f"line {line}: nice-name is empty")
    population = row["pop-2020"].strip()
    try:
        population_value = int(float(population)) if population else None
    except ValueError:
        raise RegisterError(f"line {line}: pop-2020 {population!r} is not a number") from None
    return {
        "gss": gss,
        "name": name,
        "official_name": row["official-name"].strip() or name,
        "type": kind,
        "type_name": row["local-authority-type-name"].strip(),
        "nation": nation,
        "region": REGION_CORRECTIONS.get(gss, row["region"].strip()),
        "population": population_value,
    }
