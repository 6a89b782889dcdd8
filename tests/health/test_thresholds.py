"""Thresholds live in one documented file and can be changed without code."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pytest

from refresh_core.enums import SignId, SignStatus
from refresh_core.errors import ValidationError
from refresh_core.health.diagnosis import diagnose
from refresh_core.health.thresholds import load_thresholds, parse_thresholds
from tests.builders import Builder

PACKAGED = Path(__file__).resolve().parents[2] / "refresh_core" / "health" / "thresholds.toml"


def test_every_threshold_is_documented() -> None:
    """Each number in the thresholds file has a comment above its section explaining where it comes from."""
    text = PACKAGED.read_text(encoding="utf-8")
    for section in ("industry_engagement", "same_core_group", "sector_changed", "agenda_stale", "verdict"):
        before = text.split(f"[{section}]")[1].split("[")[0]
        assert "#" in before or "G:" in text.split(f"[{section}]")[0][-400:]
    assert "G = " in text


def test_missing_key_is_named() -> None:
    """A thresholds file with a key removed says which key to add back."""
    text = PACKAGED.read_text(encoding="utf-8").replace("flag_share = 0.75", "")
    with pytest.raises(ValidationError, match="flag_share"):
        parse_thresholds(text)


def test_override_file_changes_the_verdict(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, conn: duckdb.DuckDBPyConnection, build: Builder
) -> None:
    """Pointing REFRESH_THRESHOLDS at an edited copy changes a sign without touching code."""
    day = dt.date(2026, 6, 1)
    industry, public = build.people(6), build.people(5, kind="public_partner", prefix="Q")
    for k in range(2):
        m = build.meeting(day - dt.timedelta(days=90 * (2 - k)))
        build.attend(m, industry + public)  # 6 industry to 5 public: ratio 1.2 -> watch
    sign = diagnose(conn, partnership=build.partnership, as_of=day).sign(SignId.INDUSTRY_ENGAGEMENT_WANING)
    assert sign.status == SignStatus.WATCH
    edited = PACKAGED.read_text(encoding="utf-8").replace("watch_ratio_high = 1.5", "watch_ratio_high = 1.1")
    (tmp_path / "t.toml").write_text(edited, encoding="utf-8")
    monkeypatch.setenv("REFRESH_THRESHOLDS", str(tmp_path / "t.toml"))
    assert load_thresholds().industry_engagement.watch_ratio_high == 1.1
    sign = diagnose(conn, partnership=build.partnership, as_of=day).sign(SignId.INDUSTRY_ENGAGEMENT_WANING)
    assert sign.status == SignStatus.OK
