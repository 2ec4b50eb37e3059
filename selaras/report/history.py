"""Report history: a small JSON snapshot (``laporan.json``) of the headline scores and finding counts.

Each report writes one next to its files; the next report reads it and says what changed since. Only
numbers go in, so the snapshot stays valid when texts or the layout change.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from selaras.errors import ConfigurationError

__all__ = ["SNAPSHOT_NAME", "Snapshot", "load_snapshot", "save_snapshot"]

SNAPSHOT_NAME = "laporan.json"
FORMAT = 1


@dataclass(frozen=True, slots=True)
class Snapshot:
    """``scores[pemda][score key]`` (None when nothing was scored), finding counts per severity and per rule."""

    pemda: str
    year: int
    scope: str
    generated: str
    scores: dict[str, dict[str, float | None]] = field(default_factory=dict)
    severities: dict[str, int] = field(default_factory=dict)
    rules: dict[str, int] = field(default_factory=dict)


def save_snapshot(snapshot: Snapshot, path: Path) -> None:
    payload = {"format": FORMAT, **asdict(snapshot)}
    path.write_text(json.dumps(payload, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def load_snapshot(path: Path) -> Snapshot:
    """Read a snapshot; a file that is not one is a clear error naming it."""
    try:
        payload = json.loads(path.read_text(encoding="utf-8"))
        if payload.get("format") != FORMAT:
            raise ValueError(f"format {payload.get('format')!r}, bukan {FORMAT}")
        return Snapshot(
            pemda=str(payload["pemda"]),
            year=int(payload["year"]),
            scope=str(payload["scope"]),
            generated=str(payload["generated"]),
            scores={
                str(pemda): {str(key): None if value is None else float(value) for key, value in scores.items()}
                for pemda, scores in payload["scores"].items()
            },
            severities={str(key): int(value) for key, value in payload["severities"].items()},
            rules={str(key): int(value) for key, value in payload["rules"].items()},
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
        raise ConfigurationError(f"{path}: bukan ringkasan laporan Selaras yang valid ({error})") from error
