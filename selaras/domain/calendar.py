"""The planning calendar: the stages a document goes through, the dates each stage is open, and the template
that follows the regulations.

A *cycle* is named by the first year the documents plan: the RKPD, Renja, KUA-PPAS and APBD of 2027 are
prepared in 2026 and belong to cycle 2027; the RPJMD 2025–2029 belongs to cycle 2025. A document's cycle is
therefore ``document.period.start``, and one cycle's calendar holds every date that concerns its documents,
including the perubahan in the plan year itself.

A document may change only while its stage is open (``opens <= day <= closes``, both inclusive, local
dates): before the stage opens and after it closes the document is locked, unless the admin has reopened the
stage until a later day. Kinds without a calendar (IKU, national frameworks) and stages without dates are
never locked.
"""

from __future__ import annotations

import calendar as _gregorian
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from selaras.domain.documents import Document, DocumentKind

__all__ = [
    "CALENDAR_KINDS",
    "MONTHS",
    "MONTHS_EN",
    "PlanningCalendar",
    "Stage",
    "StageWindow",
    "Submission",
    "cycle_year",
    "format_day",
    "lock_message",
    "next_stage",
    "regulation_template",
    "stages_of",
    "submissions",
]

MONTHS = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)


MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def format_day(day: date, lang: str = "id") -> str:
    """``30 Juni 2026``: dates in messages are written as Bappeda writes them (``30 June 2026`` in English). The one
    place month names are kept: reports and pages write dates through it (:func:`selaras.report.format.day`)."""
    return f"{day.day} {(MONTHS if lang == 'id' else MONTHS_EN)[day.month - 1]} {day.year}"


class Stage(StrEnum):
    """The stages of Permendagri 86/2017, in order; the forum is the Forum PD for PD documents, the
    Musrenbang (or public consultation) for pemda documents, and the DPRD's deliberation for the budget."""

    RANCANGAN_AWAL = "rancangan_awal"
    FORUM = "forum"
    RANCANGAN_AKHIR = "rancangan_akhir"
    PENETAPAN = "penetapan"
    PERUBAHAN = "perubahan"

    def label(self, kind: DocumentKind) -> str:
        """The stage's name as the regulations call it for this kind of document."""
        if self is Stage.FORUM:
            if kind.is_budget:
                return "Pembahasan DPRD"
            return "Forum PD" if kind.belongs_to_pd else "Musrenbang"
        if self is Stage.RANCANGAN_AKHIR and kind is DocumentKind.APBD:
            return "Evaluasi rancangan Perda"
        if self is Stage.PENETAPAN and kind is DocumentKind.KUA_PPAS:
            return "Nota kesepakatan"
        return {
            Stage.RANCANGAN_AWAL: "Rancangan awal",
            Stage.RANCANGAN_AKHIR: "Rancangan akhir",
            Stage.PENETAPAN: "Penetapan",
            Stage.PERUBAHAN: "Perubahan",
        }[self]


_ALL = tuple(Stage)
_STAGES: dict[DocumentKind, tuple[Stage, ...]] = {
    DocumentKind.RPJPD: _ALL,
    DocumentKind.RPJMD: _ALL,
    DocumentKind.RENSTRA: _ALL,
    DocumentKind.RKPD: _ALL,
    DocumentKind.RENJA: _ALL,
    # A KUA-PPAS goes from its draft through the DPRD's deliberation straight to the signed agreement.
    DocumentKind.KUA_PPAS: (Stage.RANCANGAN_AWAL, Stage.FORUM, Stage.PENETAPAN, Stage.PERUBAHAN),
    DocumentKind.APBD: _ALL,
}
CALENDAR_KINDS = tuple(_STAGES)


def stages_of(kind: DocumentKind) -> tuple[Stage, ...]:
    """The stages a document of ``kind`` goes through; empty for kinds the calendar does not govern."""
    return _STAGES.get(kind, ())


def next_stage(kind: DocumentKind, stage: Stage) -> Stage | None:
    """The stage a sign-off moves a document to; ``None`` after the last one."""
    stages = stages_of(kind)
    position = stages.index(stage) + 1 if stage in stages else len(stages)
    return stages[position] if position < len(stages) else None


def cycle_year(document: Document) -> int:
    """The cycle a document belongs to: the first year it plans."""
    return document.period.start


