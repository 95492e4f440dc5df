"""The rules a questionnaire file must keep that its JSON Schema cannot express: ids
unique, statements pointing at known factors and sources, enough statements and enough
reverse-worded ones per factor, and (from version 2) pages that hold every statement
once under neutral titles, with factors mixed and reverse-worded statements apart.

Each broken rule raises :class:`scoring.instrument.InstrumentError` naming the file, the
item and the problem, so a bad file stops the app at start-up.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from scoring.instrument import CORE_FACTORS, DONT_KNOW, LEVEL_KEYS, InstrumentError

# Statements per factor, and the least share of reverse-worded statements, by version.
# Version 1 asked for one reverse statement per factor; agreeing with everything still
# put a council at Established, so version 2 asks for two and 30% overall.
STATEMENTS_PER_FACTOR = {1: (6, 8), 2: (6, 9)}
REVERSE_PER_FACTOR = {1: 1, 2: 2}
REVERSE_SHARE = {1: 0.0, 2: 0.30}
DEFINED_TERMS = ("partners", "we", "senior leaders")


def check_rules(data: dict, path: Path | str) -> None:
    """Raise :class:`InstrumentError` for the first broken rule in schema-valid ``data``."""
    version = 1 if data["version"] == 1 else 2

    def fail(item_id: str, problem: str) -> None:
        raise InstrumentError(f"{path}: item '{item_id}': {problem}")

    factor_ids = [f["id"] for f in data["factors"]]
    if tuple(factor_ids) != CORE_FACTORS:
        raise InstrumentError(
            f"{path}: factors: expected the five core factors {', '.join(CORE_FACTORS)} "
            f"in that order, found {', '.join(factor_ids)}"
        )
    levels = [level["level"] for level in data["levels"]]
    lowers = [level["lower"] for level in data["levels"]]
    if levels != [1, 2, 3, 4, 5] or lowers != sorted(lowers) or lowers[0] != 0:
        raise InstrumentError(f"{path}: levels: must be 1 to 5 with rising lower bounds from 0")
    seen: set[str] = set(factor_ids)
    all_items = (
        data["items"]
        + data["barriers"]["items"]
        + data["profile"]["items"]
        + data["comments"]["items"]
    )
    for item in all_items:
        if item["id"] in seen:
            fail(item["id"], "this id is used more than once")
        seen.add(item["id"])
        if "source" in item and item["source"] not in data["sources"]:
            fail(item["id"], f"source '{item['source']}' is not listed under sources")
    for item in data["items"]:
        if item["factor"] not in factor_ids:
            fail(item["id"], f"factor '{item['factor']}' is not one of {', '.join(factor_ids)}")
    _check_balance(data, path, version)
    for factor in data["factors"]:
        _check_suggestions(factor, fail)
    for scale_name in ("agreement", "barrier"):
        values = [o["value"] for o in data["scales"][scale_name]]
        expected = [str(v) for v in range(1, len(values))] + [DONT_KNOW]
        if values != expected:
            raise InstrumentError(
                f"{path}: scales/{scale_name}: values must be {', '.join(expected)}"
            )
    if version >= 2:
        _check_introduction(data, path)
        _check_pages(data, path)
        _check_same_as(data, fail)


def _check_balance(data: dict, path: Path | str, version: int) -> None:
    fewest, most = STATEMENTS_PER_FACTOR[version]
    reverse_needed = REVERSE_PER_FACTOR[version]
    for factor_id in CORE_FACTORS:
        members = [i for i in data["items"] if i["factor"] == factor_id]
        if not fewest <= len(members) <= most:
            raise InstrumentError(
                f"{path}: factor '{factor_id}': has {len(members)} statements; "
                f"needs {fewest} to {most}"
            )
        reverse = sum(i["reverse"] for i in members)
        if reverse < reverse_needed:
            wanted = "one" if reverse_needed == 1 else str(reverse_needed)
            raise InstrumentError(
                f"{path}: factor '{factor_id}': needs at least {wanted} reverse-worded "
                f"statement{'s' if reverse_needed > 1 else ''}, has {reverse}"
            )
    share = sum(i["reverse"] for i in data["items"]) / len(data["items"])
    if share < REVERSE_SHARE[version]:
        raise InstrumentError(
            f"{path}: items: {share:.0%} of statements are reverse-worded; "
            f"needs at least {REVERSE_SHARE[version]:.0%}"
        )


def _check_suggestions(factor: dict, fail) -> None:
    english, welsh = factor["suggestions"], factor["suggestions_cy"]
    if isinstance(english, list):  # version 1: one list for every level
        if len(welsh) != len(english):
            fail(factor["id"], "suggestions_cy must have one Welsh text per suggestion")
        return
    for level in LEVEL_KEYS:
        if len(welsh[level]) != len(english[level]):
            fail(factor["id"], f"suggestions_cy/{level} must have one Welsh text per suggestion")


def _check_introduction(data: dict, path: Path | str) -> None:
    terms = [d["term"].lower() for d in data["introduction"]["definitions"]]
    missing = [term for term in DEFINED_TERMS if term not in terms]
    if missing:
        raise InstrumentError(
            f"{path}: introduction: must define {', '.join(repr(t) for t in missing)}"
        )


def _check_pages(data: dict, path: Path | str) -> None:
    statements = {i["id"]: i for i in data["items"]}
    placed: list[str] = []
    factor_words = [word.lower() for f in data["factors"] for word in (f["title"], f["title_cy"])]
    for page in data["pages"]:
        where = f"{path}: page '{page['id']}'"
        for text in (page["title"], page["title_cy"]):
            named = [w for w in factor_words if w in text.lower()]
            if named:
                raise InstrumentError(f"{where}: its title names a factor ({named[0]!r})")
        for item_id in page["items"]:
            if item_id not in statements:
                raise InstrumentError(f"{where}: '{item_id}' is not a statement")
            if item_id in placed:
                raise InstrumentError(f"{where}: '{item_id}' is on more than one page")
            placed.append(item_id)
        if len({statements[i]["factor"] for i in page["items"]}) < 2:
            raise InstrumentError(f"{where}: mix the factors; this page has only one")
    left_out = [i for i in statements if i not in placed]
    if left_out:
        raise InstrumentError(f"{path}: pages: '{left_out[0]}' is on no page")
    for before, after in zip(placed, placed[1:], strict=False):
        if statements[before]["reverse"] and statements[after]["reverse"]:
            raise InstrumentError(
                f"{path}: pages: reverse-worded '{before}' and '{after}' are next to each "
                "other; spread them out"
            )


def _check_same_as(data: dict, fail) -> None:
    items = data["items"] + data["barriers"]["items"] + data["profile"]["items"]
    check_claims(((i["id"], i.get("same_as")) for i in items), fail)


def check_claims(links: Iterable[tuple[str, str | None]], fail) -> None:
    """Each (id, ``same_as``) pair names an earlier version's id at most once: two
    statements cannot both claim one, or a trend would count that statement twice."""
    claimed: dict[str, str] = {}
    for item_id, earlier in links:
        if earlier is None:
            continue
        if earlier in claimed:
            fail(item_id, f"same_as '{earlier}' is claimed by '{claimed[earlier]}' too")
        claimed[earlier] = item_id
