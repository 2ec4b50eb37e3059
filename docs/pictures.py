"""Draw the pictures of docs/import.md: the first rows of each layout Selaras imports, as a spreadsheet shows them.

Run from the repository root: ``.venv/bin/python docs/pictures.py``. Each picture is drawn from a real file
(the Kabupaten Buru SIPD exports under ``tests/data/sipd-kab-buru-2024/``) or from a file built the way the tests
build it (``tests/ingest/sipd_builders.py``: the Situbondo Renstra and the PPU Renja from their real CSVs; the
Selaras workbook is Selaras's own export of the Buru Tabel IV.3 and Rekap). The rows are written to HTML that
looks like Excel (column letters, row numbers, gridlines, shaded header, long cells cut with an ellipsis, one
line per line of a multi-line cell) and photographed with headless Chromium into ``docs/img/import-*.png``.
"""

from __future__ import annotations

import html
import importlib.util
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from types import ModuleType

from openpyxl import load_workbook
from openpyxl.utils import column_index_from_string, get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from PIL import Image, ImageChops

from selaras.domain import Document, DocumentKind, Period
from selaras.ingest.flat import read_flat
from selaras.ingest.sipd import read_sipd
from selaras.reference.nomenclature_versions import nomenclature_in_force
from selaras.workbook.writer import write_plan

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
BURU = DATA / "sipd-kab-buru-2024"
OUT = ROOT / "docs" / "img"
LINE = 16  # px per text line
PAD = 4  # px of vertical padding per row
ROW_HEADER = 34  # px, the row number column
TABS = 26  # px, the sheet tab bar


@dataclass(frozen=True, slots=True)
class Picture:
    """What to draw: rows ``first``..``last`` of one sheet, the given columns (letter → width in px)."""

    name: str
    path: Path
    sheet: str | int
    first: int
    last: int
    columns: dict[str, int]
    header_rows: tuple[int, ...] = (1,)
    max_lines: int = 4
    tabs: int = 0  # how many sheet tabs to show at the bottom (0: none)
    hidden: tuple[str, ...] = field(default_factory=tuple)  # letters hidden before a shown column


def _builders() -> ModuleType:
    """``tests/ingest/sipd_builders.py``: the same builders the tests use, so pictures match the tests."""
    spec = importlib.util.spec_from_file_location("sipd_builders", ROOT / "tests" / "ingest" / "sipd_builders.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _number(value: float | int | Decimal, number_format: str) -> str:
    """A number the way Indonesian Excel shows it under the cell's format."""
    decimals = 2 if "0.00" in number_format else 0
    grouped = "#,##" in number_format
    if not grouped and decimals == 0:
        return str(value) if not isinstance(value, float) or not value.is_integer() else str(int(value))
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "_").replace(".", ",").replace("_", ".")


def _text(cell_value: object, number_format: str) -> tuple[list[str], bool]:
    """The lines a cell shows and whether it is a number (numbers are right-aligned)."""
    if cell_value is None:
        return [], False
    if isinstance(cell_value, bool):
        return [str(cell_value).upper()], False
    if isinstance(cell_value, int | float | Decimal):
        return [_number(cell_value, number_format)], True
    if isinstance(cell_value, datetime | date):
        return [cell_value.isoformat()], True
    return str(cell_value).splitlines() or [""], False


def _merges(sheet: Worksheet, picture: Picture) -> tuple[dict[tuple[int, int], tuple[int, int]], set[tuple[int, int]]]:
    """Merged ranges inside the picture: top-left cell → (rowspan, colspan), and the cells they cover."""
    shown = [column_index_from_string(letter) for letter in picture.columns]
    spans: dict[tuple[int, int], tuple[int, int]] = {}
    covered: set[tuple[int, int]] = set()
    for merged in sheet.merged_cells.ranges:
        if merged.min_row > picture.last or merged.max_row < picture.first:
            continue
        columns = [index for index in shown if merged.min_col <= index <= merged.max_col]
        if not columns:
            continue
        last_row = min(merged.max_row, picture.last)
        spans[(merged.min_row, columns[0])] = (last_row - merged.min_row + 1, len(columns))
        for row in range(merged.min_row, last_row + 1):
            for column in columns:
                if (row, column) != (merged.min_row, columns[0]):
                    covered.add((row, column))
    return spans, covered


def _spill(sheet: Worksheet, row: int, following: Sequence[str], covered: set[tuple[int, int]]) -> int:
    """How many columns a text cell spans as Excel shows it: text runs on over empty cells to its right."""
    span = 1
    for letter in following:
        column = column_index_from_string(letter)
        if (row, column) in covered or sheet.cell(row=row, column=column).value is not None:
            break
        span += 1
    return span


