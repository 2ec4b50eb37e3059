"""The built-in rules. Importing a rule family module registers its rules in ``registry``, exactly as an
outside rule module would; this list is the one place that says which families Selaras ships."""

from __future__ import annotations

from selaras.checks.registry import RuleRegistry, registry

__all__ = ["builtin_registry"]


def builtin_registry() -> RuleRegistry:
    """The registry with every built-in rule family loaded."""
    from selaras.checks.rules import (  # noqa: F401  (imported for registration)
        alignment,
        budget,
        consistency,
        efficiency,
        iku,
        monitoring,
        nomenclature,
        performance,
        period,
    )

    return registry
