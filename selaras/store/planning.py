"""Loading everything the checks look at for one province: its pemda, PD, plans and links, the realisasi of
its Renja (for the monitoring rules), plus the national frameworks they link to."""

from __future__ import annotations

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from selaras.checks.monitoring import MonitoringData
from selaras.reference.wilayah import PUSAT
from selaras.store.plans import link_from_row, load_plans
from selaras.store.realisasi import load_realisasi
from selaras.store.tables import DocumentRow, LinkRow, PemdaRow
from selaras.store.tenants import list_perangkat_daerah, pemda_from_row

__all__ = ["load_planning_data"]


def load_planning_data(session: Session, pemda: str) -> MonitoringData:
    """The pemda with its kab/kota (for a province), their PD, plans and realisasi, and the national framework
    plans.

    Links stored without a loaded source plan (e.g. from documents of other provinces) come as extra links.
    """
    family_rows = session.scalars(
        select(PemdaRow).where(or_(PemdaRow.kode == pemda, PemdaRow.parent == pemda)).order_by(PemdaRow.kode)
    ).all()
    family = [pemda_from_row(row) for row in family_rows]
    codes = [government.kode for government in family]
    agencies = [agency for code in codes for agency in list_perangkat_daerah(session, code)]
    chosen = DocumentRow.pemda.in_([*codes, PUSAT.kode])
    plans = load_plans(session, chosen)
    loaded = select(DocumentRow.key).where(chosen)
    extra_query = select(LinkRow).where(LinkRow.pemda.in_(codes), LinkRow.source_document.not_in(loaded))
    extra = [link_from_row(row) for row in session.scalars(extra_query.order_by(LinkRow.id))]
    national = [PUSAT] if any(plan.document.pemda == PUSAT.kode for plan in plans) else []
    realisasi = load_realisasi(session, codes)
    return MonitoringData([*national, *family], agencies, plans, extra, realisasi=realisasi)
