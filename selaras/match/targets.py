"""Match targets, and the national ones enriched beyond their titles.

A prioritas nasional is more than its title: its sasaran, their indicators and the topics its RPJMN chapter
discusses all say which regional programs serve it. :func:`national_targets` builds the PN / Asta Cita targets
with those texts as extra *passages* (a sub kegiatan "Pemberian Makanan Tambahan Balita" meets PN 4 through
"gizi dan stunting", which its title never mentions), and the TPB / SDG goals with their targets and indicators
(the SDGs also with the Aurora search terms of each target). Everything is read from the reference data bundled in
the repository (``selaras/reference/data``) and from ``selaras/match/data/``; see ``data/SOURCE.md``.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources

__all__ = ["NATIONAL_TARGET_SETS", "MatchTarget", "national_targets"]


@dataclass(frozen=True, slots=True)
class MatchTarget:
    """One thing an item may be linked to: its id, its title, and optional extra texts describing it."""

    id: str
    text: str
    passages: tuple[str, ...] = ()


def _rows(package: str, name: str) -> list[dict[str, str]]:
    text = resources.files(package).joinpath("data").joinpath(name).read_text(encoding="utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def _grouped(rows: Iterable[dict[str, str]], key: str, value: str) -> dict[str, list[str]]:
    groups: dict[str, list[str]] = defaultdict(list)
    for row in rows:
        groups[row[key].strip()].append(row[value].strip())
    return groups


def _pn_passages() -> dict[str, tuple[str, ...]]:
    sasaran = _grouped(_rows("selaras.reference", "rpjmn_sasaran_pn.csv"), "pn", "sasaran")
    indicators = _grouped(_rows("selaras.reference", "rpjmn_indikator_sasaran_pn.csv"), "pn", "indikator")
    keywords = {row["pn"]: row["kata_kunci"].split(";") for row in _rows("selaras.match", "pn_kata_kunci.csv")}
    return {
        pn: tuple(text.strip() for text in [*sasaran[pn], *indicators[pn], *keywords[pn]] if text.strip())
        for pn in keywords
    }


def _prioritas_nasional() -> list[MatchTarget]:
    passages = _pn_passages()
    return [
        MatchTarget(f"PN{row['pn']}", row["prioritas_nasional"], passages[row["pn"]])
        for row in _rows("selaras.reference", "rpjmn_prioritas_nasional.csv")
    ]


def _asta_cita() -> list[MatchTarget]:
    """Asta Cita n is elaborated as PN n in the RPJMN, so it shares PN n's enrichment."""
    passages = _pn_passages()
    return [
        MatchTarget(f"AC{row['no']}", row["asta_cita_misi_2024"], passages[row["no"]])
        for row in _rows("selaras.reference", "rpjmn_asta_cita.csv")
    ]


def _tpb() -> list[MatchTarget]:
    targets = _grouped(_rows("selaras.reference", "tpb_target.csv"), "kode_tujuan", "deskripsi")
    indicators = _grouped(_rows("selaras.reference", "tpb_indikator.csv"), "kode_tujuan", "deskripsi")
    return [
        MatchTarget(
            f"TPB{row['kode_tujuan']}",
            f"{row['nama_tujuan'].capitalize()}: {row['deskripsi']}",
            (*targets[row["kode_tujuan"]], *indicators[row["kode_tujuan"]]),
        )
        for row in _rows("selaras.reference", "tpb_tujuan.csv")
    ]


def _sdg() -> list[MatchTarget]:
    """Goal title, its targets and indicators, and per target the Aurora search terms (``data/SOURCE.md``)."""
    targets = _grouped(_rows("selaras.reference", "sdg_targets_en.csv"), "goal", "title")
    indicators = _grouped(_rows("selaras.reference", "sdg_indicators_en.csv"), "goal", "title")
    keywords = _grouped(_rows("selaras.match", "sdg_aurora_keywords.csv"), "goal", "keywords")
    return [
        MatchTarget(
            f"SDG{row['goal']}",
            f"{row['short']}: {row['title']}",
            (*targets[row["goal"]], *indicators[row["goal"]], *keywords[row["goal"]]),
        )
        for row in _rows("selaras.reference", "sdg_goals_en.csv")
    ]


NATIONAL_TARGET_SETS = {"pn": _prioritas_nasional, "asta-cita": _asta_cita, "tpb": _tpb, "sdg": _sdg}
"""Names accepted by :func:`national_targets` (and by ``selaras match --targets``)."""


def national_targets(name: str, *, enriched: bool = True) -> list[MatchTarget]:
    """The bundled targets ``pn``, ``asta-cita``, ``tpb`` or ``sdg``; ``enriched=False`` keeps titles only."""
    try:
        builder = NATIONAL_TARGET_SETS[name]
    except KeyError:
        raise ValueError(
            f"himpunan sasaran tidak dikenal: {name!r} (pilih {', '.join(NATIONAL_TARGET_SETS)})"
        ) from None
    targets = builder()
    return targets if enriched else [MatchTarget(target.id, target.text) for target in targets]
