"""A seeded fuzzer for the import: broken copies of real-looking files, and what must hold for each of them.

Seeds are the Selaras sample workbooks (as .xlsx and as a CSV folder), the SIPD-style sheets of
``sipd_builders`` and small slices of the real Kab. Buru exports; two of them keep their texts in a shared-strings
table as Excel and SIPD do (openpyxl writes them inline), so that bad shared-string indexes are fuzzed too.
Each fuzzed file is a seed with one to three mutations, chosen by a :class:`random.Random` so that a run is
reproducible from its seed number:

- byte level: flipped bytes, a truncated file, and edits inside the xlsx zip (broken XML, a dimension that
  declares too few rows, ``inf``/``nan``/huge numbers in ``<v>``, shared-string indexes out of range, cell types
  changed, row numbers that are no numbers, one value billions of cells away, a part removed);
- cell level: cells replaced by long text, huge or non-finite numbers, dates, formulas-as-text; rows
  duplicated or removed; sheets removed or renamed; title rows added; CSV line endings and delimiters changed.

:func:`check_import` imports one file and returns what went wrong *as a bug* (never a data error): an exception
other than ``ImportFailed``, a cell problem without its row or column, a workbook refused with the reader's
file-level words instead of the broken sheet and cell, or a database changed by a refused import.
"""

from __future__ import annotations

import csv
import io
import random
import re
import shutil
import traceback
import zipfile
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from python_calamine import CalamineWorkbook
from sipd_builders import build_ppu_renja, build_situbondo_renstra
from sqlalchemy import select
from workbook_samples import budget_plan, rich_plan

from selaras.domain import DocumentKind, Period
from selaras.errors import ImportFailed
from selaras.ingest.problems import ImportProblem, Severity
from selaras.ingest.service import ImportRequest, import_file
from selaras.reference.nomenclature import Nomenclature
from selaras.store import Database
from selaras.store.tables import Base
from selaras.workbook.writer import write_csv_dir, write_plan

__all__ = [
    "CELL_CODES",
    "Fuzzer",
    "Seed",
    "build_seeds",
    "check_import",
    "database_state",
    "with_shared_strings",
]

BURU = Path(__file__).parent.parent / "data" / "sipd-kab-buru-2024"

# Problems about one cell: each must say on which row and in which column.
CELL_CODES = frozenset(
    {
        "line-count",
        "empty-marker",
        "not-a-number",
        "negative",
        "malformed-code",
        "code-wrong-level",
        "code-orphan",
        "duplicate",
        "unknown-code",
        "invalid-choice",
        "unknown-reference",
        "document-mismatch",
        "invalid-period",
        "invalid-datetime",
        "not-an-integer",
        "too-long",
        "too-large",
        "duplicate-link",
        "xml-broken",
        "xml-unclosed",
        "shared-string-missing",
        "cell-number-invalid",
        "cell-boolean-invalid",
        "cell-error-invalid",
        "cell-type-invalid",
        "cell-reference-invalid",
        "sheet-too-large",
    }
)

Grid = list[list[object]]
Verdict = tuple[str, str | None]  # (outcome, what went wrong as a bug or None)


@dataclass(frozen=True)
class Seed:
    """A file that imports, and the request that imports it."""

    name: str
    path: Path
    request: dict[str, object]


def _slice(source: Path, target: Path, *, rows: int, sheets: int) -> Path:
    """The first ``rows`` rows of the first ``sheets`` sheets of a real export, as a small workbook."""
    book = CalamineWorkbook.from_path(str(source))
    out = Workbook()
    out.remove(out.active)  # type: ignore[arg-type]
    for name in book.sheet_names[:sheets]:
        sheet = out.create_sheet(name)
        for values in book.get_sheet_by_name(name).to_python(skip_empty_area=False)[:rows]:
            sheet.append([None if value == "" else value for value in values])
    book.close()
    out.save(target)
    return target


