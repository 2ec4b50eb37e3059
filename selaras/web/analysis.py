"""The checks and scores of one pemda, kept per worker process while its data does not change and rebuilt in
the background after a change.

Running every rule over a province and scoring it takes seconds (the sample province: about ten), and the
dashboard, findings, IKU, tree and PD pages all need the same results. Each process keeps, per pemda, a
:class:`Snapshot`: the planning data read at one data stamp (:func:`selaras.store.changes.data_stamp`) with
the analyses of it that pages asked for. A change made by any worker or by the CLI changes the stamp; the
next request for the pemda starts the build of a new snapshot in a background thread (one build per pemda at
a time), which also redoes the years the previous snapshot had analysed, so the pages in use are ready at once.

Who waits for the new snapshot:

* a JSON request (the report download included) and any caller outside a page: always, so what they return
  is as of the data now;
* a page (:func:`accept_previous` is a dependency of every page router): ``patience`` seconds at most, then it
  is served the previous snapshot and says so, since :func:`served_behind` tells the layout to show a banner
  that reloads the page when the new results are expected. With no previous snapshot to show, it waits
  ``busy_after`` seconds at most, then is answered a busy page (:class:`AnalysisPending`) that reloads itself.

What a worker computes is also written to the database (:mod:`selaras.store.analysis_snapshots`, by
:class:`selaras.web.analysis_store.AnalysisSaver`, in the background), with the data stamp and the
:func:`~selaras.analysis.analysis_fingerprint` it was computed under. A worker's first snapshot of a pemda (after a
restart, say) takes the stored analyses instead of running the checks: as they are when their stamp and
fingerprint are those of now, else only as the previous snapshot (the banner shows) until they are computed again.
With nothing stored, the first build runs the year pages open first. On start, a worker prepares the pemda used
last (:meth:`AnalysisCache.prepare`), so their first page is ready before anyone asks.

A page is never served findings older than the latest complete snapshot, and a snapshot is never labelled
newer than its data: its stamp is read before its data, in the same session. A stored analysis is taken as
current only under the same stamp and fingerprint (stamps only grow: no other data has the same one). The
rendered body of the busiest pages is kept per stamp too (``pages``), apart from the analyses, so that browsing
many plan-tree nodes cannot push the expensive analyses out.
"""

from __future__ import annotations

import gc
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import date
from typing import TypeVar, cast

from selaras import analysis as pipeline
from selaras.checks.builtin import builtin_registry
from selaras.checks.data import PlanningData
from selaras.checks.registry import RuleRegistry
from selaras.checks.run import CheckReport
from selaras.checks.thresholds import CheckContext, Thresholds
from selaras.reference.nomenclature import Nomenclature
from selaras.scores import ScoreCard
from selaras.store import Database
from selaras.store.analysis_snapshots import StoredAnalysis, stored_analyses
from selaras.store.changes import data_stamp
from selaras.store.planning import load_planning_data
from selaras.web.analysis_store import AnalysisSaver, prepare

__all__ = [
    "Analysis",
    "AnalysisCache",
    "AnalysisPending",
    "Snapshot",
    "StampedCache",
    "accept_previous",
    "default_year",
    "served_behind",
]

_T = TypeVar("_T")
Stamp = tuple[object, ...]


