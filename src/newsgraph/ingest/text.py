"""Plain text: the whole input is one article body."""

from __future__ import annotations

from collections.abc import Iterator

from newsgraph.errors import EmptyInputError
from newsgraph.ingest.base import Reader
from newsgraph.ingest.decoding import decode_text
from newsgraph.records import Document
from newsgraph.settings import Settings


class TextReader(Reader):
    """A plain-text article: the body, with no metadata.

    It is the registry's last resort for inputs no other reader recognises, so its ``sniff``
    accepts anything; binary data is still refused when decoding.
    """

    name = "text"
    extensions = (".txt", ".text", ".md")

    def sniff(self, head: bytes) -> bool:
        return True

    def read(self, data: bytes, origin: str, settings: Settings) -> Iterator[Document]:
        decoded = decode_text(data, origin)
        # Line endings are normalised so offsets mean the same on every platform.
        text = decoded.text.replace("\r\n", "\n").replace("\r", "\n")
        if not text.strip():
            raise EmptyInputError(f"{origin}: only whitespace, no text to analyze")
        yield Document(text=text, origin=origin, warnings=decoded.warnings(origin))