def render_html(picture: Picture) -> tuple[str, int, int]:
    """The picture as an HTML page, with the page's width and (upper bound of) height in px."""
    book = load_workbook(picture.path)
    sheet = book.worksheets[picture.sheet] if isinstance(picture.sheet, int) else book[picture.sheet]
    spans, covered = _merges(sheet, picture)
    letters = list(picture.columns)
    cols = "".join(f'<col style="width:{width}px">' for width in [ROW_HEADER, *picture.columns.values()])
    head = "".join(
        f'<th class="letter{" gap" if letter in picture.hidden else ""}">{letter}</th>' for letter in letters
    )
    body: list[str] = []
    height = LINE + PAD + 2
    for row in range(picture.first, picture.last + 1):
        cells: list[str] = []
        lines_in_row = 1
        for position, letter in enumerate(letters):
            column = column_index_from_string(letter)
            if (row, column) in covered:
                continue
            cell = sheet.cell(row=row, column=column)
            lines, numeric = _text(cell.value, cell.number_format)
            if len(lines) > picture.max_lines:
                lines = [*lines[: picture.max_lines - 1], "…"]
            lines_in_row = max(lines_in_row, len(lines))
            rowspan, colspan = spans.get((row, column), (1, 1))
            if (row, column) not in spans and len(lines) == 1 and not numeric and row not in picture.header_rows:
                colspan = _spill(sheet, row, letters[letters.index(letter) + 1 :], covered)
                covered.update(
                    (row, column_index_from_string(other)) for other in letters[position + 1 : position + colspan]
                )
            classes = ["num" if numeric else "txt"]
            if row in picture.header_rows:
                classes.append("head")
            if cell.font is not None and cell.font.b:
                classes.append("bold")
            if letter in picture.hidden:
                classes.append("gap")
            if cell.alignment.horizontal in {"center", "centerContinuous"} or row in picture.header_rows:
                classes.append("center")
            inner = "".join(f"<div>{html.escape(line) or '&nbsp;'}</div>" for line in lines)
            span = (f' rowspan="{rowspan}"' if rowspan > 1 else "") + (f' colspan="{colspan}"' if colspan > 1 else "")
            cells.append(f'<td class="{" ".join(classes)}"{span}>{inner}</td>')
        row_height = lines_in_row * LINE + PAD
        height += row_height + 1
        body.append(f'<tr style="height:{row_height}px"><th class="number">{row}</th>{"".join(cells)}</tr>')
    tabs = ""
    if picture.tabs:
        names = book.sheetnames
        active = names.index(sheet.title)
        shown = names[: picture.tabs]
        if active not in range(picture.tabs):
            shown = [*shown[:-1], sheet.title]
        tabs = "".join(
            f'<span class="tab{" active" if name == sheet.title else ""}">{html.escape(name)}</span>' for name in shown
        )
        more = len(names) - len(shown)
        tabs = f'<div class="tabs">{tabs}{f"<span class=more>… +{more} lembar</span>" if more > 0 else ""}</div>'
        height += TABS
    width = ROW_HEADER + sum(picture.columns.values()) + len(letters) + 2
    page = f"""<!doctype html><html><head><meta charset="utf-8"><style>
body {{ margin: 0; background: #fff; font: 12px/{LINE}px "Liberation Sans", "DejaVu Sans", Arial, sans-serif; }}
table {{ border-collapse: collapse; table-layout: fixed; width: {width - 2}px; }}
td, th {{ border: 1px solid #d4d4d4; padding: {PAD // 2}px 3px; vertical-align: bottom; overflow: hidden; }}
td div {{ white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }}
th {{ background: #efefef; color: #555; font-weight: normal; text-align: center; }}
th.number {{ text-align: center; }}
td.num {{ text-align: right; }}
td.center {{ text-align: center; }}
td.head {{ background: #dce6f1; font-weight: bold; vertical-align: middle; }}
td.bold {{ font-weight: bold; }}
.gap {{ border-left: 3px double #8a8a8a; }}
.tabs {{ height: {TABS - 2}px; background: #efefef; border-top: 1px solid #bbb; white-space: nowrap;
  overflow: hidden; width: {width}px; }}
.tab {{ display: inline-block; padding: 4px 10px; border-right: 1px solid #ccc; color: #444; max-width: 180px;
  overflow: hidden; text-overflow: ellipsis; vertical-align: top; }}
.tab.active {{ background: #fff; color: #1e6e3c; font-weight: bold; border-bottom: 2px solid #1e6e3c; }}
.more {{ display: inline-block; padding: 4px 10px; color: #777; }}
</style></head><body><table><colgroup>{cols}</colgroup>
<tr style="height:{LINE + PAD}px"><th></th>{head}</tr>
{"".join(body)}</table>{tabs}</body></html>"""
    return page, width, height + 40


