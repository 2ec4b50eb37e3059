"""Where a workbook that calamine refused is broken, found with the standard library after calamine has failed.

Calamine reads a healthy workbook ten times faster than a Python parser, but when it refuses one it says why in
English and for the whole file ("Parse float error", "ill-formed document"), while the planner needs to know which
sheet and which cell to fix. :func:`locate_fault` reads the zip and its XML parts again — streaming, so a large or
bomb-like part never sits in memory — and returns the first fault as an :class:`ImportProblem` in the order calamine
meets them: the zip, the parts every workbook needs, the shared strings, then the sheet that failed (or every sheet,
when the workbook did not open), cell by cell with its reference (``C7``).

It runs only after calamine has failed, so it may be stricter than calamine elsewhere without refusing a file that
imports; when it finds nothing (calamine refused something that Python accepts), the caller keeps calamine's
file-level message.
"""

from __future__ import annotations

import posixpath
import re
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any
from xml.parsers import expat

from selaras.ingest.problems import ImportProblem
from selaras.numbers import format_number

__all__ = ["ZIP_ERRORS", "column_letter", "column_number", "locate_fault", "sheet_parts"]

_CHUNK = 1 << 16
# what reading a damaged zip or part raises
ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, OSError, ValueError, struct.error)
_REFERENCE = re.compile(r"^([A-Za-z]+)([1-9]\d*)$")  # calamine takes any number of letters
_RANGE = re.compile(r"^\$?[A-Za-z]+\$?[1-9]\d*(?::\$?[A-Za-z]+\$?[1-9]\d*)?$")  # A1 or A1:I20
# what Rust's f64 parser (calamine) accepts in a number cell: decimals, exponents, inf/infinity/nan, with a sign
_NUMBER = re.compile(r"^[+-]?(?:(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|inf|infinity|nan)$", re.IGNORECASE)
_CELL_TYPES = ("s", "n", "b", "e", "str", "inlineStr", "d")
_ERROR_VALUES = ("#DIV/0!", "#N/A", "#NAME?", "#NULL!", "#NUM!", "#REF!", "#VALUE!", "#GETTING_DATA")
_OFFICE_DOCUMENT = "officeDocument"
# expat's error codes, grouped into the reasons of ImportProblem's PHRASES
_REASONS = {
    expat.errors.codes[expat.errors.XML_ERROR_NO_ELEMENTS]: "xml-truncated",
    expat.errors.codes[expat.errors.XML_ERROR_UNCLOSED_TOKEN]: "xml-truncated",
    expat.errors.codes[expat.errors.XML_ERROR_PARTIAL_CHAR]: "xml-truncated",
    expat.errors.codes[expat.errors.XML_ERROR_UNCLOSED_CDATA_SECTION]: "xml-truncated",
    expat.errors.codes[expat.errors.XML_ERROR_TAG_MISMATCH]: "xml-tag-mismatch",
    expat.errors.codes[expat.errors.XML_ERROR_INVALID_TOKEN]: "xml-invalid-character",
    expat.errors.codes[expat.errors.XML_ERROR_UNDEFINED_ENTITY]: "xml-bad-reference",
    expat.errors.codes[expat.errors.XML_ERROR_BAD_CHAR_REF]: "xml-bad-reference",
    expat.errors.codes[expat.errors.XML_ERROR_DUPLICATE_ATTRIBUTE]: "xml-duplicate-attribute",
    expat.errors.codes[expat.errors.XML_ERROR_JUNK_AFTER_DOC_ELEMENT]: "xml-after-end",
}


class _Fault(Exception):
    """The first fault found; carries the problem to report."""

    def __init__(self, problem: ImportProblem) -> None:
        super().__init__(problem.code)
        self.problem = problem


def locate_fault(path: Path, sheet: str | None = None) -> ImportProblem | None:
    """The first fault of the workbook at ``path`` that calamine refused, or None when none is found.

    ``sheet`` is the sheet calamine failed on; None when the workbook did not open at all (then every sheet is
    checked after the parts every workbook needs).
    """
    try:
        _Diagnosis(path).run(sheet)
    except _Fault as fault:
        return fault.problem
    return None


def sheet_parts(path: Path) -> list[tuple[str, str]] | None:
    """``(sheet name, part)`` of each sheet in workbook order, found as calamine finds them (xl/workbook.xml and its
    relationships); None when the workbook is too broken to say (calamine and :func:`locate_fault` will)."""
    diagnosis = _Diagnosis(path)
    try:
        with diagnosis._zip() as archive:
            diagnosis._read_sheets(archive, diagnosis._workbook_part(archive))
    except _Fault:
        return None
    return diagnosis.sheets


@dataclass
class _Cell:
    """Where the sheet parser is: the row and column of the current (or last) cell, its type and value."""

    row: int = 0
    column: int = 0
    kind: str = "n"
    value: str = ""
    open: bool = False
    seen: bool = False