def build_seeds(directory: Path) -> list[Seed]:
    """Every seed file, written into ``directory``."""
    directory.mkdir(parents=True, exist_ok=True)
    renstra = {"pemda": "62.71", "kind": DocumentKind.RENSTRA, "period": Period(2025, 2029)}
    apbd = {"pemda": "62.71", "kind": DocumentKind.APBD, "period": Period(2026, 2026)}
    situbondo = {"pemda": "35.12", "kind": DocumentKind.RENSTRA, "period": Period(2026, 2030), "pd": "BAPPERIDA"}
    ppu = {"pemda": "64.09", "kind": DocumentKind.RENJA, "period": Period(2024, 2024), "pd": "Bappelitbang"}
    buru = {"pemda": "81.04", "period": Period(2024, 2024)}
    seeds = [
        Seed("rich.xlsx", write_plan(directory / "rich.xlsx", rich_plan()), renstra),
        Seed("budget.xlsx", write_plan(directory / "budget.xlsx", budget_plan()), apbd),
        Seed(
            "rich-sst.xlsx",
            with_shared_strings(write_plan(directory / "rich-inline.xlsx", rich_plan()), directory / "rich-sst.xlsx"),
            renstra,
        ),
        Seed("rich-csv", write_csv_dir(directory / "rich-csv", rich_plan()), renstra),
        Seed("situbondo.xlsx", build_situbondo_renstra(directory / "situbondo.xlsx"), situbondo),
        Seed("ppu.xlsx", build_ppu_renja(directory / "ppu.xlsx"), ppu),
        Seed("ppu.csv", build_ppu_renja(directory / "ppu.csv"), ppu),
        Seed(
            "rekap.xlsx",
            _slice(BURU / "rekap_2024.xlsx", directory / "rekap.xlsx", rows=60, sheets=1),
            {**buru, "kind": DocumentKind.APBD},
        ),
        Seed(
            "rekap-sst.xlsx",
            with_shared_strings(directory / "rekap.xlsx", directory / "rekap-sst.xlsx"),
            {**buru, "kind": DocumentKind.APBD},
        ),
        Seed(
            "tabel-iv3.xlsx",
            _slice(BURU / "tabel_iv3_kua_ppas_2024.xlsx", directory / "tabel-iv3.xlsx", rows=40, sheets=2),
            {**buru, "kind": DocumentKind.KUA_PPAS},
        ),
        Seed(
            "daftar.xlsx",
            _slice(BURU / "kua_ppas_sub_kegiatan_2024.xlsx", directory / "daftar.xlsx", rows=60, sheets=1),
            {**buru, "kind": DocumentKind.KUA_PPAS, "version": "daftar"},
        ),
    ]
    for seed in seeds:
        if seed.path.suffix == ".xlsx":
            _frozen(seed.path)
    return seeds


_TIMESTAMP = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*")


def _frozen(path: Path) -> None:
    """``path`` with a fixed time in its zip entries and document properties, so that the same fuzz seed flips the
    same bytes of the same file in every run (openpyxl and zipfile write the time of writing)."""
    with zipfile.ZipFile(path) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            frozen = _TIMESTAMP.sub(rb"\g<1>2024-01-01T00:00:00Z", content) if name == "docProps/core.xml" else content
            archive.writestr(zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0)), frozen, zipfile.ZIP_DEFLATED)


_INLINE = re.compile(r'<c ([^>]*?)t="inlineStr"([^>]*)><is><t(?: [^>]*)?>(.*?)</t></is></c>', re.S)
_SST_RELATION = (
    '<Relationship Id="rIdSst" Target="sharedStrings.xml" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" />'
)
_SST_TYPE = (
    '<Override PartName="/xl/sharedStrings.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml" />'
)


