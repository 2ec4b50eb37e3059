"""Bundled reference data (nomenclature, region codes, national frameworks) and their loaders.

Every file in ``data/`` has its origin written in ``data/SOURCE.md``.
"""
