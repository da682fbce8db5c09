"""From bytes to text: UTF-8 first, a declared or fallback encoding when it fails, and a refusal for binary data."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from newsgraph.errors import BinaryInputError, EmptyInputError

# Only this much of the start of a file is inspected to decide whether it is text at all.
SNIFF_BYTES = 8192

# When strict UTF-8 fails. cp1252 is what most mislabelled Western news text is; it leaves five
# byte values undefined, so latin-1 (which maps every byte) is the last resort and never fails.
FALLBACK_ENCODINGS = ("cp1252", "latin-1")

# Signatures of common binary formats, so the error can say what the file looks like.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"\x7fELF", "an executable"),
    (b"SQLite format 3\x00", "an SQLite database"),
)

_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)

# Control characters other than tab, newlines, form feed and vertical tab: text has almost none.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_MAX_CONTROL_RATIO = 0.05
_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True, slots=True)
class DecodedText:
    """Text decoded from bytes, with the encoding used and whether it was a fallback."""

    text: str
    encoding: str
    fallback: bool = False

    def warnings(self, origin: str) -> tuple[str, ...]:
        """A user-facing note when the text was not valid UTF-8, else nothing."""
        if not self.fallback:
            return ()
        return (f"{origin}: not valid UTF-8; decoded as {self.encoding}, some characters may be wrong",)


def check_not_binary(data: bytes, origin: str) -> None:
    """Refuse data that is not text.

    Raises:
        BinaryInputError: a known binary signature, NUL bytes (outside UTF-16), or mostly control characters.
    """
    head = data[:SNIFF_BYTES]
    for magic, what in _MAGIC:
        if head.startswith(magic):
            raise BinaryInputError(f"{origin}: binary file ({what}), not text")
    if head.startswith(_UTF16_BOMS):
        return
    if b"\x00" in head:
        raise BinaryInputError(f"{origin}: binary file (contains NUL bytes), not text")
    sample = head.decode("latin-1")
    if sample and len(_CONTROL.findall(sample)) / len(sample) > _MAX_CONTROL_RATIO:
        raise BinaryInputError(f"{origin}: binary file (mostly non-text bytes), not text")


def decode_text(data: bytes, origin: str, declared: str | None = None) -> DecodedText:
    """Decode ``data`` as text.

    UTF-8 (a byte-order mark is stripped) and BOM-marked UTF-16 are read as such. Otherwise
    ``declared`` (e.g. an HTML ``<meta charset>``) is tried, then the fallbacks; a fallback is
    flagged so the caller can tell the user.

    Args:
        data: the raw bytes.
        origin: the input's name, for messages.
        declared: an encoding the document itself declares, if any.

    Raises:
        EmptyInputError: there are no bytes at all.
        BinaryInputError: the bytes are not text.
    """
    if not data:
        raise EmptyInputError(f"{origin}: empty input, no text to analyze")
    check_not_binary(data, origin)
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    elif data.startswith(_UTF16_BOMS):
        try:
            return DecodedText(data.decode("utf-16"), "utf-16")
        except UnicodeDecodeError:
            raise BinaryInputError(f"{origin}: starts like UTF-16 but is not valid UTF-16") from None
    try:
        return DecodedText(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    candidates = (declared, *FALLBACK_ENCODINGS) if declared else FALLBACK_ENCODINGS
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except (LookupError, UnicodeError):
            # UnicodeError, not only UnicodeDecodeError: some codecs (``undefined``) raise the base class.
            continue
        if _SURROGATE.search(text):
            # A declared utf-7 or unicode_escape can spell an unpaired surrogate, which is not text.
            continue
        # A document's own declaration is trusted; only a guess is worth a warning.
        return DecodedText(text, encoding, fallback=encoding != declared)
    # latin-1 decodes any byte string, so the loop always returns; this keeps mypy and readers honest.
    raise AssertionError("latin-1 decoding cannot fail")