def with_shared_strings(source: Path, target: Path) -> Path:
    """``source`` (written by openpyxl, whose text cells are inline) with its texts in a shared-strings table, as
    Excel and SIPD write them: the bad-index mutations need ``t="s"`` cells to break."""
    with zipfile.ZipFile(source) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    strings: list[str] = []

    def shared(match: re.Match[str]) -> str:
        strings.append(match.group(3))
        return f'<c {match.group(1)}t="s"{match.group(2)}><v>{len(strings) - 1}</v></c>'

    for name in sorted(parts):
        if name.startswith("xl/worksheets/sheet"):
            parts[name] = _INLINE.sub(shared, parts[name].decode("utf-8")).encode("utf-8")
    items = "".join(f'<si><t xml:space="preserve">{text}</t></si>' for text in strings)
    parts["xl/sharedStrings.xml"] = (
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        f'count="{len(strings)}" uniqueCount="{len(strings)}">{items}</sst>'
    ).encode()
    rels = "xl/_rels/workbook.xml.rels"
    parts[rels] = parts[rels].replace(b"</Relationships>", _SST_RELATION.encode() + b"</Relationships>")
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(b"</Types>", _SST_TYPE.encode() + b"</Types>")
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return target


# --- values a clumsy planner or a broken tool puts into cells ----------------------------------------------------

_VALUES: tuple[object, ...] = (
    None,
    "",
    " ",
    "x" * 41,
    "y" * 121,
    "z" * 301,
    "Nama yang sangat panjang " * 20,
    "9" * 25,
    10**20,
    1e20,
    1e19,
    99999999999999999999.5,
    -1,
    "-5",
    "inf",
    "nan",
    float("inf"),
    float("nan"),
    "1.000,5",
    "12,5%",
    "abc",
    "=SUM(A1:A3)",
    "#N/A",
    datetime(2026, 1, 1, 10, 0),
    True,
    "\n\n",
    "baris satu\nbaris dua\nbaris tiga",
    "1.01.02.2.01",
    "1.01.02.2.01.0001",
    "5.01.01",
    "0",
    "Rp 1.000.000",
    "2026",
    "1e400",
    "٣٤",
    "program",
    "sub kegiatan",
    "T1",
    "62.71",
    "2025-2029",
    "00/RPJMN/-/2025-2029/final",
)
_XML_NUMBERS = ("inf", "nan", "-inf", "1e400", "1e20", "99999999999999999999999", "abc", "", "-0", "1E-400", "NaN")
_XML_INDEXES = ("999999", "-1", "abc", "", "1e3", "4294967296")
_ROW_NUMBERS = ("0", "-1", "x", "2.5", "", "1048577")
_FAR_CELLS = ("B99999999999", "XFD1048576", "ZZZZ7")  # calamine would lay out billions of cells for the first two


def _value(rng: random.Random) -> object:
    return rng.choice(_VALUES)


# --- byte level --------------------------------------------------------------------------------------------------


def _flip_bytes(rng: random.Random, data: bytes) -> bytes:
    buffer = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        buffer[rng.randrange(len(buffer))] = rng.randrange(256)
    return bytes(buffer)


def _truncate(rng: random.Random, data: bytes) -> bytes:
    return data[: rng.randrange(max(1, len(data)))]


