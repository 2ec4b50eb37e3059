"""How large a workbook may unpack to, checked from the zip's directory before any reader unpacks it.

An .xlsx is a zip: a 1 MB upload can declare a sheet of a gigabyte (a "zip bomb"), and a reader that
unpacks it fills the server's memory. The directory lists every member's uncompressed size, so the total
is known, and refused, without unpacking a byte.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from selaras.errors import SelarasError

__all__ = ["UploadTooLarge", "check_unpacked_size"]


class UploadTooLarge(SelarasError):
    """A file is larger, packed or unpacked, than the settings allow; nothing was read from it."""


def check_unpacked_size(path: Path, *, limit: int) -> None:
    """Raise :class:`UploadTooLarge` when the zip at ``path`` says it unpacks to more than ``limit`` bytes.

    Files that are not zips (CSV) pass: they are read as they are. A damaged zip passes too, for the reader
    to report at its place.

    Example: ``check_unpacked_size(Path("renja.xlsx"), limit=250_000_000)``
    """
    try:
        with zipfile.ZipFile(path) as archive:
            total = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, OSError):
        return
    if total > limit:
        raise UploadTooLarge(
            f"{path.name}: isi berkas terlalu besar setelah dibuka ({total / 1_000_000:,.0f} MB; paling besar "
            f"{limit / 1_000_000:,.0f} MB, pengaturan unpacked_limit_mb). Simpan ulang buku kerja tanpa baris "
            "atau kolom kosong yang berlebihan, atau pecah menjadi beberapa berkas."
        )
