"""``selaras suggest``, ``review`` and ``conform`` through the real application and database."""

from __future__ import annotations

import csv
import json
import zipfile
from dataclasses import replace
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from typer.testing import CliRunner

from selaras.cli.app import app
from selaras.domain import Document, DocumentKind, Item, ItemLevel, Period, Plan
from selaras.match.suggesting import NATIONAL_ENRICHMENT, source_items, suggestion_targets
from selaras.match.targets import national_targets
from selaras.reference.frameworks import ASTA_CITA_DOCUMENT, asta_cita
from selaras.reference.wilayah import PUSAT, get_pemda
from selaras.settings import load_settings
from selaras.store import open_database
from selaras.store.audit import list_audit
from selaras.store.plans import load_plan, save_plan
from selaras.store.tenants import ensure_pemda

runner = CliRunner()
RPJPD = Document(DocumentKind.RPJPD, "62", Period(2025, 2045))


def rpjpd_plan() -> Plan:
    return Plan(
        RPJPD,
        [
            Item("V", ItemLevel.VISI, "Kalimantan Tengah maju"),
            Item("M1", ItemLevel.MISI, "Meningkatkan kualitas sumber daya manusia", parent="V"),
            Item("M1.T1.S1", ItemLevel.SASARAN, "Menurunnya prevalensi stunting pada balita", parent="M1"),
            Item("M2", ItemLevel.MISI, "Mewujudkan infrastruktur wilayah yang andal", parent="V"),
            Item("M2.T1.S1", ItemLevel.SASARAN, "Meningkatnya kualitas jalan dan jembatan", parent="M2"),
            Item("M3", ItemLevel.MISI, "Menjaga kelestarian hutan dan lingkungan hidup", parent="V"),
            Item("M3.T1.S1", ItemLevel.SASARAN, "Menurunnya luas kebakaran hutan dan lahan", parent="M3"),
        ],
    )


@pytest.fixture
def env(tmp_path: Path, renja_plan: Plan) -> dict[str, str]:
    database = open_database(load_settings({}, data_dir=tmp_path / "data"))
    with database.session() as session:
        ensure_pemda(session, PUSAT)
        ensure_pemda(session, get_pemda("62"))
        for plan in (asta_cita(), renja_plan, rpjpd_plan()):
            save_plan(session, plan)
    database.dispose()
    # No floor here: these tests count every item's top proposals; test_the_floor_... checks the floor.
    return {"SELARAS_DATA_DIR": str(tmp_path / "data"), "SELARAS_USER": "siti", "SELARAS_SUGGEST_FLOOR": "0"}


def run(env: dict[str, str], *args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args), env=env)
    return result.exit_code, result.stdout + (result.stderr if result.stderr_bytes is not None else "")


def suggest(env: dict[str, str], renja: str) -> dict[str, object]:
    code, out = run(
        env,
        "suggest",
        "--pemda",
        "62",
        "--document",
        renja,
        "--framework",
        "asta-cita",
        "--lexical-only",
        "--top",
        "2",
        "--json",
    )
    assert code == 0, out
    payload: dict[str, object] = json.loads(out)
    return payload


def test_suggest_review_and_learn(env: dict[str, str], renja_plan: Plan) -> None:
    renja = renja_plan.document.key
    first = suggest(env, renja)
    links = first["links"]
    assert isinstance(links, list) and first["written"] == len(links) == 8  # 4 items x top 2
    assert first["framework"] == ASTA_CITA_DOCUMENT.key
    assert {link["status"] for link in links} == {"proposed"} and all(link["reasons"] for link in links)
    assert links == sorted(links, key=lambda link: -link["score"])
    best, worst = links[0], links[-1]

    code, out = run(env, "review", "--accept", str(best["id"]), "--reject", str(worst["id"]), "--json")
    assert code == 0, out
    decided = json.loads(out)
    assert (decided["accepted"], decided["rejected"], decided["decided_by"]) == (1, 1, "siti")
    assert {link["id"] for link in decided["links"]} == {link["id"] for link in links[1:-1]}

    again = suggest(env, renja)
    assert again["kept"] == 0 and again["replaced"] == 6
    pairs = [(link["source"]["item"], link["target"]["item"]) for link in again["links"]]  # type: ignore[attr-defined]
    assert len(pairs) == len(set(pairs)) == 8  # each item gets 2 new proposals besides its decided pair
    rejected_pair = (worst["source"]["item"], worst["target"]["item"])
    assert rejected_pair not in pairs

    code, out = run(env, "review", "--status", "all", "--document", renja, "--json")
    statuses = {(link["source"]["item"], link["target"]["item"]): link for link in json.loads(out)["links"]}
    assert statuses[rejected_pair]["status"] == "rejected" and statuses[rejected_pair]["decided_by"] == "siti"
    assert statuses[rejected_pair]["decided_at"]


