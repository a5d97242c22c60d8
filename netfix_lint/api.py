"""Run the engine over files: serve what the cache knows, check or fix the rest, in this
process or in several. No printing here.

Light on purpose: the engine is imported (through :mod:`netfix_lint.per_file`) at the
first file the cache cannot serve, so a run on unchanged files never loads it.
"""

from __future__ import annotations

import os
import sys
from collections import deque

from .cache import Cached, ResultCache
from .files import DEFAULT_FILTER, FileFilter, discover, is_requirements_file
from .model import Need
from .results import CHECK, DEFAULT_OPTIONS, UNRESOLVED, FileResult, Mode, RunOptions
from .settings import CANNOT_CHECK, INTERNAL_ERROR, Settings, diagnostic

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (10 ms)
if TYPE_CHECKING:  # pragma: no cover
    from concurrent.futures import Future, ProcessPoolExecutor
    from queue import SimpleQueue
    from typing import (
        Any,
        Deque,
        Dict,
        Generator,
        Iterable,
        Iterator,
        List,
        Optional,
        Sequence,
        Tuple,
        TypeAlias,
        Union,
    )


#: Files a worker's task holds at most: enough that a task's cost (about 0.1 ms) is
#: nothing beside its files (about 0.3 ms each when nothing matches, milliseconds when
#: one is parsed), few enough that the workers stay busy to the end. A run with fewer
#: files than this starts no worker.
CHUNK_FILES = 32
#: A task also ends once its files hold this many bytes: a module that is parsed costs
#: about 1 ms per kilobyte, so big files go out one or two a task.
CHUNK_BYTES = 256 * 1024
#: A file this big goes to a worker as soon as the pool runs, alone in its task; smaller
#: files wait, up to RESERVE_FILES of them, to be sent after it. So a big module found
#: late in the walk (the stdlib's test_ssl.py, a quarter of a second) is not the last
#: task, which one worker would run alone while the others had finished.
BIG_FILE = 64 * 1024
RESERVE_FILES = 4096


Item: TypeAlias = "Union[str, Tuple[str, str]]"
#: A file for the workers: its size, path and websockets specifier.
Waiting: TypeAlias = "Tuple[int, str, Optional[str]]"


def collect(paths: Sequence[str], file_filter: FileFilter = DEFAULT_FILTER) -> Iterator[Item]:
    """The files a run checks, or ``(path, reason)`` for a path that cannot be used."""
    return discover(paths, file_filter)


def run_paths(
    paths: Sequence[str],
    settings: Settings,
    mode: Mode = CHECK,
    file_filter: FileFilter = DEFAULT_FILTER,
    jobs: int = 1,
) -> Iterator[FileResult]:
    yield from run_items(collect(paths, file_filter), RunOptions(settings, mode), jobs)


def run_items(
    items: Iterable[Item], options: RunOptions, jobs: int = 1, cache: Optional[ResultCache] = None
) -> Generator[FileResult, None, None]:
    """A result for each item, in no particular order: from ``cache`` where it knows the
    file, else checked (or fixed) here, or with ``jobs`` > 1 in that many processes."""
    run = _Run(options, jobs, cache)
    try:
        for item in items:
            yield from run.add(item)
        yield from run.finish()
    except KeyboardInterrupt:
        # Ctrl-C: no new work; what the workers have under way ends (a file being
        # written is written whole), and its results are reported before the interrupt.
        yield from run.abort()
        raise


def run_bytes(raw: bytes, path: str, options: RunOptions = DEFAULT_OPTIONS) -> FileResult:
    """Check or fix text that is not a file on disk (stdin); nothing is written."""
    from . import per_file

    return per_file.run_bytes(raw, path, options, options.specifier(path))


