"""The partnership module (``questions/partnership-module.v1.yaml``): the core factors
asked about one partnership, with the main questionnaire's scale and scoring rules and
its own statements (ids beginning ``pm_``). Checked against its schema when loaded."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import jsonschema
import yaml

import questions
from scoring.instrument import CORE_FACTORS, LANGUAGES, InstrumentError, Item, where

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
        location = where(data, errors[0].absolute_path)
        raise InstrumentError(f"{path}: {location}: {errors[0].message}")
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
