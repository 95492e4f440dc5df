"""Cells for CSV files that people open in spreadsheets."""

from __future__ import annotations

from reports.text import printable

# A cell starting with one of these is read as a formula by Excel, LibreOffice or Sheets.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\n")


def safe_cell(value: object) -> str:
    """Text for a CSV cell that a spreadsheet will show as text, never run as a formula.

    Numbers are written as they are (a negative number is data, not a formula); any text
    starting with a formula character gets a leading apostrophe. Control characters
    other than tab and newline are written escaped (:func:`reports.text.printable`).
    """
    if isinstance(value, int | float) and not isinstance(value, bool):
        return repr(value) if isinstance(value, float) else str(value)
    text = "" if value is None else printable(str(value))
    if text.startswith(FORMULA_PREFIXES):
        return "'" + text
    return text
