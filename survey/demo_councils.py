"""The demo's fictional councils: 24 named ones across the UK's council types and
nations, then as many more as a national-scale benchmark needs, named from syllables.
GSS codes use a 9xxxx range no real council has."""

from __future__ import annotations

FICTIONAL_COUNCILS = [
    ("Ashcombe Vale", "NMD", "Non-metropolitan district", "England", "South West", 98_400),
    ("Brackenford", "NMD", "Non-metropolitan district", "England", "East Midlands", 121_700),
    ("Caldermoor", "MD", "Metropolitan district", "England", "North West", 268_300),
    ("Dunholme", "NMD", "Non-metropolitan district", "England", "East of England", 87_900),
    ("Eastwick and Marl", "UA", "Unitary authority", "England", "South East", 214_500),
    ("Fennister", "NMD", "Non-metropolitan district", "England", "East of England", 104_200),
    ("Greyhaven", "UA", "Unitary authority", "England", "North East", 176_800),
    ("Holmbridge", "MD", "Metropolitan district", "England", "Yorkshire and The Humber", 312_600),
    ("Ivel Downs", "NMD", "Non-metropolitan district", "England", "South East", 132_900),
    ("Kestle", "LBO", "London borough", "England", "London", 289_400),
    ("Lowmarsh", "CTY", "County", "England", "East Midlands", 742_100),
    ("Merrowdale", "NMD", "Non-metropolitan district", "England", "West Midlands", 95_300),
    ("Northope", "MD", "Metropolitan district", "England", "West Midlands", 254_900),
    ("Orrin Water", "SCO", "Scottish unitary authority", "Scotland", "Scotland", 118_200),
    ("Pendleford", "UA", "Unitary authority", "England", "South West", 198_700),
    ("Quarrington", "LBO", "London borough", "England", "London", 241_300),
    ("Ravensgarth", "WPA", "Welsh unitary authority", "Wales", "Wales", 128_600),
    ("Saltmere", "NMD", "Non-metropolitan district", "England", "North West", 109_800),
    ("Tolland", "CTY", "County", "England", "South East", 861_500),
    (
        "Upper Wyre",
        "NMD",
        "Non-metropolitan district",
        "England",
        "Yorkshire and The Humber",
        77_600,
    ),
    ("Varley Cross", "NID", "NI district", "Northern Ireland", "Northern Ireland", 142_300),
    ("Whitlow", "UA", "Unitary authority", "England", "East of England", 231_900),
    ("Yarnfield", "NMD", "Non-metropolitan district", "England", "South East", 118_400),
    ("Zennor Bay", "WPA", "Welsh unitary authority", "Wales", "Wales", 71_200),
]
GSS_PREFIX = {
    "NMD": "E079",
    "UA": "E069",
    "MD": "E089",
    "LBO": "E099",
    "CTY": "E109",
    "WPA": "W069",
    "SCO": "S129",
    "NID": "N099",
}
SUFFIX = {
    "CTY": "County Council",
    "LBO": "London Borough Council",
    "MD": "Metropolitan Borough Council",
    "NID": "District Council",
    "SCO": "Council",
    "WPA": "County Borough Council",
    "UA": "Council",
    "NMD": "District Council",
}
# Beyond the 24 named councils (for national-scale benchmarks), names are made from these.
FIRST = [
    "Ash",
    "Bram",
    "Cold",
    "Dun",
    "Elm",
    "Fair",
    "Glen",
    "Hart",
    "Iron",
    "Kings",
    "Long",
    "Mill",
    "North",
    "Oak",
    "Pen",
    "Red",
    "Stone",
    "Thorn",
    "Upper",
    "West",
]
LAST = ["bury", "combe", "dale", "field", "ford", "ham", "holme", "ley", "mere", "stow"]


def _more_councils(count: int) -> list[tuple]:
    """Invented councils after the named ones, cycling through the named ones' types."""
    extra = []
    for i in range(count):
        template = FICTIONAL_COUNCILS[i % len(FICTIONAL_COUNCILS)]
        name = f"{FIRST[i % len(FIRST)]}{LAST[(i // len(FIRST)) % len(LAST)]}"
        if i >= len(FIRST) * len(LAST):
            name += f" {i // (len(FIRST) * len(LAST)) + 1}"
        population = int(template[5] * (0.7 + 0.6 * ((i * 37) % 100) / 100))
        extra.append((name, *template[1:5], population))
    return extra


def fictional_councils(count: int) -> list[dict]:
    """The first ``count`` fictional councils, numbered within their type."""
    numbers: dict[str, int] = {}
    councils = []
    listed = FICTIONAL_COUNCILS[:count] + _more_councils(max(0, count - len(FICTIONAL_COUNCILS)))
    for name, kind, type_name, nation, region, population in listed:
        numbers[kind] = numbers.get(kind, 0) + 1
        councils.append(
            {
                "gss": f"{GSS_PREFIX[kind]}{numbers[kind]:05d}",
                "name": name,
                "official_name": f"{name} {SUFFIX[kind]}",
                "type": kind,
                "type_name": type_name,
                "nation": nation,
                "region": region,
                "population": population,
                "fictional": True,
            }
        )
    return councils
