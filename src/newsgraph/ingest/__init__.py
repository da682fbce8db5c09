"""Input readers: files, folders and streams of text, HTML and JSON become ``Document``s.

Each format is a ``Reader`` in its own module, listed in one registry (``registry``); format
detection is by file name first, then by content. Decoding is UTF-8 first, with a fallback that
is reported in ``Document.warnings``.
"""

from newsgraph.ingest.base import Reader
from newsgraph.ingest.decoding import DecodedText, decode_text
from newsgraph.ingest.files import iter_paths, read_bytes, read_path, read_stream
from newsgraph.ingest.json_object import document_from_json, parse_published
from newsgraph.ingest.registry import DEFAULT_READERS, ReaderRegistry, registry

__all__ = [
    "DEFAULT_READERS",
    "DecodedText",
    "Reader",
    "ReaderRegistry",
    "decode_text",
    "document_from_json",
    "iter_paths",
    "parse_published",
    "read_bytes",
    "read_path",
    "read_stream",
    "registry",
]