def screenshot(page: str, width: int, height: int, target: Path, work: Path) -> None:
    """Photograph ``page`` with headless Chromium, crop the white margin, and save a small palette PNG."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        sys.exit("chromium is needed: apt-get install -y chromium")
    source = work / f"{target.stem}.html"
    source.write_text(page, encoding="utf-8")
    raw = work / f"{target.stem}.raw.png"
    subprocess.run(
        [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            "--force-device-scale-factor=1",
            f"--window-size={width + 20},{height}",
            f"--screenshot={raw}",
            source.as_uri(),
        ],
        check=True,
        capture_output=True,
    )
    with Image.open(raw) as shot:
        image = shot.convert("RGB")
    background = Image.new("RGB", image.size, (255, 255, 255))
    box = ImageChops.difference(image, background).getbbox()
    if box is not None:
        image = image.crop((0, 0, min(box[2] + 1, image.width), min(box[3] + 1, image.height)))
    image.quantize(colors=64, method=Image.Quantize.MEDIANCUT).save(target, optimize=True)


def selaras_workbooks(work: Path) -> tuple[Path, Path]:
    """Selaras's own export of Dinas Pendidikan dan Kebudayaan: from the Tabel IV.3 (items, indicators) and
    from the Rekap (budget lines per sumber dana and rekening)."""
    pd = "1.01.2.22.0.00.01.0000"
    year = Period(2024, 2024)
    nomenclature = nomenclature_in_force(2024)
    exports: list[Path] = []
    for kind, path, reader in (
        (DocumentKind.KUA_PPAS, BURU / "tabel_iv3_kua_ppas_2024.xlsx", read_sipd),
        (DocumentKind.APBD, BURU / "rekap_2024.xlsx", read_flat),
    ):
        document = Document(kind, "81.04", year, pd=pd, version="murni")
        sections, _ = reader(path, document=document, nomenclature=nomenclature, jenis="kabupaten_kota")
        plan = next(section.plan for section in sections if section.skpd is not None and section.skpd.kode == pd)
        exports.append(write_plan(work / f"selaras-{kind.value.lower()}.xlsx", plan))
    return exports[0], exports[1]


def pictures(work: Path) -> list[Picture]:
    builders = _builders()
    renstra = builders.build_situbondo_renstra(work / "renstra-bapperida-2025-2029.xlsx")
    renja = builders.build_ppu_renja(work / "renja-bappelitbang-2024.xlsx")
    kua_ppas, apbd = selaras_workbooks(work)
    wide = 118
    code = 150
    return [
        Picture(
            "import-rekap",
            BURU / "rekap_2024.xlsx",
            0,
            1,
            9,
            {
                "A": 30,
                "B": 46,
                "E": code,
                "F": 110,
                "G": code,
                "H": 110,
                "K": 60,
                "L": wide,
                "M": 86,
                "N": wide,
                "O": 122,
                "P": wide,
                "Q": 122,
                "R": wide,
                "S": 122,
                "T": wide,
                "U": 82,
            },
            hidden=("E", "K"),
        ),
        Picture(
            "import-tabel-iv3",
            BURU / "tabel_iv3_kua_ppas_2024.xlsx",
            0,
            1,
            14,
            {"A": 210, "B": 330, "C": 380, "D": 110, "E": 130},
            header_rows=(5,),
            tabs=4,
        ),
        Picture(
            "import-daftar-sub-kegiatan",
            BURU / "kua_ppas_sub_kegiatan_2024.xlsx",
            0,
            1,
            9,
            {"A": 120, "B": 300, "C": 44, "D": 150, "E": 190, "F": 110, "G": 190, "H": 120, "I": 80},
        ),
        Picture(
            "import-renstra",
            renstra,
            "T-C.27",
            1,
            16,
            {
                "A": 110,
                "B": 230,
                "C": 230,
                "D": 62,
                "E": 52,
                **{get_column_letter(index): 44 for index in range(6, 11)},
                **{get_column_letter(index): 96 for index in range(11, 16)},
                "P": 110,
                "Q": 66,
            },
            header_rows=(6, 7, 8),
            tabs=2,
        ),
        Picture(
            "import-renja",
            renja,
            0,
            1,
            10,
            {"A": 110, "B": 250, "C": 290, "D": 170, "E": 70, "F": 110, "G": 170, "H": 150},
        ),
        Picture("import-selaras-dokumen", kua_ppas, "Dokumen", 1, 2, {c: 120 for c in "ABCDEFG"}, tabs=7),
        Picture(
            "import-selaras-item",
            kua_ppas,
            "Item",
            1,
            8,
            {"A": 130, "B": 110, "C": 90, "D": 130, "E": 330, "F": 150, "G": 60, "H": 56, "I": 80},
            tabs=7,
        ),
        Picture(
            "import-selaras-indikator",
            kua_ppas,
            "Indikator",
            1,
            8,
            {"A": 130, "B": 380, "C": 90, "D": 80, "E": 90, "F": 80, "G": 90},
            tabs=7,
        ),
        Picture(
            "import-selaras-rincian",
            apbd,
            "Rincian",
            1,
            8,
            {"A": 130, "B": 56, "C": 90, "D": 130, "E": 330, "F": 120},
            tabs=7,
        ),
    ]


def main(names: Sequence[str] = ()) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="selaras-pictures-") as temporary:
        work = Path(temporary)
        for picture in pictures(work):
            if names and picture.name not in names:
                continue
            page, width, height = render_html(picture)
            target = OUT / f"{picture.name}.png"
            screenshot(page, width, height, target, work)
            print(f"{target.relative_to(ROOT)}: {target.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main(sys.argv[1:])
