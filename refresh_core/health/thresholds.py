"""The diagnostics' thresholds, read from ``thresholds.toml`` (documented there).

Spans are in months, turned into a number of regular meetings by the
partnership's cadence (:func:`meetings_in`), so a monthly partnership is judged
on the same span of time as a quarterly one.

``REFRESH_THRESHOLDS`` may name another TOML file with the same keys.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from refresh_core.errors import ValidationError


@dataclass(frozen=True)
class IndustryEngagement:
    watch_ratio_low: float
    watch_ratio_high: float
    window_months: int
    flag_share: float
    watch_share: float
    team_activity_days: int
    min_meetings: int


@dataclass(frozen=True)
class SameCoreGroup:
    window_months: int
    watch_new_share: float
    core_size: int


@dataclass(frozen=True)
class SectorChanged:
    stale_months: int


@dataclass(frozen=True)
class AgendaStale:
    recent_months: int
    activity_days: int
    new_priority_months: int


@dataclass(frozen=True)
class Verdict:
    watch_signs_for_refresh: int


@dataclass(frozen=True)
class Thresholds:
    industry_engagement: IndustryEngagement
    same_core_group: SameCoreGroup
    sector_changed: SectorChanged
    agenda_stale: AgendaStale
    verdict: Verdict


_SECTIONS: dict[str, type] = {
    "industry_engagement": IndustryEngagement,
    "same_core_group": SameCoreGroup,
    "sector_changed": SectorChanged,
    "agenda_stale": AgendaStale,
    "verdict": Verdict,
}


def parse_thresholds(text: str, *, source: str = "thresholds.toml") -> Thresholds:
    """Build :class:`Thresholds` from TOML text, naming any missing or wrong key."""
    try:
        raw: dict[str, Any] = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ValidationError(f"{source} is not valid TOML: {exc}. Fix the file.") from exc
    built: dict[str, Any] = {}
    for section, cls in _SECTIONS.items():
        values = raw.get(section)
        if not isinstance(values, dict):
            raise ValidationError(f"{source} has no [{section}] section. Add it back.")
        kwargs = {}
        for name, ftype in cls.__annotations__.items():
            if name not in values:
                raise ValidationError(f"{source}: [{section}] is missing {name}. Add it back.")
            value = values[name]
            wanted = float if ftype == "float" else int
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise ValidationError(f"{source}: [{section}] {name} must be a number.")
            kwargs[name] = wanted(value)
        built[section] = cls(**kwargs)
    return Thresholds(**built)


def load_thresholds() -> Thresholds:
    """The thresholds in force: ``$REFRESH_THRESHOLDS`` or the packaged file.

    Re-read only when the file (or the variable) changes.
    """
    override = os.environ.get("REFRESH_THRESHOLDS")
    path = (
        Path(override) if override
        else Path(str(resources.files("refresh_core.health").joinpath("thresholds.toml")))
    )
    try:
        stamp = path.stat().st_mtime_ns
    except OSError as exc:
        raise ValidationError(
            f"Cannot read the thresholds file {path}: {exc.strerror}. "
            "Fix REFRESH_THRESHOLDS or restore the file."
        ) from exc
    return _load(str(path), stamp)


@lru_cache(maxsize=8)
def _load(path: str, stamp: int) -> Thresholds:
    return parse_thresholds(Path(path).read_text(encoding="utf-8"), source=path)


def meetings_in(months: int, cadence: str) -> int:
    """How many regular meetings a partnership with this cadence holds in ``months`` (at least 1)."""
    every = {"monthly": 1, "bimonthly": 2}.get(cadence, 3)
    return max(1, round(months / every))