class _Run:
    """One run's files: cached ones answered at once, the others checked here or, with
    ``jobs`` > 1 and enough of them, in worker processes, a chunk of files a task, the
    big files first (see BIG_FILE)."""

    def __init__(self, options: RunOptions, jobs: int, cache: Optional[ResultCache]) -> None:
        self.options = options
        self.jobs = jobs
        self.cache = cache
        # Files may have changed since this process last read them (not loaded: nothing read).
        for name in ("package", "package_stamps"):
            module = sys.modules.get(f"{__package__}.{name}")
            if module is not None:
                module.forget()
        #: Files for the workers not yet sent: (size, path, specifier), big and small.
        self.big: List[Waiting] = []
        self.small: Deque[Waiting] = deque()
        self.known = 0  # files for the workers so far: a pool starts at CHUNK_FILES
        self.pool: Optional[ProcessPoolExecutor] = None
        #: Tasks sent and not yet taken, and those of them that have finished.
        self.running: Dict[Future[List[FileResult]], List[Tuple[str, Optional[str]]]] = {}
        self.finished: Optional[SimpleQueue[Future[List[FileResult]]]] = None  # made with the pool
        #: Results of a finished chunk not yet handed out.
        self.ready: Deque[FileResult] = deque()
        #: NFX209: requirement files wait for every module's needs, gathered per the
        #: folder whose project files name websockets for the module (its project).
        self.floor = options.settings.enabled("NFX209")
        self.requirement_files: List[str] = []
        self.needs: Dict[str, List[Need]] = {}

    def add(self, item: Item) -> Iterator[FileResult]:
        if isinstance(item, tuple):
            path, reason = item
            yield FileResult(path, [diagnostic(CANNOT_CHECK, f"Cannot check: {reason}", path)])
            return
        if self.floor and is_requirements_file(item):
            self.requirement_files.append(item)  # checked last, with its project's needs
            return
        yield from self._served_or_run(item, here=self.jobs <= 1)

    def _served_or_run(self, item: str, here: bool) -> Iterator[FileResult]:
        specifier = self.options.specifier(item, self.cache) if self.cache is not None else UNRESOLVED
        cached = self.cache.lookup(item, specifier) if self.cache is not None else None
        if cached is not None and self._serves(cached):
            self._gather(item, cached.needs)
            yield FileResult(item, cached.findings, edits=cached.edits)
            return
        if here:
            yield from self._here(item, specifier)
            return
        size = _size(item)
        (self.big if size >= BIG_FILE else self.small).append((size, item, specifier))
        self.known += 1
        if self.known >= CHUNK_FILES:
            for _, path, specifier in self.big:
                self._send([(path, specifier)])
            self.big = []
            while len(self.small) >= RESERVE_FILES + CHUNK_FILES:
                self._send([self.small.popleft()[1:] for _ in range(CHUNK_FILES)])
        while self.finished is not None and not self.finished.empty():
            yield from self._take_finished()

    def finish(self) -> Iterator[FileResult]:
        waiting = [*self.big, *self.small]
        self.big, self.small = [], deque()
        if self.known < CHUNK_FILES:
            # Too few files for a pool: check them here.
            for _, path, specifier in waiting:
                yield from self._here(path, specifier)
        else:
            for chunk in _largest_first(waiting):
                self._send(chunk)
        while self.running:
            yield from self._take_finished()
        if self.pool is not None:
            self.pool.shutdown()
        yield from self._requirements()

    def _gather(self, path: str, needs: Sequence[Need]) -> None:
        # (An installed package's code, a venv shipped in a project: its needs are its own.)
        if needs and "site-packages" not in os.path.normpath(path).split(os.sep):
            from .project import declaring_folder

            folder = declaring_folder(path)
            if folder is not None:
                self.needs.setdefault(folder, []).extend(needs)

    def _requirements(self) -> Iterator[FileResult]:
        """The requirement files, once every module's needs are in: checked with them
        and not cached (their NFX209 findings depend on other files), or as any file
        where their project's code needs nothing."""
        for path in self.requirement_files:
            needs = self.needs.get(os.path.dirname(os.path.abspath(path)))
            if not needs:
                yield from self._served_or_run(path, here=True)
                continue
            yield from self._here(path, UNRESOLVED, needs, store=False)

    def _here(
        self, path: str, specifier: Optional[str], needs: Sequence[Need] = (), store: bool = True
    ) -> Iterator[FileResult]:
        """Check (or fix) a file in this process. A Ctrl-C that came once it began to be
        written is raised when its result has been handed out, so that it is reported."""
        from . import per_file  # the first file the cache cannot serve loads the engine

        try:
            result = per_file.run_file(path, self.options, specifier, needs, hold=True)
        except BaseException:
            per_file.release_interrupts()
            raise
        came = per_file.release_interrupts()  # Ctrl-C works again while the caller has it
        try:
            yield self._stored(result, specifier) if store else result
        except GeneratorExit:
            if came:
                raise KeyboardInterrupt from None  # the caller stops here: it still hears
            raise
        if came:
            raise KeyboardInterrupt

    def abort(self) -> Iterator[FileResult]:
        """Stop: pending chunks are cancelled, running ones stop after the file they are
        on (workers ignore SIGINT and look at the stop flag between files); their
        results so far come back."""
        while self.ready:
            yield self.ready.popleft()
        if self.pool is None:
            return
        _STOP.set()
        for future in self.running:
            future.cancel()
        self.pool.shutdown(wait=True)
        for future, batch in self.running.items():
            if future.cancelled():
                continue
            try:
                results = future.result()
            except Exception:  # a worker that did not survive the interrupt
                continue
            for result, (_, specifier) in zip(results, batch):
                yield self._stored(result, specifier)

    def _start(self, batch: List[Tuple[str, Optional[str]]]) -> Future[List[FileResult]]:
        from concurrent.futures.process import BrokenProcessPool

        from . import per_file

        self._drop_broken_pool()
        if self.pool is None:
            self.pool = _process_pool(self.jobs, preload_libcst=self.options.mode != CHECK)
        try:
            return self.pool.submit(per_file.run_chunk, batch, self.options)
        except BrokenProcessPool:  # pragma: no cover - broke between the check and the submit
            self.pool = _process_pool(self.jobs, preload_libcst=self.options.mode != CHECK)
            return self.pool.submit(per_file.run_chunk, batch, self.options)

    def _drop_broken_pool(self) -> None:
        """A pool whose worker died takes no more work (its pending tasks fail too)."""
        if self.pool is not None and getattr(self.pool, "_broken", False):
            self.pool.shutdown(wait=False)
            self.pool = None

    def _send(self, batch: List[Tuple[str, Optional[str]]]) -> None:
        if self.finished is None:
            from queue import SimpleQueue

            self.finished = SimpleQueue()
        future = self._start(batch)
        self.running[future] = batch
        future.add_done_callback(self.finished.put)

    def _take_finished(self) -> Iterator[FileResult]:
        """The results of the next task to finish (waiting for one if none has), in the
        order they finish, so that finished ones do not wait behind a slow one. It
        leaves ``running`` only once its results are in hand, so that an interrupt
        while waiting for it loses nothing."""
        assert self.finished is not None  # set with the first task
        future = self.finished.get()
        batch = self.running.pop(future)  # a failed chunk is _stored_all's to retry
        yield from self._stored_all(future, batch)

    def _stored_all(
        self, future: Future[List[FileResult]], batch: List[Tuple[str, Optional[str]]]
    ) -> Iterator[FileResult]:
        try:
            results = future.result()
        except Exception as error:  # a worker died (killed, out of memory...) or its reply was lost
            yield from self._retried(batch, error)
            return
        # Held on the run until each is taken, so that an interrupt between two loses none.
        self.ready.extend(self._stored(result, specifier) for result, (_, specifier) in zip(results, batch))
        while self.ready:
            yield self.ready.popleft()

    def _retried(self, batch: List[Tuple[str, Optional[str]]], error: Exception) -> Iterator[FileResult]:
        """A chunk whose worker failed: its files again, one task at a time (so that a
        failure names its file) in a pool started anew; a file that fails on its own
        is reported as an internal error, and the others are checked as usual."""
        if len(batch) == 1:
            path = batch[0][0]
            message = (
                f"Internal error, please report it: the process checking this file stopped "
                f"({type(error).__name__}: {error})"
            )
            yield FileResult(path, [diagnostic(INTERNAL_ERROR, message, path)])
            return
        for item in batch:
            yield from self._stored_all(self._start([item]), [item])

    def _serves(self, cached: Cached) -> bool:
        """A check is served from the cache; a fix only when there is nothing to fix."""
        return self.options.mode == CHECK or not any(self.options.settings.applies(f) for f in cached.findings)

    def _stored(self, result: FileResult, specifier: Optional[str]) -> FileResult:
        self._gather(result.path, result.needs)
        if self.cache is not None and result.fingerprint is not None and self._cacheable(result):
            self.cache.store(
                result.path, result.fingerprint, specifier, result.findings, result.edits, result.package, result.needs
            )
        return result

    def _cacheable(self, result: FileResult) -> bool:
        """Results of the file's content alone: no internal error, and in a fix run only
        files left as they were, with nothing a fix would change."""
        if any(f.code == INTERNAL_ERROR or f.path != result.path for f in result.findings):
            return False
        return self.options.mode == CHECK or not (
            result.fixed or result.diff or any(map(self.options.settings.applies, result.findings))
        )


