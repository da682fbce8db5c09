"""The ingest loop: read, skip known content, analyse, link near-duplicates, store.

Analysis happens in partitions (``process_partition``); storing happens here, one
transaction per article, in input order. Because content already in the store is
skipped before it is analysed, re-running an interrupted ingest resumes where it
stopped and never stores anything twice.
"""

from __future__ import annotations

import datetime as dt
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol, runtime_checkable

from newsgraph.batch.inputs import InputFile, iter_documents, list_inputs
from newsgraph.batch.partition import Analyzed, Failed, process_partition
from newsgraph.errors import ArticleRefusedError
from newsgraph.link import SIGNATURE_SCHEME, NearDuplicateIndex, Signature, signature
from newsgraph.link.near_duplicates import DEFAULT_THRESHOLD, shared_passages
from newsgraph.nlp.analyze import article_id
from newsgraph.records import Document
from newsgraph.settings import Settings
from newsgraph.store import NearDuplicateLink, Store

Analyze = Callable[[Sequence[Document]], list[Analyzed | Failed]]
"""Turns a partition of documents into records: ``process_partition`` bound to a model, or a Dask map."""


class PendingPartition(Protocol):
    """A partition being analysed elsewhere (a ``concurrent.futures`` or ``distributed`` future)."""

    def result(self) -> list[Analyzed | Failed]:
        """Wait for the partition's records."""
        ...


@runtime_checkable
class PartitionEngine(Protocol):
    """Analyses partitions concurrently: ``submit`` returns at once, ``window`` partitions may be in flight."""

    window: int

    def submit(self, documents: Sequence[Document]) -> PendingPartition:
        """Start analysing a partition."""
        ...


@dataclass(slots=True)
class IngestSummary:
    """What an ingest run did. ``ingested`` includes the ``near_duplicates`` it linked."""

    ingested: int = 0
    duplicates: int = 0
    near_duplicates: int = 0
    failed: list[Failed] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    skipped: list[Failed] = field(default_factory=list)
    """Files of a folder that no reader takes, each with the reason (not counted as ``seen``)."""

    def skipped_by_reason(self) -> dict[str, int]:
        """How many files were skipped for each reason, e.g. {"unsupported file type": 2}."""
        counts: dict[str, int] = {}
        for skip in self.skipped:
            counts[skip.reason] = counts.get(skip.reason, 0) + 1
        return counts

    @property
    def seen(self) -> int:
        """Documents handled so far, whatever became of them."""
        return self.ingested + self.duplicates + len(self.failed)


@dataclass(frozen=True, slots=True)
class Progress:
    """How far a run is: bytes of input done out of the total, and the counts so far."""

    bytes_done: float
    bytes_total: int
    summary: IngestSummary


class NearDuplicateLinker:
    """Decides which stored article a new one is a near-duplicate of.

    The LSH index is rebuilt from the signatures kept in the store, so a run sees every
    article stored by earlier runs.
    """

    def __init__(self, store: Store, threshold: float = DEFAULT_THRESHOLD) -> None:
        self.store = store
        self.index = NearDuplicateIndex(threshold)
        # Articles stored under older fingerprint parameters get current ones first (once per store).
        store.refresh_signatures(SIGNATURE_SCHEME, lambda text: signature(text).to_bytes())
        self.index.add_all((aid, Signature.from_bytes(data)) for aid, data in store.signatures(SIGNATURE_SCHEME))

    def link(self, article_id: str, sig: Signature, text: str) -> NearDuplicateLink | None:
        """The reuse link from ``article_id`` (whose text is ``text``) to the stored report it shares most with.

        The link names its direct source and the root of the source's cluster, so every copy also
        points at the one original.
        """
        matches = [m for m in self.index.matches(sig) if m.article_id != article_id]
        if not matches:
            return None
        best = matches[0]
        source = self.index.get(best.article_id)
        passages = tuple(shared_passages(text, source)) if source is not None else ()
        parent = self.store.near_duplicate_of(best.article_id)
        original = parent.original_id if parent is not None else best.article_id
        return NearDuplicateLink(
            article_id,
            original,
            round(best.similarity, 4),
            best.article_id,
            best.kind,
            round(best.reverse, 4),
            passages,
        )

    def add(self, article_id: str, sig: Signature) -> None:
        """Index a newly stored article."""
        self.index.add(article_id, sig)


