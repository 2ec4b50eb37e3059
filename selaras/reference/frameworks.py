"""The national frameworks every regional plan is aligned to, as domain :class:`Plan` objects (pemda ``00``).

* Asta Cita 2025-2029: misi ``AC1``..``AC8``.
* RPJMN 2025-2029: prioritas nasional ``PN1``..``PN8``, their 31 sasaran ``PN{pn}.S{id_sasaran}`` with the
  69 indicators; each ``PN n`` is linked (cascade) to ``AC n``, because the RPJMN elaborates Asta Cita n as PN n.
* RPJPN 2025-2045: sasaran visi ``SV1``..``SV5`` with the 11 RPJMN headline indicators grouped under them.
* TPB/SDGs in Bahasa Indonesia (FRAMEWORK, version ``tpb-id``): tujuan ``TPB1``..``TPB17``, 100 targets
  ``TPB1.1``.. (the subset a regional RAD TPB carries) with the national indicators.
* SDGs in English (FRAMEWORK, version ``sdg-en``): goals ``SDG1``..``SDG17``, 169 targets ``SDG1.1``, ``SDG1.a``..

Where every file comes from and what is known to be wrong in it: ``data/SOURCE.md``. The CSV files are read
once per process; every call still builds a fresh :class:`Plan`, so a caller may change what it gets without
changing what the next caller sees.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from importlib import resources

from selaras.domain import (
    Direction,
    Document,
    DocumentKind,
    DocumentStatus,
    Indicator,
    IndicatorKind,
    Item,
    ItemLevel,
    ItemRef,
    Link,
    LinkKind,
    LinkOrigin,
    Period,
    Plan,
)
from selaras.errors import ReferenceDataError
from selaras.numbers import parse_number
from selaras.reference.wilayah import PUSAT

__all__ = [
    "ASTA_CITA_DOCUMENT",
    "RPJMN_DOCUMENT",
    "RPJPN_DOCUMENT",
    "SDG_EN_DOCUMENT",
    "TPB_DOCUMENT",
    "asta_cita",
    "guess_direction",
    "national_frameworks",
    "parse_value",
    "rpjmn",
    "rpjpn",
    "sdg_en",
    "tpb",
]

_RPJMN_PERIOD = Period(2025, 2029)
_AGENDA_2030 = Period(2015, 2030)
ASTA_CITA_DOCUMENT = Document(
    DocumentKind.ASTA_CITA, PUSAT.kode, _RPJMN_PERIOD, status=DocumentStatus.FINAL, title="Asta Cita 2025-2029"
)
RPJMN_DOCUMENT = Document(
    DocumentKind.RPJMN, PUSAT.kode, _RPJMN_PERIOD, status=DocumentStatus.FINAL, title="RPJMN 2025-2029"
)
RPJPN_DOCUMENT = Document(
    DocumentKind.RPJPN, PUSAT.kode, Period(2025, 2045), status=DocumentStatus.FINAL, title="RPJPN 2025-2045"
)
TPB_DOCUMENT = Document(
    DocumentKind.FRAMEWORK, PUSAT.kode, _AGENDA_2030, version="tpb-id", status=DocumentStatus.FINAL, title="TPB/SDGs"
)
SDG_EN_DOCUMENT = Document(
    DocumentKind.FRAMEWORK,
    PUSAT.kode,
    _AGENDA_2030,
    version="sdg-en",
    status=DocumentStatus.FINAL,
    title="Sustainable Development Goals",
)

# Years the two target columns of the RPJMN tables stand for (the source labels target_awal "Tahun 2025").
_TARGET_YEARS = {"target_awal": 2025, "target_akhir": 2029}


# --- reading the bundled files -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Row:
    """One CSV row with where it came from, so a broken bundled file is reported by file, line and column."""

    source: str
    line: int
    cells: Mapping[str, str]

    def __getitem__(self, column: str) -> str:
        return self.cells[column]

    def integer(self, column: str) -> int:
        try:
            return int(self.cells[column])
        except ValueError:
            raise ReferenceDataError(
                f"{self.source} baris {self.line}, kolom {column}: '{self.cells[column]}' bukan bilangan bulat"
            ) from None


@cache
def _rows(name: str, columns: tuple[str, ...]) -> tuple[_Row, ...]:
    """The cells of ``columns`` in every row of a bundled file, stripped; read once per process."""
    try:
        text = (resources.files("selaras.reference") / "data" / name).read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise ReferenceDataError(f"data rujukan {name} tidak dapat dibaca: {exc}") from exc
    reader = csv.DictReader(io.StringIO(text, newline=""))
    missing = [column for column in columns if column not in (reader.fieldnames or ())]
    if missing:
        raise ReferenceDataError(f"{name}: kolom tidak ada: {', '.join(missing)}")
    return tuple(
        _Row(name, reader.line_num, {column: (row[column] or "").strip() for column in columns}) for row in reader
    )


# --- values and directions ------------------------------------------------------------------------------------

_YEAR_NOTE = re.compile(r"\s*\((\d{4})\)?\s*$")  # "2,70 (2023)", "4-6 (2028)", and the unclosed "1-2 (2029"
_RANGE = re.compile(r"^([^-]+?)\s*-\s*([^-]+)$")  # "81,69-85,23", "0,378 - 0,382"; not "2026-11-11 ..."


def parse_value(text: str) -> tuple[Decimal | None, int | None]:
    """Read a baseline or target cell of the national tables: ``(value, year noted in the cell)``.

    The sources are transcriptions with mixed formats, so this never raises:

    * ``"2,75"``, ``"2.75"``, ``"16"`` → the number (Indonesian or plain, via :func:`parse_number`);
    * ``"2,70 (2023)"`` → ``2.70`` and the year ``2023`` the value belongs to;
    * a range ``"81,69-85,23"`` or ``"0,378 - 0,382"`` → its **lower bound** (the smaller number), always,
      whichever way the indicator should move; the upper bound is not kept;
    * anything else — spreadsheet dates (``"2026-11-11 00:00:00"``), ``"2,5±1,0"``, the per-subject PISA text,
      ``"10,36-11-45"`` — → ``None``: no number is made up.
    """
    note = _YEAR_NOTE.search(text)
    year = int(note.group(1)) if note else None
    body = text[: note.start()] if note else text
    bounds = _RANGE.match(body.strip())
    try:
        if bounds:
            low, high = (parse_number(bound) for bound in bounds.groups())
            value = min(low, high) if low is not None and high is not None else None
        else:
            value = parse_number(body)
    except ValueError:
        return None, None
    return value, (year if value is not None else None)


# Words that say a smaller number is better; ranks count down to 1. A named reduction ("penurunan intensitas
# emisi", "poverty reduction") is itself something to increase, so it overrules them.
_TURUN_WORDS = re.compile(
    r"\b(kemiskinan|ketimpangan|gini|stunting|pengangguran|kematian|emisi|prevalensi|kerugian|biaya logistik"
    r"|kelahiran total|peringkat|poverty|mortality|deaths|unemployment|emissions|prevalence)\b"
)
_REDUCTION_WORDS = re.compile(r"\b(penurunan|pengurangan|reduction)\b")


@cache
def guess_direction(name: str, satuan: str = "") -> Direction:
    """``turun`` when the indicator's name or satuan says smaller is better (see ``_TURUN_WORDS``), else ``naik``.

    The national tables do not state a direction; this is a guess that planners can overrule. It agrees with
    the movement from baseline to the 2029 target for every RPJMN indicator whose numbers can be read, except
    the Global Cybersecurity Index (100 → 98, a score where higher is better).
    """
    text = f"{name} {satuan}".casefold()
    if _REDUCTION_WORDS.search(text):
        return Direction.NAIK
    return Direction.TURUN if _TURUN_WORDS.search(text) else Direction.NAIK


_INDICATOR_COLUMNS = ("indikator", "satuan", "baseline", *_TARGET_YEARS)


def _indicator(row: _Row) -> Indicator:
    """A sasaran indicator; a target cell that notes its own year (``"4-6 (2028)"``) is kept for that year."""
    targets: dict[int, Decimal] = {}
    for column, column_year in _TARGET_YEARS.items():
        value, noted_year = parse_value(row[column])
        if value is not None:
            targets[noted_year or column_year] = value
    return Indicator(
        name=row["indikator"],
        satuan=row["satuan"],
        kind=IndicatorKind.OUTCOME,
        baseline=parse_value(row["baseline"])[0],
        direction=guess_direction(row["indikator"], row["satuan"]),
        targets=dict(sorted(targets.items())),
    )


def _listed_indicator(code: str, text: str) -> Indicator:
    """A TPB/SDG indicator: named by its code and title, no values (the lists carry none)."""
    return Indicator(name=f"{code} {text}", kind=IndicatorKind.OUTCOME, direction=guess_direction(text))


def _group(rows: Iterable[_Row], column: str) -> dict[int, list[_Row]]:
    """Rows by the whole number in ``column`` (indicators by sasaran, sasaran by PN), in file order."""
    groups: dict[int, list[_Row]] = {}
    for row in rows:
        groups.setdefault(row.integer(column), []).append(row)
    return groups


# --- the frameworks -------------------------------------------------------------------------------------------


def asta_cita() -> Plan:
    """The 8 misi of Asta Cita (campaign wording, KPU 2024) as ``AC1``..``AC8``."""
    items = [
        Item(f"AC{row.integer('no')}", ItemLevel.MISI, row["asta_cita_misi_2024"], order=row.integer("no"))
        for row in _rows("rpjmn_asta_cita.csv", ("no", "asta_cita_misi_2024"))
    ]
    return Plan(ASTA_CITA_DOCUMENT, items)


def rpjmn() -> Plan:
    """RPJMN 2025-2029: ``PN1``..``PN8`` → sasaran ``PN{pn}.S{id_sasaran}`` carrying the sasaran indicators.

    Indicator values follow :func:`parse_value` (ranges → lower bound, unreadable → no value);
    ``target_awal`` is the 2025 target and ``target_akhir`` the 2029 one.
    """
    sasaran_by_pn = _group(_rows("rpjmn_sasaran_pn.csv", ("id_sasaran", "pn", "sasaran")), "pn")
    indicators_by_sasaran = _group(
        _rows("rpjmn_indikator_sasaran_pn.csv", ("id_sasaran", *_INDICATOR_COLUMNS)), "id_sasaran"
    )
    items: list[Item] = []
    links: list[Link] = []
    for pn_row in _rows("rpjmn_prioritas_nasional.csv", ("pn", "prioritas_nasional")):
        pn = pn_row.integer("pn")
        items.append(Item(f"PN{pn}", ItemLevel.PRIORITAS, pn_row["prioritas_nasional"], order=pn))
        links.append(
            Link(
                ItemRef(RPJMN_DOCUMENT.key, f"PN{pn}"),
                ItemRef(ASTA_CITA_DOCUMENT.key, f"AC{pn}"),
                kind=LinkKind.CASCADE,
                origin=LinkOrigin.IMPORTED,
            )
        )
        for order, row in enumerate(sasaran_by_pn.get(pn, []), start=1):
            sasaran_id = row.integer("id_sasaran")
            indicators = [_indicator(ind) for ind in indicators_by_sasaran.get(sasaran_id, [])]
            key = f"PN{pn}.S{sasaran_id}"
            items.append(
                Item(key, ItemLevel.SASARAN, row["sasaran"], parent=f"PN{pn}", order=order, indicators=indicators)
            )
    return Plan(RPJMN_DOCUMENT, items, links)


def rpjpn() -> Plan:
    """RPJPN 2025-2045: sasaran visi ``SV1``..``SV5`` ("judul: uraian target 2045") with the RPJMN headline
    indicators grouped under them (baseline, 2025 and 2029 targets, read like :func:`rpjmn`'s)."""
    indicators_by_sasaran = _group(
        _rows("rpjpn_indikator_utama.csv", ("sasaran_visi_rpjpn", *_INDICATOR_COLUMNS)), "sasaran_visi_rpjpn"
    )
    items = []
    for row in _rows("rpjpn_sasaran_visi.csv", ("sasaran_visi", "judul", "uraian_target_2045")):
        number = row.integer("sasaran_visi")
        indicators = [_indicator(ind) for ind in indicators_by_sasaran.get(number, [])]
        text = f"{row['judul']}: {row['uraian_target_2045']}"
        items.append(Item(f"SV{number}", ItemLevel.SASARAN, text, order=number, indicators=indicators))
    return Plan(RPJPN_DOCUMENT, items)


def _goals_and_targets(
    document: Document,
    prefix: str,
    goals: Iterable[tuple[int, str]],
    targets: Iterable[tuple[int, str, str]],
    indicators: Iterable[tuple[str, str, str]],
) -> Plan:
    """Shared shape of TPB and SDG: tujuan/goal ``{prefix}{n}`` → target ``{prefix}{code}`` with indicators."""
    by_target: dict[str, list[Indicator]] = {}
    for target_code, code, text in indicators:
        by_target.setdefault(target_code, []).append(_listed_indicator(code, text))
    by_goal: dict[int, list[tuple[str, str]]] = {}
    for goal, code, title in targets:
        by_goal.setdefault(goal, []).append((code, title))
    items: list[Item] = []
    for number, text in goals:
        items.append(Item(f"{prefix}{number}", ItemLevel.TUJUAN, text, order=number))
        items.extend(
            Item(
                f"{prefix}{code}",
                ItemLevel.SASARAN,
                title,
                parent=f"{prefix}{number}",
                order=order,
                indicators=by_target.get(code, []),
            )
            for order, (code, title) in enumerate(by_goal.get(number, []), start=1)
        )
    return Plan(document, items)


def tpb() -> Plan:
    """TPB/SDGs in Bahasa Indonesia: ``TPB1``..``TPB17`` ("Tanpa kemiskinan: Mengakhiri ...") and the 100
    targets the source carries (``TPB1.1``), each with its national indicators (``"1.1.1* Tingkat ..."``)."""
    return _goals_and_targets(
        TPB_DOCUMENT,
        "TPB",
        (
            (row.integer("kode_tujuan"), f"{row['nama_tujuan'].capitalize()}: {row['deskripsi']}")
            for row in _rows("tpb_tujuan.csv", ("kode_tujuan", "nama_tujuan", "deskripsi"))
        ),
        (
            (row.integer("kode_tujuan"), row["kode_target"], row["deskripsi"])
            for row in _rows("tpb_target.csv", ("kode_tujuan", "kode_target", "deskripsi"))
        ),
        (
            (row["kode_target"], row["kode_indikator"], row["deskripsi"])
            for row in _rows("tpb_indikator.csv", ("kode_target", "kode_indikator", "deskripsi"))
        ),
    )


def sdg_en() -> Plan:
    """The UN SDGs in English: ``SDG1``..``SDG17`` ("No poverty: End poverty ..."), all 169 targets
    (``SDG1.1``, ``SDG1.a``) with the global indicators."""
    return _goals_and_targets(
        SDG_EN_DOCUMENT,
        "SDG",
        (
            (row.integer("goal"), f"{row['short']}: {row['title']}")
            for row in _rows("sdg_goals_en.csv", ("goal", "short", "title"))
        ),
        (
            (row.integer("goal"), row["target"], row["title"])
            for row in _rows("sdg_targets_en.csv", ("goal", "target", "title"))
        ),
        (
            (row["target"], row["indicator"], row["title"])
            for row in _rows("sdg_indicators_en.csv", ("target", "indicator", "title"))
        ),
    )


def national_frameworks() -> list[Plan]:
    """All national frameworks, Asta Cita first (the RPJMN links point at it)."""
    return [asta_cita(), rpjmn(), rpjpn(), tpb(), sdg_en()]
