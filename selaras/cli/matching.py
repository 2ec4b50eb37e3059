"""``selaras match`` and ``selaras evaluate``: link suggestions without a database."""

from __future__ import annotations

import csv
from dataclasses import asdict
from pathlib import Path

import typer
from rich.table import Table

from selaras.cli.context import cli_context
from selaras.cli.output import console, print_json
from selaras.errors import SelarasError

__all__ = ["evaluate", "match"]


def _read_csv(path: Path, required: tuple[str, ...]) -> list[dict[str, str]]:
    """Rows of ``path``; a missing file or column is a clear error naming the file and what was expected."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as file:
            reader = csv.DictReader(file)
            missing = [column for column in required if column not in (reader.fieldnames or [])]
            if missing:
                raise SelarasError(
                    f"{path}: kolom wajib tidak ada: {', '.join(missing)} (diharapkan {','.join(required)})"
                )
            return [{key: (value or "").strip() for key, value in row.items() if key} for row in reader]
    except OSError as error:
        raise SelarasError(f"{path}: berkas tidak dapat dibaca: {error.strerror}") from error


def match(
    context: typer.Context,
    targets: str = typer.Option(..., "--targets", help="CSV id,text — atau himpunan bawaan: pn, asta-cita, tpb, sdg."),
    items: Path = typer.Option(..., "--items", help="CSV id,text dengan kolom opsional code dan context."),
    top: int = typer.Option(3, "--top", min=1, help="Jumlah saran per butir."),
    lexical_only: bool = typer.Option(False, "--lexical-only", help="Tanpa embedding: cepat, sedikit kurang tepat."),
    as_json: bool = typer.Option(False, "--json", help="Keluaran JSON: satu objek per butir."),
) -> None:
    """Urutkan sasaran untuk tiap butir dengan skor [0, 1], keputusan dan alasan (tanpa basis data).

    Contoh: selaras match --targets asta-cita --items sub_kegiatan.csv --top 3 --json
    """
    from selaras.match.decision import decision_rule
    from selaras.match.engine import Matcher, MatchItem
    from selaras.match.normalize import english_normalizer
    from selaras.match.targets import NATIONAL_TARGET_SETS, MatchTarget, national_targets

    settings = cli_context(context).settings
    if targets in NATIONAL_TARGET_SETS:
        target_list = national_targets(targets)
    else:
        target_list = [MatchTarget(row["id"], row["text"]) for row in _read_csv(Path(targets), ("id", "text"))]
    rows = _read_csv(items, ("id", "text"))
    item_list = [MatchItem(row["id"], row["text"], row.get("code", ""), row.get("context", "")) for row in rows]
    english = english_normalizer() if targets == "sdg" else None  # the SDG texts are English, as in `evaluate`
    matcher = Matcher.default(settings.data_dir / "cache", lexical_only=lexical_only, normalizer=english)
    built_in = targets if targets in NATIONAL_TARGET_SETS else None
    ranked = matcher.rank(item_list, target_list, top=top, decision=decision_rule(built_in, matcher.fusion.threshold))
    if as_json:
        print_json(
            [
                {
                    "item_id": item.item_id,
                    "suggestions": [
                        {"target_id": s.target_id, "score": s.score, "accepted": s.accepted, "reasons": list(s.reasons)}
                        for s in item.suggestions
                    ],
                }
                for item in ranked
            ]
        )
        return
    table = Table("Butir", "Sasaran", "Skor", "Usul", "Alasan", header_style="bold")
    for item in ranked:
        for s in item.suggestions:
            table.add_row(item.item_id, s.target_id, f"{s.score:.2f}", "ya" if s.accepted else "", "; ".join(s.reasons))
    console.print(table)


def evaluate(
    context: typer.Context,
    gold: Path = typer.Option(
        None, "--gold", help="CSV gold Asta Cita; bawaan evaluation/gold/asta_cita_sub_kegiatan.csv."
    ),
    split: str = typer.Option("test", "--split", help="Bagian yang diukur: dev atau test."),
    name_only: bool = typer.Option(False, "--name-only", help="Hanya nama butir: tanpa kode, konteks dan riwayat."),
    no_history: bool = typer.Option(False, "--no-history", help="Tanpa keputusan lampau (bagian lain gold)."),
    sdg: bool = typer.Option(
        True, "--sdg/--no-sdg", help="Juga benchmark SDG (1.251 teks Inggris; run pertama menyematkan semua teks)."
    ),
    sdg_benchmark: Path = typer.Option(
        None, "--sdg-benchmark", help="CSV benchmark SDG; bawaan evaluation/sdg/benchmark.csv."
    ),
    sasaran: bool = typer.Option(
        False,
        "--sasaran",
        help="Juga program → sasaran milik pemda: RPJMD sampel (bagian --split) dan Renstra Situbondo (nyata).",
    ),
    lexical_only: bool = typer.Option(False, "--lexical-only", help="Tanpa embedding."),
    as_json: bool = typer.Option(False, "--json", help="Keluaran JSON."),
) -> None:
    """Bandingkan mesin dengan baseline TF-IDF dan acak: top-1, top-3, MRR, presisi/recall pada gold set Asta Cita,
    dan rata-rata akurasi benchmark SDG (aturan keputusan disetel pada separuh dev, dilaporkan pada test); dengan
    --sasaran juga program → sasaran pemda sendiri, sasaran polos dibanding sasaran yang diperkaya.

    Contoh: selaras evaluate --split test
    """
    from selaras.match.decision import DecisionRule, shipped_decisions
    from selaras.match.engine import Matcher
    from selaras.match.evaluate import evaluate_asta_cita, evaluate_sdg
    from selaras.match.evaluate_linking import LinkingScores, evaluate_linking, sample_cases, situbondo_case
    from selaras.match.gold import load_asta_cita_gold, load_sample_links, load_sdg_benchmark, load_situbondo_links
    from selaras.match.normalize import english_normalizer

    if split not in {"dev", "test"}:
        raise typer.BadParameter("dev | test", param_hint="--split")
    cache = cli_context(context).settings.data_dir / "cache"
    gold_items = load_asta_cita_gold(gold)
    n = sum(item.split == split for item in gold_items)
    results = evaluate_asta_cita(
        Matcher.default(cache, lexical_only=lexical_only),
        gold_items,
        split=split,
        with_context=not name_only,
        with_history=not (name_only or no_history),
    )
    english = english_normalizer()
    sdg_results = (
        evaluate_sdg(
            Matcher.default(cache, lexical_only=lexical_only, normalizer=english),
            load_sdg_benchmark(sdg_benchmark),
            normalizer=english,
            engine_decision=shipped_decisions()["sdg"].decision,
        )
        if sdg
        else []
    )
    linking: dict[str, list[LinkingScores]] = {}
    if sasaran:
        matcher = Matcher.default(cache, lexical_only=lexical_only)
        cases = sample_cases(load_sample_links())
        linking = {
            f"RPJMD sampel — {split}": evaluate_linking(matcher, cases, split=split),
            "Renstra Situbondo (nyata, semua)": evaluate_linking(matcher, [situbondo_case(load_situbondo_links())]),
        }
    if as_json:
        print_json(
            {
                "asta_cita": [asdict(result) for result in results],
                "sdg": [asdict(r) for r in sdg_results],
                "program_sasaran": {name: [asdict(row) for row in rows] for name, rows in linking.items()},
            }
        )
        return
    mode = "nama saja" if name_only else "nama + kode + konteks" + ("" if no_history else " + riwayat")
    table = Table(
        *("", "top-1", "top-3", "MRR", "presisi", "recall", "top-1 ketat"),
        title=f"Asta Cita — {split}, n = {n} ({mode})",
        header_style="bold",
    )
    for result in results:
        values = (result.top1, result.top3, result.mrr, result.precision, result.recall, result.strict_top1)
        table.add_row(result.name, *(f"{value:.3f}" for value in values))
    console.print(table)
    if sdg_results:
        sdg_table = Table("", "bagian", "n", "akurasi rata-rata", "aturan", title="Benchmark SDG", header_style="bold")
        for row in sdg_results:
            if isinstance(row.rule, DecisionRule):
                rule = f"≤{row.rule.top} SDG, skor ≥ {row.rule.min_score:.2f}"
            else:
                rule = f"model dari dev, peluang ≥ {row.rule.min_score:.2f}"
            sdg_table.add_row(row.name, row.split, str(row.n), f"{row.average_accuracy:.3f}", rule)
        console.print(sdg_table)
    for name, rows in linking.items():
        title = f"Program → sasaran, {name}, n = {rows[0].n} ({rows[0].n_substantive} bukan program penunjang)"
        linking_table = Table(
            *("protokol", "sasaran", "top-1", "top-3", "top-1 tanpa penunjang", "top-3 tanpa penunjang"),
            title=title,
            header_style="bold",
        )
        for line in rows:
            figures = (line.top1, line.top3, line.top1_substantive, line.top3_substantive)
            cells = ("—" if figure is None else f"{figure:.3f}" for figure in figures)
            linking_table.add_row(line.protocol, line.description, *cells)
        console.print(linking_table)