def _xml_edit(rng: random.Random, text: str) -> str:
    """One edit of a worksheet or shared-strings part."""
    choice = rng.randrange(10)
    if choice == 0:  # a dimension that declares far fewer rows than the sheet holds
        return re.sub(r'<dimension ref="[^"]*"', '<dimension ref="A1:I5"', text, count=1)
    if choice == 1:
        return _replace_some(rng, text, r"(<c [^>]*?>(?:<f>[^<]*</f>)?<v>)([^<]*)(</v>)", _XML_NUMBERS)
    if choice == 2:
        return _replace_some(rng, text, r'(<c [^>]*t="s"[^>]*><v>)([^<]*)(</v>)', _XML_INDEXES)
    if choice == 3:  # a cell type that does not fit its value
        return re.sub(
            r' t="(s|n|str|inlineStr)"', lambda _: f' t="{rng.choice(["s", "n", "b", "e", "d", "str"])}"', text, count=3
        )
    if choice == 4:  # a chunk cut out: invalid XML
        start = rng.randrange(max(1, len(text)))
        return text[:start] + text[start + rng.randint(1, 200) :]
    if choice == 5:  # a stray character in a tag
        start = rng.randrange(max(1, len(text)))
        return text[:start] + rng.choice("<>&\"'\x00") + text[start:]
    if choice == 6:  # a row repeated (duplicate row numbers)
        rows = re.findall(r"<row [^>]*>.*?</row>", text, flags=re.S)
        return text.replace(rows[-1], rows[-1] * 2, 1) if rows else text
    if choice == 7:  # cell references out of order or out of range
        return re.sub(
            r' r="([A-Z]+)(\d+)"', lambda m: f' r="{rng.choice(["XFE", "A", m.group(1)])}{m.group(2)}0"', text, count=2
        )
    if choice == 8:  # a row number that is no number, or one value far away from the others
        if rng.random() < 0.5:
            return re.sub(r'<row r="\d+"', lambda _: f'<row r="{rng.choice(_ROW_NUMBERS)}"', text, count=1)
        return re.sub(r'<c r="[A-Z]+\d+"(?=[^>]*><v>)', f'<c r="{rng.choice(_FAR_CELLS)}"', text, count=1)
    return text.encode("utf-8")[: rng.randrange(max(1, len(text)))].decode("utf-8", errors="ignore")


def _replace_some(rng: random.Random, text: str, pattern: str, values: Sequence[str]) -> str:
    matches = list(re.finditer(pattern, text))
    if not matches:
        return text
    chosen = {id(match) for match in rng.sample(matches, min(len(matches), rng.randint(1, 3)))}
    pieces, last = [], 0
    for match in matches:
        if id(match) in chosen:
            pieces += [text[last : match.start(2)], rng.choice(values)]
            last = match.end(2)
    return "".join(pieces) + text[last:]


