"""Optimistic locking: an edit names the version it was based on, and a stale one is refused, never merged."""

from __future__ import annotations

from selaras.errors import SelarasError

__all__ = ["EditConflict", "InvalidEdit"]


class EditConflict(SelarasError):
    """Someone else changed the thing first; the caller should reload and apply the edit again."""

    def __init__(self, what: str, expected: int | str, current: int | str | None) -> None:
        self.what, self.expected, self.current = what, expected, current
        now = "sudah dihapus" if current is None else f"sekarang versi {current}"
        super().__init__(
            f"{what} telah diubah orang lain (Anda mengedit versi {expected}, {now}); "
            "muat ulang halaman lalu ulangi perubahan Anda"
        )


class InvalidEdit(SelarasError):
    """The edit names something the item does not have (an indicator or budget row), or an invalid value."""
