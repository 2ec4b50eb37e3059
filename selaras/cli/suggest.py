"""``selaras suggest``, ``selaras review`` and ``selaras conform``: proposed links, decisions, visi-misi vs RPJPD.

``suggest`` stores the engine's proposals in the database; ``review`` shows them and records who accepted or
rejected what; the next ``suggest`` for the same pemda learns from those decisions (another pemda's only with
``--belajar-dari``). The engine and the embedders are imported
inside the commands, so ``selaras --help`` stays fast.
"""

from __future__ import annotations

import getpass
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.table import Table

from selaras.cli.context import CliContext, cli_context
from selaras.cli.output import console, print_json
from selaras.domain import ItemLevel, LinkStatus
from selaras.errors import NotFound, SelarasError
from selaras.i18n import Catalog
from selaras.numbers import format_number, format_percent
from selaras.reference.frameworks import (
    ASTA_CITA_DOCUMENT,
    RPJMN_DOCUMENT,
    RPJPN_DOCUMENT,
    SDG_EN_DOCUMENT,
    TPB_DOCUMENT,
)
from selaras.reference.wilayah import PUSAT, all_pemda

if TYPE_CHECKING:
    from selaras.match.conformity import ConformityReport
    from selaras.store.links import StoredLink

__all__ = ["FRAMEWORK_ALIASES", "conform", "review", "suggest"]

FRAMEWORK_ALIASES = {
    "asta-cita": ASTA_CITA_DOCUMENT.key,
    "pn": RPJMN_DOCUMENT.key,
    "rpjmn": RPJMN_DOCUMENT.key,
    "rpjpn": RPJPN_DOCUMENT.key,
    "tpb": TPB_DOCUMENT.key,
    "sdg": SDG_EN_DOCUMENT.key,
}
"""Short names for the bundled national framework documents (``--framework asta-cita``)."""

TEXTS: dict[str, tuple[str, str]] = {
    "suggested": (
        "{written} saran tautan ditulis dari {source} ke {target} ({replaced} saran lama diganti, "
        "{kept} dilewati karena pasangannya sudah bertautan; pasangan yang sudah diputuskan tidak diusulkan lagi)",
        "{written} link suggestions written from {source} to {target} ({replaced} earlier suggestions replaced, "
        "{kept} skipped as the pair is already linked; decided pairs are not proposed again)",
    ),
    "below-floor": (
        "{count} saran di bawah ambang skor {floor} tidak disimpan (pengaturan suggest_floor)",
        "{count} suggestions under the score floor {floor} were not stored (setting suggest_floor)",
    ),
    "link-columns": ("ID|Butir|Teks|Sasaran|Skor|Status|Alasan", "ID|Item|Text|Target|Score|Status|Reasons"),
    "no-links": ("Tidak ada tautan yang cocok dengan saringan ini", "No link matches these filters"),
    "decided": (
        "{accepted} tautan diterima dan {rejected} ditolak oleh {by}",
        "{accepted} links accepted and {rejected} rejected by {by}",
    ),
    "bulk-scope": (
        "Keputusan massal memerlukan --pemda, --document atau --framework",
        "A bulk decision needs --pemda, --document or --framework",
    ),
    "seen-status": (
        "--accept/--reject memerlukan satu status yang Anda lihat: --status proposed, accepted atau rejected",
        "--accept/--reject need the one status you saw: --status proposed, accepted or rejected",
    ),
    "wrong-pemda": ("Dokumen {key} bukan milik pemda {pemda}", "Document {key} does not belong to pemda {pemda}"),
    "bad-level": (
        "tingkat tidak dikenal: {value} (pilih {choices})",
        "unknown level: {value} (choose {choices})",
    ),
    "bad-status": ("status tidak dikenal: {value}", "unknown status: {value}"),
    "conform-title": (
        "Kesesuaian visi-misi dengan RPJPD {rpjpd}: {statements} pernyataan, {covered} dari {total} misi RPJPD "
        "tercakup ({share})",
        "Conformity of the vision-mission with RPJPD {rpjpd}: {statements} statements, {covered} of {total} RPJPD "
        "missions covered ({share})",
    ),
    "coverage-columns": ("Misi RPJPD|Teks|Pernyataan|Skor terdekat", "RPJPD mission|Text|Statements|Closest score"),
    "statement-columns": ("No|Pernyataan|Merujuk misi|Terdekat", "No|Statement|Refers to mission|Closest"),
    "uncovered": ("Misi RPJPD yang tidak dicakup pernyataan mana pun:", "RPJPD missions no statement covers:"),
    "unreferenced": (
        "Pernyataan yang tidak merujuk apa pun dalam RPJPD:",
        "Statements that refer to nothing in the RPJPD:",
    ),
    "no-statements": ("{path}: tidak ada pernyataan yang dapat dibaca", "{path}: no statement could be read"),
    "none": ("(tidak ada)", "(none)"),
    "framework-missing": (
        "Kerangka {key} belum ada di basis data; jalankan `selaras init` untuk memuat kerangka nasional",
        "Framework {key} is not in the database; run `selaras init` to load the national frameworks",
    ),
    "unknown-pemda": (
        "kode pemda tidak dikenal: {value} (misalnya 62 atau 81.04)",
        "unknown pemda code: {value} (e.g. 62 or 81.04)",
    ),
}