@dataclass(frozen=True, slots=True)
class StageWindow:
    """When one stage of one kind of document is open. ``basis`` says where the dates come from: the
    regulation that sets them, or that they are a convention the admin may move."""

    kind: DocumentKind
    stage: Stage
    opens: date
    closes: date
    basis: str = ""
    reopened_until: date | None = None

    def __post_init__(self) -> None:
        if self.closes < self.opens:
            raise ValueError(
                f"tahap {self.title} ditutup ({format_day(self.closes)}) sebelum dibuka ({format_day(self.opens)})"
            )

    @property
    def title(self) -> str:
        """``Rancangan akhir Renja``."""
        return f"{self.stage.label(self.kind)} {_KIND_NAMES.get(self.kind, self.kind.value)}"

    @property
    def dates(self) -> str:
        return f"{format_day(self.opens)} s.d. {format_day(self.closes)}"

    def is_open(self, day: date) -> bool:
        """Open within its dates, or until the day the admin reopened it to."""
        reopened = self.reopened_until is not None and day <= self.reopened_until
        return self.opens <= day <= self.closes or reopened

    def state(self, day: date) -> str:
        """``belum dibuka``, ``dibuka``, ``dibuka kembali`` or ``ditutup`` on ``day``."""
        if self.opens <= day <= self.closes:
            return "dibuka"
        if self.is_open(day):
            return "dibuka kembali"
        return "belum dibuka" if day < self.opens else "ditutup"


_KIND_NAMES = {
    DocumentKind.RENSTRA: "Renstra",
    DocumentKind.RENJA: "Renja",
    DocumentKind.KUA_PPAS: "KUA-PPAS",
}


def lock_message(document: Document, window: StageWindow, day: date) -> str:
    """Why ``document`` cannot change on ``day``: the stage, its dates, and who can open it again."""
    when = window.dates
    if window.reopened_until is not None:
        when += f"; dibuka kembali s.d. {format_day(window.reopened_until)}"
    state = "belum dibuka" if day < window.opens else "sudah ditutup"
    return (
        f"dokumen {document.key} terkunci: tahap {window.title} {cycle_year(document)} ({when}) {state}; "
        "impor dan perubahan hanya dapat dilakukan selama tahapnya dibuka — minta admin Bappeda membuka "
        "kembali tahap ini bila masih perlu diubah"
    )


@dataclass(frozen=True, slots=True)
class PlanningCalendar:
    """One pemda's calendar of one cycle."""

    pemda: str
    year: int
    windows: tuple[StageWindow, ...]

    def window(self, kind: DocumentKind, stage: Stage) -> StageWindow | None:
        return next((w for w in self.windows if w.kind is kind and w.stage is stage), None)

    def due_within(self, day: date, days: int = 14) -> list[StageWindow]:
        """The stages that close between ``day`` and ``days`` days later, soonest first."""
        last = day + timedelta(days=days)
        return sorted((w for w in self.windows if day <= w.closes <= last), key=lambda w: (w.closes, w.title))


@dataclass(frozen=True, slots=True)
class Submission:
    """A PD (``pd`` None: the pemda itself) whose document has not reached a stage that is open, due or closed.

    ``late`` once the stage has closed: the report lists those.
    """

    window: StageWindow
    pd: str | None
    stage: Stage | None  # where its document is; None when there is no document at all
    late: bool


def submissions(
    calendar: PlanningCalendar,
    *,
    agencies: list[str],
    reached: dict[tuple[DocumentKind, str | None], Stage],
    day: date,
) -> list[Submission]:
    """Who has not submitted for each stage that has opened by ``day``.

    A document has *submitted for* a stage once it is in that stage or a later one (a sign-off moves it on),
    so a missing document has submitted for none. ``reached`` maps (kind, PD) to the stage of the cycle's
    document; PD documents are expected of every PD in ``agencies``, pemda documents of the pemda (``None``).
    """
    found: list[Submission] = []
    for window in sorted(calendar.windows, key=lambda w: (w.closes, w.title)):
        if day < window.opens:
            continue
        stages = stages_of(window.kind)
        for pd in agencies if window.kind.belongs_to_pd else [None]:
            stage = reached.get((window.kind, pd))
            if stage is None or stages.index(stage) < stages.index(window.stage):
                found.append(Submission(window, pd, stage, late=day > window.closes))
    return found


def _month_end(year: int, month: int) -> date:
    return date(year, month, _gregorian.monthrange(year, month)[1])


