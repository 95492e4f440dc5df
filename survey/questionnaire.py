"""The respondent's questionnaire as pages: the statements (one page per factor in
version 1; the instrument's own pages, with neutral titles and factors mixed, from
version 2), then barriers, about you and comments. Built from the instrument; no storage
and no Flask here."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace

from scoring.instrument import Instrument, Introduction, Option
from scoring.partnership_module import PartnershipModule

# What a question is answered on, as the instrument names it: its "agreement" and
# "barrier" scales, a profile question's own "choice" of options, or free "text".
SCALES = ("agreement", "barrier", "choice", "text")


@dataclass(frozen=True)
class Question:
    id: str
    text: str
    hint: str | None
    scale: str  # one of SCALES: forms choose the widget and messages from it
    options: tuple[Option, ...]  # empty for a free-text question
    required: bool
    max_length: int | None = None

    def __post_init__(self):
        if self.scale not in SCALES:
            raise ValueError(f"{self.id}: unknown scale {self.scale!r}")
        if (self.scale == "text") != (not self.options):
            raise ValueError(f"{self.id}: a text question has no options, and only it")

    @property
    def is_text(self) -> bool:
        return self.scale == "text"

    def label_for(self, value: str | None) -> str | None:
        for option in self.options:
            if option.value == value:
                return option.label
        return None


@dataclass(frozen=True)
class Section:
    slug: str
    title: str
    intro: str | None
    questions: tuple[Question, ...]
    number: int
    total: int
    introduction: Introduction | None = None  # what the terms mean, on the first page
    first_number: int = 1  # its first question's number (version 2 numbers statements on)

    def missing(self, answers: Mapping[str, str]) -> list[Question]:
        return [q for q in self.questions if q.required and not answers.get(q.id)]


def _same(text: str) -> str:
    return text


def build_sections(instrument: Instrument, _: Callable[[str], str] = _same) -> tuple[Section, ...]:
    """The pages, with the instrument's texts in its language; ``_`` translates this
    module's own sentences into the same language."""
    pages: list[tuple[str, str, str | None, list[Question]]] = []

    def statements(items) -> list[Question]:
        return [
            Question(i.id, i.text, i.hint, "agreement", instrument.agreement_scale, True)
            for i in items
        ]

    ask = _("How much do you agree with each statement about your council?")
    numbers: dict[str, int] = {}  # page slug -> its first statement's number (version 2)
    if instrument.pages:
        for page in instrument.pages:
            items = [instrument.item(item_id) for item_id in page.item_ids]
            numbers[page.id.replace("_", "-")] = 1 + sum(len(p[3]) for p in pages)
            pages.append((page.id.replace("_", "-"), page.title, ask, statements(items)))
    else:
        for factor in instrument.factors:
            pages.append((factor.id.replace("_", "-"), factor.title, ask, statements(factor.items)))
    pages.append(
        (
            "barriers",
            instrument.barriers_title,
            instrument.barriers_question,
            [
                Question(b.id, b.text, None, "barrier", instrument.barrier_scale, True)
                for b in instrument.barriers
            ],
        )
    )
    pages.append(
        (
            "about-you",
            instrument.profile_title,
            _("We use this only to show results for groups of at least the minimum size."),
            [Question(p.id, p.text, p.hint, "choice", p.options, True) for p in instrument.profile],
        )
    )
    pages.append(
        (
            "comments",
            instrument.comments_title,
            None,
            [
                Question(c.id, c.text, c.hint, "text", (), False, c.max_length)
                for c in instrument.comments
            ],
        )
    )
    total = len(pages)
    return tuple(
        Section(
            slug,
            title,
            intro,
            tuple(qs),
            number,
            total,
            introduction=instrument.introduction if number == 1 else None,
            first_number=numbers.get(slug, 1),
        )
        for number, (slug, title, intro, qs) in enumerate(pages, start=1)
    )


def section_by_slug(sections: tuple[Section, ...], slug: str) -> Section | None:
    return next((s for s in sections if s.slug == slug), None)


def next_section(sections: tuple[Section, ...], section: Section) -> Section | None:
    return sections[section.number] if section.number < len(sections) else None


def resume_point(sections: tuple[Section, ...], answers: Mapping[str, str]) -> Section | None:
    """The first page with a required question still unanswered; None when complete."""
    return next((s for s in sections if s.missing(answers)), None)


def module_item_id(partnership_id: int, item_id: str) -> str:
    """How a module answer is stored: per partnership, so that a council in two
    partnerships answers about each."""
    return f"p{partnership_id}__{item_id}"


def with_partnership_modules(
    sections: tuple[Section, ...],
    module: PartnershipModule,
    partnerships: list[dict],
    scale: tuple[Option, ...],
) -> tuple[Section, ...]:
    """The questionnaire with one page of the partnership module per partnership, after
    the main questionnaire, every page renumbered. Each partnership's ``others`` (the
    other confirmed members, GSS code -> name) expands the module's per_member
    statements: one for each of them, naming it."""
    if not partnerships:
        return sections
    pages = [
        (
            f"partnership-{p['id']}",
            f"{module.title}: {p['name']}",
            module.intro,
            tuple(
                Question(
                    module_item_id(p["id"], item.id), item.text, None, "agreement", scale, True
                )
                for item in module.expand(p.get("others", {}), p.get("others")).items
            ),
        )
        for p in partnerships
    ]
    total = len(sections) + len(pages)
    return tuple(replace(s, total=total) for s in sections) + tuple(
        Section(slug, title, intro, questions, number, total)
        for number, (slug, title, intro, questions) in enumerate(pages, start=len(sections) + 1)
    )
