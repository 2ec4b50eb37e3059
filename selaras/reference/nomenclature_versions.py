"""Which nomenclature applies to a document: the bundled versions and the one in force for a year.

Plans are written against the list in force when they are drawn up, so the document's (first) year
decides: the 2020 list (Kepmendagri 050-3708/2020) before 2024, the current SIPD list (Kepmendagri
900.1.15.5-3406/2024 and the later SIPD updates) from 2024, when SIPD carried the reworked codes into the
plans. A pemda can pin one bundled version (setting ``nomenclature_version``) or its own CSV (setting
``nomenclature_path``, which wins). Names are compared against every version that lists the code, so a
name that was right in any version (a bundled list's typo, a superseded wording) is never flagged.

>>> nomenclature_in_force(2026).label
'SIPD pemutakhiran 2027 (Kepmendagri 900.1.15.5-3406/2024 dst.)'
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from selaras.errors import ConfigurationError
from selaras.reference.nomenclature import LABEL_2020, Nomenclature, load_nomenclature, read_bundled
from selaras.settings import Settings

__all__ = [
    "BUNDLED_VERSIONS",
    "CURRENT_FROM",
    "CURRENT_TARGET",
    "NomenclatureVersions",
    "bundled_version",
    "bundled_versions",
    "nomenclature_from_settings",
    "nomenclature_in_force",
]

CURRENT_FROM = 2024
"""First document year the current SIPD list applies to; earlier documents use the 2020 list."""
CURRENT_TARGET = 2027
"""The budget year the current SIPD list was updated for ("pemutakhiran 2027"). Codes of the 2020 list that it
no longer has were retired by one of the decrees in between (2021, 2023, 2024, 2025, 2026) — which one, the
lists do not say — so a plan before that year may still rightly use them."""


@dataclass(frozen=True, slots=True)
class _Bundled:
    file: str
    label: str
    since: int


BUNDLED_VERSIONS = {
    "2020": _Bundled("nomenklatur_2020.csv", LABEL_2020, 0),
    "2027": _Bundled(
        "nomenklatur_sipd_2027.csv", "SIPD pemutakhiran 2027 (Kepmendagri 900.1.15.5-3406/2024 dst.)", CURRENT_FROM
    ),
}
"""The bundled versions by the name the setting ``nomenclature_version`` uses, oldest first."""


def bundled_version(version: str) -> Nomenclature:
    """One bundled version by name (``2020`` or ``2027``), read once per process."""
    try:
        bundled = BUNDLED_VERSIONS[version]
    except KeyError:
        known = ", ".join(BUNDLED_VERSIONS)
        raise ConfigurationError(
            f"nomenclature_version harus salah satu dari {known} (atau kosong), bukan {version!r}"
        ) from None
    return read_bundled(bundled.file, bundled.label)


class NomenclatureVersions(Nomenclature):
    """The bundled versions as one reference: :meth:`in_force` picks a document's list by its year (or
    always the pinned one), :meth:`versions` gives every list for comparing names.

    Used as a plain :class:`Nomenclature` (``lookup``, ``label``) it is the pinned list, else the newest
    one: what a plan being imported today is written against.
    """

    def __init__(self, schedule: Sequence[tuple[int, Nomenclature]], *, pinned: Nomenclature | None = None) -> None:
        self._schedule = sorted(schedule, key=lambda step: step[0])
        self._pinned = pinned
        current = pinned or self._schedule[-1][1]
        super().__init__(current._entries, label=current.label)

    def in_force(self, year: int) -> Nomenclature:
        """The pinned list, else the newest bundled list whose first year is not after ``year``."""
        if self._pinned is not None:
            return self._pinned
        chosen = self._schedule[0][1]
        for since, nomenclature in self._schedule:
            if since <= year:
                chosen = nomenclature
        return chosen

    def tolerated(self, year: int) -> tuple[Nomenclature, ...]:
        """Older lists whose codes a document of ``year`` may still use although the list in force dropped
        them: every earlier bundled list while ``year`` is before the current list's target year
        (:data:`CURRENT_TARGET`). None for a pinned list: the pemda said which list applies."""
        if self._pinned is not None or year >= CURRENT_TARGET:
            return ()
        in_force = self.in_force(year)
        return tuple(
            nomenclature for since, nomenclature in self._schedule if since <= year and nomenclature is not in_force
        )

    def versions(self) -> tuple[Nomenclature, ...]:
        """The pinned list (when any), then every bundled list, newest first."""
        lists = [nomenclature for _, nomenclature in reversed(self._schedule)]
        return tuple([self._pinned, *lists] if self._pinned is not None else lists)

    def pinned_to(self, nomenclature: Nomenclature) -> NomenclatureVersions:
        """The same versions with ``nomenclature`` in force for every year."""
        return NomenclatureVersions(self._schedule, pinned=nomenclature)


@cache
def bundled_versions() -> NomenclatureVersions:
    """Every bundled version, each in force from its first year (read once per process)."""
    return NomenclatureVersions([(bundled.since, bundled_version(name)) for name, bundled in BUNDLED_VERSIONS.items()])


@cache
def _from_settings(path: Path | None, version: str) -> NomenclatureVersions:
    if path is not None:
        return bundled_versions().pinned_to(load_nomenclature(path))
    return bundled_versions().pinned_to(bundled_version(version)) if version else bundled_versions()


def nomenclature_from_settings(settings: Settings) -> NomenclatureVersions:
    """The reference the settings ask for: a loaded CSV (``nomenclature_path``), a pinned bundled version
    (``nomenclature_version``) or the bundled versions by year. Files are read once per process."""
    return _from_settings(settings.nomenclature_path, settings.nomenclature_version)


def nomenclature_in_force(year: int, reference: Nomenclature | Settings | None = None) -> Nomenclature:
    """The list that applies to a document whose (first) year is ``year``.

    ``reference`` is what the caller was given: settings, a nomenclature (the bundled versions, or one list,
    which then applies to every year) or nothing for the bundled versions by year.

    >>> nomenclature_in_force(2022).label
    'Kepmendagri 050-3708/2020'
    """
    if reference is None:
        reference = bundled_versions()
    elif isinstance(reference, Settings):
        reference = nomenclature_from_settings(reference)
    return reference.in_force(year)
