"""Types between the two stores: PostgreSQL result columns as Arrow types (so ``df()`` gives the dtypes
DuckDB would), and a frame's columns as PostgreSQL types (for the TEMP table a lent frame becomes)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
import pyarrow as pa

if TYPE_CHECKING:  # annotations only: the driver loads with the first PostgreSQL connection
    import psycopg

ARROW = {"int2": pa.int16(), "int4": pa.int32(), "int8": pa.int64(), "float4": pa.float64(),
         "float8": pa.float64(), "numeric": pa.float64(), "bool": pa.bool_(), "text": pa.string(),
         "varchar": pa.string(), "bpchar": pa.string(), "date": pa.date32(), "time": pa.time64("us"),
         "timestamp": pa.timestamp("us"), "timestamptz": pa.timestamp("us", tz="UTC"),
         "_int4": pa.list_(pa.int32()), "_int8": pa.list_(pa.int64()), "_text": pa.list_(pa.string())}



def type_name(conn: psycopg.Connection[Any], oid: int) -> str:
    """The PostgreSQL type name of a result column (arrays as ``_name``), text when unknown."""
    info = conn.adapters.types.get(oid)
    if info is None:
        return "text"
    return f"_{info.name}" if info.array_oid == oid else info.name


def arrow_value(value: object, kind: pa.DataType) -> object:
    """A value as its Arrow column takes it (text columns take text)."""
    if value is not None and pa.types.is_string(kind) and not isinstance(value, str):
        return str(value)
    return value


def pg_type(column: pd.Series) -> str:
    """The PostgreSQL type for a frame's column (object columns by their first value)."""
    dtype = column.dtype
    if pd.api.types.is_bool_dtype(dtype):
        return "BOOLEAN"
    if pd.api.types.is_integer_dtype(dtype):
        return "BIGINT"
    if pd.api.types.is_float_dtype(dtype):
        return "DOUBLE PRECISION"
    if pd.api.types.is_datetime64_any_dtype(dtype):
        return "TIMESTAMP"
    sample = next(iter(column.dropna()), None)
    return _value_type(sample) if sample is not None else _empty_type(str(column.name))


def _empty_type(name: str) -> str:
    """A column with no value to judge by (an empty edit, say): typed by its name, as the core names
    columns (``*_ids`` id lists, ``*_id`` ids, ``date``/``*_on`` dates, ``*_at`` times), else text."""
    if name.endswith("_ids"):
        return "BIGINT[]"
    if name == "id" or name.endswith("_id") or name in ("minutes", "position", "votes", "responses"):
        return "BIGINT"
    if name == "date" or name.endswith(("_on", "_date")):
        return "DATE"
    if name.endswith("_at"):
        return "TIMESTAMP"
    return "TEXT"


def _value_type(sample: object) -> str:
    if isinstance(sample, bool):
        return "BOOLEAN"
    if isinstance(sample, int) or (hasattr(sample, "dtype") and "int" in str(getattr(sample, "dtype", ""))):
        return "BIGINT"
    if isinstance(sample, float):
        return "DOUBLE PRECISION"
    if isinstance(sample, dt.datetime):
        return "TIMESTAMP"
    if isinstance(sample, dt.date):
        return "DATE"
    if isinstance(sample, dt.time):
        return "TIME"
    if isinstance(sample, (list, tuple, np.ndarray)):
        return f"{_value_type(sample[0]) if len(sample) else 'BIGINT'}[]"
    return "TEXT"
