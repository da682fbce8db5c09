"""Attributions: who said what, through whom, how firmly. Implemented in ``extract.attribution``.

This module keeps the original import path; importing it registers the component.
"""

from __future__ import annotations

from newsgraph.extract.attribution import attributions_component, extract_attributions

__all__ = ["attributions_component", "extract_attributions"]
