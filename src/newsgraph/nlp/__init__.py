"""Loading the spaCy pipeline with newsgraph's components, and running it over articles."""

from newsgraph.nlp.analyze import analyze, analyze_document, analyze_documents
from newsgraph.nlp.model import LANGUAGES, PIPELINE, Pipelines, load_model

__all__ = ["LANGUAGES", "PIPELINE", "Pipelines", "analyze", "analyze_document", "analyze_documents", "load_model"]