def _add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, _gregorian.monthrange(year, month)[1]))


CONVENTION = "konvensi (jadwal indikatif; boleh diubah admin)"
PERMENDAGRI_86 = "Permendagri 86/2017"
PP_12 = "PP 12/2019 tentang Pengelolaan Keuangan Daerah"


def regulation_template(year: int, *, provinsi: bool, inauguration: date | datetime | None = None) -> list[StageWindow]:
    """The calendar of cycle ``year`` as the regulations set it; the admin edits it from there.

    The annual cycle (RKPD, Renja, KUA-PPAS, APBD of ``year``, prepared in ``year - 1``):

    - RKPD (Permendagri 86/2017): rancangan awal in January–February, the Musrenbang in March for a kabupaten/
      kota and in April for a province, rancangan akhir in May, and the Perkada **by the end of June** — the
      end of June is the regulation's deadline; the earlier months follow the indicative schedule of its
      annex, so they are conventions.
    - Renja (Permendagri 86/2017): drafted with the RKPD's rancangan awal, discussed in the Forum PD, and set
      **at most one month after the RKPD**, hence by the end of July; the other dates are conventions.
    - KUA-PPAS (PP 12/2019): the draft goes to the DPRD **by the second week of July** and the agreement is
      signed **by the second week of August**.
    - APBD (PP 12/2019): the DPRD agrees the draft Perda **one month before the budget year** (30 November),
      the governor or the Minister evaluates it, and it is set **by 31 December**; the APBD perubahan is
      agreed **three months before the year ends** (30 September of ``year``).
    - The perubahan of the RKPD, Renja and KUA-PPAS, in ``year`` itself, follows the APBD perubahan by
      convention.

    With ``inauguration`` (the day the regional head took office), the RPJMD and the Renstra of the period
    starting in ``year``: the Perda RPJMD **at most six months after the inauguration** (UU 23/2014) and each
    Renstra **at most one month after the RPJMD** (Permendagri 86/2017); the stages before are conventions.

    For the cycles that start a 20-year period (2025, 2045), the RPJPD: due **in August** of the year before,
    as Inmendagri 1/2024 set for 2025–2045 so that candidates draw their vision from it (for later periods the
    month is a convention until a rule says otherwise); the earlier stages are conventions.
    """
    prep = year - 1
    musrenbang = 4 if provinsi else 3
    windows = [
        StageWindow(DocumentKind.RKPD, Stage.RANCANGAN_AWAL, date(prep, 1, 2), _month_end(prep, 2), CONVENTION),
        StageWindow(
            DocumentKind.RKPD, Stage.FORUM, date(prep, musrenbang, 1), _month_end(prep, musrenbang), CONVENTION
        ),
        StageWindow(DocumentKind.RKPD, Stage.RANCANGAN_AKHIR, date(prep, 5, 1), date(prep, 5, 31), CONVENTION),
        StageWindow(
            DocumentKind.RKPD,
            Stage.PENETAPAN,
            date(prep, 6, 1),
            date(prep, 6, 30),
            f"{PERMENDAGRI_86}: RKPD ditetapkan paling lambat akhir Juni",
        ),
        StageWindow(DocumentKind.RKPD, Stage.PERUBAHAN, date(year, 6, 1), date(year, 8, 31), CONVENTION),
        StageWindow(DocumentKind.RENJA, Stage.RANCANGAN_AWAL, date(prep, 1, 2), date(prep, 2, 15), CONVENTION),
        StageWindow(DocumentKind.RENJA, Stage.FORUM, date(prep, 2, 16), date(prep, 3, 15), CONVENTION),
        StageWindow(DocumentKind.RENJA, Stage.RANCANGAN_AKHIR, date(prep, 5, 1), date(prep, 6, 30), CONVENTION),
        StageWindow(
            DocumentKind.RENJA,
            Stage.PENETAPAN,
            date(prep, 7, 1),
            date(prep, 7, 31),
            f"{PERMENDAGRI_86}: Renja ditetapkan paling lama 1 bulan setelah RKPD",
        ),
        StageWindow(DocumentKind.RENJA, Stage.PERUBAHAN, date(year, 6, 1), date(year, 8, 31), CONVENTION),
        StageWindow(
            DocumentKind.KUA_PPAS,
            Stage.RANCANGAN_AWAL,
            date(prep, 6, 1),
            date(prep, 7, 14),
            f"{PP_12}: disampaikan ke DPRD paling lambat minggu kedua Juli",
        ),
        StageWindow(DocumentKind.KUA_PPAS, Stage.FORUM, date(prep, 7, 15), date(prep, 8, 7), CONVENTION),
        StageWindow(
            DocumentKind.KUA_PPAS,
            Stage.PENETAPAN,
            date(prep, 8, 8),
            date(prep, 8, 14),
            f"{PP_12}: kesepakatan paling lambat minggu kedua Agustus",
        ),
        StageWindow(DocumentKind.KUA_PPAS, Stage.PERUBAHAN, date(year, 6, 1), date(year, 8, 14), CONVENTION),
        StageWindow(DocumentKind.APBD, Stage.RANCANGAN_AWAL, date(prep, 8, 15), date(prep, 9, 30), CONVENTION),
        StageWindow(
            DocumentKind.APBD,
            Stage.FORUM,
            date(prep, 10, 1),
            date(prep, 11, 30),
            f"{PP_12}: persetujuan bersama paling lambat 1 bulan sebelum tahun anggaran",
        ),
        StageWindow(DocumentKind.APBD, Stage.RANCANGAN_AKHIR, date(prep, 12, 1), date(prep, 12, 15), CONVENTION),
        StageWindow(
            DocumentKind.APBD,
            Stage.PENETAPAN,
            date(prep, 12, 16),
            date(prep, 12, 31),
            f"{PP_12}: Perda APBD ditetapkan paling lambat 31 Desember",
        ),
        StageWindow(
            DocumentKind.APBD,
            Stage.PERUBAHAN,
            date(year, 7, 1),
            date(year, 9, 30),
            f"{PP_12}: perubahan APBD disetujui paling lambat 3 bulan sebelum tahun anggaran berakhir",
        ),
    ]
    if inauguration is not None:
        windows += _medium_term(inauguration.date() if isinstance(inauguration, datetime) else inauguration)
    if (year - 2025) % 20 == 0:
        windows += [
            StageWindow(DocumentKind.RPJPD, Stage.RANCANGAN_AWAL, date(prep, 1, 2), date(prep, 3, 31), CONVENTION),
            StageWindow(DocumentKind.RPJPD, Stage.FORUM, date(prep, 4, 1), date(prep, 5, 31), CONVENTION),
            StageWindow(DocumentKind.RPJPD, Stage.RANCANGAN_AKHIR, date(prep, 6, 1), date(prep, 7, 31), CONVENTION),
            StageWindow(
                DocumentKind.RPJPD,
                Stage.PENETAPAN,
                date(prep, 8, 1),
                date(prep, 8, 31),
                "Inmendagri 1/2024: Perda RPJPD 2025–2045 paling lambat Agustus 2024 (periode lain: konvensi)",
            ),
        ]
    return windows


