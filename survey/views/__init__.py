"""One blueprint per area; views stay thin and call the store and scoring."""

from __future__ import annotations

from werkzeug.routing import IntegerConverter

# A larger id in a URL raised OverflowError in the SQLite driver (a 500). Every
# ``<int:...>`` in a URL is a row id, so none can be above SQLite's largest.
from survey.store.base import MAX_ROW_ID


class RowId(IntegerConverter):
    """``<int:...>`` for row ids: non-negative and within SQLite's range, so an id out of
    range is an unknown URL (404) on every route, like an id that does not exist."""

    def __init__(self, map, fixed_digits: int = 0, min: int | None = 0, max: int | None = None):
        super().__init__(map, fixed_digits, min, MAX_ROW_ID if max is None else max)
