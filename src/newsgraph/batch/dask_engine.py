"""Running ``process_partition`` on a Dask cluster: a LocalCluster of processes, or an existing scheduler.

Workers load the spaCy model once per process (``worker_model``, a cache keyed by settings,
filled on the first partition a worker runs or ahead of time by ``DaskAnalyzer.warm_up``),
run the engine-neutral ``process_partition`` and send back plain records, never Docs. The
client keeps a bounded window of partitions in flight and hands them to the ingest loop
in input order, which stores them.

Nothing here imports dask or spaCy at import time.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Sequence
from types import TracebackType
from typing import TYPE_CHECKING, Any

from newsgraph.batch.partition import Analyzed, Failed, process_partition
from newsgraph.errors import NewsgraphError
from newsgraph.records import Document
from newsgraph.settings import Settings

if TYPE_CHECKING:
    from spacy.language import Language

_models: dict[Settings, Language] = {}
_models_lock = threading.Lock()


def worker_model(settings: Settings) -> Language:
    """The pipeline for ``settings`` in this process, loaded on first use and kept for the process's life."""
    with _models_lock:
        nlp = _models.get(settings)
        if nlp is None:
            from newsgraph.nlp import load_model

            nlp = _models[settings] = load_model(settings)
        return nlp


def analyze_on_worker(
    documents: Sequence[Document], settings: Settings, today: dt.date | None
) -> list[Analyzed | Failed]:
    """The task a worker runs: ``process_partition`` with the worker's cached model."""
    return process_partition(documents, worker_model(settings), today=today, batch_size=settings.batch_size)


def _load_on_worker(settings: Settings) -> str:
    worker_model(settings)
    return settings.model


class DaskAnalyzer:
    """Partitions analysed on a Dask cluster; use as a context manager so the cluster is closed.

    Args:
        settings: model and batch size, sent to the workers.
        workers: start a LocalCluster of this many worker processes, one thread each.
        scheduler: instead, connect to the scheduler at this address (``tcp://host:8786``).
        today: the latest date an inferred publication date may have.
        window: partitions in flight at once (default: twice the workers), which bounds memory.

    Raises:
        NewsgraphError: neither or both of ``workers`` and ``scheduler``, or the scheduler is unreachable.
    """

    def __init__(
        self,
        settings: Settings | None = None,
        *,
        workers: int | None = None,
        scheduler: str | None = None,
        today: dt.date | None = None,
        window: int | None = None,
    ) -> None:
        from distributed import Client, LocalCluster

        if (workers is None) == (scheduler is None):
            raise NewsgraphError("give either a number of workers or a scheduler address")
        self.settings = settings or Settings()
        self.today = today
        self._cluster: Any = None
        if workers is not None:
            if workers < 1:
                raise NewsgraphError(f"--workers must be at least 1, got {workers}")
            # Processes, one thread each: spaCy holds the GIL, so threads would not run in parallel.
            self._cluster = LocalCluster(  # type: ignore[no-untyped-call]
                n_workers=workers,
                threads_per_worker=1,
                processes=True,
                dashboard_address=":0",  # any free port: never clash with another cluster
                silence_logs=logging.ERROR,
            )
            self.client: Any = Client(self._cluster)  # type: ignore[no-untyped-call]
        else:
            try:
                self.client = Client(scheduler, timeout="10s")  # type: ignore[no-untyped-call]
            except (OSError, TimeoutError) as exc:
                raise NewsgraphError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
        self.window = window or 2 * max(1, self.worker_count())

    def worker_count(self) -> int:
        """How many workers the cluster has now."""
        return len(self.client.scheduler_info(n_workers=-1).get("workers", {}))

    def warm_up(self) -> None:
        """Load the model on every worker now, in parallel, rather than on each one's first partition."""
        self.client.run(_load_on_worker, self.settings)

    def submit(self, documents: Sequence[Document]) -> Any:
        """Send a partition to the cluster; the returned future's ``result()`` is its records."""
        return self.client.submit(analyze_on_worker, list(documents), self.settings, self.today, pure=False)

    def __call__(self, documents: Sequence[Document]) -> list[Analyzed | Failed]:
        """Analyse one partition on the cluster and wait for it (the plain ``Analyze`` interface)."""
        result: list[Analyzed | Failed] = self.submit(documents).result()
        return result

    def close(self) -> None:
        """Disconnect, and stop the LocalCluster if this analyzer started it."""
        self.client.close()
        if self._cluster is not None:
            self._cluster.close()

    def __enter__(self) -> DaskAnalyzer:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()
