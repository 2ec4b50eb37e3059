"""The rule registry: every rule with its permanent code, name, severity, title and message templates.

Rules register through :meth:`RuleRegistry.register`; the built-in rules do exactly what an outside rule
would (see ``selaras.checks.builtin``). Codes are permanent: a retired rule's code is never reused.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass

from selaras.checks.data import PlanningData
from selaras.checks.findings import Finding, FindingSeverity
from selaras.checks.thresholds import CheckContext
from selaras.i18n import pick

__all__ = ["Rule", "RuleFunction", "RuleRegistry", "registry"]

RuleFunction = Callable[[PlanningData, CheckContext], Iterable[Finding]]


@dataclass(frozen=True, slots=True)
class Rule:
    """A registered rule. ``message`` and ``suggestion`` are (Bahasa Indonesia, English) templates
    filled from a finding's evidence. A part in square brackets is shown only when every value it names is
    there and not empty or zero: ``"… tidak dikenal[, begitu pula {descendants} kode di bawahnya]."`` says
    nothing about descendants a leaf does not have."""

    code: str
    name: str
    severity: FindingSeverity
    title: tuple[str, str]
    message: tuple[str, str]
    suggestion: tuple[str, str]
    family: str
    check: RuleFunction

    @property
    def doc(self) -> str:
        """The rule's docstring: what it flags, why it matters, an example."""
        return inspect.getdoc(self.check) or ""

    def render(self, finding: Finding, lang: str = "id") -> tuple[str, str]:
        """The finding's message and suggestion in ``lang``."""
        values = _Defaults({key: _show(value, lang) for key, value in finding.evidence.items()})
        message, suggestion = (
            _optional(pick(text, lang), finding.evidence) for text in (self.message, self.suggestion)
        )
        return message.format_map(values), suggestion.format_map(values)


class RuleRegistry:
    """All rules by code, in code order: the order ``selaras rules``, docs/rules.md and every check run list them,
    whatever order the rule modules happened to be imported in."""

    def __init__(self) -> None:
        self._rules: dict[str, Rule] = {}

    def register(
        self,
        *,
        code: str,
        name: str,
        severity: FindingSeverity,
        title: tuple[str, str],
        message: tuple[str, str],
        suggestion: tuple[str, str],
    ) -> Callable[[RuleFunction], RuleFunction]:
        """Decorator: ``@registry.register(code="SEL101", name="...", ...)`` above a rule function."""

        def decorate(check: RuleFunction) -> RuleFunction:
            if code in self._rules:
                raise ValueError(f"rule code {code} is already registered")
            if not inspect.getdoc(check):
                raise ValueError(f"rule {code} needs a docstring: what it flags, why it matters, an example")
            family = check.__module__.rsplit(".", 1)[-1]
            self._rules[code] = Rule(code, name, severity, title, message, suggestion, family, check)
            self._rules = dict(sorted(self._rules.items()))  # kept in code order, not sorted on every listing
            return check

        return decorate

    def __iter__(self) -> Iterator[Rule]:
        return iter(self._rules.values())

    def __len__(self) -> int:
        return len(self._rules)

    def get(self, code: str) -> Rule:
        return self._rules[code]

    def select(self, codes: Iterable[str] | None) -> list[Rule]:
        """The rules with these codes (all rules when ``codes`` is None); unknown codes raise KeyError."""
        if codes is None:
            return list(self)
        return [self._rules[code.strip().upper()] for code in codes]


_OPTIONAL = re.compile(r"\[([^\[\]]*)\]")
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def _optional(template: str, evidence: Mapping[str, object]) -> str:
    """``template`` with each ``[part]`` kept (without its brackets) when every placeholder in it has a value
    in ``evidence`` that is not None, empty or zero, and dropped otherwise."""

    def keep(match: re.Match[str]) -> str:
        part = match.group(1)
        present = all(evidence.get(name) not in (None, "", 0) for name in _PLACEHOLDER.findall(part))
        return part if present else ""

    return _OPTIONAL.sub(keep, template)


def _show(value: object, lang: str) -> str:
    """A value of a finding's evidence as the reader of ``lang`` writes numbers (1.234,5 or 1,234.5)."""
    from decimal import Decimal

    from selaras.numbers import format_number

    if isinstance(value, Decimal | float) and not isinstance(value, bool):
        decimals = 0 if value == int(value) else 2
        return format_number(value, decimals=decimals, lang=lang)
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10000:
        return format_number(value, lang=lang)
    return str(value)


class _Defaults(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


registry = RuleRegistry()
