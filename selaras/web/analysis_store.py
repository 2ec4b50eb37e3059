"""A worker's analyses kept in the database (:mod:`selaras.store.analysis_snapshots`): written in the background
as they are computed, and taken up again when a worker starts, so that a restart does not make the first reader
of a province wait for every check to run again (see :mod:`selaras.web.analysis`)."""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING

from selaras.store.analysis_snapshots import recently_analysed, save_analysis

if TYPE_CHECKING:
    from selaras.web.analysis import AnalysisCache, Snapshot

__all__ = ["AnalysisSaver", "prepare"]

log = logging.getLogger(__name__)


class AnalysisSaver:
    """Writes the years of the snapshots it is given, one at a time, in a background thread that ends when nothing
    is left to write (serialising the sample province's year takes about a second; no page waits for it).

    A year asked for twice before it is written is written once, with what the snapshot has by then (its cards
    too, once computed). A snapshot that a newer one of its pemda has replaced is not written: its year might
    overwrite the newer one's. A failed write is logged and forgotten: the analysis is only computed again after
    a restart."""

    def __init__(self, cache: AnalysisCache) -> None:
        self._cache = cache
        self._changed = threading.Condition()
        self._waiting: dict[tuple[int, int], tuple[Snapshot, int]] = {}
        self._thread: threading.Thread | None = None

    def add(self, snapshot: Snapshot, year: int) -> None:
        with self._changed:
            self._waiting.setdefault((id(snapshot), year), (snapshot, year))
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="selaras-analysis-saver", daemon=True)
                self._thread.start()

    def settle(self) -> None:
        """Wait until everything given has been written."""
        with self._changed:
            self._changed.wait_for(lambda: self._thread is None)

    def _run(self) -> None:
        while True:
            with self._changed:
                if not self._waiting:
                    self._thread = None
                    self._changed.notify_all()
                    return
                snapshot, year = self._waiting.pop(next(iter(self._waiting)))
            try:
                self._save(snapshot, year)
            except Exception:
                log.exception("analisis %s tahun %s tidak tersimpan", snapshot.pemda, year)

    def _save(self, snapshot: Snapshot, year: int) -> None:
        held = snapshot.held(year)
        if self._cache.shown(snapshot.pemda) is not snapshot or held is None:
            return
        if not any(government.kode == snapshot.pemda for government in snapshot.data.pemda):
            return  # a pemda with no stored data has no row to belong to, and nothing slow to analyse
        report, cards = held
        with self._cache.database.session() as session:
            save_analysis(
                session,
                pemda=snapshot.pemda,
                year=year,
                stamp=snapshot.stamp,
                fingerprint=self._cache.fingerprint,
                findings=report.findings,
                cards=cards,
            )


def prepare(cache: AnalysisCache, count: int) -> threading.Thread | None:
    """Take up the analyses of the ``count`` pemda stored last, one pemda after another in a background thread,
    started only when there is something stored; returns it."""
    with cache.database.session() as session:
        chosen = recently_analysed(session, limit=count)
    if not chosen:
        return None

    def run() -> None:
        for pemda in chosen:
            try:
                cache.at(pemda)
            except Exception:
                log.exception("analisis %s tidak dapat disiapkan", pemda)

    thread = threading.Thread(target=run, name="selaras-analysis-prepare", daemon=True)
    thread.start()
    return thread
