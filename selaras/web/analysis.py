"""The checks and scores of one pemda, cached per worker process while its data does not change.

Running every rule over a province takes a while, and the dashboard, findings and IKU pages all need the
same results. Each process keeps the latest results per (pemda, year) together with a stamp of the data
(:func:`selaras.store.audit.data_stamp`); a change made by any worker or by the CLI changes the stamp,
so no worker serves stale results.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import TypeVar, cast

from sqlalchemy import select

from selaras.checks.builtin import builtin_registry
from selaras.checks.data import PlanningData
from selaras.checks.registry import RuleRegistry
from selaras.checks.run import CheckReport, run_checks
from selaras.checks.thresholds import CheckContext, Thresholds
from selaras.reference.nomenclature import Nomenclature
from selaras.reference.wilayah import PUSAT
from selaras.scores import ScoreCard, compute_scorecards
from selaras.store import Database
from selaras.store.audit import data_stamp
from selaras.store.planning import load_planning_data
from selaras.store.tables import PemdaRow

__all__ = ["AnalysisCache"]

_T = TypeVar("_T")


class AnalysisCache:
    """Planning data, check reports and score cards per pemda (and year), recomputed when the data changes."""

    def __init__(self, database: Database, nomenclature: Nomenclature, *, size: int = 32) -> None:
        self.database = database
        self.nomenclature = nomenclature
        self.registry: RuleRegistry = builtin_registry()
        self.thresholds = Thresholds()
        self._size = size
        self._entries: OrderedDict[tuple[object, ...], object] = OrderedDict()
        self._lock = threading.Lock()
        self._building: dict[tuple[object, ...], threading.Lock] = {}

    def _stamp(self, pemda: str) -> tuple[object, ...]:
        with self.database.session() as session:
            family = [pemda, *session.scalars(select(PemdaRow.kode).where(PemdaRow.parent == pemda)), PUSAT.kode]
            return data_stamp(session, family)

    def _cached(self, key: tuple[object, ...], build: Callable[[], _T]) -> _T:
        with self._lock:
            if key in self._entries:
                self._entries.move_to_end(key)
                return cast(_T, self._entries[key])
            building = self._building.setdefault(key, threading.Lock())
        with building:  # one thread builds, the others wait for its result
            with self._lock:
                if key in self._entries:
                    return cast(_T, self._entries[key])
            value = build()
            with self._lock:
                self._entries[key] = value
                self._building.pop(key, None)
                while len(self._entries) > self._size:
                    self._entries.popitem(last=False)
            return value

    def planning(self, pemda: str) -> PlanningData:
        def load() -> PlanningData:
            with self.database.session() as session:
                return load_planning_data(session, pemda)

        return self._cached(("data", pemda, self._stamp(pemda)), load)

    def report(self, pemda: str, year: int) -> CheckReport:
        stamp = self._stamp(pemda)

        def check() -> CheckReport:
            context = CheckContext(year, self.nomenclature, self.thresholds)
            return run_checks(self.planning(pemda), context, self.registry)

        return self._cached(("report", pemda, year, stamp), check)

    def cards(self, pemda: str, year: int) -> list[ScoreCard]:
        stamp = self._stamp(pemda)

        def score() -> list[ScoreCard]:
            data, report = self.planning(pemda), self.report(pemda, year)
            return compute_scorecards(data, report, self.registry, year=year, thresholds=self.thresholds)

        return self._cached(("cards", pemda, year, stamp), score)
