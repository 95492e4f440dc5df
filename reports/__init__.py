"""Charts (Plotly figures) and documents built from scoring results.

Never imports flask, survey or sqlite_utils (``tests/test_architecture.py`` checks).
"""
