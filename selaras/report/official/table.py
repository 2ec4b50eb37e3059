"""A stored Renja or RKPD laid out as the table of Permendagri 86/2017 that planners print and sign.

What the shapes are based on (the lampiran itself was not among the sources at hand, so the columns were
taken from the implementations that reproduce it, which agree with each other):

* **Renja** — Tabel T-C.33 of the lampiran, *Rumusan Rencana Program dan Kegiatan Perangkat Daerah Tahun …
  dan Prakiraan Maju Tahun …*, as the e-planning applications of Kabupaten Asahan (Renja and RKPD views) and
  the SIPD-era Renja report of ``agusnurwanto/wp-sipd`` print it: (1) Kode, (2) Urusan/Bidang Urusan
  Pemerintahan Daerah dan Program/Kegiatan, (3) Indikator Kinerja Program/Kegiatan, *Rencana Tahun n*
  [(4) Lokasi, (5) Target Capaian Kinerja, (6) Kebutuhan Dana/Pagu Indikatif, (7) Sumber Dana],
  (8) Catatan Penting, *Prakiraan Maju Rencana Tahun n+1* [(9) Target Capaian Kinerja, (10) Kebutuhan
  Dana/Pagu Indikatif]. Since Permendagri 90/2019 the rows go one level deeper (sub kegiatan), which
  column (2) now names.
* **RKPD** — the *Rencana Program, Kegiatan dan Pendanaan* of the RKPD (Bab V of the systematics) uses the
  same frame; because an RKPD gathers every PD's programs, the RKPD documents built on the lampiran add the
  regional priority a program serves and the PD responsible for it: (8) Prioritas Daerah and (9) Perangkat
  Daerah Penanggung Jawab before Catatan Penting. No table number is printed for it: none was found.

Rows nest urusan → bidang urusan → program → kegiatan → sub kegiatan. Urusan and bidang urusan (and a
program or kegiatan a document leaves out above its children) are heading rows named from the nomenclature;
every row above the lowest level carries the subtotal of the pagu below it, so the table adds up whatever
the document stored at program level (a mismatch there is the budget rules' business, not the print's).

The headings are the regulation's words and stay in Bahasa Indonesia whatever the reader's language.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from selaras.domain import DocumentKind, Indicator, Item, ItemLevel, PemdaLevel, Plan
from selaras.domain.codes import CodeLevel, NomenclatureCode, parse_code
from selaras.numbers import format_number

__all__ = [
    "PER_INDICATOR",
    "Column",
    "OfficialTable",
    "Paper",
    "Row",
    "Signature",
    "Surroundings",
    "TableKind",
    "build_official_table",
    "table_kind",
]

RENJA_LABEL = "Tabel T-C.33"
NAMED_SOURCES = 3
"""Up to this many Renstra are named in the note on prakiraan maju; an RKPD's dozens are counted instead."""
PER_INDICATOR = ("indikator", "target", "target_maju")
"""Columns printed one line per indicator; the others span the item's lines."""
NO_CODE = "Tanpa kode nomenklatur"
_PENUNJANG = {"X": "UNSUR PENUNJANG URUSAN PEMERINTAHAN", "X.XX": "PROGRAM PENUNJANG SEMUA BIDANG URUSAN"}


class TableKind(StrEnum):
    RENJA = "renja"
    RKPD = "rkpd"


class Paper(StrEnum):
    """A4, or F4 (215 × 330 mm, the folio most Indonesian offices print on); always landscape."""

    A4 = "a4"
    F4 = "f4"


def table_kind(kind: DocumentKind) -> TableKind | None:
    """The official table a document kind prints as; None for kinds without one here."""
    return {DocumentKind.RENJA: TableKind.RENJA, DocumentKind.RKPD: TableKind.RKPD}.get(kind)


@dataclass(frozen=True, slots=True)
class Column:
    """One printed column: ``key`` names the :class:`Row` field, ``group`` the merged header above it."""

    key: str
    title: str
    width: int
    """Width in Excel characters; the PDF uses the same proportions."""
    group: str | None = None
    money: bool = False


