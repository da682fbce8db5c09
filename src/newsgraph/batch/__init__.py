"""Batch processing: the engine-neutral partition function and the ingest loop that stores its records."""

from newsgraph.batch.ingest import Analyze, Ingestion, IngestSummary, NearDuplicateLinker, Progress, local_analyzer
from newsgraph.batch.partition import Analyzed, Failed, process_partition

__all__ = [
    "Analyze",
    "Analyzed",
    "Failed",
    "IngestSummary",
    "Ingestion",
    "NearDuplicateLinker",
    "Progress",
    "local_analyzer",
    "process_partition",
]