_say = Catalog(TEXTS)


def _decider(ctx: CliContext) -> str:
    """Who is recorded as deciding: the ``user`` setting, else the login name."""
    return ctx.settings.user or getpass.getuser()


def _levels(values: list[str] | None, lang: str, hint: str) -> set[ItemLevel]:
    levels = set()
    for value in values or []:
        try:
            levels.add(ItemLevel(value.strip().lower().replace("-", "_").replace(" ", "_")))
        except ValueError:
            choices = ", ".join(level.value for level in ItemLevel)
            raise typer.BadParameter(_say("bad-level", lang, value=value, choices=choices), param_hint=hint) from None
    return levels


def _learn_from(values: list[str] | None, lang: str) -> tuple[str, ...]:
    """The pemda codes whose decisions are shared, each a Kemendagri code (a typo would silently share nothing)."""
    codes = tuple(dict.fromkeys(value.strip() for value in values or [] if value.strip()))
    for code in codes:
        if code not in all_pemda() or code == PUSAT.kode:
            raise typer.BadParameter(_say("unknown-pemda", lang, value=code), param_hint="--belajar-dari")
    return codes


def _score(value: float | None) -> str:
    return "-" if value is None else format_number(value, decimals=2)


def _shortened(text: str, limit: int = 60) -> str:
    """A long target text (an Asta Cita misi runs to 200 characters) cut at a word; ``--json`` has it whole."""
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + "…"


def _link_table(links: list[StoredLink], lang: str) -> Table:
    table = Table(header_style="bold")
    for column in _say("link-columns", lang).split("|"):
        table.add_column(column, overflow="fold")
    for stored in links:
        table.add_row(
            str(stored.id),
            stored.link.source.item,
            stored.source_text,
            f"{stored.link.target.item} {_shortened(stored.target_text)}".strip(),
            _score(stored.link.score),
            stored.link.status.value,
            "; ".join(stored.reasons),
        )
    return table


