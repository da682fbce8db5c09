"""Publication dates as record-oriented formats write them: ISO 8601, RFC 2822, and a few common layouts."""

from __future__ import annotations

import datetime as dt
import email.utils
import re

# Tried in order after ISO 8601 and RFC 2822; all are unambiguous (no 01/02/2024).
_FORMATS = ("%d-%b-%Y", "%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y", "%Y/%m/%d")
_SPACES = re.compile(r"\s+")


def parse_date(value: str) -> dt.date | None:
    """The date in ``value``, or None when it is empty or not a date in a known layout.

    Accepts ``2024-12-08``, ISO date-times (``2024-12-08T10:00:00Z``), RFC 2822
    (``Sun, 08 Dec 2024 10:00:00 GMT``), ``08-DEC-2024``, ``December 8, 2024``,
    ``8 December 2024`` and ``2024/12/08``.
    """
    text = _SPACES.sub(" ", value.strip())
    if not text:
        return None
    try:
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    try:
        return email.utils.parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        pass
    for layout in _FORMATS:
        try:
            return dt.datetime.strptime(text.title() if "%b" in layout else text, layout).date()
        except ValueError:
            continue
    return None
