import { initAll } from "./govuk/govuk-frontend.min.js";
initAll();

// Charts: each figure's JSON sits in a data block beside its container, so that the page
// needs no inline script (the Content Security Policy forbids it). Plotly is loaded by the
// page that has charts; static plots have no focusable controls.
for (const element of document.querySelectorAll("[data-plotly-figure]")) {
  const data = document.getElementById(element.dataset.plotlyFigure);
  if (!data || !window.Plotly) continue;
  const figure = JSON.parse(data.textContent);
  window.Plotly.newPlot(element, figure.data, figure.layout, {
    staticPlot: true,
    responsive: true,
    displayModeBar: false,
  });
}