@dataclass
class _Diagnosis:
    path: Path
    file: str = ""
    sheets: list[tuple[str, str]] = field(default_factory=list)  # (sheet name, part) in workbook order
    shared_strings: int | None = None

    def __post_init__(self) -> None:
        self.file = self.path.name

    def run(self, failed_sheet: str | None) -> None:
        with self._zip() as archive:
            workbook = self._workbook_part(archive)
            self._read_sheets(archive, workbook)
            self._check_styles(archive, workbook)
            self._count_shared_strings(archive, workbook)
            known = failed_sheet in {name for name, _ in self.sheets}
            for name, part in self.sheets:
                if not known or name == failed_sheet:
                    self._check_sheet(archive, name, part)
            self._check_members(archive)  # last: a part calamine never reads matters least

    # --- the zip ---------------------------------------------------------------------------------------------

    def _zip(self) -> zipfile.ZipFile:
        head = b""
        try:
            with self.path.open("rb") as handle:
                head = handle.read(4)
            return zipfile.ZipFile(self.path)
        except ZIP_ERRORS:
            if head.startswith(b"PK\x03\x04"):  # a zip that lost its end, not another kind of file
                size = format_number(self.path.stat().st_size)
                raise _Fault(ImportProblem.in_file("xlsx-zip-broken", file=self.file, found=size)) from None
            raise _Fault(ImportProblem.in_file("xlsx-not-zip", file=self.file)) from None

    def _check_members(self, archive: zipfile.ZipFile) -> None:
        """Every part decompresses to what the zip recorded (CRC-32), read in chunks."""
        for info in archive.infolist():
            self._verify(archive, info.filename)

    def _verify(self, archive: zipfile.ZipFile, part: str) -> None:
        """Raise the part's corruption (CRC-32, deflate) when reading it whole fails."""
        try:
            with archive.open(part) as stream:
                while stream.read(_CHUNK):
                    pass
        except ZIP_ERRORS as error:
            raise _Fault(self._corrupt(part, error)) from None

    def _corrupt(self, part: str, error: BaseException) -> ImportProblem:
        check = "CRC-32" if "CRC" in str(error) else "deflate" if isinstance(error, zlib.error | EOFError) else "zip"
        return self._part_problem("xlsx-part-corrupt", part, found=check)

    def _part_problem(self, code: str, part: str, **params: Any) -> ImportProblem:
        sheet = next((name for name, sheet_part in self.sheets if sheet_part == part), None)
        return ImportProblem.in_file(code, file=self.file, sheet=sheet, part=part, **params)

    # --- the parts every workbook needs ----------------------------------------------------------------------

    def _workbook_part(self, archive: zipfile.ZipFile) -> str:
        names = set(archive.namelist())
        if "_rels/.rels" not in names:
            if "xl/workbook.xml" not in names:
                found = ", ".join(sorted(names)[:5]) or "-"
                raise _Fault(ImportProblem.in_file("xlsx-not-workbook", file=self.file, found=found))
            raise _Fault(self._part_problem("xlsx-part-missing", "_rels/.rels"))
        relations = self._relations(archive, "_rels/.rels", "")
        workbook = next((target for kind, target in relations.values() if kind == _OFFICE_DOCUMENT), None)
        if workbook is None and "xl/workbook.xml" in names:  # calamine: "Relationship not found"
            raise _Fault(self._part_problem("xlsx-workbook-unlinked", "_rels/.rels", workbook="xl/workbook.xml"))
        if workbook is None or workbook not in names:
            found = ", ".join(sorted(names)[:5]) or "-"
            raise _Fault(ImportProblem.in_file("xlsx-not-workbook", file=self.file, found=found))
        return workbook

    def _read_sheets(self, archive: zipfile.ZipFile, workbook: str) -> None:
        """Sheet names and parts in workbook order, through xl/workbook.xml and its relationships."""
        ids: list[tuple[str, str]] = []

        def start(tag: str, attributes: dict[str, str]) -> None:
            if _local(tag) == "sheet":
                identifier = next((value for key, value in attributes.items() if _local(key) == "id"), "")
                ids.append((attributes.get("name", ""), identifier))

        self._parse(archive, workbook, start)
        relations = self._relations(archive, _relations_part(workbook), posixpath.dirname(workbook))
        names = set(archive.namelist())
        for name, identifier in ids:
            part = relations.get(identifier, ("", ""))[1]
            self.sheets.append((name, part))
        for name, part in self.sheets:
            if part not in names:
                missing = part or f"{_relations_part(workbook)}#{dict(ids).get(name, '')}"
                raise _Fault(ImportProblem.in_file("xlsx-part-missing", file=self.file, sheet=name, part=missing))

    def _relations(self, archive: zipfile.ZipFile, part: str, base: str) -> dict[str, tuple[str, str]]:
        """``{Id: (type's last word, target part)}`` of a relationships part."""
        if part not in archive.namelist():
            raise _Fault(self._part_problem("xlsx-part-missing", part))
        relations: dict[str, tuple[str, str]] = {}

        def start(tag: str, attributes: dict[str, str]) -> None:
            if _local(tag) == "Relationship":
                target = attributes.get("Target", "")
                resolved = target.lstrip("/") if target.startswith("/") else posixpath.join(base, target)
                kind = attributes.get("Type", "").rsplit("/", 1)[-1]
                relations[attributes.get("Id", "")] = (kind, posixpath.normpath(resolved))

        self._parse(archive, part, start)
        return relations

    def _check_styles(self, archive: zipfile.ZipFile, workbook: str) -> None:
        styles = self._related(archive, workbook, "styles")
        if styles in archive.namelist():
            self._parse(archive, styles, lambda tag, attributes: None)

    def _count_shared_strings(self, archive: zipfile.ZipFile, workbook: str) -> None:
        part = self._related(archive, workbook, "sharedStrings")
        if part not in archive.namelist():
            return
        count = 0
        depth = 0

        def start(tag: str, attributes: dict[str, str]) -> None:
            nonlocal depth
            depth += 1

        def end(tag: str) -> None:
            nonlocal count, depth
            depth -= 1
            if depth == 1 and _local(tag) == "si":
                count += 1

        try:
            self._parse(archive, part, start, end, problem=False)
        except expat.ExpatError as error:
            reason = _REASONS.get(error.code, "xml-invalid")
            found = self._snippet(archive, part, error)
            raise _Fault(
                ImportProblem.in_file(
                    "shared-strings-broken", file=self.file, part=part, count=count, reason=reason, found=found
                )
            ) from None
        self.shared_strings = count

    def _related(self, archive: zipfile.ZipFile, workbook: str, kind: str) -> str:
        part = _relations_part(workbook)
        if part not in archive.namelist():
            return ""
        relations = self._relations(archive, part, posixpath.dirname(workbook))
        return next((target for name, target in relations.values() if name == kind), "")

    # --- a sheet, cell by cell -------------------------------------------------------------------------------

    def _check_sheet(self, archive: zipfile.ZipFile, name: str, part: str) -> None:
        cell = _Cell()
        stack: list[str] = []

        def start(tag: str, attributes: dict[str, str]) -> None:
            local = _local(tag)
            stack.append(local)
            if local == "row":
                self._start_row(name, cell, attributes)
            elif local in ("dimension", "mergeCell"):
                reference = attributes.get("ref", "")
                if not _RANGE.match(reference):
                    code = "dimension-invalid" if local == "dimension" else "merge-invalid"
                    raise _Fault(ImportProblem(code, self.file, name, None, None, reference))
            elif local == "c":
                self._start_cell(name, cell, attributes)
            elif local in ("v", "t") and cell.open:
                cell.value = ""

        def end(tag: str) -> None:
            local = _local(tag)
            if stack:
                stack.pop()
            if local == "c":
                cell.open = False
                self._check_cell(name, cell)

        def text(data: str) -> None:
            if cell.open and stack and stack[-1] == "v":
                cell.value += data

        try:
            self._parse(archive, part, start, end, text, problem=False)
        except expat.ExpatError as error:
            reason = _REASONS.get(error.code, "xml-invalid")
            found = self._snippet(archive, part, error)
            where: dict[str, Any] = {
                "part": part,
                "line": error.lineno,
                "offset": error.offset + 1,
                "found": found,
                "reason": reason,
            }
            if not cell.seen:
                raise _Fault(ImportProblem.in_file("xml-part-broken", file=self.file, sheet=name, **where)) from None
            closing = stack[-1] if stack and reason in ("xml-truncated", "xml-tag-mismatch") else ""
            code = "xml-unclosed" if closing else "xml-broken"
            raise _Fault(self._at(code, name, cell, expected=closing, **where)) from None

    def _start_row(self, sheet: str, cell: _Cell, attributes: dict[str, str]) -> None:
        """A row's number (attribute r) is a whole number from 1, or absent (the row after the previous one)."""
        number = attributes.get("r")
        if number is not None and not (number.isascii() and number.isdigit() and int(number) > 0):
            raise _Fault(
                ImportProblem(
                    "row-number-invalid",
                    self.file,
                    sheet,
                    cell.row + 1,
                    None,
                    number,
                )
            )
        cell.row = int(number) if number is not None else cell.row + 1
        cell.column = 0

    def _start_cell(self, sheet: str, cell: _Cell, attributes: dict[str, str]) -> None:
        reference = attributes.get("r")
        if reference is None:
            cell.column += 1
        else:
            match = _REFERENCE.match(reference)
            if match is None:
                cell.column += 1
                cell.seen = True
                raise _Fault(self._at("cell-reference-invalid", sheet, cell, value=reference))
            cell.column = column_number(match.group(1))
            cell.row = int(match.group(2))
        cell.kind = attributes.get("t", "n")
        cell.value = ""
        cell.open = cell.seen = True
        if cell.kind not in _CELL_TYPES:
            raise _Fault(self._at("cell-type-invalid", sheet, cell, value=cell.kind, expected=", ".join(_CELL_TYPES)))

    def _check_cell(self, sheet: str, cell: _Cell) -> None:
        value = cell.value
        if cell.kind == "s" and value.isdigit() and int(value) >= (self.shared_strings or 0):
            count = self.shared_strings or 0
            raise _Fault(self._at("shared-string-missing", sheet, cell, value=value, count=count))
        if cell.kind == "n" and value and not _NUMBER.match(value):
            raise _Fault(self._at("cell-number-invalid", sheet, cell, value=value))
        if cell.kind == "b" and value not in ("0", "1", "true", "false"):
            raise _Fault(self._at("cell-boolean-invalid", sheet, cell, value=value))
        if cell.kind == "e" and value not in _ERROR_VALUES:
            raise _Fault(self._at("cell-error-invalid", sheet, cell, value=value, expected=", ".join(_ERROR_VALUES)))

    def _at(self, code: str, sheet: str, cell: _Cell, *, value: object = "", **params: Any) -> ImportProblem:
        letter = column_letter(max(cell.column, 1))
        row = max(cell.row, 1)
        return ImportProblem.at_cell(
            code, file=self.file, sheet=sheet, row=row, column=letter, value=value, cell=f"{letter}{row}", **params
        )

    # --- XML -------------------------------------------------------------------------------------------------

    def _parse(
        self,
        archive: zipfile.ZipFile,
        part: str,
        start: Callable[[str, dict[str, str]], None],
        end: Callable[[str], None] | None = None,
        text: Callable[[str], None] | None = None,
        *,
        problem: bool = True,
    ) -> None:
        """Stream ``part`` through expat; a malformed part is an ``ExpatError``, or (``problem``) the part's fault."""
        parser = expat.ParserCreate()
        parser.StartElementHandler = start
        if end is not None:
            parser.EndElementHandler = end
        if text is not None:
            parser.CharacterDataHandler = text
            parser.buffer_text = True
        try:
            with archive.open(part) as stream:
                for chunk in _chunks(stream):
                    parser.Parse(chunk, False)
                parser.Parse(b"", True)
        except ZIP_ERRORS as error:
            raise _Fault(self._corrupt(part, error)) from None
        except _Fault:
            self._verify(archive, part)  # a damaged part explains any odd cell in it
            raise
        except expat.ExpatError as error:
            error.byte_index = parser.ErrorByteIndex  # type: ignore[attr-defined]
            self._verify(archive, part)
            if not problem:
                raise
            reason = _REASONS.get(error.code, "xml-invalid")
            found = self._snippet(archive, part, error)
            raise _Fault(
                self._part_problem(
                    "xml-part-broken", part, line=error.lineno, offset=error.offset + 1, found=found, reason=reason
                )
            ) from None

    @staticmethod
    def _snippet(archive: zipfile.ZipFile, part: str, error: expat.ExpatError) -> str:
        """A few characters of the part around where expat stopped, as the planner's "found"."""
        position = max(getattr(error, "byte_index", -1), 0)
        with archive.open(part) as stream:
            seen = 0
            for chunk in _chunks(stream):
                if seen + len(chunk) > position:
                    piece = chunk[max(position - seen - 12, 0) : position - seen + 24]
                    # the slice may cut a character in two at either end: drop those halves, keep any bad byte inside
                    return " ".join(piece.decode("utf-8", errors="replace").strip("\ufffd").split()) or "…"
                seen += len(chunk)
        return "…"


def _chunks(stream: IO[bytes]) -> Iterator[bytes]:
    while chunk := stream.read(_CHUNK):
        yield chunk


def _local(tag: str) -> str:
    """A tag or attribute name without its namespace prefix (``x:c`` → ``c``)."""
    return tag.rsplit(":", 1)[-1]


def _relations_part(part: str) -> str:
    directory, name = posixpath.split(part)
    return posixpath.join(directory, "_rels", f"{name}.rels")


def column_number(letters: str) -> int:
    """``"C"`` → 3, ``"AA"`` → 27, for any number of letters (calamine reads columns past Excel's XFD too)."""
    number = 0
    for letter in letters.upper():
        number = number * 26 + ord(letter) - ord("A") + 1
    return number


def column_letter(number: int) -> str:
    """3 → ``"C"``, 27 → ``"AA"``."""
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters
