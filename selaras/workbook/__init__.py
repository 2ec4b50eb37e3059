"""The Selaras workbook: one documented Excel format (or folder of CSV files) holding one planning document.

:mod:`~selaras.workbook.schema` declares it and :mod:`~selaras.workbook.writer` writes templates and exports.
Reading it back is an import like any other, so the reader lives with the importers
(:mod:`selaras.ingest.selaras_workbook`); this package imports nothing from :mod:`selaras.ingest`.
"""