def _size(path: str) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return 0  # the worker reports why it cannot be read


def _largest_first(waiting: Sequence[Waiting]) -> Iterator[List[Tuple[str, Optional[str]]]]:
    """The workers' tasks, the biggest files first: a big module that is parsed takes a
    quarter of a second, and one sent last keeps one worker busy alone while the others
    have finished (the longest-first rule for spreading jobs over machines)."""
    chunk: List[Tuple[str, Optional[str]]] = []
    held = 0
    for size, path, specifier in sorted(waiting, key=lambda item: -item[0]):
        chunk.append((path, specifier))
        held += size
        if len(chunk) >= CHUNK_FILES or held >= CHUNK_BYTES:
            yield chunk
            chunk, held = [], 0
    if chunk:
        yield chunk


def _process_pool(jobs: int, preload_libcst: bool) -> ProcessPoolExecutor:
    """Workers forked where fork is safe (Linux): they start in milliseconds with the
    engine already loaded, where spawn would start and import everything again. To fix,
    libcst is loaded first (a quarter of a second), once rather than in each worker."""
    import concurrent.futures
    import multiprocessing

    global _STOP
    context: Any = None
    if sys.platform.startswith("linux"):
        context = multiprocessing.get_context("fork")
        if preload_libcst:
            import libcst.metadata  # noqa: F401
    _STOP = (context or multiprocessing).Event()
    return concurrent.futures.ProcessPoolExecutor(
        max_workers=jobs, mp_context=context, initializer=_worker_start, initargs=(_STOP,)
    )


#: Set on Ctrl-C: workers stop after the file they are on (see :func:`per_file.run_chunk`).
_STOP: Any = None


def _worker_start(stop: Any) -> None:
    """A worker leaves Ctrl-C to the main process (which stops the run and reports what
    was written), so that a file it is writing is never left half done."""
    import signal

    from . import per_file

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    per_file.STOP = stop
