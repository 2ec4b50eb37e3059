"""The official table shapes planners print: a stored Renja or RKPD as the table of Permendagri 86/2017.

:mod:`~selaras.report.official.table` builds the table (columns, nested rows with subtotals, letterhead,
signature block) from a plan and what the store knows around it; :mod:`~selaras.report.official.load`
gathers that from the database; :mod:`~selaras.report.official.xlsx` and :mod:`~selaras.report.official.pdf`
write it out. The column lists and what they are based on are in :mod:`~selaras.report.official.table`.
"""
