"""The Selaras workbook: one documented Excel format (or folder of CSV files) holding one planning document.

:mod:`~selaras.workbook.schema` declares it, :mod:`~selaras.workbook.writer` writes templates and exports, and
:mod:`~selaras.workbook.reader` reads it back, reporting every problem with file, sheet, row and column.
"""