def _zip_member(rng: random.Random, data: bytes) -> bytes:
    """Edit (or drop) one part of an xlsx zip."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    names = [name for name in parts if name.endswith((".xml", ".rels"))]
    sheets = [name for name in names if "worksheets/" in name or "sharedStrings" in name]
    name = rng.choice(sheets if sheets and rng.random() < 0.8 else names)
    if rng.random() < 0.08:
        del parts[name]
    else:
        parts[name] = _xml_edit(rng, parts[name].decode("utf-8", errors="replace")).encode("utf-8")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for part, content in parts.items():
            target.writestr(part, content)
    return out.getvalue()


# --- cell level --------------------------------------------------------------------------------------------------


def _read_grids(path: Path) -> dict[str, Grid]:
    book = CalamineWorkbook.from_path(str(path))
    try:
        return {
            name: [
                [None if value == "" else value for value in row] for row in book.get_sheet_by_name(name).to_python()
            ]
            for name in book.sheet_names
        }
    finally:
        book.close()


def _write_grids(path: Path, grids: dict[str, Grid]) -> None:
    book = Workbook(write_only=True)
    for name, grid in grids.items():
        sheet = book.create_sheet(name)
        for row in grid:
            sheet.append([ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value for value in row])
    book.save(path)


def _edit_grid(rng: random.Random, grids: dict[str, Grid]) -> None:
    """One cell-level edit of a workbook or CSV table."""
    name = rng.choice(list(grids))
    grid = grids[name]
    choice = rng.randrange(10)
    if not grid:
        grid.append([_value(rng)])
    elif choice <= 4:  # cells
        for _ in range(rng.randint(1, 4)):
            row = rng.choice(grid)
            if row:
                row[rng.randrange(len(row))] = _value(rng)
            else:
                row.append(_value(rng))
    elif choice == 5 and len(grid) > 1:  # a data row twice
        index = rng.randrange(1, len(grid))
        grid.insert(index, list(grid[index]))
    elif choice == 6 and len(grid) > 1:
        del grid[rng.randrange(len(grid))]
    elif choice == 7 and len(grids) > 1:
        del grids[name]
    elif choice == 8:
        grids[f"{name[:20]} {rng.randint(1, 9)}" if rng.random() < 0.5 else name.upper()] = grids.pop(name)
    else:  # a title row above the header
        grid.insert(0, ["Tabel Rencana Kerja Tahun 2024"])


def _csv_text(rng: random.Random, text: str) -> str:
    """One edit of a CSV text: line endings, delimiter, a title row, cells, or raw characters."""
    choice = rng.randrange(6)
    if choice == 0:
        return text.replace("\r\n", "\n").replace("\n", "\r")
    if choice == 1:
        rows = _csv_rows(text)
        out = io.StringIO()
        csv.writer(out, delimiter=rng.choice(",;\t")).writerows(rows)
        return out.getvalue()
    if choice == 2:
        delimiter = _delimiter(text)
        return f"Rencana Kerja Tahun 2024{delimiter * rng.randint(0, 3)}\r\n" + text
    if choice == 3:
        grids: dict[str, Grid] = {"csv": list(_csv_rows(text))}
        _edit_grid(rng, grids)
        out = io.StringIO()
        csv.writer(out, delimiter=_delimiter(text)).writerows(grids.get("csv", [[""]]))
        return out.getvalue()
    if choice == 4:
        start = rng.randrange(max(1, len(text)))
        return text[:start] + rng.choice(['"', "\x00", "\r", ";", "\ufeff", "é"]) + text[start:]
    return text[: rng.randrange(max(1, len(text)))]


def _csv_rows(text: str) -> list[list[object]]:
    try:
        return [list(row) for row in csv.reader(io.StringIO(text, newline=None), delimiter=_delimiter(text))]
    except csv.Error:
        return [[line] for line in text.splitlines()]


def _delimiter(text: str) -> str:
    head = text[:2000]
    return ";" if head.count(";") > head.count(",") else ","


# --- one fuzzed file ---------------------------------------------------------------------------------------------


def mutate(rng: random.Random, seed: Seed, target: Path) -> tuple[Path, list[str]]:
    """A broken copy of ``seed`` under ``target`` (a file or folder named like the seed) and what was done."""
    done: list[str] = []
    path = target / seed.path.name
    if seed.path.is_dir():
        shutil.copytree(seed.path, path)
        files = sorted(path.iterdir())
        victim = rng.choice(files)
        if rng.random() < 0.1:
            victim.unlink()
            done.append(f"removed {victim.name}")
            return path, done
        text = victim.read_bytes().decode("utf-8-sig")
        for _ in range(rng.randint(1, 3)):
            text = _csv_text(rng, text)
        victim.write_bytes(text.encode("utf-8", errors="replace"))
        done.append(f"csv edits in {victim.name}")
        return path, done
    if seed.path.suffix == ".csv":
        text = seed.path.read_bytes().decode("utf-8-sig")
        for _ in range(rng.randint(1, 3)):
            text = _csv_text(rng, text)
        data = text.encode(rng.choice(["utf-8", "cp1252"]), errors="replace")
        path.write_bytes(_flip_bytes(rng, data) if rng.random() < 0.15 else data)
        return path, ["csv edits"]
    if rng.random() < 0.5:
        grids = _read_grids(seed.path)
        for _ in range(rng.randint(1, 3)):
            _edit_grid(rng, grids)
        _write_grids(path, grids)
        done.append("cell edits")
        data = path.read_bytes()
    else:
        data = seed.path.read_bytes()
    kinds = rng.choices(["zip", "flip", "truncate"], weights=[8, 1, 1], k=rng.randint(0 if done else 1, 2))
    for kind in sorted(kinds, key=lambda kind: kind != "zip"):  # the zip is edited while it is still whole
        data = {"zip": _zip_member, "flip": _flip_bytes, "truncate": _truncate}[kind](rng, data)
        done.append(kind)
    path.write_bytes(data)
    return path, done


def database_state(database: Database) -> list[tuple[str, list[str]]]:
    """Every row of every table, as text: equal before and after a refused import."""
    with database.session() as session:
        return [
            (table.name, sorted(repr(tuple(row)) for row in session.execute(select(table)).all()))
            for table in Base.metadata.sorted_tables
        ]


def unlocated(problems: list[ImportProblem]) -> list[ImportProblem]:
    """Cell problems that do not say where the cell is."""
    return [
        problem for problem in problems if problem.code in CELL_CODES and (problem.row is None or not problem.column)
    ]


def check_import(database: Database, seed: Seed, path: Path, nomenclature: Nomenclature) -> Verdict:
    """Import ``path`` as ``seed`` is imported: the outcome (``imported``, or ``refused`` and the first galat's
    code) and None when all is well, else what went wrong (a bug)."""
    before = database_state(database)
    request = ImportRequest(path=path, user="fuzz", create_pd=True, **seed.request)  # type: ignore[arg-type]
    try:
        import_file(database, request, nomenclature=nomenclature)
    except ImportFailed as failure:
        outcome = f"refused {next((p.code for p in failure.problems if p.severity == Severity.GALAT), '-')}"
        if not failure.problems:
            return outcome, "ImportFailed without problems"
        for problem in failure.problems:
            problem.message()
            problem.message("en")
        if missing := unlocated(failure.problems):
            return outcome, f"cell problems without row/column: {[problem.to_dict() for problem in missing[:3]]}"
        if path.suffix == ".xlsx" and (vague := [p for p in failure.problems if p.code == "file-unreadable"]):
            return outcome, f"workbook refusal not located: {vague[0].to_dict()}"
        if database_state(database) != before:
            return outcome, "database changed by a refused import"
        return outcome, None
    except Exception:
        return "crash", traceback.format_exc()
    return "imported", None


@dataclass
class Fuzzer:
    """Runs ``files`` fuzzed imports from ``seed``; ``failures`` holds (what was fuzzed, what went wrong) and
    ``outcomes`` how many files ended how (imported, refused per first problem code, crash)."""

    seeds: list[Seed]
    work: Path
    seed: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)
    outcomes: Counter[str] = field(default_factory=Counter)
    files: int = 0

    def run(
        self,
        files: int,
        check: Callable[[Seed, Path], Verdict],
        report: Callable[[str], None] | None = None,
    ) -> None:
        """Fuzz ``files`` files; ``report`` (when given) receives a progress line every 500 files."""
        rng = random.Random(self.seed)
        for number in range(files):
            seed = self.seeds[number % len(self.seeds)]
            target = self.work / f"f{number}"
            target.mkdir(parents=True)
            try:
                path, done = mutate(rng, seed, target)
                outcome, failure = check(seed, path)
                self.outcomes[outcome] += 1
            finally:
                self.files += 1
            if failure is not None:
                self.failures.append((f"#{number} {seed.name} {', '.join(done)}", failure))
            else:
                shutil.rmtree(target)
            if report is not None and self.files % 500 == 0:
                report(f"{self.files} files, {len(self.failures)} failures: {self.summary()}")

    def summary(self) -> str:
        """Outcomes by kind, most frequent first: ``imported 512, refused xml-broken 40, …``."""
        return ", ".join(f"{outcome} {count}" for outcome, count in self.outcomes.most_common())


def crash_causes(failures: list[tuple[str, str]]) -> dict[str, int]:
    """Failures grouped by their last line (the exception) and the deepest Selaras frame."""
    causes: dict[str, int] = {}
    for _, failure in failures:
        lines = failure.strip().splitlines()
        frames = [line.strip() for line in lines if line.strip().startswith('File "') and "/selaras/" in line]
        errors = [line for line in lines if re.match(r"^[\w.]+(Error|Exception|Failed)\b", line)] or lines
        cause = f"{errors[-1][:160]} @ {frames[-1] if frames else '-'}"
        causes[cause] = causes.get(cause, 0) + 1
    return dict(sorted(causes.items(), key=lambda pair: -pair[1]))