@dataclass(frozen=True, slots=True)
class Row:
    """One printed row. Multi-line cells (several indicators, their targets) are tuples, line for line."""

    level: CodeLevel
    kode: str
    uraian: str
    indikator: tuple[str, ...] = ()
    lokasi: str = ""
    target: tuple[str, ...] = ()
    pagu: Decimal | None = None
    sumber_dana: str = ""
    prioritas: tuple[str, ...] = ()
    pd: str = ""
    catatan: str = ""
    target_maju: tuple[str, ...] = ()
    pagu_maju: Decimal | None = None

    def cell(self, key: str) -> str | Decimal | None:
        """The value of one column: lines joined by newlines, amounts as Decimal, None when empty."""
        value = getattr(self, key)
        if isinstance(value, tuple):
            return "\n".join(value) or None
        return value if isinstance(value, Decimal) else (value or None)

    @property
    def lines(self) -> int:
        """How many printed lines the row takes: one per indicator, as the lampiran lists them."""
        return max(1, len(self.indikator))

    def line(self, key: str, index: int) -> str | None:
        """Line ``index`` of an indicator column (:data:`PER_INDICATOR`), None past its end."""
        values: tuple[str, ...] = getattr(self, key)
        return values[index] if index < len(values) else None


@dataclass(frozen=True, slots=True)
class Signature:
    """Place and date, the signer's position; the name and NIP stay blank for the signature."""

    place: str
    date: str
    jabatan: str


