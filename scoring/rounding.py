"""Rounding for display: half away from zero (contract section 3), never for data."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal


def round_half_away(value: float, digits: int = 0) -> Decimal:
    """Round ``value`` half away from zero to ``digits`` decimals.

    Python's ``round`` rounds half to even (``round(62.5) == 62``); the contract asks for
    62.5 -> 63 and -62.5 -> -63. ``Decimal(repr(value))`` uses the shortest decimal that
    reads back as the same float, so 2.675 rounds to 2.68 as a reader expects.
    """
    exponent = Decimal(1).scaleb(-digits)
    return Decimal(repr(float(value))).quantize(exponent, rounding=ROUND_HALF_UP)


def display(value: float | None, digits: int = 0) -> str:
    """Text for a figure on a page; an em dash where there is no figure."""
    if value is None:
        return "\u2014"
    return str(round_half_away(value, digits))


def signed(value: float | None, digits: int = 0) -> str:
    """A difference as shown: "+1.2", "-0.4", "0.0" (no sign when it rounds to 0)."""
    if value is None:
        return "\u2014"
    rounded = round_half_away(value, digits)
    if rounded == 0:
        return str(abs(rounded))
    return f"+{rounded}" if rounded > 0 else str(rounded)
