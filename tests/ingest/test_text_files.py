"""Text out of .txt, .docx and .pdf files, and clear errors for anything else."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest

from selaras.errors import SelarasError
from selaras.ingest.text_files import read_document_text

WORD = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def test_txt_in_utf8_and_windows_encoding(tmp_path: Path) -> None:
    utf8 = tmp_path / "a.txt"
    utf8.write_text("Misi 1: Pendidikan bermutu — untuk semua", encoding="utf-8")
    assert read_document_text(utf8) == "Misi 1: Pendidikan bermutu — untuk semua"
    legacy = tmp_path / "b.txt"
    legacy.write_bytes("Kesehatan ibu – anak".encode("cp1252"))
    assert read_document_text(legacy) == "Kesehatan ibu – anak"


def test_docx_paragraphs_runs_tabs_and_breaks(tmp_path: Path) -> None:
    body = (
        "<w:p><w:r><w:t>1.</w:t></w:r><w:r><w:tab/><w:t>Membangun </w:t></w:r><w:r><w:t>jalan desa</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>2. Menjaga hutan</w:t><w:br/><w:t>dan sungai</w:t></w:r></w:p>"
    )
    path = tmp_path / "visi.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", f'<w:document xmlns:w="{WORD}"><w:body>{body}</w:body></w:document>')
    assert read_document_text(path) == "1. Membangun jalan desa\n2. Menjaga hutan\ndan sungai"


def _minimal_pdf(text: str) -> bytes:
    """A one-page PDF showing ``text`` in Helvetica, with a correct cross-reference table."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")
def test_pdf_through_pdftotext(tmp_path: Path) -> None:
    path = tmp_path / "visi.pdf"
    path.write_bytes(_minimal_pdf("Menurunkan angka kemiskinan daerah"))
    assert read_document_text(path).strip() == "Menurunkan angka kemiskinan daerah"


def test_pdf_without_pdftotext_says_what_to_install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "visi.pdf"
    path.write_bytes(_minimal_pdf("x"))
    monkeypatch.setenv("PATH", str(tmp_path / "nowhere"))
    with pytest.raises(SelarasError, match="poppler-utils"):
        read_document_text(path)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("visi.odt", b"x", "tidak didukung"),
        ("rusak.docx", b"bukan zip", "bukan berkas Word"),
        ("hilang.txt", None, "tidak ditemukan"),
    ],
)
def test_bad_files_are_named(tmp_path: Path, name: str, content: bytes | None, message: str) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(SelarasError, match=message) as error:
        read_document_text(path)
    assert name in str(error.value)
