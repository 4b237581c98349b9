"""Pieces of the generators' URL rules: the date parts in the site's zone, permalink patterns.

Each profile states its own rule (:meth:`Profile.page_url`); these helpers fill in the
``:year``-style and ``{date}``-style placeholders the generators' patterns use.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


def zone_named(name: object) -> dt.tzinfo | None:
    """The zone a site names, or None."""
    if isinstance(name, str) and name.strip():
        try:
            return ZoneInfo(name.strip())
        except (ZoneInfoNotFoundError, ValueError):
            return None
    return None


def in_zone(value: dt.date | dt.datetime, zone: dt.tzinfo | None) -> dt.datetime:
    """``value`` as a datetime in ``zone`` (the machine's zone when None): what a generator
    that works in the site's time zone dates the post with. A plain date is midnight there."""
    if not isinstance(value, dt.datetime):
        return dt.datetime(value.year, value.month, value.day, tzinfo=zone)
    if value.tzinfo is None:
        return value.replace(tzinfo=zone) if zone else value
    return value.astimezone(zone) if zone else value.astimezone()


def date_values(moment: dt.date | dt.datetime) -> dict[str, str]:
    """The date placeholders common to Jekyll's and Hexo's permalinks."""
    day = moment if isinstance(moment, dt.datetime) else dt.datetime.combine(moment, dt.time())
    return {
        "year": f"{day.year:04d}",
        "short_year": f"{day.year % 100:02d}",
        "month": f"{day.month:02d}",
        "i_month": str(day.month),
        "day": f"{day.day:02d}",
        "i_day": str(day.day),
        "hour": f"{day.hour:02d}",
        "minute": f"{day.minute:02d}",
        "second": f"{day.second:02d}",
        "y_day": f"{day.timetuple().tm_yday:03d}",
    }


_COLON_TOKEN = re.compile(r":([a-z_]+)")


def fill_colon_pattern(pattern: str, values: Mapping[str, str]) -> str | None:
    """A ``/:year/:month/:title/`` pattern filled from ``values``; None when it uses a
    placeholder that is not there (the URL cannot be told)."""
    missing = False

    def fill(match: re.Match[str]) -> str:
        nonlocal missing
        # the longest known name wins (":title" and ":titles", ":i_month")
        name = match[1]
        for end in range(len(name), 0, -1):
            if name[:end] in values:
                return values[name[:end]] + name[end:]
        missing = True
        return match[0]

    filled = _COLON_TOKEN.sub(fill, pattern)
    return None if missing else filled


_LDML: tuple[tuple[str, Callable[[dt.date], str]], ...] = (
    ("yyyy", lambda d: f"{d.year:04d}"),
    ("yy", lambda d: f"{d.year % 100:02d}"),
    ("MM", lambda d: f"{d.month:02d}"),
    ("M", lambda d: str(d.month)),
    ("dd", lambda d: f"{d.day:02d}"),
    ("d", lambda d: str(d.day)),
)


def ldml_date(pattern: str, value: dt.date) -> str | None:
    """A date written by a Babel/LDML pattern such as ``yyyy/MM/dd`` (MkDocs Material's
    ``post_url_date_format``); None for a pattern with parts other than these numbers."""
    out = ""
    i = 0
    while i < len(pattern):
        for token, write in _LDML:
            if pattern.startswith(token, i):
                out += write(value)
                i += len(token)
                break
        else:
            char = pattern[i]
            if char.isalpha():
                return None
            out += char
            i += 1
    return out
