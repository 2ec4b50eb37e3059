"""Everything an official table needs from the database around one stored Renja or RKPD.

Besides the plan: the pemda's name and tier, the PD names (the Renja's letterhead, the RKPD's responsible
PD), the planning agency whose head signs the RKPD, the nomenclature names of the heading rows, the regional
priorities the RKPD's items are linked to, and year n+1 from each PD's Renstra — the planners' own source for
*prakiraan maju* when the annual document does not plan the following year.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from selaras.domain import DocumentKind, Item, ItemLevel, LinkStatus, PerangkatDaerah, Plan
from selaras.domain.codes import CodeLevel, parse_code
from selaras.errors import NotFound
from selaras.reference.nomenclature import Nomenclature
from selaras.report.format import day
from selaras.report.official.table import OfficialTable, Surroundings, TableKind, build_official_table, table_kind
from selaras.store.plans import load_plan, load_plans
from selaras.store.tables import DocumentRow, ItemRow, PemdaRow
from selaras.store.tenants import list_perangkat_daerah, pemda_from_row

__all__ = ["document_table_kind", "load_official_table"]

PLANNING_BIDANG = "5.01"
"""Bidang urusan *perencanaan*: the PD that carries it is the pemda's Bappeda / Bapperida."""
_HEADING_LEVELS = (CodeLevel.URUSAN, CodeLevel.BIDANG_URUSAN, CodeLevel.PROGRAM, CodeLevel.KEGIATAN)
_RENSTRA_PREFERENCE = ("perubahan", "final")
"""Of several Renstra versions covering year n+1, the amended one wins, then the final one."""


def _code_names(plan: Plan, nomenclature: Nomenclature, jenis: str) -> dict[str, str]:
    """Names of every urusan, bidang, program and kegiatan code above the plan's items, from the list in force
    for the pemda's tier (program penunjang is named for provinsi or kabupaten/kota)."""
    in_force = nomenclature.in_force(plan.document.period.start)
    names: dict[str, str] = {}
    for item in plan.items:
        try:
            code = parse_code(item.code) if item.code else None
        except ValueError:
            continue
        if code is None:
            continue
        for level in _HEADING_LEVELS[: list(CodeLevel).index(code.level)]:
            prefix = code.prefix(level).text
            if prefix not in names:
                entry = in_force.lookup(prefix, jenis) or in_force.lookup(prefix)
                if entry is not None:
                    names[prefix] = entry.name
    return names


def _prioritas(session: Session, plan: Plan) -> dict[str, tuple[str, ...]]:
    """Item key → the RPJMD priorities (``P1 Peningkatan …``) its accepted links point at."""
    links = [link for link in plan.links if link.status is LinkStatus.ACCEPTED]
    if not links:
        return {}
    query = (
        select(DocumentRow.key, ItemRow.key, ItemRow.text)
        .join(ItemRow, ItemRow.document_id == DocumentRow.id)
        .where(
            DocumentRow.key.in_({link.target.document for link in links}),
            DocumentRow.kind == DocumentKind.RPJMD.value,
            ItemRow.level == ItemLevel.PRIORITAS.value,
        )
    )
    texts = {(document, key): f"{key} {text}" for document, key, text in session.execute(query)}
    found: dict[str, tuple[str, ...]] = {}
    for link in links:
        text = texts.get((link.target.document, link.target.item))
        if text is not None and text not in found.get(link.source.item, ()):
            found[link.source.item] = (*found.get(link.source.item, ()), text)
    return found


def _renstra_for(session: Session, pemda: str, pd: str, year: int) -> str | None:
    """Key of the PD's Renstra whose period covers ``year``, amended version first."""
    keys = session.scalars(
        select(DocumentRow.key).where(
            DocumentRow.pemda == pemda,
            DocumentRow.kind == DocumentKind.RENSTRA.value,
            DocumentRow.pd == pd,
            DocumentRow.period_start <= year,
            DocumentRow.period_end >= year,
        )
    ).all()

    def preference(key: str) -> tuple[int, str]:
        version = key.rsplit("/", 1)[-1]
        rank = _RENSTRA_PREFERENCE.index(version) if version in _RENSTRA_PREFERENCE else len(_RENSTRA_PREFERENCE)
        return rank, key

    return min(keys, key=preference, default=None)


def _forward(
    session: Session, plan: Plan, agencies: list[PerangkatDaerah]
) -> tuple[dict[tuple[str, str], Item], tuple[str, ...]]:
    """(PD as the plan writes it, code) → the item of the PD's Renstra covering year n+1, and those Renstra.

    An RKPD read from a pemda-wide table names its PD by name or abbreviation rather than code; any of the
    three finds the PD."""
    pemda, year = plan.document.pemda, plan.document.period.start + 1
    known = {name.casefold(): agency for agency in agencies for name in (agency.kode, agency.nama, agency.singkatan)}
    written = {item.pd or plan.document.pd or "" for item in _program_part(plan.items)}
    renstra: dict[str, str] = {}
    for pd in sorted(written - {""}):
        agency = known.get(pd.strip().casefold())
        key = _renstra_for(session, pemda, agency.kode, year) if agency else None
        if key is not None:
            renstra[pd] = key
    if not renstra:
        return {}, ()
    plans = {loaded.document.key: loaded for loaded in load_plans(session, DocumentRow.key.in_(renstra.values()))}
    forward = {
        (pd, item.code): item
        for pd, key in renstra.items()
        for item in _program_part(plans[key].items)
        if item.code and not item.unit
    }
    return forward, tuple(sorted(set(renstra.values())))


def _program_part(items: Iterable[Item]) -> Iterable[Item]:
    return (item for item in items if item.level.is_program_part)


def document_table_kind(session: Session, key: str) -> TableKind | None:
    """Which official table stored document ``key`` prints as (None: none); :class:`NotFound` if not stored."""
    kind = session.scalar(select(DocumentRow.kind).where(DocumentRow.key == key))
    if kind is None:
        raise NotFound(f"dokumen '{key}' tidak ada di basis data")
    return table_kind(DocumentKind(kind))


def load_official_table(
    session: Session, key: str, *, nomenclature: Nomenclature, place: str = "", when: str | None = None
) -> OfficialTable:
    """The official table of stored document ``key`` (a Renja or an RKPD); ``when`` is the date printed above
    the signature, today in Indonesian when None."""
    plan = load_plan(session, key)
    pemda_row = session.get(PemdaRow, plan.document.pemda)
    if pemda_row is None:
        raise NotFound(f"pemda '{plan.document.pemda}' tidak ada di basis data")
    pemda = pemda_from_row(pemda_row)
    agencies = list_perangkat_daerah(session, pemda.kode)
    planning = next((agency.nama for agency in agencies if PLANNING_BIDANG in agency.bidang_urusan), "")
    forward, sources = _forward(session, plan, agencies)
    around = Surroundings(
        pemda_name=pemda.nama,
        pemda_level=pemda.level,
        code_names=_code_names(plan, nomenclature, pemda.nomenclature_level),
        pd_names={agency.kode: agency.nama for agency in agencies},
        planning_agency=planning,
        prioritas=_prioritas(session, plan) if plan.document.kind is DocumentKind.RKPD else {},
        forward=forward,
        forward_sources=sources,
        place=place,
        date=day(date.today()) if when is None else when,
    )
    return build_official_table(plan, around)
