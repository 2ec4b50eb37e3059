"""The document page offers a Renja (or RKPD) as its official Permendagri 86/2017 table, in Excel and PDF."""

from __future__ import annotations

import io
from collections.abc import Callable

from openpyxl import load_workbook
from web_world import OWN_PD, PROVINSI, Session

RENJA = f"{PROVINSI}/RENJA/{OWN_PD}/2026/final"
RPJMD = f"{PROVINSI}/RPJMD/-/2025-2029/final"


def _document_id(reader: Session, key: str) -> int:
    documents = reader.client.get(f"/api/v1/pemda/{PROVINSI}/documents").json()
    return int(next(document["id"] for document in documents if document["key"] == key))


def test_a_reader_downloads_the_renja_table_in_excel_and_pdf(sign_in: Callable[[str], Session]) -> None:
    reader = sign_in("pembaca62")
    url = f"/api/v1/documents/{_document_id(reader, RENJA)}/permendagri86"
    excel = reader.client.get(url, params={"kertas": "f4", "tempat": "Palangka Raya"})
    assert excel.status_code == 200
    assert excel.headers["content-type"].startswith("application/vnd.openxmlformats")
    assert "_permendagri86.xlsx" in excel.headers["content-disposition"]
    sheet = load_workbook(io.BytesIO(excel.content)).active
    assert sheet is not None and sheet["A1"].value == "Tabel T-C.33"
    assert int(sheet.page_setup.paperSize) == 14
    values = {cell.value for row in sheet.iter_rows() for cell in row}
    assert any(isinstance(value, str) and value.startswith("Palangka Raya, ") for value in values)
    pdf = reader.client.get(url, params={"format": "pdf"})
    assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
    assert pdf.content[:5] == b"%PDF-"
    assert reader.client.get(url, params={"format": "docx"}).status_code == 422


def test_only_renja_and_rkpd_offer_the_table(sign_in: Callable[[str], Session]) -> None:
    reader = sign_in("pembaca62")
    renja, rpjmd = _document_id(reader, RENJA), _document_id(reader, RPJMD)
    assert reader.client.get(f"/api/v1/documents/{rpjmd}/permendagri86").status_code == 404
    assert f"/api/v1/documents/{renja}/permendagri86?format=pdf" in reader.client.get(f"/documents/{renja}").text
    assert "/permendagri86" not in reader.client.get(f"/documents/{rpjmd}").text
