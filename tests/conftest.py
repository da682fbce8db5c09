"""Shared fixtures: the real model, loaded once, and access to ../shared evaluation data."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from newsgraph.nlp import load_model

PROJECT = Path(__file__).resolve().parents[1]
SHARED = PROJECT.parent / "shared"
EXAMPLE = PROJECT / "examples" / "assad-moscow.txt"


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or skip the test when that data is not beside the project."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"needs {path}: evaluation data from ../shared is not beside this checkout")
    return path


@pytest.fixture(scope="session")
def nlp() -> Language:
    return load_model()


@pytest.fixture(scope="session")
def example_text() -> str:
    return EXAMPLE.read_text(encoding="utf-8")
