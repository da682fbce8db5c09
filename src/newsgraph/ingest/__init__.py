"""Input readers: files, folders and streams of articles in many formats become ``Document``s.

Formats: text, HTML, JSON, JSON Lines, CSV, WARC, RSS/Atom feeds, Reuters-21578 SGML. Each is a
``Reader`` in its own module, listed in one registry (``registry``); format
detection is by file name first, then by content. Decoding is UTF-8 first, with a fallback that
is reported in ``Document.warnings``, as is any NUL character removed (``storable``: no database can
store one). Multi-record formats report a bad record as a
``RecordError`` through the ``*_records`` functions and keep the others.
"""

from newsgraph.ingest.base import Reader, RecordError, RecordReader
from newsgraph.ingest.decoding import DecodedText, decode_text
from newsgraph.ingest.files import (
    iter_paths,
    read_bytes,
    read_bytes_records,
    read_path,
    read_path_records,
    read_stream,
    read_stream_records,
)
from newsgraph.ingest.json_object import document_from_json, parse_published
from newsgraph.ingest.normalize import storable
from newsgraph.ingest.registry import DEFAULT_READERS, ReaderRegistry, registry

__all__ = [
    "DEFAULT_READERS",
    "DecodedText",
    "Reader",
    "ReaderRegistry",
    "RecordError",
    "RecordReader",
    "decode_text",
    "document_from_json",
    "iter_paths",
    "parse_published",
    "read_bytes",
    "read_bytes_records",
    "read_path",
    "read_path_records",
    "read_stream",
    "read_stream_records",
    "registry",
    "storable",
]
