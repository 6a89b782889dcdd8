"""Tiny databases built through the real schema: the tests' one way to make data."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import duckdb

from refresh_core.partnerships import Partnership, ensure_partnership


@dataclass
class Builder:
    """Adds rows for one partnership; ids come back so tests can refer to them."""

    conn: duckdb.DuckDBPyConnection
    partnership: Partnership
    _orgs: dict[str, int] = field(default_factory=dict)

    @classmethod
    def new(cls, conn: duckdb.DuckDBPyConnection, name: str = "Test Partnership") -> Builder:
        return cls(conn, ensure_partnership(conn, name=name))

    @property
    def pid(self) -> int:
        return self.partnership.id

    def _insert(self, sql: str, params: list[object]) -> int:
        row = self.conn.execute(sql + " RETURNING id", params).fetchone()
        assert row is not None
        return int(row[0])

    def org(self, name: str, kind: str = "industry", subtype: str | None = None) -> int:
        kind = "unclassified" if kind == "unknown" else kind  # the kind's name before migration 007
        if name not in self._orgs:
            self._orgs[name] = self._insert(
                "INSERT INTO organisation (partnership_id, name, name_key, kind, public_subtype, kind_source)"
                " VALUES (?, ?, lower(?), ?, ?, 'convener')",
                [self.pid, name, name, kind, subtype],
            )
        return self._orgs[name]

    def person(
        self,
        name: str,
        org: str | None = None,
        *,
        kind: str = "industry",
        level: str = "executive",
        email: str | None = None,
    ) -> int:
        org_id = self.org(org, kind) if org else None
        mail = email if email is not None else name.lower().replace(" ", ".") + "@example.com"
        return self._insert(
            "INSERT INTO person (partnership_id, full_name, name_key, email, level, organisation_id)"
            " VALUES (?, ?, lower(?), ?, ?, ?)",
            [self.pid, name, name, mail, level, org_id],
        )

    def people(
        self, n: int, *, kind: str = "industry", prefix: str = "P", level: str = "executive"
    ) -> list[int]:
        """n people, each from their own organisation of ``kind``."""
        return [
            self.person(f"{prefix}{i} Person", f"{prefix}{i} Org", kind=kind, level=level) for i in range(n)
        ]

    def meeting(
        self, day: dt.date, kind: str = "quarterly", title: str | None = None, team: int | None = None
    ) -> int:
        return self._insert(
            "INSERT INTO meeting (partnership_id, date, title, kind, action_team_id) VALUES (?, ?, ?, ?, ?)",
            [self.pid, day, title or f"{kind} {day}", kind, team],
        )

    def attend(self, meeting: int, people: list[int], role: str = "participant") -> None:
        for person in people:
            self.conn.execute(
                "INSERT INTO attendance (meeting_id, person_id, role) VALUES (?, ?, ?)",
                [meeting, person, role],
            )

    def team(
        self, name: str, chartered: dt.date, *, priority: int | None = None, status: str = "active"
    ) -> int:
        return self._insert(
            "INSERT INTO action_team (partnership_id, name, priority_id, status, chartered_on)"
            " VALUES (?, ?, ?, ?, ?)",
            [self.pid, name, priority, status, chartered],
        )

    def priority(
        self, title: str, identified: dt.date, *, status: str = "active", meeting: int | None = None
    ) -> int:
        return self._insert(
            "INSERT INTO priority (partnership_id, title, status, identified_on, identified_meeting_id)"
            " VALUES (?, ?, ?, ?, ?)",
            [self.pid, title, status, identified, meeting],
        )
