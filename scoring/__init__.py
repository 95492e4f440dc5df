"""Pure scoring: the instrument, council scores, agreement and thresholds.

Takes plain values and returns frozen dataclasses. Never imports flask, wtforms,
sqlite_utils, plotly, weasyprint or jinja2 (``tests/test_architecture.py`` checks).
"""
