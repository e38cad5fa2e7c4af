"""The fast extraction path: the same reports as the full pipeline, from every core.

Why not a pre-filter that parses only the sentences that can hold a figure: measured on the
samples, the seed and 40 GVA articles, the paragraphs with a digit, number word, quote mark,
date word or harm word hold 98% of the words, and sentences with one of those plus the three
sentences before them (the reach of `salient_subject`) hold 97%. Beyond that, every verb with a
clause and a speaker-like subject is an attribution cue (`attribution._is_cue`), 'he said'
resolves to the last PERSON entity anywhere before it, and every DATE entity moves the time
anchor, so the parser and NER must see nearly the whole article for the report to be the same.
What can be saved without changing a byte of output is idle cores: here the statistical
pipeline and `build_report` both run in worker processes (one pipeline each, `nlp.pipe`
batching), and the caller gets `Report`s back in input order.

Reports are equal to `report.extract_batched`'s because each worker runs that very function on a
pipeline loaded the same way; `tests/extract/test_fastpath.py` asserts it on the samples, the
seed and GVA articles.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import chain, islice
from typing import Any

from spacy.language import Language

from newstally.articles import ArticleInput
from newstally.extract.pipeline import load_pipeline, model_name
from newstally.extract.report import extract_batched
from newstally.model import Report

# Articles per task sent to a worker: large enough that pickling and queueing cost little,
# small enough that both workers stay busy to the end of a short input.
CHUNK_ARTICLES = 16
# Tasks in flight per worker: bounds memory on an endless input while keeping workers fed.
TASKS_AHEAD = 3
# One BLAS thread per worker: two workers on two cores must not each start two threads.
THREAD_ENV = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")

WARM_UP_TEXT = "Police said on Monday, Jan. 8, that two people were killed and 3 injured."
# How long starting a worker (loading its pipeline) may take before we give up.
START_TIMEOUT_S = 600.0

_worker_nlp: Language | None = None
_worker_barrier: Any = None


def default_processes() -> int:
    """Worker processes by default: the cores this process may run on, at most 8."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, 8))


def pipeline_id(nlp: Language | None, model: str | None) -> str:
    """What a worker passes to `load_pipeline` to get the caller's pipeline: the directory a
    loaded pipeline came from, else the model name (a Language object cannot be pickled)."""
    if nlp is not None and nlp.path is not None:
        return str(nlp.path)
    if nlp is not None:
        return str(nlp.meta.get("lang", "en")) + "_" + str(nlp.meta.get("name", ""))
    return model_name(model)


def warm_up(nlp: Language) -> None:
    """One small extraction, so lazy loads (lemma tables, dateparser's locale data) are done
    before the first real article instead of during it."""
    list(extract_batched([ArticleInput(WARM_UP_TEXT, dt.date(2024, 1, 10))], nlp=nlp))


def _init_worker(model: str, barrier: Any) -> None:
    global _worker_nlp, _worker_barrier
    _worker_nlp = load_pipeline(model)
    warm_up(_worker_nlp)
    _worker_barrier = barrier


def _ready() -> int:
    """In a worker: wait until every worker has started, so that each runs exactly one."""
    _worker_barrier.wait(START_TIMEOUT_S)
    return os.getpid()


def _extract_chunk(
    items: list[ArticleInput], batch_size: int, figures_only: bool = False
) -> list[Report]:
    """In a worker: the reports for one chunk, by the ordinary in-process path."""
    assert _worker_nlp is not None, "worker started without its pipeline"
    return list(
        extract_batched(items, nlp=_worker_nlp, batch_size=batch_size, figures_only=figures_only)
    )


def _chunks(items: Iterable[ArticleInput], size: int) -> Iterator[list[ArticleInput]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


class FastExtractor:
    """Worker processes that each hold a warm pipeline, for as many `extract_many` calls as the
    caller likes; `close()` (or leaving the `with` block) stops them.

    With one process (or one core) extraction stays in this process, with larger batches.
    Workers start with `spawn` (no inherited threads, locks or open databases); starting them
    loads a pipeline in each, a few seconds that the constructor waits for. As with any
    `spawn` pool, a script that uses it needs an `if __name__ == "__main__":` guard.
    """

    def __init__(
        self,
        *,
        nlp: Language | None = None,
        model: str | None = None,
        n_process: int | None = None,
        batch_size: int = 64,
        chunk_articles: int = CHUNK_ARTICLES,
        figures_only: bool = False,
    ) -> None:
        self.processes = default_processes() if n_process is None else max(1, n_process)
        self.batch_size = batch_size
        self.chunk_articles = chunk_articles
        self.figures_only = figures_only  # the ledger mode, sent with every chunk
        self._nlp = nlp
        self._model = model
        self._executor: ProcessPoolExecutor | None = None
        if self.processes > 1:
            self._executor = self._start(pipeline_id(nlp, model))

    def _start(self, model: str) -> ProcessPoolExecutor:
        context = multiprocessing.get_context("spawn")
        saved = {name: os.environ.get(name) for name in THREAD_ENV}
        os.environ.update(dict.fromkeys(THREAD_ENV, "1"))  # inherited by the workers only
        try:
            executor = ProcessPoolExecutor(
                max_workers=self.processes,
                mp_context=context,
                initializer=_init_worker,
                initargs=(model, context.Barrier(self.processes)),
            )
            try:
                started = [executor.submit(_ready) for _ in range(self.processes)]
                for future in started:
                    future.result(timeout=START_TIMEOUT_S)
            except BaseException:
                executor.shutdown(wait=False, cancel_futures=True)
                raise
        finally:
            for name, value in saved.items():
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value
        return executor

    def extract_many(self, items: Iterable[ArticleInput]) -> Iterator[Report]:
        """Reports for `items` in input order; a worker's error is raised here."""
        if self._executor is None:
            nlp = self._nlp or load_pipeline(self._model)
            yield from extract_batched(
                items, nlp=nlp, batch_size=self.batch_size, figures_only=self.figures_only
            )
            return
        pending: deque[Future[list[Report]]] = deque()
        try:
            for chunk in _chunks(items, self.chunk_articles):
                pending.append(self._executor.submit(
                    _extract_chunk, chunk, self.batch_size, self.figures_only
                ))
                if len(pending) >= self.processes * TASKS_AHEAD:
                    yield from pending.popleft().result()
            while pending:
                yield from pending.popleft().result()
        finally:
            for future in pending:
                future.cancel()

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None

    def __enter__(self) -> FastExtractor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def extract_parallel(
    items: Iterable[ArticleInput],
    *,
    nlp: Language | None = None,
    model: str | None = None,
    n_process: int | None = None,
    batch_size: int = 64,
    chunk_articles: int = CHUNK_ARTICLES,
    figures_only: bool = False,
) -> Iterator[Report]:
    """Reports for `items`, in input order, from a `FastExtractor` made for this call."""
    iterator = iter(items)
    first = next(iterator, None)
    if first is None:
        return  # no workers to start for nothing
    second = next(iterator, None)
    if second is None:
        # one article: starting workers would cost more than it saves
        yield from extract_batched(
            [first], nlp=nlp or load_pipeline(model), batch_size=batch_size,
            figures_only=figures_only,
        )
        return
    with FastExtractor(
        nlp=nlp,
        model=model,
        n_process=n_process,
        batch_size=batch_size,
        chunk_articles=chunk_articles,
        figures_only=figures_only,
    ) as extractor:
        yield from extractor.extract_many(chain([first, second], iterator))
