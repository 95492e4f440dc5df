"""Load and check a questionnaire instrument (``questions/*.yaml``).

The YAML file is checked against its JSON Schema and then against the rules a schema
cannot express (ids unique, items pointing at known factors and sources, 6-8 statements
per factor with at least one reverse-worded). Any problem raises :class:`InstrumentError`
naming the file, the item and the problem, so a bad file stops the app at start-up.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import jsonschema
import yaml

import questions

CORE_FACTORS = ("trust", "culture", "behaviour", "leadership", "shared_language")
LEVEL_KEYS = ("isolated", "emerging", "developing", "established", "leading")
DONT_KNOW = "dont_know"
DEFAULT_INSTRUMENT = questions.DIRECTORY / "collaboration-maturity.v1.yaml"
SCHEMA_PATH = questions.DIRECTORY / "collaboration-maturity.schema.json"
# English, and Welsh beside it: every text a respondent or reader sees has a key ending
# "_cy" in the file, and the schema requires it.
LANGUAGES = ("en", "cy")


class InstrumentError(ValueError):
    """The instrument file is not usable; the message names file, item and problem."""


@dataclass(frozen=True)
class Option:
    value: str
    label: str


@dataclass(frozen=True)
class Item:
    """A statement on the five-point agreement scale."""

    id: str
    factor: str
    text: str
    reverse: bool
    source: str
    hint: str | None = None


@dataclass(frozen=True)
class Level:
    level: int
    name: str
    lower: float


@dataclass(frozen=True)
class Factor:
    id: str
    title: str
    description: str
    level_descriptors: tuple[str, ...]  # Isolated .. Leading, in order
    suggestions: tuple[str, ...]
    items: tuple[Item, ...]


@dataclass(frozen=True)
class Barrier:
    id: str
    key: str
    text: str
    source: str
    bt2014: float | None = None


@dataclass(frozen=True)
class ProfileItem:
    id: str
    text: str
    options: tuple[Option, ...]
    hint: str | None = None


@dataclass(frozen=True)
class CommentItem:
    id: str
    text: str
    max_length: int
    hint: str | None = None


@dataclass(frozen=True)
class Instrument:
    id: str
    version: int
    title: str
    minutes: int
    agreement_scale: tuple[Option, ...]
    barrier_scale: tuple[Option, ...]
    sources: dict[str, str]
    levels: tuple[Level, ...]
    factors: tuple[Factor, ...]
    barriers_title: str
    barriers_question: str
    barriers: tuple[Barrier, ...]
    profile_title: str
    profile: tuple[ProfileItem, ...]
    comments_title: str
    comments: tuple[CommentItem, ...]

    @property
    def items(self) -> tuple[Item, ...]:
        return tuple(item for factor in self.factors for item in factor.items)

    def factor(self, factor_id: str) -> Factor:
        for factor in self.factors:
            if factor.id == factor_id:
                return factor
        raise KeyError(factor_id)

    def level(self, level: int) -> Level:
        return self.levels[level - 1]


def load_instrument(path: Path | str = DEFAULT_INSTRUMENT, lang: str = "en") -> Instrument:
    """Read, validate and return the instrument at ``path`` with its texts in ``lang``.

    Raises :class:`InstrumentError` with the file, the item and the problem.
    """
    return load_instruments(path)[lang]


def load_instruments(path: Path | str = DEFAULT_INSTRUMENT) -> dict[str, Instrument]:
    """The instrument at ``path`` once per language: the same ids, scales and scoring
    rules, with the texts in English or in Welsh."""
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InstrumentError(f"{path}: cannot read the file ({exc.strerror})") from exc
    except yaml.YAMLError as exc:
        raise InstrumentError(f"{path}: not valid YAML: {exc}") from exc
    parse_instrument(data, path)  # check once; both languages are built from checked data
    return {lang: _build(data, lang) for lang in LANGUAGES}


def parse_instrument(
    data: object, path: Path | str = "<instrument>", lang: str = "en"
) -> Instrument:
    """Validate already-parsed instrument data and build the :class:`Instrument`."""
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))
    if errors:
        error = errors[0]
        message = error.message
        if len(message) > 160:  # jsonschema quotes the whole offending value; name the rule
            message = f"does not meet the schema rule {error.validator}: {error.validator_value}"
        raise InstrumentError(f"{path}: {_where(data, error.absolute_path)}: {message}")
    assert isinstance(data, dict)
    _check_rules(data, path)
    return _build(data, lang)


def _where(data: object, location) -> str:
    """Name the item an error is in, by its id where it has one."""
    parts = list(location)
    node = data
    named = "the top level"
    trail: list[str] = []
    for part in parts:
        trail.append(str(part))
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(node, dict) and isinstance(node.get("id"), str):
            named = f"item '{node['id']}'"
    where = "/".join(trail) or "(root)"
    return f"{named} (at {where})"


def _check_rules(data: dict, path: Path | str) -> None:
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
    for factor_id in factor_ids:
        members = [i for i in data["items"] if i["factor"] == factor_id]
        if not 6 <= len(members) <= 8:
            raise InstrumentError(
                f"{path}: factor '{factor_id}': has {len(members)} statements; needs 6 to 8"
            )
        if not any(i["reverse"] for i in members):
            raise InstrumentError(
                f"{path}: factor '{factor_id}': needs at least one reverse-worded statement"
            )
    for factor in data["factors"]:
        if len(factor["suggestions_cy"]) != len(factor["suggestions"]):
            fail(factor["id"], "suggestions_cy must have one Welsh text per suggestion")
    for scale_name in ("agreement", "barrier"):
        values = [o["value"] for o in data["scales"][scale_name]]
        expected = [str(v) for v in range(1, len(values))] + [DONT_KNOW]
        if values != expected:
            raise InstrumentError(
                f"{path}: scales/{scale_name}: values must be {', '.join(expected)}"
            )


def _build(data: dict, lang: str = "en") -> Instrument:
    if lang not in LANGUAGES:
        raise InstrumentError(f"no texts in language '{lang}'; choose one of {LANGUAGES}")
    suffix = "" if lang == "en" else f"_{lang}"

    def t(node: dict, key: str):
        """The text under ``key`` in the chosen language (None for an absent hint)."""
        return node.get(key + suffix)

    def options(raw: list[dict]) -> tuple[Option, ...]:
        return tuple(Option(o["value"], t(o, "label")) for o in raw)

    factors = tuple(
        Factor(
            id=f["id"],
            title=t(f, "title"),
            description=t(f, "description"),
            level_descriptors=tuple(t(f, "levels")[key] for key in LEVEL_KEYS),
            suggestions=tuple(t(f, "suggestions")),
            items=tuple(
                Item(
                    id=i["id"],
                    factor=i["factor"],
                    text=t(i, "text"),
                    reverse=i["reverse"],
                    source=i["source"],
                    hint=t(i, "hint"),
                )
                for i in data["items"]
                if i["factor"] == f["id"]
            ),
        )
        for f in data["factors"]
    )
    return Instrument(
        id=data["id"],
        version=data["version"],
        title=t(data, "title"),
        minutes=data["minutes"],
        agreement_scale=options(data["scales"]["agreement"]),
        barrier_scale=options(data["scales"]["barrier"]),
        sources=dict(data["sources"]),
        levels=tuple(Level(lv["level"], t(lv, "name"), lv["lower"]) for lv in data["levels"]),
        factors=factors,
        barriers_title=t(data["barriers"], "title"),
        barriers_question=t(data["barriers"], "question"),
        barriers=tuple(
            Barrier(b["id"], b["key"], t(b, "text"), b["source"], b.get("bt2014"))
            for b in data["barriers"]["items"]
        ),
        profile_title=t(data["profile"], "title"),
        profile=tuple(
            ProfileItem(p["id"], t(p, "text"), options(p["options"]), t(p, "hint"))
            for p in data["profile"]["items"]
        ),
        comments_title=t(data["comments"], "title"),
        comments=tuple(
            CommentItem(c["id"], t(c, "text"), c["max_length"], t(c, "hint"))
            for c in data["comments"]["items"]
        ),
    )


# The partnership module ----------------------------------------------------------------

DEFAULT_MODULE = questions.DIRECTORY / "partnership-module.v1.yaml"
MODULE_SCHEMA_PATH = questions.DIRECTORY / "partnership-module.schema.json"


@dataclass(frozen=True)
class PartnershipModule:
    """The core factors asked about a partnership: same scale and scoring rules as the
    main questionnaire, its own items (ids beginning ``pm_``)."""

    id: str
    version: int
    title: str
    intro: str
    items: tuple[Item, ...]

    def factor_items(self, factor_id: str) -> tuple[Item, ...]:
        return tuple(item for item in self.items if item.factor == factor_id)


def load_partnership_modules(path: Path | str = DEFAULT_MODULE) -> dict[str, PartnershipModule]:
    """The module once per language, checked against its schema and rules; raises
    :class:`InstrumentError` naming the file, the item and the problem."""
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise InstrumentError(f"{path}: cannot read the module: {exc}") from exc
    schema = json.loads(MODULE_SCHEMA_PATH.read_text(encoding="utf-8"))
    errors = sorted(
        jsonschema.Draft202012Validator(schema).iter_errors(data),
        key=lambda e: list(e.absolute_path),
    )
    if errors:
        where = _where(data, errors[0].absolute_path)
        raise InstrumentError(f"{path}: {where}: {errors[0].message}")
    ids = [item["id"] for item in data["items"]]
    if len(set(ids)) != len(ids):
        raise InstrumentError(f"{path}: an item id is used more than once")
    for factor in CORE_FACTORS:
        if not any(item["factor"] == factor for item in data["items"]):
            raise InstrumentError(f"{path}: factor '{factor}' has no statement")

    def build(lang: str) -> PartnershipModule:
        suffix = "" if lang == "en" else f"_{lang}"
        return PartnershipModule(
            id=data["id"],
            version=data["version"],
            title=data["title" + suffix],
            intro=data["intro" + suffix],
            items=tuple(
                Item(i["id"], i["factor"], i["text" + suffix], i["reverse"], "partnership")
                for i in data["items"]
            ),
        )

    return {lang: build(lang) for lang in LANGUAGES}
