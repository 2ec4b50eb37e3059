"""The checks and scores of one pemda, cached per worker process while its data does not change.

Running every rule over a province takes a while, and the dashboard, findings and IKU pages all need the
same results. Each process keeps the latest results per (pemda, year) together with a stamp of the data
(:func:`selaras.store.changes.data_stamp`); a change made by any worker or by the CLI changes the stamp,
so no worker serves stale results. The rendered body of the busiest pages is kept the same way, apart from
the results, so that browsing many plan-tree nodes cannot push the expensive analyses out.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TypeVar, cast

from selaras import analysis as pipeline
from selaras.checks.builtin import builtin_registry
from selaras.checks.data import PlanningData
from selaras.checks.registry import RuleRegistry
from selaras.checks.run import CheckReport
from selaras.checks.thresholds import Thresholds
from selaras.reference.nomenclature import Nomenclature
from selaras.scores import ScoreCard
from selaras.store import Database
from selaras.store.changes import data_stamp
from selaras.store.planning import load_planning_data

__all__ = ["Analysis", "AnalysisCache", "StampedCache"]

_T = TypeVar("_T")


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


class AnalysisCache(StampedCache):
    """Planning data, check reports and score cards per pemda (and year), recomputed when the data changes;
    ``pages`` keeps rendered page bodies by data stamp (see :func:`selaras.web.pages.render_cached`).

    ``thresholds`` come from the settings (:func:`selaras.analysis.thresholds_for`), as for the CLI, so a
    page and ``selaras scores`` never disagree on the same data."""

    def __init__(
        self,
        database: Database,
        nomenclature: Nomenclature,
        *,
        thresholds: Thresholds | None = None,
        size: int = 32,
        pages: int = 128,
        reports: int = 8,
    ) -> None:
        super().__init__(size)
        self.database = database
        self.nomenclature = nomenclature
        self.registry: RuleRegistry = builtin_registry()
        self.thresholds = thresholds or Thresholds()
        self.pages = StampedCache(pages)
        self.reports = StampedCache(reports)
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
        """The pemda's analyses as of its data now: one stamp query, however many results the page needs."""
        with self.database.session() as session:
            return Analysis(self, pemda, data_stamp(session, pemda))

    def planning(self, pemda: str) -> PlanningData:
        return self.at(pemda).planning()

    def report(self, pemda: str, year: int) -> CheckReport:
        return self.at(pemda).report(year)

    def cards(self, pemda: str, year: int) -> list[ScoreCard]:
        return self.at(pemda).cards(year)


@dataclass(frozen=True, slots=True)
class Analysis:
    """One pemda's planning data, check reports and score cards at one data stamp (see :meth:`AnalysisCache.at`).

    A page asks for several of them (the dashboard: every Renja year's cards); checking the stamp once per
    request instead of once per result keeps the database round trips of a warm page to a minimum.
    """

    cache: AnalysisCache
    pemda: str
    stamp: tuple[object, ...]

    def planning(self) -> PlanningData:
        def load() -> PlanningData:
            with self.cache.database.session() as session:
                return load_planning_data(session, self.pemda)

        return self.cache.cached(("data", self.pemda, self.stamp), load)

    def analysis(self, year: int) -> pipeline.Analysis:
        """The :func:`selaras.analysis.analyse` run of the year, the same pipeline as the CLI's."""

        def run() -> pipeline.Analysis:
            cache = self.cache
            return pipeline.analyse(
                self.planning(),
                year=year,
                nomenclature=cache.nomenclature,
                thresholds=cache.thresholds,
                registry=cache.registry,
            )

        return self.cache.cached(("analysis", self.pemda, year, self.stamp), run)

    def report(self, year: int) -> CheckReport:
        return self.analysis(year).report

    def cards(self, year: int) -> list[ScoreCard]:
        return self.cache.cached(("cards", self.pemda, year, self.stamp), lambda: self.analysis(year).cards)
