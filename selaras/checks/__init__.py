"""Checks: plain rule functions, registered in one registry, each yielding findings.

Rules read a :class:`PlanningData` (everything loaded for a pemda) and never touch the database or the web.
"""