@dataclass(frozen=True, slots=True)
class Surroundings:
    """What the table needs beyond the plan, gathered from the store by :mod:`selaras.report.official.load`
    (plain data, so the layout is tested without a database)."""

    pemda_name: str
    """As stored: ``Kalimantan Tengah``, ``Kabupaten Kapuas``, ``Kota Palangka Raya``."""
    pemda_level: PemdaLevel
    code_names: Mapping[str, str] = field(default_factory=dict)
    """Nomenclature name of urusan, bidang urusan, program and kegiatan codes."""
    pd_names: Mapping[str, str] = field(default_factory=dict)
    """PD code → name."""
    planning_agency: str = ""
    """The pemda's planning agency (the PD of bidang 5.01), whose head signs the RKPD."""
    prioritas: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Item key → the regional priorities (RPJMD prioritas) it is linked to."""
    forward: Mapping[tuple[str, str], Item] = field(default_factory=dict)
    """(PD code, nomenclature code) → the same item in the PD's Renstra, for year n+1 when the document
    itself does not plan it."""
    forward_sources: tuple[str, ...] = ()
    place: str = ""
    date: str = ""


@dataclass(frozen=True, slots=True)
class OfficialTable:
    kind: TableKind
    year: int
    label: str
    """``Tabel T-C.33`` for the Renja; empty for the RKPD."""
    heading: tuple[str, ...]
    """Letterhead lines: the pemda, the PD (Renja), the title with its years."""
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    total: Row
    notes: tuple[str, ...]
    signature: Signature
    source: str

    def header_groups(self) -> list[tuple[str | None, int]]:
        """Consecutive columns under the same merged header: ``[(None, 1), (None, 1), ("Rencana …", 4), …]``."""
        groups: list[tuple[str | None, int]] = []
        for column in self.columns:
            if column.group is not None and groups and groups[-1][0] == column.group:
                groups[-1] = (column.group, groups[-1][1] + 1)
            else:
                groups.append((column.group, 1))
        return groups


def _columns(kind: TableKind, year: int) -> tuple[Column, ...]:
    plan, forward = f"Rencana Tahun {year}", f"Prakiraan Maju Rencana Tahun {year + 1}"
    if kind is TableKind.RENJA:
        pagu, widths = "Kebutuhan Dana/Pagu Indikatif (Rp)", (20, 40, 36, 15, 12, 21, 14, 14, 12, 21)
        middle: tuple[Column, ...] = ()
    else:  # two more columns share the page: narrower text, amounts as wide (a province's total is 17 digits)
        pagu, widths = "Pagu Indikatif (Rp)", (18, 34, 32, 12, 13, 23, 11, 11, 13, 23)
        middle = (Column("prioritas", "Prioritas Daerah", 22), Column("pd", "Perangkat Daerah Penanggung Jawab", 20))
    kode, uraian, indikator, lokasi, target, amount, funds, notes, target_maju, amount_maju = widths
    return (
        Column("kode", "Kode", kode),
        Column("uraian", "Urusan/Bidang Urusan Pemerintahan Daerah dan Program/Kegiatan/Sub Kegiatan", uraian),
        Column("indikator", "Indikator Kinerja Program/Kegiatan/Sub Kegiatan", indikator),
        Column("lokasi", "Lokasi", lokasi, plan),
        Column("target", "Target Capaian Kinerja", target, plan),
        Column("pagu", pagu, amount, plan, money=True),
        Column("sumber_dana", "Sumber Dana", funds, plan),
        *middle,
        Column("catatan", "Catatan Penting", notes),
        Column("target_maju", "Target Capaian Kinerja", target_maju, forward),
        Column("pagu_maju", "Kebutuhan Dana/Pagu Indikatif (Rp)", amount_maju, forward, money=True),
    )


def _official_name(name: str, level: PemdaLevel) -> str:
    """``Kalimantan Tengah`` (provinsi) → ``PROVINSI KALIMANTAN TENGAH``; names that say their tier keep it."""
    prefix = {PemdaLevel.PROVINSI: "Provinsi", PemdaLevel.KABUPATEN: "Kabupaten", PemdaLevel.KOTA: "Kota"}
    tier = prefix.get(level, "")
    if not tier or name.lower().startswith(("provinsi", "kabupaten", "kota")):
        return name.upper()
    return f"{tier} {name}".upper()


def _amount(value: Decimal) -> str:
    exponent = value.normalize().as_tuple().exponent
    places = min(4, max(0, -exponent)) if isinstance(exponent, int) else 0
    return format_number(value, decimals=places)


def _target(value: Decimal | None, satuan: str) -> str:
    """``14 Dokumen``, ``72,5%``; an indicator without a target for the year prints as a dash."""
    if value is None:
        return "-"
    if not satuan:
        return _amount(value)
    return f"{_amount(value)}{'' if satuan == '%' else ' '}{satuan}"


def _norm(text: str) -> str:
    return " ".join(text.lower().split())


def _forward_targets(own: list[Indicator], other: list[Indicator], year: int) -> tuple[str, ...]:
    """Year ``year`` of each of ``own``'s indicators taken from ``other`` (the Renstra item): by name, or by
    position when the two lists are the same length and the names differ only in wording."""
    by_name = {_norm(indicator.name): indicator for indicator in other}
    targets = []
    for index, indicator in enumerate(own):
        match = by_name.get(_norm(indicator.name))
        if match is None and len(other) == len(own):
            match = other[index]
        targets.append(_target(match.target(year), match.satuan or indicator.satuan) if match else "-")
    return tuple(targets)


@dataclass(slots=True)
class _Node:
    level: CodeLevel
    kode: str
    uraian: str
    position: int
    item: Item | None = None
    pd: str = ""
    children: list[_Node] = field(default_factory=list)
    pagu: Decimal | None = None
    pagu_maju: Decimal | None = None


_LEVELS = {
    ItemLevel.PROGRAM: CodeLevel.PROGRAM,
    ItemLevel.KEGIATAN: CodeLevel.KEGIATAN,
    ItemLevel.SUB_KEGIATAN: CodeLevel.SUB_KEGIATAN,
}
_ORDER = tuple(CodeLevel)


def _code(item: Item) -> NomenclatureCode | None:
    try:
        return parse_code(item.code) if item.code else None
    except ValueError:
        return None


def _sort_key(node: _Node) -> tuple[int, tuple[str, ...], str, int]:
    """Nomenclature order (``X`` after the digits), then PD, then document order; rows without a code last."""
    segments = tuple(node.kode.split(".")) if node.kode else ()
    return (0 if segments else 1, segments, node.pd, node.position)


class _Builder:
    def __init__(self, plan: Plan, year: int, around: Surroundings) -> None:
        self.plan, self.year, self.around = plan, year, around
        self.forward_used = False
        codes = Counter((self._pd(item), item.code) for item in plan.items if item.code)
        self.unique = {key for key, count in codes.items() if count == 1}
        """(PD, code) pairs on one item only: a code split over sub units cannot take the Renstra's figure."""

    def _pd(self, item: Item) -> str:
        return item.pd or self.plan.document.pd or ""

    def tree(self) -> list[_Node]:
        """The item tree, with heading nodes above its roots built from their codes."""
        part = [item for item in self.plan.items if item.level.is_program_part]
        nodes = {
            item.key: _Node(_LEVELS[item.level], item.code or "", item.text, position, item, self._pd(item))
            for position, item in enumerate(part)
        }
        top: list[_Node] = []
        headings: dict[tuple[str, str], _Node] = {}
        for item in part:
            node = nodes[item.key]
            parent = nodes.get(item.parent or "")
            if parent is not None:
                parent.children.append(node)
                continue
            siblings = top
            for level, kode, uraian in self._ancestors(item, node.level):
                scope = node.pd if level in (CodeLevel.PROGRAM, CodeLevel.KEGIATAN) else ""
                heading = headings.get((scope, kode))
                if heading is None:
                    heading = headings[(scope, kode)] = _Node(level, kode, uraian, node.position, pd=scope)
                    siblings.append(heading)
                siblings = heading.children
            siblings.append(node)
        return top

    def _ancestors(self, item: Item, level: CodeLevel) -> list[tuple[CodeLevel, str, str]]:
        code = _code(item)
        if code is None:
            return [(CodeLevel.URUSAN, "", NO_CODE)]
        above = _ORDER[: min(_ORDER.index(level), _ORDER.index(code.level) + 1)]
        prefixes = [code.prefix(ancestor).text for ancestor in above]
        return [(ancestor, kode, self._name(kode)) for ancestor, kode in zip(above, prefixes, strict=True)]

    def _name(self, kode: str) -> str:
        return self.around.code_names.get(kode) or _PENUNJANG.get(kode, "")

    def add_up(self, node: _Node) -> None:
        """Pagu of a row: the sum over its children when any is funded, else the item's own pagu."""
        for child in node.children:
            self.add_up(child)
        node.children.sort(key=_sort_key)
        funded = [child.pagu for child in node.children if child.pagu is not None]
        forward = [child.pagu_maju for child in node.children if child.pagu_maju is not None]
        own = self._forward(node.item)[1] if node.item else None
        node.pagu = sum(funded, Decimal(0)) if funded else (node.item.pagu(self.year) if node.item else None)
        node.pagu_maju = sum(forward, Decimal(0)) if forward else own

    def _forward(self, item: Item | None) -> tuple[tuple[str, ...], Decimal | None]:
        """Targets and pagu of year n+1: the document's own when it plans that year, else the Renstra's."""
        if item is None:
            return (), None
        after = self.year + 1
        if any(indicator.target(after) is not None for indicator in item.indicators) or item.pagu(after) is not None:
            return tuple(_target(i.target(after), i.satuan) for i in item.indicators), item.pagu(after)
        key = (self._pd(item), item.code or "")
        other = self.around.forward.get(key) if key in self.unique else None
        if other is None:
            return (), None
        self.forward_used = True
        return _forward_targets(item.indicators, other.indicators, after), other.pagu(after)

    def rows(self, nodes: Iterable[_Node]) -> Iterable[Row]:
        for node in nodes:
            yield self._row(node)
            yield from self.rows(node.children)

    def _row(self, node: _Node) -> Row:
        item, kind = node.item, table_kind(self.plan.document.kind)
        pd = self.around.pd_names.get(node.pd, node.pd) if kind is TableKind.RKPD else ""
        if item is None:
            return Row(node.level, node.kode, node.uraian, pagu=node.pagu, pagu_maju=node.pagu_maju, pd=pd)
        funds = dict.fromkeys(b.sumber_dana for b in item.budgets if b.year == self.year and b.sumber_dana)
        return Row(
            node.level,
            node.kode,
            item.text,
            indikator=tuple(indicator.name for indicator in item.indicators),
            lokasi=item.lokasi,
            target=tuple(_target(i.target(self.year), i.satuan) for i in item.indicators),
            pagu=node.pagu,
            sumber_dana=", ".join(funds),
            prioritas=self.around.prioritas.get(item.key, ()),
            pd=pd,
            catatan=f"Sub unit: {item.unit}" if item.unit else "",
            target_maju=self._forward(item)[0],
            pagu_maju=node.pagu_maju,
        )


