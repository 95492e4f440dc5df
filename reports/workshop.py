"""The facilitator's workshop pack: a kit for a two-hour workshop on a council's results.
Takes the same :class:`reports.documents.CouncilInput` as the council report and returns
PDF bytes.

What it holds, in the order of the workshop: the agenda with timings and the
facilitator's notes (the wording is in ``templates/reports/workshop.html``), a handout,
a review of the actions agreed before, the statements people are split on (each with its
own prompt from the questionnaire), the two weakest factors with tables for actions,
the council's partnerships, and every statement at a glance.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from babel.dates import format_date

import templates
from reports.documents import Charts, CouncilInput, council_context
from reports.pdf import ReportFetcher, render_html, write_pdf
from reports.print_charts import TEXT_WIDTH_PT, answer_bar
from reports.view_models import statement_texts
from scoring.actions import movement
from scoring.instrument import DONT_KNOW, Item
from scoring.rounding import display, signed
from scoring.statements import StatementSpread, to_discuss

# The parts of the workshop and their minutes, in order: two hours.
AGENDA = (
    ("welcome", 10),
    ("handout", 15),
    ("review", 15),
    ("split", 35),
    ("break", 10),
    ("actions", 25),
    ("close", 10),
)


@dataclass(frozen=True)
class Part:
    number: int
    id: str
    minutes: int
    start: str  # "0:40", from the start of the workshop
    end: str


def agenda(parts: Sequence[tuple[str, int]] = AGENDA) -> list[Part]:
    """Each part with its start and end, as hours:minutes from the start."""

    def clock(minutes: int) -> str:
        return f"{minutes // 60}:{minutes % 60:02d}"

    timed, at = [], 0
    for number, (part, minutes) in enumerate(parts, start=1):
        timed.append(Part(number, part, minutes, clock(at), clock(at + minutes)))
        at += minutes
    return timed


def percent(share: float | None) -> str:
    return display(None if share is None else 100 * share)


def prompt_for(item: Item, _=str) -> tuple[str, bool]:
    """The statement's own workshop question, or (a version 1 statement no version 2
    statement links to) a general one that follows its wording; and whether it is the
    statement's own."""
    if item.prompt:
        return item.prompt, True
    if item.reverse:
        return _("What would it take for no one here to agree with this statement?"), False
    return _("What would it take for everyone here to agree with this statement?"), False


def _statement(spread: StatementSpread, texts, _) -> dict:
    item = texts.item(spread.item.id)
    prompt, own = prompt_for(item, _)
    agree, disagree = spread.agree, spread.disagree
    neither = spread.side(("3",))
    return {
        "spread": spread,
        "id": item.id,
        "text": item.text,
        "factor": texts.factor(item.factor).title,
        "reverse": item.reverse,
        "prompt": prompt,
        "own_prompt": own,
        "split": spread.split,
        "agree": percent(agree),
        "neither": percent(neither),
        "disagree": percent(disagree),
        "answered": spread.answered,
        "dont_know": spread.counts.get(DONT_KNOW, 0),
    }


def _review(data: CouncilInput, indices: dict[str, float | None]) -> list[dict]:
    """Each agreed action with how its factor moved between the previous round and this
    one (on the statements both share, when their questionnaires differ: ``all`` is then
    the factor's index on all of this round's statements, from ``indices``). An action
    agreed after this round's results cannot have moved this round's figures: its
    ``agreed_now`` says so, and the template words the movement as the baseline."""
    rows = {measure: (then, now) for measure, then, now in data.trend.get("rows", [])}
    reviewed = []
    for action in data.plan.get("actions", []):
        then, now = rows.get(action["factor"], (None, None))
        change = movement(then, now)
        reviewed.append(
            {
                **action,
                "factor_title": data.texts.factor(action["factor"]).title,
                "due_text": format_date(
                    dt.date.fromisoformat(action["due"]), "d MMMM y", locale=data.lang
                ),
                "then": display(then),
                "now": display(now),
                "all": display(indices.get(action["factor"])),
                "change": None if change is None else signed(change),
                "agreed_now": action["round_slug"] == data.round["slug"],
            }
        )
    return reviewed


def workshop_context(data: CouncilInput, large_print: bool = False) -> dict:
    """What the template needs; the charts are still to be rendered (``pending``)."""
    context = council_context(data, charts=False)
    _ = templates.translations(data.lang).gettext
    texts = data.texts
    pending = Charts()
    statements = {s.item.id: _statement(s, texts, _) for s in data.spreads}
    discuss = []
    for number, spread in enumerate(to_discuss(data.spreads), start=1):
        entry = statements[spread.item.id]
        alt = _(
            "Answers to '%(statement)s': %(agree)s%% agree, %(neither)s%% neither agree nor "
            "disagree, %(disagree)s%% disagree."
        ) % {
            "statement": entry["text"],
            "agree": entry["agree"],
            "neither": entry["neither"],
            "disagree": entry["disagree"],
        }
        chart = pending.add(
            answer_bar(spread, texts.agreement_scale, large_print), alt, width=TEXT_WIDTH_PT
        )
        discuss.append({**entry, "number": number, "chart": chart})
    trend = data.trend
    context.update(
        {
            "large_print": large_print,
            "chart_width_pt": TEXT_WIDTH_PT,
            "agenda": agenda(),
            "discuss": discuss,
            # The minutes each statement gets in part 4: its slot shared out, rounded
            # down, so that the words never promise more time than the part has.
            "minutes_each": dict(AGENDA)["split"] // len(discuss) if discuss else None,
            "split_count": sum(1 for s in data.spreads if s.split),
            "statement_count": len(data.spreads),
            "by_factor": [
                (
                    texts.factor(f.id).title,
                    [statements[i.id] for i in f.items if i.id in statements],
                )
                for f in data.results.instrument.factors
            ],
            "review": _review(data, {e["factor"].id: e["score"].index for e in context["factors"]}),
            "previous_round": trend.get("previous"),
            "shared_statements": trend.get("shared"),
            # The same two lowest-scoring factors as the council report's page 1.
            "focus": [
                (e["factor"], e["score"], e["comparison"])
                for weak in context["headline"].weakest
                for e in context["factors"]
                if e["factor"].id == weak.factor
            ],
            "partnerships": [
                {
                    **p,
                    "item_text": statement_texts(p["module"], _("each other council")),
                    "items": {item.id: item for item in p["module"].items},
                }
                for p in data.partnerships
            ],
        }
    )
    pending.render()
    return context


def workshop_pack(
    data: CouncilInput, large_print: bool = False, fetcher: ReportFetcher | None = None
) -> bytes:
    """The facilitator's kit for a two-hour workshop (A4; ``large_print``: 16 pt text,
    14 pt chart text and more room to write)."""
    context = workshop_context(data, large_print)
    return write_pdf(render_html("reports/workshop.html", context, data.lang), fetcher)
