"""Importers: one reader per input format, all reporting ImportProblems."""