class StampedCache:
    """The latest ``size`` values by key (keys carry the data stamp); one thread builds a missing value while
    the others asking for it wait for its result instead of building it again."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._entries: OrderedDict[tuple[object, ...], object] = OrderedDict()
        self._lock = threading.Lock()
        self._building: dict[tuple[object, ...], threading.Lock] = {}

    def get(self, key: tuple[object, ...]) -> object | None:
        """The value kept under ``key``, without building it."""
        with self._lock:
            return self._entries.get(key)

    def kept(self) -> list[tuple[object, ...]]:
        """The keys kept, least recently used first."""
        with self._lock:
            return list(self._entries)

    def put(self, key: tuple[object, ...], value: object) -> None:
        """Keep ``value`` under ``key`` as if it had been built (the most recently used)."""
        with self._lock:
            self._entries[key] = value
            self._entries.move_to_end(key)
            while len(self._entries) > self._size:
                self._entries.popitem(last=False)

    def cached(self, key: tuple[object, ...], build: Callable[[], _T]) -> _T:
        with self._lock:
            if key in self._entries:
                self._entries.move_to_end(key)
                return cast(_T, self._entries[key])
            building = self._building.setdefault(key, threading.Lock())
        with building:
            with self._lock:
                if key in self._entries:
                    return cast(_T, self._entries[key])
            try:
                value = build()
            except BaseException:  # a page that raises (404) is not kept; the next request tries again
                with self._lock:
                    self._building.pop(key, None)
                raise
            with self._lock:
                self._entries[key] = value
                self._building.pop(key, None)
                while len(self._entries) > self._size:
                    self._entries.popitem(last=False)
            return value


@dataclass
class _Notice:
    """One page request's analyses served from before the latest change, by pemda: every later part of the
    page uses the same one (and does not wait again), and the layout says so."""

    behind: dict[str, Analysis] = field(default_factory=dict)


_NOTICE: ContextVar[_Notice | None] = ContextVar("selaras_analysis_notice", default=None)


async def accept_previous() -> None:
    """A dependency of the page routers: this request may be served the analyses from before the latest change
    rather than wait for the new ones (see the module's docstring).

    ``async`` so that it runs in the request's own context: FastAPI then runs the page function with a copy of
    that context, where :meth:`AnalysisCache.at` finds the notice and records what it served."""
    _NOTICE.set(_Notice())


class AnalysisPending(Exception):
    """A page asked for a pemda whose first analysis in this worker is still being built, with nothing earlier to
    show: the app answers a busy page that reloads itself (``expected_in``: seconds until the build should end)."""

    def __init__(self, pemda: str, expected_in: float) -> None:
        super().__init__(pemda)
        self.pemda = pemda
        self.expected_in = expected_in


def default_year(data: PlanningData, pemda: str) -> int:
    """The year pages show when none is asked for: the year the pemda is planning now (as the CLI chooses it),
    else the current year."""
    return pipeline.planning_year(data, pemda) or date.today().year


def served_behind() -> float | None:
    """Seconds until the results of the latest change are expected, when this request was served analyses from
    before it (the layout's banner reloads the page then); None when it was not."""
    notice = _NOTICE.get()
    if notice is None or not notice.behind:
        return None
    return max(analysis.expected_in or 0.0 for analysis in notice.behind.values())


class Snapshot:
    """One pemda's planning data read at one data stamp, and the analyses and score cards of it computed so far
    (the most recently used years; the next snapshot redoes them)."""

    YEARS = 4
    """Years kept per snapshot: a rebuild redoes each, so a reader who browsed many years does not make every
    later rebuild as slow."""

    def __init__(self, cache: AnalysisCache, pemda: str, stamp: Stamp, data: PlanningData) -> None:
        self.cache = cache
        self.pemda = pemda
        self.stamp = stamp
        self.data = data
        self.results = StampedCache(2 * self.YEARS)
        self.restored: set[int] = set()
        """Years taken from the database as they were stored (:meth:`restore`): nothing new to store."""
        self.computed: Callable[[Snapshot, int], None] | None = None
        """Told of each year computed once the snapshot is shown (the saver); a build stores its years itself."""

    def analysis(self, year: int) -> pipeline.Analysis:
        """The :func:`selaras.analysis.analyse` run of the year, the same pipeline as the CLI's."""

        def run() -> pipeline.Analysis:
            cache = self.cache
            return pipeline.analyse(
                self.data,
                year=year,
                nomenclature=cache.nomenclature,
                thresholds=cache.thresholds,
                registry=cache.registry,
            )

        return self._result(("analysis", year), run)

    def cards(self, year: int) -> list[ScoreCard]:
        return self._result(("cards", year), lambda: self.analysis(year).cards)

    def _result(self, key: tuple[str, int], compute: Callable[[], _T]) -> _T:
        """The result kept under ``key``, computed when missing; a year computed is told to :attr:`computed`
        once it is kept (the saver reads it from there)."""
        fresh = False

        def build() -> _T:
            nonlocal fresh
            fresh = True
            return compute()

        value = self.results.cached(key, build)
        if fresh:
            self.restored.discard(key[1])
            if self.computed is not None:
                self.computed(self, key[1])
        return value

    def restore(self, stored: StoredAnalysis) -> None:
        """Take a stored run of one year as this snapshot's, without running the checks."""
        cache = self.cache
        context = CheckContext(stored.year, cache.nomenclature, cache.thresholds)
        report = CheckReport(cache.registry.select(None), stored.findings)
        analysis = pipeline.Analysis(self.data, report, context, cache.registry, complete=True)
        self.results.put(("analysis", stored.year), analysis)
        if stored.cards is not None:
            self.results.put(("cards", stored.year), stored.cards)
        self.restored.add(stored.year)

    def held(self, year: int) -> tuple[CheckReport, list[ScoreCard] | None] | None:
        """The year's check report and score cards as far as they are computed, computing nothing."""
        analysis = self.results.get(("analysis", year))
        if analysis is None:
            return None
        assert isinstance(analysis, pipeline.Analysis)
        return analysis.report, cast("list[ScoreCard] | None", self.results.get(("cards", year)))

    def years(self) -> list[int]:
        """The years computed or restored, least recently used first."""
        return list(dict.fromkeys(cast(int, year) for _, year in self.results.kept()))

    def redo(self, previous: Snapshot) -> None:
        """Compute what ``previous`` had computed, in the order it was last used."""
        for kind, year in previous.results.kept():
            assert isinstance(year, int)
            if kind == "cards":
                self.cards(year)
            else:
                self.analysis(year)


@dataclass(frozen=True, slots=True)
class Analysis:
    """One pemda's planning data, check reports and score cards as one request sees them (see
    :meth:`AnalysisCache.at`): one snapshot for the whole request, however many results the page needs.

    ``expected_in`` is None when the snapshot is of the data now; otherwise the data has changed since and
    the new results are expected in about that many seconds (``behind``)."""

    snapshot: Snapshot
    expected_in: float | None = None

    @property
    def behind(self) -> bool:
        return self.expected_in is not None

    @property
    def pemda(self) -> str:
        return self.snapshot.pemda

    @property
    def stamp(self) -> Stamp:
        return self.snapshot.stamp

    def planning(self) -> PlanningData:
        return self.snapshot.data

    def analysis(self, year: int) -> pipeline.Analysis:
        return self.snapshot.analysis(year)

    def report(self, year: int) -> CheckReport:
        return self.snapshot.analysis(year).report

    def cards(self, year: int) -> list[ScoreCard]:
        return self.snapshot.cards(year)


class _DeferredCollections:
    """While any snapshot is being built, the garbage collector's full collections wait.

    A province's snapshot is some 600,000 objects and its build allocates as many again; each full collection
    walks every one of them, the previous snapshot's included, holding the GIL. On the sample province a rebuild
    spent more time in them than in the checks, and each stopped every request of the worker for most of a
    second. The young generations are still collected meanwhile. When the last build ends, the full collection
    runs if one came due, in the builder's thread and after the new snapshot has replaced the old one, so it
    also frees the old one's reference cycles."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._builds = 0
        self._thresholds = gc.get_threshold()

    @contextmanager
    def deferred(self) -> Iterator[None]:
        with self._lock:
            if self._builds == 0:
                self._thresholds = gc.get_threshold()
                gc.set_threshold(self._thresholds[0], self._thresholds[1], 2**30)
            self._builds += 1
        try:
            yield
        finally:
            with self._lock:
                self._builds -= 1
                last = self._builds == 0
                if last:
                    gc.set_threshold(*self._thresholds)
            if last and gc.isenabled() and gc.get_count()[2] > self._thresholds[2]:
                gc.collect()


_COLLECTIONS = _DeferredCollections()


class _Builder:
    """One pemda's latest complete snapshot, and the single background thread that builds the next one.

    Each request whose stamp differs from the latest it asked for takes a new ticket; the thread builds for the
    newest ticket (reading the stamp and data itself, so at least as new as the ticket's) until it has caught
    up. A request is answered by the first snapshot built for its ticket or a later one."""

    def __init__(self, cache: AnalysisCache, pemda: str) -> None:
        self._cache = cache
        self._pemda = pemda
        self._changed = threading.Condition()
        self._shown: Snapshot | None = None
        self._shown_ticket = 0
        self._wanted: Stamp | None = None
        self._asked = 0
        self._done = 0
        self._error: Exception | None = None
        self._thread: threading.Thread | None = None
        self._started = 0.0
        self._took: float | None = None

    @property
    def shown(self) -> Snapshot | None:
        return self._shown

    def serve(self, stamp: Stamp, patience: float | None, busy_after: float | None) -> Analysis:
        """The snapshot of ``stamp`` (or newer), waiting for its build; with a previous snapshot and a
        ``patience``, that snapshot once ``patience`` seconds have passed (at once when the last build took
        longer than ``patience``); with none and a ``busy_after``,
        :class:`AnalysisPending` once ``busy_after`` seconds have passed (or the stored analyses from before a
        change, as soon as the build has them)."""
        with self._changed:
            shown = self._shown
            if shown is not None and shown.stamp == stamp:
                return Analysis(shown)
            if stamp != self._wanted:
                self._wanted = stamp
                self._asked += 1
            ticket = self._asked
            if self._thread is None:
                self._started = time.monotonic()  # for the estimates of the requests that come before it starts
                self._thread = threading.Thread(target=self._run, name=f"selaras-analysis-{self._pemda}", daemon=True)
                self._thread.start()
            if shown is not None:
                if patience is not None and self._took is not None and self._took > patience:
                    patience = 0.0  # the last build took longer than that: this one will too, waiting is in vain
                self._changed.wait_for(lambda: self._done >= ticket, patience)
            elif busy_after is not None:
                self._changed.wait_for(lambda: self._done >= ticket or self._shown is not None, busy_after)
            else:
                self._changed.wait_for(lambda: self._done >= ticket)
            if self._shown_ticket >= ticket:
                assert self._shown is not None
                return Analysis(self._shown)
            if self._done >= ticket:
                assert self._error is not None
                raise self._error  # the build this request waited for failed: it fails too, the next one retries
            if self._shown is None:
                raise AnalysisPending(self._pemda, self._expected_in())
            return Analysis(self._shown, expected_in=self._expected_in())

    def _expected_in(self) -> float:
        """Seconds until the build in progress should end, judged by how long the last one took (10 s before
        any has ended: about what the sample province takes with nothing stored)."""
        took = 10.0 if self._took is None else self._took
        return max(0.0, took - (time.monotonic() - self._started))

    def _run(self) -> None:
        while True:
            with self._changed:
                if self._done >= self._asked:
                    self._thread = None
                    self._changed.notify_all()
                    return
                ticket = self._asked
                self._started = time.monotonic()
            with _COLLECTIONS.deferred():  # ends after the new snapshot replaced the old one: frees it too
                self._build(ticket)

    def _build(self, ticket: int) -> None:
        try:
            snapshot = self._cache.build(self._pemda, self._shown, self._show_earlier)
        except Exception as error:  # handed to the requests that wait for this build
            with self._changed:
                self._done, self._error, self._wanted = ticket, error, None
                self._changed.notify_all()
            return
        saver = self._cache.saver
        snapshot.computed = saver.add  # a year a page computes later is stored too
        with self._changed:
            self._shown, self._shown_ticket, self._done = snapshot, ticket, ticket
            self._took = time.monotonic() - self._started
            self._changed.notify_all()
        if self._asked == ticket:  # stored after it is shown; not at all when a newer build is already asked for
            for year in snapshot.years():
                if year not in snapshot.restored:
                    saver.add(snapshot, year)

    def _show_earlier(self, earlier: Snapshot) -> None:
        """Show the stored analyses from before a change while the new ones are computed (the first build only)."""
        with self._changed:
            if self._shown is None:
                self._shown = earlier
                self._changed.notify_all()

    def settle(self) -> None:
        with self._changed:
            self._changed.wait_for(lambda: self._thread is None)


class AnalysisCache:
    """Planning data, check reports and score cards per pemda, rebuilt when the data changes (see the module's
    docstring); ``pages`` keeps rendered page bodies by data stamp (see :func:`selaras.web.pages.render_cached`),
    ``reports`` the built Rakor reports.

    ``thresholds`` come from the settings (:func:`selaras.analysis.thresholds_for`), as for the CLI, so a
    page and ``selaras scores`` never disagree on the same data."""

    patience: float | None = 0.2
    """Seconds a page waits for the results of a change before it is served the previous ones: a pemda with
    little data gets its new results without a banner. Where the last build took longer (a kabupaten of the
    sample takes about 0.7 s to rebuild, the province 7-10 s, on two busy cores), a page does not wait at all:
    each page after an edit would lose that time for nothing. None: pages wait like every other request."""

    busy_after: float | None = 0.5
    """Seconds a page waits for a pemda's first snapshot in this worker, with nothing to show meanwhile, before
    it is answered the busy page: a kabupaten whose analyses are stored is usually ready by then, and the page
    still answers well within a second. None: pages wait."""

    prepared = 4
    """Pemda whose stored analyses a starting worker takes up before anyone asks (:meth:`prepare`), those stored
    last first: a province's snapshot holds some 170 MB."""

    def __init__(
        self,
        database: Database,
        nomenclature: Nomenclature,
        *,
        thresholds: Thresholds | None = None,
        size: int = 12,
        pages: int = 128,
        reports: int = 8,
    ) -> None:
        self.database = database
        self.nomenclature = nomenclature
        self.registry: RuleRegistry = builtin_registry()
        self.thresholds = thresholds or Thresholds()
        self.pages = StampedCache(pages)
        self.reports = StampedCache(reports)
        self.fingerprint = pipeline.analysis_fingerprint(
            thresholds=self.thresholds, nomenclature=nomenclature, registry=self.registry
        )
        self.saver = AnalysisSaver(self)
        self._size = size
        self._lock = threading.Lock()
        self._builders: OrderedDict[str, _Builder] = OrderedDict()
        self._report_runs: dict[str, threading.Lock] = {}

    @contextmanager
    def report_run(self, pemda: str) -> Iterator[bool]:
        """Whether this request may build a report of ``pemda`` now: one build per pemda at a time, so one
        reader cannot keep several workers busy; the others are told to come back (``False``)."""
        with self._lock:
            lock = self._report_runs.setdefault(pemda, threading.Lock())
        free = lock.acquire(blocking=False)
        try:
            yield free
        finally:
            if free:
                lock.release()

    def at(self, pemda: str) -> Analysis:
        """The pemda's analyses as of its data now (one stamp query, however many results the request needs);
        for a page, possibly those from before the latest change (see the module's docstring)."""
        notice = _NOTICE.get()
        if notice is not None and pemda in notice.behind:
            return notice.behind[pemda]
        with self.database.session() as session:
            stamp = data_stamp(session, pemda)
        if notice is None:
            analysis = self._builder(pemda).serve(stamp, None, None)
        else:
            analysis = self._builder(pemda).serve(stamp, self.patience, self.busy_after)
        if notice is not None and analysis.behind:
            notice.behind[pemda] = analysis
        return analysis

    def _builder(self, pemda: str) -> _Builder:
        with self._lock:
            builder = self._builders.get(pemda)
            if builder is None:
                builder = self._builders[pemda] = _Builder(self, pemda)
            self._builders.move_to_end(pemda)
            while len(self._builders) > self._size:
                self._builders.popitem(last=False)
            return builder

    def shown(self, pemda: str) -> Snapshot | None:
        """The pemda's latest snapshot in this worker, if any."""
        with self._lock:
            builder = self._builders.get(pemda)
        return None if builder is None else builder.shown

    def build(
        self, pemda: str, previous: Snapshot | None, show_earlier: Callable[[Snapshot], None] | None = None
    ) -> Snapshot:
        """A snapshot of the pemda's data now, with what ``previous`` had computed computed again.

        With no ``previous`` (the worker's first for the pemda), with the pemda's stored analyses instead: taken
        as they are when stored under the stamp and fingerprint of now; older ones are first handed to
        ``show_earlier`` (when they include the year pages open first), as a snapshot whose stamp no data has,
        then computed again. The year pages open first is always ready."""
        with self.database.session() as session:
            stamp = data_stamp(session, pemda)
            data = load_planning_data(session, pemda)
            stored = [] if previous is not None else stored_analyses(session, pemda, years=Snapshot.YEARS)
        snapshot = Snapshot(self, pemda, stamp, data)
        if previous is not None:
            snapshot.redo(previous)
            return snapshot
        first = default_year(data, pemda)
        current = [each for each in stored if each.stamp == stamp and each.fingerprint == self.fingerprint]
        for each in current:
            snapshot.restore(each)
        if len(current) < len(stored):
            earlier = Snapshot(self, pemda, (*stamp, "stored"), data)
            for each in stored:
                earlier.restore(each)
            if show_earlier is not None and first in earlier.restored:
                show_earlier(earlier)
            snapshot.redo(earlier)
        snapshot.cards(first)
        return snapshot

    def prepare(self) -> threading.Thread | None:
        """Take up, in a background thread (returned; None when nothing is stored), the stored analyses of the
        :attr:`prepared` pemda stored last (a worker's start calls it): their first pages then answer at once
        instead of with the busy page."""
        return prepare(self, self.prepared)

    def settle(self) -> None:
        """Wait until no snapshot is being built nor stored: tests and benchmarks drive the background work
        with it."""
        with self._lock:
            builders = list(self._builders.values())
        for builder in builders:
            builder.settle()
        self.saver.settle()

    def planning(self, pemda: str) -> PlanningData:
        return self.at(pemda).planning()

    def report(self, pemda: str, year: int) -> CheckReport:
        return self.at(pemda).report(year)

    def cards(self, pemda: str, year: int) -> list[ScoreCard]:
        return self.at(pemda).cards(year)