def suggest(
    context: typer.Context,
    document: str = typer.Option(..., "--document", help="Kunci dokumen sumber, misalnya 62/RENJA/1.02.01/2026/final."),
    framework: str = typer.Option(
        ..., "--framework", help="Kunci dokumen sasaran, atau: asta-cita, pn (rpjmn), rpjpn, tpb, sdg."
    ),
    pemda: str = typer.Option(None, "--pemda", help="Pemda pemilik dokumen sumber (diperiksa), misalnya 62."),
    top: int = typer.Option(3, "--top", min=1, help="Jumlah saran baru per butir."),
    min_score: float = typer.Option(0.0, "--min-score", min=0.0, max=1.0, help="Hanya saran dengan skor setinggi ini."),
    level: list[str] = typer.Option(None, "--level", help="Tingkat butir sumber (boleh berulang); bawaan: semua."),
    target_level: list[str] = typer.Option(
        None, "--target-level", help="Tingkat butir sasaran (boleh berulang); bawaan: butir teratas."
    ),
    lexical_only: bool = typer.Option(False, "--lexical-only", help="Tanpa embedding: cepat, sedikit kurang tepat."),
    learn_from: list[str] = typer.Option(
        None,
        "--belajar-dari",
        "--learn-from",
        help="Belajar juga dari keputusan pemda ini beserta kab/kotanya (boleh berulang); bawaan: hanya pemda sendiri.",
    ),
    as_json: bool = typer.Option(False, "--json", help="Keluaran JSON: jumlah dan saran yang tersimpan."),
) -> None:
    """Usulkan tautan dari butir dokumen sumber ke butir kerangka sasaran, beserta skor dan alasannya; keputusan
    lama tidak diubah dan menjadi bahan belajar, hanya untuk pemda yang sama kecuali dibagikan dengan
    --belajar-dari.

    Contoh: selaras suggest --pemda 81.04 --document 81.04/RENJA/1.02.01/2026/final --framework asta-cita
    """
    from selaras.match.engine import Matcher
    from selaras.store.links import link_json, list_links
    from selaras.suggestions import SuggestRequest, normalizer_for, prepare, propose

    ctx = cli_context(context)
    target_key = FRAMEWORK_ALIASES.get(framework.lower(), framework)
    request = SuggestRequest(
        document,
        target_key,
        top=top,
        min_score=min_score,
        source_levels=_levels(level, ctx.lang, "--level"),
        target_levels=_levels(target_level, ctx.lang, "--target-level"),
        learn_from=_learn_from(learn_from, ctx.lang),
    )
    shared = request.learn_from
    with ctx.database.session() as session:
        try:
            prepared = prepare(session, request)
        except NotFound as missing:
            if target_key in FRAMEWORK_ALIASES.values() and f"'{target_key}'" in str(missing):  # the target
                raise NotFound(_say("framework-missing", ctx.lang, key=target_key)) from None
            raise
    source = prepared.source
    if pemda and source.document.pemda != pemda:
        raise SelarasError(_say("wrong-pemda", ctx.lang, key=document, pemda=pemda))
    cache = ctx.settings.data_dir / "cache"
    matcher = Matcher.default(cache, lexical_only=lexical_only, normalizer=normalizer_for(target_key))
    outcome = propose(ctx.database, matcher, prepared, floor=ctx.settings.suggest_floor)
    counts = outcome.counts
    with ctx.database.session() as session:
        stored = list_links(session, source_document=document, target_document=target_key)
    if as_json:
        print_json(
            {
                "document": document,
                "framework": target_key,
                "learned_from": [source.document.pemda, *shared],
                "written": counts.written,
                "replaced": counts.replaced,
                "kept": counts.kept,
                "below_floor": outcome.below_floor,
                "floor": outcome.floor,
                "links": [link_json(link).model_dump(mode="json") for link in stored],
            }
        )
        return
    console.print(_link_table(stored, ctx.lang))
    console.print(
        _say(
            "suggested",
            ctx.lang,
            source=document,
            target=target_key,
            written=counts.written,
            replaced=counts.replaced,
            kept=counts.kept,
        )
    )
    console.print(
        _say("below-floor", ctx.lang, count=outcome.below_floor, floor=format_number(outcome.floor, decimals=2))
    )


def _statuses(value: str, lang: str) -> tuple[LinkStatus, ...]:
    if value == "all":
        return tuple(LinkStatus)
    try:
        return (LinkStatus(value),)
    except ValueError:
        raise typer.BadParameter(_say("bad-status", lang, value=value), param_hint="--status") from None


def review(
    context: typer.Context,
    pemda: str = typer.Option(None, "--pemda", help="Hanya tautan pemda ini (beserta kab/kotanya), misalnya 62."),
    document: str = typer.Option(None, "--document", help="Hanya tautan dari dokumen sumber ini."),
    framework: str = typer.Option(None, "--framework", help="Hanya tautan ke dokumen ini (atau asta-cita, pn, tpb)."),
    status: str = typer.Option(
        "proposed",
        "--status",
        help="proposed (bawaan), accepted, rejected atau all; --accept/--reject hanya mengubah tautan yang masih"
        " berstatus ini (status yang Anda lihat).",
    ),
    min_score: float = typer.Option(None, "--min-score", help="Hanya tautan dengan skor setinggi ini."),
    limit: int = typer.Option(100, "--limit", min=1, help="Paling banyak sekian tautan ditampilkan."),
    accept: list[int] = typer.Option(None, "--accept", help="Terima tautan dengan ID ini (boleh berulang)."),
    reject: list[int] = typer.Option(None, "--reject", help="Tolak tautan dengan ID ini (boleh berulang)."),
    accept_above: float = typer.Option(
        None, "--accept-above", help="Terima semua usulan dalam saringan dengan skor setinggi ini."
    ),
    as_json: bool = typer.Option(False, "--json", help="Keluaran JSON: jumlah keputusan dan daftar tautan."),
) -> None:
    """Tinjau usulan tautan: tampilkan skor dan alasannya, lalu terima atau tolak satu per satu atau sekaligus
    di atas suatu skor. Keputusan hanya berlaku bila tautan masih berstatus seperti yang Anda lihat (--status);
    siapa, kapan, dan status sebelum dan sesudahnya tercatat di log audit.

    Contoh: selaras review --pemda 62 --framework asta-cita --accept-above 0.8
    """
    from selaras.store.links import decide_above, decide_links, link_json, list_links

    ctx = cli_context(context)
    statuses = _statuses(status, ctx.lang)
    target = FRAMEWORK_ALIASES.get(framework.lower(), framework) if framework else None
    if accept_above is not None and not (pemda or document or target):
        raise typer.BadParameter(_say("bulk-scope", ctx.lang), param_hint="--accept-above")
    if (accept or reject) and len(statuses) != 1:
        raise typer.BadParameter(_say("seen-status", ctx.lang), param_hint="--status")
    by = _decider(ctx)
    accepted = rejected = 0
    with ctx.database.session() as session:
        if accept:
            accepted += len(decide_links(session, accept, LinkStatus.ACCEPTED, seen=statuses[0], by=by))
        if reject:
            rejected += len(decide_links(session, reject, LinkStatus.REJECTED, seen=statuses[0], by=by))
        if accept_above is not None:
            accepted += len(
                decide_above(
                    session,
                    accept_above,
                    LinkStatus.ACCEPTED,
                    by=by,
                    pemda=pemda,
                    with_kabkota=True,
                    source_document=document,
                    target_document=target,
                )
            )
        links = list_links(
            session,
            pemda=pemda,
            with_kabkota=True,
            source_document=document,
            target_document=target,
            statuses=statuses,
            min_score=min_score,
            limit=limit,
        )
    decided = bool(accept or reject or accept_above is not None)
    if as_json:
        print_json(
            {
                "accepted": accepted,
                "rejected": rejected,
                "decided_by": by if decided else None,
                "links": [link_json(link).model_dump(mode="json") for link in links],
            }
        )
        return
    if decided:
        console.print(_say("decided", ctx.lang, accepted=accepted, rejected=rejected, by=by))
    console.print(_link_table(links, ctx.lang) if links else _say("no-links", ctx.lang))


