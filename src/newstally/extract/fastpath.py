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

Reports are equal to `report.extract_many`'s because each worker runs that very function on a
pipeline loaded the same way; `tests/extract/test_fastpath.py` asserts it on the samples, the
seed and GVA articles.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice

from spacy.language import Language

from newstally.extract.pipeline import load_pipeline, model_name
from newstally.extract.report import ArticleInput, extract_many
from newstally.model import Report

# Articles per task sent to a worker: large enough that pickling and queueing cost little,
# small enough that both workers stay busy to the end of a short input.
CHUNK_ARTICLES = 16
# Tasks in flight per worker: bounds memory on an endless input while keeping workers fed.
TASKS_AHEAD = 3
# One BLAS thread per worker: two workers on two cores must not each start two threads.
THREAD_ENV = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")

_worker_nlp: Language | None = None


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


def _init_worker(model: str) -> None:
    global _worker_nlp
    _worker_nlp = load_pipeline(model)


def _extract_chunk(items: list[ArticleInput], batch_size: int) -> list[Report]:
    """In a worker: the reports for one chunk, by the ordinary in-process path."""
    assert _worker_nlp is not None, "worker started without its pipeline"
    return list(extract_many(items, nlp=_worker_nlp, batch_size=batch_size))


def _chunks(items: Iterable[ArticleInput], size: int) -> Iterator[list[ArticleInput]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def extract_parallel(
    items: Iterable[ArticleInput],
    *,
    nlp: Language | None = None,
    model: str | None = None,
    n_process: int | None = None,
    batch_size: int = 64,
    chunk_articles: int = CHUNK_ARTICLES,
) -> Iterator[Report]:
    """Reports for `ArticleInput`s, in input order, from `n_process` workers.

    With one process (or one core) this is the in-process path with larger batches. Workers
    start with `spawn` (no inherited threads, locks or open databases) and load the pipeline
    once each, which costs about a second per worker; a worker's error is raised here.
    """
    processes = default_processes() if n_process is None else n_process
    if processes <= 1:
        yield from extract_many(items, nlp=nlp or load_pipeline(model), batch_size=batch_size)
        return
    saved = {name: os.environ.get(name) for name in THREAD_ENV}
    os.environ.update(dict.fromkeys(THREAD_ENV, "1"))
    executor = ProcessPoolExecutor(
        max_workers=processes,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_init_worker,
        initargs=(pipeline_id(nlp, model),),
    )
    try:
        pending: deque[Future[list[Report]]] = deque()
        for chunk in _chunks(items, chunk_articles):
            pending.append(executor.submit(_extract_chunk, chunk, batch_size))
            if len(pending) >= processes * TASKS_AHEAD:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
    finally:
        executor.shutdown(wait=True, cancel_futures=True)
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
