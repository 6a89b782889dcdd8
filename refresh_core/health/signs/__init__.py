"""The four signs that a partnership needs a refresh, one module each, and what they share.

Each sign function takes data already aggregated by :mod:`refresh_core.health.attendance`
(or queries the little it needs) and returns a :class:`~refresh_core.health.signs.common.Sign`.
:mod:`refresh_core.health.diagnosis` combines them into the verdict.
"""
