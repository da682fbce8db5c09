"""How a user-supplied string is shown on a page: bounded in length, and isolated from the text around it.

A title, outlet, author or entity name is whatever a scraped page or a client sent. Two things about it
must not reach the page as they are:

* a right-to-left override (U+202E) or right-to-left letters reorder the text *around* the string as
  well (a name followed by "said" reads "dias"). The string is wrapped in the Unicode isolates FSI … PDI,
  the plain-text form of ``<bdi>``: it works in element text, attributes, ``<title>`` and SVG alike, and a
  PDI closes every override opened inside it;
* a two-megabyte title would be a four-megabyte page. A shown string is cut at ``MAX_SHOWN`` characters
  with an ellipsis; the API's JSON keeps the whole value.

``shown`` is the template environment's ``finalize``, so every ``{{ value }}`` of every template goes
through it and no template can forget to. Markup (already built HTML) passes unchanged.
"""

from __future__ import annotations

import re
from typing import Any

from markupsafe import Markup

MAX_SHOWN = 1000
"""Characters of one user-supplied string a page shows; longer ones end in an ellipsis."""

# Directional formatting characters and the right-to-left scripts (Hebrew to Arabic Extended, and their
# presentation forms): where these occur, the string's direction may differ from the page's.
_BIDI = re.compile("[\u0590-\u08ff\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufb1d-\ufdff\ufe70-\ufefc]")
_FSI, _PDI = "\u2068", "\u2069"


def isolate(value: str) -> str:
    """``value`` inside an isolate when it holds right-to-left text or directional controls."""
    return f"{_FSI}{value}{_PDI}" if _BIDI.search(value) else value


def shown(value: Any) -> Any:
    """A template value as a page shows it: plain strings bounded and isolated, everything else as it is."""
    if not isinstance(value, str) or isinstance(value, Markup):
        return value
    if len(value) > MAX_SHOWN:
        value = value[: MAX_SHOWN - 1] + "…"
    return isolate(value)


__all__ = ["MAX_SHOWN", "isolate", "shown"]