def conform(
    context: typer.Context,
    rpjpd: str = typer.Option(..., "--rpjpd", help="Kunci dokumen RPJPD, misalnya 62/RPJPD/-/2025-2045/final."),
    text: Path = typer.Option(..., "--text", help="Visi-misi calon: berkas .txt, .docx atau .pdf."),
    top: int = typer.Option(3, "--top", min=1, help="Jumlah misi/sasaran RPJPD terdekat per pernyataan."),
    lexical_only: bool = typer.Option(False, "--lexical-only", help="Tanpa embedding: cepat, sedikit kurang tepat."),
    as_json: bool = typer.Option(False, "--json", help="Keluaran JSON: cakupan per misi dan tiap pernyataan."),
) -> None:
    """Periksa kesesuaian visi-misi calon kepala daerah dengan RPJPD: cakupan per misi RPJPD, misi yang tidak
    tercakup, dan pernyataan yang tidak merujuk apa pun dalam RPJPD.

    Contoh: selaras conform --rpjpd 62/RPJPD/-/2025-2045/final --text visi-misi.docx
    """
    from selaras.ingest.text_files import read_document_text
    from selaras.match.conformity import assess_conformity, split_statements
    from selaras.match.engine import Matcher
    from selaras.store.plans import load_plan

    ctx = cli_context(context)
    statements = split_statements(read_document_text(text))
    if not statements:
        raise SelarasError(_say("no-statements", ctx.lang, path=text))
    with ctx.database.session() as session:
        plan = load_plan(session, rpjpd)
    matcher = Matcher.default(ctx.settings.data_dir / "cache", lexical_only=lexical_only)
    report = assess_conformity(matcher, plan, statements, top=top)
    if as_json:
        print_json(report.to_dict())
        return
    _print_conformity(report, ctx.lang)


def _print_conformity(report: ConformityReport, lang: str) -> None:
    covered = len(report.coverage) - len(report.uncovered)
    console.print(
        _say(
            "conform-title",
            lang,
            rpjpd=report.rpjpd,
            statements=len(report.statements),
            covered=covered,
            total=len(report.coverage),
            share=format_percent(report.coverage_share * 100),
        )
    )
    coverage = Table(*_say("coverage-columns", lang).split("|"), header_style="bold")
    for misi in report.coverage:
        numbers = ", ".join(str(number) for number in misi.statements) or "-"
        coverage.add_row(misi.key, misi.text, numbers, _score(misi.best_score))
    console.print(coverage)
    statements = Table(*_say("statement-columns", lang).split("|"), header_style="bold")
    for match in report.statements:
        closest = "; ".join(f"{target.key} {_score(target.score)}" for target in match.best)
        statements.add_row(str(match.number), match.text, ", ".join(match.misi) or "-", closest)
    console.print(statements)
    console.print(_say("uncovered", lang))
    for misi in report.uncovered:
        console.print(f"  {misi.key}  {misi.text}")
    if not report.uncovered:
        console.print(f"  {_say('none', lang)}")
    console.print(_say("unreferenced", lang))
    for match in report.unreferenced:
        console.print(f"  {match.number}. {match.text}")
    if not report.unreferenced:
        console.print(f"  {_say('none', lang)}")