def _heading(kind: TableKind, plan: Plan, year: int, around: Surroundings) -> tuple[str, ...]:
    pemda = f"PEMERINTAH {_official_name(around.pemda_name, around.pemda_level)}"
    if kind is TableKind.RENJA:
        pd = around.pd_names.get(plan.document.pd or "", plan.document.pd or "")
        title = f"RUMUSAN RENCANA PROGRAM DAN KEGIATAN PERANGKAT DAERAH TAHUN {year}"
        return (pemda, pd.upper(), f"{title} DAN PRAKIRAAN MAJU TAHUN {year + 1}")
    return (
        pemda,
        f"RENCANA KERJA PEMERINTAH DAERAH TAHUN {year}",
        f"RENCANA PROGRAM, KEGIATAN DAN PENDANAAN TAHUN {year} DAN PRAKIRAAN MAJU TAHUN {year + 1}",
    )


def _signer(kind: TableKind, plan: Plan, around: Surroundings) -> str:
    """The head of the PD signs its Renja; the head of the planning agency signs the RKPD table."""
    if kind is TableKind.RENJA:
        agency = around.pd_names.get(plan.document.pd or "", plan.document.pd or "")
    else:
        agency = around.planning_agency or "Badan Perencanaan Pembangunan Daerah"
    return f"KEPALA {agency.upper()}"


