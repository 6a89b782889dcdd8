"""Time a page's server-side run with Streamlit's AppTest, as the real server would run it.

AppTest scans every installed package for custom components on *each* run; the real
server does that once at start-up. ``page_run_ms`` therefore scans once, then reports
the median of the page runs alone (and the median with the per-run scan, for reference).
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from streamlit.components.v2.component_manager import BidiComponentManager
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent


def _run(page: str, state: Mapping[str, Any]) -> float:
    at = AppTest.from_file(str(ROOT / page), default_timeout=120)
    for key, value in state.items():
        at.session_state[key] = value
    start = time.perf_counter()
    at.run()
    elapsed = (time.perf_counter() - start) * 1000
    if at.exception:
        raise RuntimeError(f"{page} raised: {at.exception[0].message}")
    return elapsed


def page_run_ms(page: str, state: Mapping[str, Any], *, runs: int = 11) -> tuple[float, float]:
    """(median page run without the per-run component scan, median with it), in ms."""
    with_scan = statistics.median(_run(page, state) for _ in range(max(3, runs // 3)))
    original = BidiComponentManager.discover_and_register_components
    BidiComponentManager.discover_and_register_components = lambda self, **kw: None  # type: ignore[method-assign]
    try:
        _run(page, state)  # warm-up
        alone = statistics.median(_run(page, state) for _ in range(runs))
    finally:
        BidiComponentManager.discover_and_register_components = original  # type: ignore[method-assign]
    return alone, with_scan
