"""Link suggestions started from the web ("Buat usulan tautan"): a background thread per run, its progress in a
small JSON file that every worker reads.

A run ranks the items of one document, or of every plan of one PD (Renstra, Renja, IKU), against one target
document and stores the proposals above the floor — :func:`selaras.suggestions.propose`, exactly what
``selaras suggest`` does. The models load lazily on the first run of the process (a minute or more on a small
machine, then the embedding cache makes later runs fast), which is why the request only starts the run and the
page then shows its progress: items ranked out of the total.

**A run lives only as long as the worker process that started it.** It is a thread, not a queued job: a restart
or a crash of that process ends it, and nothing resumes it. Its state is written to ``<data_dir>/runs/usulan-
<pemda>.json`` and rewritten at least every :data:`HEARTBEAT` seconds while the thread lives, so every worker of
``selaras serve --workers N`` on the same machine shows the same progress and refuses a second run for the same
pemda; a state not rewritten for :data:`STALE` reads ``terhenti`` (its process ended), and a new run may start.
One run per pemda at a time; runs of different pemda share the process's one matcher, so the second waits
(``menunggu``) until the first is done. Whatever a run fails on is kept in its state and shown, never swallowed.
"""

from __future__ import annotations

import logging
import os
import tempfile
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from pathlib import Path
from typing import Literal

from pydantic import Field, ValidationError
from sqlalchemy import select

from selaras.domain import DocumentKind
from selaras.errors import SelarasError
from selaras.match.engine import Matcher
from selaras.reference.frameworks import ASTA_CITA_DOCUMENT, RPJMN_DOCUMENT, RPJPN_DOCUMENT, TPB_DOCUMENT
from selaras.store import Database
from selaras.store.tables import DocumentRow
from selaras.suggestions import SuggestRequest, prepare, propose
from selaras.web.serialize import Shape

__all__ = [
    "HEARTBEAT",
    "PD_PLAN_KINDS",
    "STALE",
    "RunBusy",
    "RunState",
    "SuggestRunJson",
    "SuggestRuns",
    "TargetChoice",
    "target_choices",
]

log = logging.getLogger(__name__)

HEARTBEAT = 5.0
"""Seconds between rewrites of a live run's state, even when no item was ranked meanwhile (loading the models)."""
STALE = timedelta(seconds=60)
"""A run whose state is older than this is no longer alive: its process ended."""
PD_PLAN_KINDS = (DocumentKind.RENSTRA, DocumentKind.RENJA, DocumentKind.IKU)
"""The plans of a PD that a PD's run covers; its budget documents (KUA-PPAS, APBD) repeat the Renja's items."""
FRAMEWORKS = (ASTA_CITA_DOCUMENT, RPJMN_DOCUMENT, RPJPN_DOCUMENT, TPB_DOCUMENT)
"""National targets offered, in this order (the English SDGs are for the benchmark, not for a pemda's review)."""


class RunState(StrEnum):
    WAITING = "menunggu"  # behind another pemda's run of this process
    RUNNING = "berjalan"
    DONE = "selesai"
    FAILED = "gagal"
    STOPPED = "terhenti"  # its process ended before it finished

    @property
    def active(self) -> bool:
        return self in (RunState.WAITING, RunState.RUNNING)


class SuggestRunJson(Shape):
    """The state of a pemda's latest run, as its file holds it and the API answers it."""

    pemda: str
    scope: Literal["pd", "document"] = Field(description="Semua rencana satu PD, atau satu dokumen")
    pd: str | None = Field(description="PD pemilik dokumennya; null bila dokumen pemda")
    documents: list[str] = Field(description="Kunci dokumen sumber")
    target: str = Field(description="Kunci dokumen sasaran")
    target_title: str
    started_by: str
    started_at: datetime
    updated_at: datetime = Field(description="Terakhir ditulis; lebih dari 60 detik lalu pada run aktif: terhenti")
    finished_at: datetime | None
    state: RunState
    done: int = Field(description="Butir sumber yang sudah dinilai")
    total: int = Field(description="Jumlah butir sumber (0 sampai dokumennya dimuat)")
    written: int = Field(description="Usulan baru yang disimpan")
    replaced: int = Field(description="Usulan lama yang diganti")
    kept: int = Field(description="Usulan yang dilewati karena pasangannya sudah bertautan")
    below_floor: int = Field(description="Usulan di bawah ambang skor, tidak disimpan")
    floor: float | None = Field(description="Ambang skor yang dipakai")
    error: str | None = Field(description="Mengapa run gagal")

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0


