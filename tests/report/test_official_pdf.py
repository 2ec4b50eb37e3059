"""The official table as HTML and PDF: the lampiran's header, Indonesian amounts, landscape pages with the header
repeated and numbered, the signature block; the PDF read back with poppler."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from official_world import renja, surroundings

from selaras.domain import Item, ItemLevel
from selaras.report.official.pdf import render_official_html, write_official_pdf
from selaras.report.official.table import OfficialTable, Paper, build_official_table

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")


@pytest.fixture
def table() -> OfficialTable:
    return build_official_table(renja(), surroundings())


def test_html_header_groups_and_numbers_columns(table: OfficialTable) -> None:
    html = render_official_html(table)
    head = html[html.index("<thead>") : html.index("</thead>")]
    assert '<th rowspan="2" colspan="1">Kode</th>' in head
    assert '<th rowspan="1" colspan="4">Rencana Tahun 2026</th>' in head
    assert '<th rowspan="1" colspan="2">Prakiraan Maju Rencana Tahun 2027</th>' in head
    assert re.findall(r"<th>\((\d+)\)</th>", head) == [str(n) for n in range(1, 11)]
    assert "size: A4 landscape" in html
    assert "size: 330mm 215mm;" in render_official_html(table, paper=Paper.F4)


def test_html_writes_amounts_the_indonesian_way_and_escapes_text(table: OfficialTable) -> None:
    html = render_official_html(table)
    assert '<td class="pagu money">750.000.000</td>' in html  # the total
    assert '<td class="sumber_dana">DAU, PAD</td>' in html


def test_each_indicator_has_its_own_line_beside_its_target(table: OfficialTable) -> None:
    html = render_official_html(table)
    program = html[html.index('<td rowspan="2" class="kode">5.01.02</td>') :]
    first, second = program.split("</tr>")[:2]
    assert '<td class="indikator">Persentase keselarasan RPJMD dengan Renstra PD</td>' in first
    assert '<td rowspan="2" class="pagu money">450.000.000</td>' in first
    assert '<td class="target">97,5%</td>' in first
    assert second.strip().startswith('<tr class="program"><td class="indikator">Nilai evaluasi RKPD</td>')
    assert '<td class="target">80 Nilai</td><td class="target_maju"></td>' in second
    document = renja()
    document.items.append(Item("X", ItemLevel.PROGRAM, "Program <b>tebal</b> & lain"))
    assert "Program &lt;b&gt;tebal&lt;/b&gt; &amp; lain" in render_official_html(
        build_official_table(document, surroundings())
    )


@needs_poppler
@pytest.mark.parametrize(("paper", "millimetres"), [(Paper.A4, (297, 210)), (Paper.F4, (330, 215))])
def test_pdf_is_landscape_with_page_numbers_and_the_signature(
    table: OfficialTable, tmp_path: Path, paper: Paper, millimetres: tuple[int, int]
) -> None:
    pdf = tmp_path / "renja.pdf"
    write_official_pdf(table, pdf, paper=paper)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    found = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info)
    assert found is not None
    assert tuple(round(float(points) * 25.4 / 72) for points in found.groups()) == millimetres
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "RUMUSAN RENCANA PROGRAM DAN KEGIATAN PERANGKAT DAERAH TAHUN 2026" in text
    assert "Halaman 1 dari" in text
    assert "Palangka Raya, 2 Januari 2026" in text
    assert "KEPALA BADAN PERENCANAAN PEMBANGUNAN" in text  # the position wraps inside the signature block
    assert "NIP." in text
    assert "750.000.000" in text
