"""Plain text out of a document a person wrote: .txt, .docx or .pdf (a candidate's visi-misi, a draft).

Word files are read straight from their XML (a .docx is a zip of XML parts), one line per paragraph, so no
extra package is needed. PDF goes through ``pdftotext`` from poppler-utils (Debian ``apt-get install
poppler-utils``), run as a separate program; without it a PDF is refused with a message saying what to do.
"""

from __future__ import annotations

import subprocess
import zipfile
from pathlib import Path
from xml.etree import ElementTree

from selaras.errors import SelarasError

__all__ = ["SUPPORTED_SUFFIXES", "read_document_text"]

SUPPORTED_SUFFIXES = (".txt", ".md", ".docx", ".pdf")

_WORD = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def read_document_text(path: Path) -> str:
    """The text of ``path``, paragraphs on their own lines; a clear error naming the file otherwise."""
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise SelarasError(
            f"{path}: jenis berkas {suffix or '(tanpa akhiran)'} tidak didukung; gunakan .txt, .docx atau .pdf"
        )
    if not path.is_file():
        raise SelarasError(f"{path}: berkas tidak ditemukan")
    if suffix == ".docx":
        return _docx_text(path)
    if suffix == ".pdf":
        return _pdf_text(path)
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        return path.read_text(encoding="cp1252")


def _docx_text(path: Path) -> str:
    try:
        with zipfile.ZipFile(path) as archive:
            root = ElementTree.fromstring(archive.read("word/document.xml"))
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError) as error:
        raise SelarasError(f"{path}: bukan berkas Word (.docx) yang utuh: {error}") from error
    lines = []
    for paragraph in root.iter(f"{_WORD}p"):
        parts = []
        for node in paragraph.iter():
            if node.tag == f"{_WORD}t":
                parts.append(node.text or "")
            elif node.tag == f"{_WORD}tab":
                parts.append(" ")
            elif node.tag in {f"{_WORD}br", f"{_WORD}cr"}:
                parts.append("\n")
        lines.append("".join(parts))
    return "\n".join(lines)


def _pdf_text(path: Path) -> str:
    try:
        result = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=False, timeout=120
        )
    except FileNotFoundError as error:
        raise SelarasError(
            f"{path}: membaca PDF memerlukan program pdftotext (paket poppler-utils); "
            "pasang paket itu atau simpan berkas sebagai .txt atau .docx"
        ) from error
    except subprocess.TimeoutExpired as error:
        raise SelarasError(f"{path}: pdftotext tidak selesai dalam 120 detik") from error
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace").strip()
        raise SelarasError(f"{path}: PDF tidak dapat dibaca: {message}")
    return result.stdout.decode("utf-8", "replace").replace("\f", "\n")