def test_the_floor_keeps_weak_proposals_out_and_says_how_many(env: dict[str, str], renja_plan: Plan) -> None:
    renja = renja_plan.document.key
    everything = suggest(env, renja)
    scores = sorted(link["score"] for link in everything["links"])  # type: ignore[union-attr]
    floor = scores[len(scores) // 2]  # about half of the 8 proposals score under it
    under = sum(1 for score in scores if score < floor)
    assert 0 < under < len(scores)
    floored = {**env, "SELARAS_SUGGEST_FLOOR": str(floor)}
    payload = suggest(floored, renja)
    assert payload["below_floor"] == under and payload["floor"] == floor
    assert payload["written"] == len(scores) - under and payload["replaced"] == len(scores)
    assert all(link["score"] >= floor for link in payload["links"])  # type: ignore[union-attr]
    code, out = run(floored, "suggest", "--document", renja, "--framework", "asta-cita", "--lexical-only", "--top", "2")
    assert code == 0, out
    assert f"{under} saran di bawah ambang skor" in out


def test_bulk_accept_above_a_score(env: dict[str, str], renja_plan: Plan) -> None:
    links = suggest(env, renja_plan.document.key)["links"]
    assert isinstance(links, list)
    threshold = links[3]["score"]  # best first: the top four (ties aside) are above it
    above = [link for link in links if link["score"] >= threshold]
    assert 4 <= len(above) < len(links)
    code, out = run(env, "review", "--pemda", "62", "--accept-above", str(threshold), "--status", "accepted", "--json")
    assert code == 0, out
    assert json.loads(out)["accepted"] == len(above)
    accepted = {link["id"] for link in json.loads(out)["links"]}
    assert accepted - {link["id"] for link in links} == {1}  # the Renja's own imported cascade link
    code, out = run(env, "review", "--framework", "asta-cita", "--status", "accepted", "--json")
    assert code == 0, out
    payload = json.loads(out)
    assert {link["id"] for link in payload["links"]} == {link["id"] for link in above}


def test_bulk_decision_needs_a_scope_and_unknown_ids_are_errors(env: dict[str, str]) -> None:
    code, out = run(env, "review", "--accept-above", "0.5")
    assert code == 2 and "--pemda" in out
    code, out = run(env, "review", "--accept", "424242")
    assert code == 2 and "424242" in out


def test_a_decision_names_the_status_seen_and_a_stale_one_is_refused(env: dict[str, str], renja_plan: Plan) -> None:
    links = suggest(env, renja_plan.document.key)["links"]
    assert isinstance(links, list)
    first, second = links[0]["id"], links[1]["id"]
    code, out = run(env, "review", "--accept", str(first), "--json")
    assert code == 0, out
    code, out = run(env, "review", "--reject", str(second), "--reject", str(first))  # listed as proposed earlier
    assert code == 1
    assert (
        f"tautan #{first} ({links[0]['source']['item']} → {links[0]['target']['item']}) sekarang diterima oleh siti"
        in out
    )
    assert "tidak ada keputusan yang disimpan" in out
    code, out = run(env, "review", "--status", "all", "--document", renja_plan.document.key, "--json")
    statuses = {link["id"]: (link["status"], link["decided_by"]) for link in json.loads(out)["links"]}
    assert statuses[first] == ("accepted", "siti") and statuses[second] == ("proposed", None)
    code, out = run(env, "review", "--status", "all", "--reject", str(first))
    assert code == 2 and "--status proposed, accepted atau rejected" in out
    code, out = run(env, "review", "--status", "accepted", "--reject", str(first), "--json")  # changing one's mind
    assert code == 0 and json.loads(out)["rejected"] == 1


def test_cli_decisions_are_in_the_audit_log(env: dict[str, str], renja_plan: Plan) -> None:
    links = suggest(env, renja_plan.document.key)["links"]
    assert isinstance(links, list)
    code, out = run(env, "review", "--accept", str(links[0]["id"]))
    assert code == 0, out
    database = open_database(load_settings(env))
    with database.session() as session:
        [entry] = list_audit(session, ["62"], entity="link")
    database.dispose()
    assert (entry.username, entry.action, entry.entity_id) == ("siti", "link-accepted", str(links[0]["id"]))
    assert (entry.old["status"], entry.new["status"]) == ("proposed", "accepted")


def test_suggest_names_a_missing_document_and_a_wrong_pemda(env: dict[str, str], renja_plan: Plan) -> None:
    code, out = run(env, "suggest", "--document", "62/RENJA/9.99.99/2026/final", "--framework", "tpb", "--lexical-only")
    assert code == 2 and "62/RENJA/9.99.99/2026/final" in out
    key = renja_plan.document.key
    code, out = run(env, "suggest", "--pemda", "63", "--document", key, "--framework", "asta-cita", "--lexical-only")
    assert code == 1 and "bukan milik pemda 63" in out


CANDIDATE = [
    "VISI",
    "Kalimantan Tengah yang sehat dan terhubung",
    "MISI",
    "1. Menurunkan stunting pada balita dan meningkatkan kesehatan masyarakat.",
    "2. Membangun jalan dan jembatan antardesa.",
    "3. Membeli pesawat jet pribadi untuk gubernur.",
]


def write_docx(path: Path, paragraphs: list[str]) -> Path:
    """The smallest Word file: a zip whose word/document.xml holds one w:p per paragraph."""
    body = "".join(f"<w:p><w:r><w:t>{escape(text)}</w:t></w:r></w:p>" for text in paragraphs)
    namespace = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", f'<w:document xmlns:w="{namespace}"><w:body>{body}</w:body></w:document>')
    return path


@pytest.mark.parametrize("suffix", [".txt", ".docx"])
def test_conform_reports_coverage_uncovered_and_unreferenced(env: dict[str, str], tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"visi-misi{suffix}"
    if suffix == ".txt":
        path.write_text("\n".join(CANDIDATE), encoding="utf-8")
    else:
        write_docx(path, CANDIDATE)
    code, out = run(env, "conform", "--rpjpd", RPJPD.key, "--text", str(path), "--lexical-only", "--json")
    assert code == 0, out
    report = json.loads(out)
    assert [entry["text"] for entry in report["statements"]] == [
        line.split(". ", 1)[-1] for line in CANDIDATE if len(line.split()) >= 3
    ]
    covered = {entry["misi"]: entry["statements"] for entry in report["coverage"]}
    assert covered["M1"][-1] == 2 and covered["M2"] == [3] and covered["M3"] == []
    assert report["uncovered"] == ["M3"]
    assert 4 in report["unreferenced"]


def test_conform_prints_in_indonesian_and_english(env: dict[str, str], tmp_path: Path) -> None:
    path = tmp_path / "visi-misi.txt"
    path.write_text("\n".join(CANDIDATE), encoding="utf-8")
    code, out = run(env, "conform", "--rpjpd", RPJPD.key, "--text", str(path), "--lexical-only")
    assert code == 0 and "Misi RPJPD yang tidak dicakup" in out and "Membeli pesawat jet" in out
    code, out = run(env, "--lang", "en", "conform", "--rpjpd", RPJPD.key, "--text", str(path), "--lexical-only")
    assert code == 0 and "Statements that refer to nothing in the RPJPD" in out


def test_conform_refuses_unreadable_files(env: dict[str, str], tmp_path: Path) -> None:
    odt = tmp_path / "visi.odt"
    odt.write_text("x", encoding="utf-8")
    code, out = run(env, "conform", "--rpjpd", RPJPD.key, "--text", str(odt), "--lexical-only")
    assert code == 1 and "visi.odt" in out and ".docx" in out
    broken = tmp_path / "rusak.docx"
    broken.write_text("bukan zip", encoding="utf-8")
    code, out = run(env, "conform", "--rpjpd", RPJPD.key, "--text", str(broken), "--lexical-only")
    assert code == 1 and "rusak.docx" in out


def buru_suggestions(env: dict[str, str], key: str, *options: str) -> tuple[list[str], list[tuple[str, str, float]]]:
    code, out = run(
        env,
        "suggest",
        "--pemda",
        "81.04",
        "--document",
        key,
        "--framework",
        "asta-cita",
        "--lexical-only",
        "--top",
        "2",
        "--json",
        *options,
    )
    assert code == 0, out
    payload = json.loads(out)
    links = [(link["source"]["item"], link["target"]["item"], link["score"]) for link in payload["links"]]
    return payload["learned_from"], links


def test_decisions_stay_with_their_pemda_unless_shared(env: dict[str, str], renja_plan: Plan) -> None:
    buru = Plan(replace(renja_plan.document, pemda="81.04"), renja_plan.items)  # the same Renja, in Kab. Buru
    database = open_database(load_settings(env))
    with database.session() as session:
        ensure_pemda(session, get_pemda("81.04"))
        save_plan(session, buru)
    database.dispose()
    learned, before = buru_suggestions(env, buru.document.key)
    assert learned == ["81.04"]

    links = suggest(env, renja_plan.document.key)["links"]  # Kalimantan Tengah's planners decide
    assert isinstance(links, list)
    best: dict[str, int] = {}
    for link in links:  # best first: each item's first link is its best
        best.setdefault(link["source"]["item"], link["id"])
    rejected = [option for link_id in best.values() for option in ("--reject", str(link_id))]
    accepted = [option for link in links if link["id"] not in best.values() for option in ("--accept", str(link["id"]))]
    code, out = run(env, "review", *rejected, *accepted)
    assert code == 0, out

    assert buru_suggestions(env, buru.document.key) == (["81.04"], before)  # Buru does not see them
    learned, shared = buru_suggestions(env, buru.document.key, "--belajar-dari", "62")
    assert learned == ["81.04", "62"]
    assert shared != before


def test_sharing_needs_a_known_pemda_code(env: dict[str, str], renja_plan: Plan) -> None:
    key = renja_plan.document.key
    code, out = run(env, "suggest", "--document", key, "--framework", "asta-cita", "--belajar-dari", "6x")
    assert code == 2
    assert "kode pemda tidak dikenal: 6x (misalnya 62 atau 81.04)" in out


def test_suggest_against_the_stored_sdgs_scores_as_match_and_evaluate_do(tmp_path: Path, english_renja: Plan) -> None:
    """`suggest --framework sdg` ranks the SDG document `selaras init` stored; `match --targets sdg` and `evaluate`
    rank the bundled targets the SDG decision was fitted on. The same items must get the same scores and the same
    accepted SDGs through both: the stored national targets are described exactly as the bundled ones (their
    descendants used to add every indicator again with its code, and these items' accepted SDGs differed)."""
    env = {"SELARAS_DATA_DIR": str(tmp_path / "data"), "SELARAS_SUGGEST_FLOOR": "0"}
    assert runner.invoke(app, ["init"], env=env).exit_code == 0
    database = open_database(load_settings(env))
    with database.session() as session:
        ensure_pemda(session, get_pemda("62"))
        save_plan(session, english_renja)
        for key, name in NATIONAL_ENRICHMENT.items():  # every national framework with a bundled description
            assert suggestion_targets(load_plan(session, key)) == national_targets(name), name
    database.dispose()

    items = tmp_path / "items.csv"  # the items as `suggest` sees them: text, code and parents
    with items.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(["id", "text", "code", "context"])
        writer.writerows([item.id, item.text, item.code, item.context] for item in source_items(english_renja))
    code, out = run(env, "match", "--targets", "sdg", "--items", str(items), "--top", "17", "--lexical-only", "--json")
    assert code == 0, out
    ranked = {(row["item_id"], s["target_id"]): s for row in json.loads(out) for s in row["suggestions"]}
    accepted = {pair: s["score"] for pair, s in ranked.items() if s["accepted"] and s["score"] >= 0.5}
    assert len({item for item, _ in accepted}) >= 4 and len(accepted) < 17 * len(english_renja.items)

    key = english_renja.document.key
    code, out = run(env, "suggest", "--document", key, "--framework", "sdg", "--top", "17", "--lexical-only", "--json")
    assert code == 0, out
    stored = {(link["source"]["item"], link["target"]["item"]): link["score"] for link in json.loads(out)["links"]}
    assert stored.keys() == accepted.keys()
    assert stored == pytest.approx(accepted, abs=1e-9)
