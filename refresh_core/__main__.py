"""``python -m refresh_core``: see :mod:`refresh_core.cli`."""

from refresh_core.cli import main

raise SystemExit(main())
