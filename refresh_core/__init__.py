"""Partnership refresh dashboard: the pure-Python core over DuckDB (no UI code)."""

__version__ = "0.1.0"