def _medium_term(inauguration: date) -> list[StageWindow]:
    """RPJMD and Renstra windows counted from the inauguration; each stage opens the day after the previous
    one closes."""
    day = timedelta(days=1)
    at = inauguration

    def months(count: int) -> date:
        return _add_months(inauguration, count)

    return [
        StageWindow(DocumentKind.RPJMD, Stage.RANCANGAN_AWAL, at, months(2), CONVENTION),
        StageWindow(DocumentKind.RPJMD, Stage.FORUM, months(2) + day, months(3), CONVENTION),
        StageWindow(DocumentKind.RPJMD, Stage.RANCANGAN_AKHIR, months(3) + day, months(5), CONVENTION),
        StageWindow(
            DocumentKind.RPJMD,
            Stage.PENETAPAN,
            months(5) + day,
            months(6),
            "UU 23/2014: Perda RPJMD paling lama 6 bulan setelah kepala daerah dilantik",
        ),
        StageWindow(DocumentKind.RENSTRA, Stage.RANCANGAN_AWAL, months(1), months(3), CONVENTION),
        StageWindow(DocumentKind.RENSTRA, Stage.FORUM, months(3) + day, months(4), CONVENTION),
        StageWindow(DocumentKind.RENSTRA, Stage.RANCANGAN_AKHIR, months(4) + day, months(6), CONVENTION),
        StageWindow(
            DocumentKind.RENSTRA,
            Stage.PENETAPAN,
            months(6) + day,
            months(7),
            f"{PERMENDAGRI_86}: Renstra PD ditetapkan paling lama 1 bulan setelah Perda RPJMD",
        ),
    ]
