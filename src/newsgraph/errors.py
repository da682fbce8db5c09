"""The one exception tree of newsgraph.

Every error a user can cause is a ``NewsgraphError``; the CLI prints its message
on one line and exits with ``exit_code``. Anything else escaping is a bug.

    NewsgraphError
    ├── InputError              bad input the user handed us
    │   ├── InputNotFoundError  missing file or folder
    │   ├── EmptyInputError     no text to analyze (empty file, HTML without article)
    │   ├── BinaryInputError    not text at all
    │   ├── InputTooLargeError  over the configured size limit
    │   └── InputFormatError    malformed JSON/HTML, bad dates, unknown format
    ├── DataError               evaluation data missing or unreadable
    ├── ModelError              the spaCy model is not installed or cannot load
    └── StoreError              the database cannot be opened, migrated or written
"""

from __future__ import annotations


class NewsgraphError(Exception):
    """Base of every error a user can cause; the message is one line."""

    exit_code = 1


class InputError(NewsgraphError):
    exit_code = 2


class InputNotFoundError(InputError):
    pass


class EmptyInputError(InputError):
    pass


class BinaryInputError(InputError):
    pass


class InputTooLargeError(InputError):
    pass


class InputFormatError(InputError):
    pass


class DataError(NewsgraphError):
    exit_code = 2


class ModelError(NewsgraphError):
    exit_code = 3


class StoreError(NewsgraphError):
    exit_code = 4


class ArticleRefusedError(StoreError):
    """The database refused one article's values (not the connection or the schema): the others can go on."""