class SuggestStatus(Shape):
    run: SuggestRunJson | None = Field(description="Run terakhir pemda ini; null bila belum pernah ada")


class RunBusy(Exception):
    """A run of this pemda is still going (``run``), or another worker is starting one (``run`` None)."""

    def __init__(self, run: SuggestRunJson | None) -> None:
        super().__init__(run)
        self.run = run


@dataclass(frozen=True, slots=True)
class TargetChoice:
    key: str
    title: str


def target_choices(database: Database, pemda: str) -> list[TargetChoice]:
    """What a pemda's items may be linked to: the national frameworks loaded (``selaras init``), then the
    pemda's own RPJMD and RPJPD."""
    national = [document.key for document in FRAMEWORKS]
    own_kinds = [DocumentKind.RPJMD.value, DocumentKind.RPJPD.value]
    with database.session() as session:
        rows = session.execute(select(DocumentRow.key, DocumentRow.title).where(DocumentRow.key.in_(national)))
        present = {key: title for key, title in rows}
        own = session.execute(
            select(DocumentRow.key, DocumentRow.title)
            .where(DocumentRow.pemda == pemda, DocumentRow.kind.in_(own_kinds))
            .order_by(DocumentRow.kind, DocumentRow.period_start.desc(), DocumentRow.key)
        ).all()
    choices = [TargetChoice(key, present[key] or key) for key in national if key in present]
    return choices + [TargetChoice(key, title or key) for key, title in own]


def _now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


class _Live:
    """A running run's state, written whole (atomically) on every change and every heartbeat."""

    def __init__(self, path: Path, state: SuggestRunJson) -> None:
        self.path = path
        self.state = state
        self._lock = threading.Lock()
        self.finished = threading.Event()

    def update(self, **changes: object) -> None:
        with self._lock:
            self.state = self.state.model_copy(update={**changes, "updated_at": _now()})
            _write(self.path, self.state)

    def beat(self) -> None:
        while not self.finished.wait(HEARTBEAT):
            self.update()


def _write(path: Path, state: SuggestRunJson) -> None:
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".usulan-", suffix=".json")
    with os.fdopen(handle, "w", encoding="utf-8") as file:
        file.write(state.model_dump_json(indent=1))
    os.replace(temporary, path)


