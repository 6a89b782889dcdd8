"""Partnership refresh dashboard: the pure-Python core over DuckDB (no UI code).

:func:`deferred` is the core's one lazy import (the project has no function-level imports): a
module bound with it is imported on the first use of one of its names, so the command line loads
only what the command being run uses, and a DuckDB process never loads the PostgreSQL driver.
"""

from __future__ import annotations

import importlib
import types
from typing import Any

__version__ = "0.1.0"


class Deferred(types.ModuleType):
    """A stand-in for a module, imported on the first use of any of its names (then a dict lookup).

    Bind a module like this, so mypy still checks every use against the real module::

        if TYPE_CHECKING:
            from refresh_core.hosting import demo
        else:
            demo = deferred("refresh_core.hosting.demo")

    Use it only for a module whose names are read inside functions: a name read at import time
    (a base class, a decorator, a default value) loads the module then, which defeats the purpose.
    """

    def __getattr__(self, attr: str) -> Any:
        return getattr(importlib.import_module(self.__name__), attr)


def deferred(name: str) -> types.ModuleType:
    """The module ``name`` (dotted, absolute), imported when one of its names is first used."""
    return Deferred(name)
