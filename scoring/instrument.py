"""Load a questionnaire instrument (``questions/collaboration-maturity.v*.yaml``).

The YAML file is checked against its version's JSON Schema and then against the rules a
schema cannot express (:mod:`scoring.instrument_rules`). Any problem raises
:class:`InstrumentError` naming the file, the item and the problem, so a bad file stops
the app at start-up.
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
DEFAULT_INSTRUMENT = questions.DIRECTORY / "collaboration-maturity.v1.yaml"  # load_instrument()
CURRENT_INSTRUMENT = questions.DIRECTORY / "collaboration-maturity.v2.yaml"  # for new rounds
SCHEMA_PATH = questions.DIRECTORY / "collaboration-maturity.schema.json"  # version 1
SCHEMA_PATHS = {1: SCHEMA_PATH, 2: questions.DIRECTORY / "collaboration-maturity.v2.schema.json"}
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
    same_as: str | None = None  # the earlier version's statement that asks the same thing
    prompt: str | None = None  # a workshop question about it (version 2)


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
    suggestions: tuple[str, ...]  # every suggestion, in level order
    items: tuple[Item, ...]
    # Suggestions for a factor at each level, Isolated .. Leading (version 1 gives the same
    # ones at every level).
    level_suggestions: tuple[tuple[str, ...], ...] = ()

    def suggestions_at(self, level: int | None) -> tuple[str, ...]:
        """The suggestions for a factor at ``level`` (1-5); all of them without one."""
        if level is None or not self.level_suggestions:
            return self.suggestions
        return self.level_suggestions[level - 1]


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
class Definition:
    term: str
    meaning: str


@dataclass(frozen=True)
class Introduction:
    """What the start page and the first page of statements say first (version 2)."""

    text: str
    definitions: tuple[Definition, ...]


@dataclass(frozen=True)
class Page:
    """A page of statements in the fixed order every respondent sees (version 2)."""

    id: str
    title: str
    item_ids: tuple[str, ...]


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
    introduction: Introduction | None = None
    pages: tuple[Page, ...] = ()  # empty: one page per factor (version 1)

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

    def item(self, item_id: str) -> Item:
        for item in self.items:
            if item.id == item_id:
                return item
        raise KeyError(item_id)


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
    version = data.get("version") if isinstance(data, dict) else None
    schema_path = SCHEMA_PATHS[2] if isinstance(version, int) and version >= 2 else SCHEMA_PATH
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))
    if errors:
        error = errors[0]
        message = error.message
        if len(message) > 160:  # jsonschema quotes the whole offending value; name the rule
            message = f"does not meet the schema rule {error.validator}: {error.validator_value}"
        raise InstrumentError(f"{path}: {where(data, error.absolute_path)}: {message}")
    assert isinstance(data, dict)
    from scoring.instrument_rules import check_rules  # the rules import this module's names

    check_rules(data, path)
    return _build(data, lang)


def where(data: object, location) -> str:
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


def _build(data: dict, lang: str = "en") -> Instrument:
    if lang not in LANGUAGES:
        raise InstrumentError(f"no texts in language '{lang}'; choose one of {LANGUAGES}")
    suffix = "" if lang == "en" else f"_{lang}"

    def t(node: dict, key: str):
        """The text under ``key`` in the chosen language (None for an absent hint)."""
        return node.get(key + suffix)

    def options(raw: list[dict]) -> tuple[Option, ...]:
        return tuple(Option(o["value"], t(o, "label")) for o in raw)

    def suggestions(factor: dict) -> tuple[tuple[str, ...], ...]:
        given = t(factor, "suggestions")
        if isinstance(given, list):  # version 1: the same at every level
            return (tuple(given),) * len(LEVEL_KEYS)
        return tuple(tuple(given[key]) for key in LEVEL_KEYS)

    factors = tuple(
        Factor(
            id=f["id"],
            title=t(f, "title"),
            description=t(f, "description"),
            level_descriptors=tuple(t(f, "levels")[key] for key in LEVEL_KEYS),
            suggestions=tuple(dict.fromkeys(s for level in suggestions(f) for s in level)),
            level_suggestions=suggestions(f),
            items=tuple(
                Item(
                    id=i["id"],
                    factor=i["factor"],
                    text=t(i, "text"),
                    reverse=i["reverse"],
                    source=i["source"],
                    hint=t(i, "hint"),
                    same_as=i.get("same_as"),
                    prompt=t(i, "prompt"),
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
        introduction=_introduction(data.get("introduction"), t),
        pages=tuple(Page(p["id"], t(p, "title"), tuple(p["items"])) for p in data.get("pages", ())),
    )


def _introduction(raw: dict | None, t) -> Introduction | None:
    if raw is None:
        return None
    return Introduction(
        t(raw, "text"),
        tuple(Definition(t(d, "term"), t(d, "meaning")) for d in raw["definitions"]),
    )
