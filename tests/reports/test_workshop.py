"""The workshop pack, read back from its PDF."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from reports.workshop import workshop_pack
from survey.db import get_store
from survey.demo import load_demo
from survey.inputs import council_input
from tests.conftest import make_app


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    app = make_app(tmp_path_factory.mktemp("workshop"))
    with app.app_context():
        load_demo(
            get_store(), app.extensions["instruments"].get(1), councils=10, respondents=8, seed=11
        )
    return app


def inputs(app, gss, lang="en"):
    with app.app_context():
        store = get_store()
        return council_input(
            store,
            app.extensions["instruments"],
            store.get_round("demo-2026"),
            store.get_council(gss),
            5,
            lang=lang,
            public_min=10,
            with_plan=True,
        )


def page_texts(reader) -> list[str]:
    return [page.extract_text() for page in reader.pages]


def test_workshop_pack_has_prompts_focus_factors_and_action_tables(demo):
    data = inputs(demo, "E07900001")
    texts = page_texts(PdfReader(io.BytesIO(workshop_pack(data))))
    joined = "\n".join(texts)
    assert "Where people disagreed most" in joined
    assert joined.count("To discuss:") == 5
    assert joined.count("What we will do") == 2  # one table per focus factor
    large = PdfReader(io.BytesIO(workshop_pack(data, large_print=True)))
    assert "Workshop pack (large print)" in large.pages[0].extract_text()


def test_the_workshop_pack_in_welsh(demo):
    data = inputs(demo, "E07900001", "cy")
    texts = page_texts(PdfReader(io.BytesIO(workshop_pack(data))))
    joined = "\n".join(texts)
    assert "Lle roedd pobl yn anghytuno fwyaf" in joined
    assert joined.count("I'w drafod:") == 5
    assert joined.count("Beth y byddwn yn ei wneud") == 2
    assert "To discuss" not in joined and "Action plan" not in joined
