"""The one exception hierarchy of Selaras.

Exceptions mean "cannot run"; bad *data* is reported as problems or findings, never raised one by one::

    SelarasError
    ├── ConfigurationError      settings file or environment is broken
    ├── ReferenceDataError      a bundled or user-supplied reference list cannot be read
    ├── ImportFailed            a file could not be imported; carries every ImportProblem found
    ├── NotFound                a pemda, PD or document asked for does not exist
    ├── StageClosed             the document's stage of the planning calendar is not open
    └── StorageError            the database cannot be reached or is at the wrong schema version
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from selaras.ingest.problems import ImportProblem

__all__ = [
    "ConfigurationError",
    "ImportFailed",
    "NotFound",
    "ReferenceDataError",
    "SelarasError",
    "StageClosed",
    "StorageError",
]


class SelarasError(Exception):
    """Base class of every error Selaras raises on purpose."""


class ConfigurationError(SelarasError):
    """The settings (environment or TOML file) are invalid."""


class ReferenceDataError(SelarasError):
    """A reference list (nomenclature, wilayah, framework) cannot be read or is malformed."""


class NotFound(SelarasError):
    """Something the user named (pemda, PD, document) does not exist."""


class StageClosed(SelarasError):
    """The planning calendar locks the document: its stage has closed (or not opened yet) and the admin has not
    reopened it. The message names the document, the stage and its dates."""

    def __init__(self, message: str, *, document: str, stage: str) -> None:
        self.document, self.stage = document, stage
        super().__init__(message)


class StorageError(SelarasError):
    """The database cannot be used as asked."""


class ImportFailed(SelarasError):
    """An import found problems; nothing was written. ``problems`` lists every one of them."""

    def __init__(self, problems: list[ImportProblem]) -> None:
        self.problems = problems
        super().__init__(f"{len(problems)} masalah ditemukan; tidak ada data yang disimpan")
