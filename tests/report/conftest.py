"""Report fixtures live in report_world.py (importable by name from the tests); this file only makes pytest see them."""

from report_world import small

__all__ = ["small"]
