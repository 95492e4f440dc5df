"""The facilitator's workshop pack: a council's results turned into a kit for a workshop.
Takes the same :class:`reports.documents.CouncilInput` as the council report and returns
PDF bytes."""

from __future__ import annotations

import templates
from reports.document_charts import distribution_figure
from reports.documents import Charts, CouncilInput, council_context
from reports.pdf import ReportFetcher, render_html, write_pdf
from reports.view_models import statement_texts
from scoring.statements import StatementSpread, most_disagreed


def workshop_pack(
    data: CouncilInput, large_print: bool = False, fetcher: ReportFetcher | None = None
) -> bytes:
    """The facilitator's workshop pack: prompts from the statements people disagreed on
    most, the lowest factors, action-planning tables and a one-page handout."""
    context = council_context(data, charts=False)
    _ = templates.translations(data.lang).gettext
    labels = context["labels"]
    scale = data.texts.agreement_scale
    prompts = most_disagreed(data.spreads, 5)
    pending = Charts()

    def alt(spread: StatementSpread) -> str:
        shares = ", ".join(
            f"{option.label} {round(100 * (spread.share(option.value) or 0))}%" for option in scale
        )
        return _("Answers to '%(statement)s': %(shares)s") % {
            "statement": context["item_text"][spread.item.id],
            "shares": shares,
        }

    context.update(
        {
            "large_print": large_print,
            "prompts": [
                {
                    "spread": s,
                    "factor": data.results.instrument.factor(s.item.factor),
                    "chart": pending.add(
                        distribution_figure([s], labels, scale), alt(s), width=680
                    ),
                }
                for s in prompts
            ],
            "focus": context["weakest"],
            "partnerships": [
                {**p, "item_text": statement_texts(p["module"], _("each other council"))}
                for p in data.partnerships
            ],
        }
    )
    pending.render()
    return write_pdf(render_html("reports/workshop.html", context, data.lang), fetcher)