def build_official_table(plan: Plan, around: Surroundings) -> OfficialTable:
    """Lay ``plan`` (a Renja or an RKPD) out as its official table; ``ValueError`` for any other kind."""
    kind = table_kind(plan.document.kind)
    if kind is None:
        raise ValueError(f"{plan.document.kind.value} tidak memiliki tabel resmi Permendagri 86/2017 di sini")
    year = plan.document.period.start
    builder = _Builder(plan, year, around)
    top = builder.tree()
    for node in top:
        builder.add_up(node)
    top.sort(key=_sort_key)
    rows = tuple(builder.rows(top))
    pagu = [node.pagu for node in top if node.pagu is not None]
    forward = [node.pagu_maju for node in top if node.pagu_maju is not None]
    total = Row(
        CodeLevel.URUSAN,
        "",
        "JUMLAH",
        pagu=sum(pagu, Decimal(0)) if pagu else None,
        pagu_maju=sum(forward, Decimal(0)) if forward else None,
    )
    notes = [
        "Pagu baris urusan, bidang urusan, program dan kegiatan adalah jumlah pagu baris di bawahnya.",
    ]
    if builder.forward_used and around.forward_sources:
        sources = around.forward_sources
        named = ", ".join(sources) if len(sources) <= NAMED_SOURCES else f"Renstra {len(sources)} perangkat daerah"
        notes.append(f"Prakiraan maju tahun {year + 1} yang tidak dimuat dokumen ini diambil dari {named}.")
    if not any(row.pagu_maju is not None or row.target_maju for row in rows):
        notes.append(f"Prakiraan maju tahun {year + 1} tidak dimuat dokumen ini maupun Renstra perangkat daerahnya.")
    notes.append(f"Sumber: dokumen {plan.document.key} (Selaras).")
    return OfficialTable(
        kind=kind,
        year=year,
        label=RENJA_LABEL if kind is TableKind.RENJA else "",
        heading=_heading(kind, plan, year, around),
        columns=_columns(kind, year),
        rows=rows,
        total=total,
        notes=tuple(notes),
        signature=Signature(around.place, around.date, _signer(kind, plan, around)),
        source=plan.document.key,
    )