class Ingestion:
    """One ingest run into ``store``. ``summary`` holds the counts so far, also after an interrupt.

    Args:
        store: where articles go.
        analyze: runs a partition (see ``Analyze``), or a ``PartitionEngine`` that runs several at
            once; either way the records are stored here, in input order.
        settings: reading limits and ``batch_size``.
        partition_size: documents analysed together before they are stored.
        threshold: near-duplicate similarity threshold.
        link: also link each article across the corpus as it is stored (identities, stories,
            claims: ``Store.add_article(link=...)``).
    """

    def __init__(
        self,
        store: Store,
        analyze: Analyze | PartitionEngine,
        *,
        settings: Settings | None = None,
        partition_size: int = 64,
        threshold: float = DEFAULT_THRESHOLD,
        link: bool = True,
    ) -> None:
        self.store = store
        self.link = link
        self.analyze = analyze
        self.settings = settings or Settings()
        self.partition_size = partition_size
        self.linker = NearDuplicateLinker(store, threshold)
        self.summary = IngestSummary()
        self._seen: set[str] = set()

    def run(self, paths: Iterable[str | Path], on_progress: Callable[[Progress], None] | None = None) -> IngestSummary:
        """Ingest every document under ``paths``; returns the summary.

        ``on_progress`` is called after each stored partition and each failed file.
        """
        files = list_inputs(paths, on_skip=lambda path, reason: self.summary.skipped.append(Failed(str(path), reason)))
        total = sum(f.size for f in files)
        done = 0.0
        report = on_progress or (lambda _p: None)
        for weight, records in self._analysed(self._partitions(files)):
            if isinstance(records, Failed):
                self.summary.failed.append(records)
            else:
                self.store_all(records)
            done += weight
            report(Progress(min(done, total), total, self.summary))
        report(Progress(total, total, self.summary))
        return self.summary

    def _analysed(
        self, partitions: Iterable[tuple[float, list[Document] | Failed]]
    ) -> Iterator[tuple[float, list[Analyzed | Failed] | Failed]]:
        """Each partition's records in input order; an engine analyses up to ``window`` of them at once."""
        engine = self.analyze if isinstance(self.analyze, PartitionEngine) else None
        if engine is None:
            analyze: Analyze = self.analyze  # type: ignore[assignment]
            for weight, partition in partitions:
                yield weight, partition if isinstance(partition, Failed) else analyze(partition)
            return
        pending: deque[tuple[float, PendingPartition | Failed | None]] = deque()
        for weight, partition in partitions:
            if isinstance(partition, Failed) or not partition:
                pending.append((weight, partition if isinstance(partition, Failed) else None))
            else:
                pending.append((weight, engine.submit(partition)))
            # Head-of-line waiting keeps the store in input order; the window keeps the others busy.
            while len(pending) > max(1, engine.window) or (pending and not _running(pending[0][1])):
                yield _ready(pending.popleft())
        while pending:
            yield _ready(pending.popleft())

    def run_documents(self, documents: Iterable[Document]) -> IngestSummary:
        """Ingest documents already read (from an API or a test) in partitions."""

        def partitions() -> Iterator[tuple[float, list[Document] | Failed]]:
            batch: list[Document] = []
            for document in documents:
                batch.append(document)
                if len(batch) >= self.partition_size:
                    yield float(len(batch)), self._new(batch)
                    batch = []
            if batch:
                yield float(len(batch)), self._new(batch)

        for _weight, records in self._analysed(partitions()):
            if isinstance(records, Failed):
                self.summary.failed.append(records)
            else:
                self.store_all(records)
        return self.summary

    def _partitions(self, files: Sequence[InputFile]) -> Iterator[tuple[float, list[Document] | Failed]]:
        """Partitions of new documents, each with the share of input bytes it stands for."""
        batch: list[Document] = []
        weight = 0.0
        for file, documents in iter_documents(files, self.settings):
            if isinstance(documents, Failed):
                if batch:
                    yield weight, batch
                    batch, weight = [], 0.0
                yield file.size, documents
                continue
            share = file.size / len(documents) if documents else float(file.size)
            weight += 0 if documents else share
            for document in documents:
                if isinstance(document, Failed):
                    # A bad record of a multi-record file: reported, its neighbours go on.
                    self.summary.failed.append(document)
                    weight += share
                    continue
                batch.append(document)
                weight += share
                if len(batch) >= self.partition_size:
                    yield weight, self._new(batch)
                    batch, weight = [], 0.0
        if batch:
            yield weight, self._new(batch)

    def _new(self, documents: list[Document]) -> list[Document]:
        """The documents whose content is neither stored nor earlier in this run; counts the others."""
        ids = [article_id(d.text) for d in documents]
        known = self.store.known_ids(ids)
        fresh = []
        for document, aid in zip(documents, ids, strict=True):
            if aid in known or aid in self._seen:
                self.summary.duplicates += 1
            else:
                self._seen.add(aid)
                fresh.append(document)
        return fresh

    def store_all(self, results: Iterable[Analyzed | Failed]) -> None:
        """Store each analysed article in its own transaction, linking near-duplicates."""
        for result in results:
            if isinstance(result, Failed):
                self.summary.failed.append(result)
                continue
            self.summary.warnings.extend(result.warnings)
            sig = Signature.from_bytes(result.signature)
            link = self.linker.link(result.article.id, sig, result.article.text)
            try:
                stored = self.store.add_article(
                    result.article,
                    origin=result.origin,
                    signature=(SIGNATURE_SCHEME, result.signature),
                    near_duplicate=link,
                    link=self.link,
                )
            except ArticleRefusedError as exc:
                self.summary.failed.append(Failed(result.origin, f"{result.origin}: {exc}"))
                continue
            if not stored:
                # Another writer stored it since we checked.
                self.summary.duplicates += 1
                continue
            self.linker.add(result.article.id, sig)
            self.summary.ingested += 1
            if link is not None:
                self.summary.near_duplicates += 1


def _running(item: PendingPartition | Failed | None) -> bool:
    """Whether a queue entry still waits for an engine (a failure or an empty partition never does)."""
    return item is not None and not isinstance(item, Failed)


def _ready(entry: tuple[float, PendingPartition | Failed | None]) -> tuple[float, list[Analyzed | Failed] | Failed]:
    weight, item = entry
    if item is None:
        return weight, []
    if isinstance(item, Failed):
        return weight, item
    return weight, item.result()


def local_analyzer(settings: Settings | None = None, *, today: dt.date | None = None) -> Analyze:
    """``process_partition`` in this process, with the model loaded once now."""
    from newsgraph.nlp import load_model

    settings = settings or Settings()
    nlp = load_model(settings)

    def analyze(documents: Sequence[Document]) -> list[Analyzed | Failed]:
        return process_partition(documents, nlp, today=today, batch_size=settings.batch_size)

    return analyze
