"""One module per group of report sections; each builds :class:`~selaras.report.model.Section` objects."""