class SuggestRuns:
    """The runs of this process, and the state of every pemda's latest run (from any worker) under ``folder``.

    ``make_matcher`` builds the process's matcher on the first run (default: both embedders, cached under
    ``cache_dir``); ``floor`` is the ``suggest_floor`` setting.
    """

    def __init__(
        self,
        folder: Path,
        database: Database,
        *,
        floor: float,
        cache_dir: Path | None = None,
        make_matcher: Callable[[], Matcher] | None = None,
    ) -> None:
        self.folder = folder
        self.database = database
        self.floor = floor
        self.make_matcher = make_matcher or (lambda: Matcher.default(cache_dir))
        self._matcher: Matcher | None = None
        self._engine = threading.Lock()  # the matcher's memos are not thread-safe: one run uses it at a time
        self._starting = threading.Lock()
        self._threads: dict[str, threading.Thread] = {}

    def _state_path(self, pemda: str) -> Path:
        return self.folder / f"usulan-{pemda}.json"

    def _marker(self, pemda: str) -> Path:
        return self.folder / f"usulan-{pemda}.lock"

    def current(self, pemda: str) -> SuggestRunJson | None:
        """The pemda's latest run; an active one whose state went stale reads ``terhenti``."""
        try:
            state = SuggestRunJson.model_validate_json(self._state_path(pemda).read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except ValidationError as error:  # written by another version of Selaras: say so rather than fail the page
            log.warning("state of the suggestion run of %s unreadable: %s", pemda, error)
            return None
        if state.state.active and _now() - state.updated_at > STALE:
            return state.model_copy(update={"state": RunState.STOPPED})
        return state

    def _claim(self, pemda: str) -> None:
        """Take the pemda's marker (create it exclusively) or raise :class:`RunBusy`; a marker left by a process
        that ended (its run stale or finished, the marker older than :data:`STALE`) is taken over."""
        marker = self._marker(pemda)
        for _ in range(2):
            current = self.current(pemda)
            if current is not None and current.state.active:
                raise RunBusy(current)
            try:
                os.close(os.open(marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
                return
            except FileExistsError:
                try:
                    age = _now().timestamp() - marker.stat().st_mtime
                except FileNotFoundError:
                    continue
                if age < STALE.total_seconds():
                    raise RunBusy(current) from None  # another worker is starting a run right now
                marker.unlink(missing_ok=True)
        raise RunBusy(self.current(pemda))

    def start(
        self,
        pemda: str,
        documents: Sequence[str],
        target: TargetChoice,
        *,
        scope: Literal["pd", "document"],
        pd: str | None,
        by: str,
    ) -> SuggestRunJson:
        """Start ranking ``documents`` (``pd``'s plans, or one document) against ``target`` in the background;
        :class:`RunBusy` when a run of ``pemda`` is still going."""
        self.folder.mkdir(parents=True, exist_ok=True)
        with self._starting:
            self._claim(pemda)
            started = _now()
            state = SuggestRunJson(
                pemda=pemda,
                scope=scope,
                pd=pd,
                documents=list(documents),
                target=target.key,
                target_title=target.title,
                started_by=by,
                started_at=started,
                updated_at=started,
                finished_at=None,
                state=RunState.RUNNING,
                done=0,
                total=0,
                written=0,
                replaced=0,
                kept=0,
                below_floor=0,
                floor=None,
                error=None,
            )
            live = _Live(self._state_path(pemda), state)
            live.update()
            worker = threading.Thread(target=self._work, args=(live,), name=f"usulan-{pemda}", daemon=True)
            self._threads[pemda] = worker
            worker.start()
        return live.state

    def _work(self, live: _Live) -> None:
        heartbeat = threading.Thread(target=live.beat, name=f"{live.path.stem}-detak", daemon=True)
        heartbeat.start()
        try:
            if not self._engine.acquire(blocking=False):  # another pemda's run has the matcher: say so, then wait
                live.update(state=RunState.WAITING)
                self._engine.acquire()
                live.update(state=RunState.RUNNING)
            try:
                requests = [SuggestRequest(key, live.state.target) for key in live.state.documents]
                with self.database.session() as session:
                    prepared = [prepare(session, request) for request in requests]
                live.update(total=sum(each.items for each in prepared))
                if self._matcher is None:
                    self._matcher = self.make_matcher()
                offset = 0
                for each in prepared:
                    base = offset

                    def ranked(count: int, base: int = base) -> None:
                        live.update(done=base + count)

                    outcome = propose(self.database, self._matcher, each, floor=self.floor, progress=ranked)
                    offset += each.items
                    done = live.state
                    live.update(
                        done=offset,
                        written=done.written + outcome.counts.written,
                        replaced=done.replaced + outcome.counts.replaced,
                        kept=done.kept + outcome.counts.kept,
                        below_floor=done.below_floor + outcome.below_floor,
                        floor=outcome.floor,
                    )
            finally:
                self._engine.release()
            live.update(state=RunState.DONE, finished_at=_now())
        except Exception as error:  # shown on the page: the run's reader must see why it stopped
            log.exception("suggestion run of %s failed", live.state.pemda)
            message = str(error) if isinstance(error, SelarasError) else f"{type(error).__name__}: {error}"
            live.update(state=RunState.FAILED, finished_at=_now(), error=message)
        finally:
            live.finished.set()
            self._marker(live.state.pemda).unlink(missing_ok=True)

    def wait(self, pemda: str, timeout: float | None = None) -> None:
        """Until this process's run of ``pemda`` (if any) has ended: for tests and for an orderly shutdown."""
        worker = self._threads.get(pemda)
        if worker is not None:
            worker.join(timeout)
