"""Parse review dates written the many ways pages write them.

``2024-05-01``, ``2024-05-01T10:00:00Z``, ``2024/05/01``, ``2024-05``, ``1 May 2024``,
``1st May 2024``, ``May 1, 2024``, ``May 2024``, ``05/01/2024`` (month first in
``en-US``, day first in other locales; a part above 12 settles it), ``01.05.2024``
(day first), a bare year ``2024``, and YAML/JSON date values. A date without a day
is a range (``May 2024`` is 1-31 May), so a page is stale only when the range's
last day is too old, and in the future only when its first day is.

``today()`` is the clock the review rules use; tests pass the rules' ``today``
option instead of patching it.
"""

from __future__ import annotations

import calendar
import datetime as _dt
import re
from dataclasses import dataclass
from typing import Any

MONTHS = {
    name.lower(): number
    for number in range(1, 13)
    for name in (calendar.month_name[number], calendar.month_abbr[number])
}
MONTHS["sept"] = 9
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"

_FORMS: list[tuple[str, re.Pattern[str]]] = [
    (
        "iso",
        re.compile(
            rf"{_YEAR}[-/.](?P<m>\d{{1,2}})(?:[-/.](?P<d>\d{{1,2}}))?"
            r"(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?"
        ),
    ),
    ("dmy", re.compile(rf"{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}", re.IGNORECASE)),
    ("mdy", re.compile(rf"{_MONTH}\s+{_DAY},?\s+{_YEAR}", re.IGNORECASE)),
    ("my", re.compile(rf"{_MONTH},?\s+{_YEAR}", re.IGNORECASE)),
    ("numeric", re.compile(r"(?P<a>\d{1,2})[/.\-](?P<b>\d{1,2})[/.\-](?P<year>\d{4})")),
    ("year", re.compile(_YEAR)),
]


@dataclass(frozen=True)
class DateRange:
    """A written date as the range of days it may mean."""

    first: _dt.date
    last: _dt.date
    text: str


def today() -> _dt.date:
    """The review rules' clock (the rules' ``today`` option overrides it)."""
    return _dt.date.today()


def _range(year: int, month: int | None, day: int | None, text: str) -> DateRange | None:
    try:
        if month is None:
            return DateRange(_dt.date(year, 1, 1), _dt.date(year, 12, 31), text)
        if day is None:
            last = calendar.monthrange(year, month)[1]
            return DateRange(_dt.date(year, month, 1), _dt.date(year, month, last), text)
        single = _dt.date(year, month, day)
    except ValueError:
        return None
    return DateRange(single, single, text)


def _from_match(form: str, match: re.Match[str], day_first: bool, text: str) -> DateRange | None:
    groups = match.groupdict()
    year = int(groups["year"])
    if not 1900 <= year <= 2999:
        return None
    if form == "iso":
        return _range(year, int(groups["m"]), int(groups["d"]) if groups["d"] else None, text)
    if form in ("dmy", "mdy"):
        return _range(year, MONTHS[groups["month"].lower()], int(groups["day"]), text)
    if form == "my":
        return _range(year, MONTHS[groups["month"].lower()], None, text)
    if form == "numeric":
        a, b = int(groups["a"]), int(groups["b"])
        dotted = "." in match.group()
        first_is_day = day_first or dotted or (a > 12 >= b)
        if a <= 12 < b:
            first_is_day = False
        day, month = (a, b) if first_is_day else (b, a)
        return _range(year, month, day, text)
    return _range(year, None, None, text)


def parse_date(value: Any, day_first: bool = False, search: bool = False) -> DateRange | None:
    """A review date value as a :class:`DateRange`, or None when it is not a date.

    With ``search`` a date inside a longer text counts ("Reviewed on 1 May 2024 by
    the editors"); otherwise the whole value must be the date.
    """
    if isinstance(value, _dt.datetime):
        return DateRange(value.date(), value.date(), value.isoformat())
    if isinstance(value, _dt.date):
        return DateRange(value, value, value.isoformat())
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int):
        return _range(value, None, None, str(value)) if 1900 <= value <= 2999 else None
    text = " ".join(str(value).split()).strip().strip(".")
    if not text or len(text) > 200:
        return None
    for form, pattern in _FORMS:
        match = pattern.search(text) if search else pattern.fullmatch(text)
        if match:
            return _from_match(form, match, day_first, text)
    return None


def day_first_locale(locale: str | None) -> bool:
    """Whether ``05/01/2024`` means 5 January in this locale (everywhere but the US)."""
    return not (locale or "en-US").lower().replace("_", "-").endswith("-us")
