"""From parsed rows to people: who is who within one file, and their organisation reference.

Everything here is column arithmetic over the parsed DataFrame (vectorised, or
mapped once per distinct value); nothing touches the database.
"""

from __future__ import annotations

import re
import string
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from refresh_core.emails import parse_email
from refresh_core.imports.organisations import base_refs, company_domains
from refresh_core.ingest import Format, ParsedFile
from refresh_core.ingest.classify import ROLE_RANK
from refresh_core.ingest.coded import first_rows
from refresh_core.people.keys import name_keys, natural_names, per_unique, tidy_texts
from refresh_core.people.matching import levels, name_from_email

PEOPLE_COLUMNS = ["identity", "full_name", "name_key", "email", "phone", "title", "level", "org_ref"]


def usable_rows(parsed: ParsedFile) -> tuple[pd.DataFrame, list[str]]:
    """The rows that are attendance (Eventbrite: checked-in only), and what was left out."""
    rows = parsed.rows
    if parsed.format != Format.EVENTBRITE:
        return rows, []
    checked = rows["checked_in"].map(lambda v: v is True or v == 1)
    left = int((~checked).sum())
    notes = []
    if left:
        unknown = int(rows["checked_in"].isna().sum())
        why = f" ({unknown} with no check-in status)" if unknown else ""
        were = "registration was" if left == 1 else "registrations were"
        notes.append(
            f"{left} {were} not checked in{why}; only checked-in attendees ({int(checked.sum())}) "
            "count as attendance."
        )
    return rows[checked.to_numpy()], notes


def _ascii_class(excluded: str) -> str:
    """An RE2 class of the printable ASCII characters other than ``excluded`` (and the space)."""
    return "[" + "".join(re.escape(c) for c in string.printable[:94] if c not in excluded) + "]"


# An address exactly as parse_email returns it (what ingest already gives): printable ASCII, lower case,
# the parser's shape, and nothing its edge trimming would take off. Only other cells are parsed again.
_EDGE = "\"'`<>()[]{}.,;:!?"
_LOCAL = string.ascii_uppercase + "@<>(),;:\"'[]"
_BARE = (f"^{_ascii_class(_LOCAL + _EDGE)}{_ascii_class(_LOCAL)}*@{_ascii_class(_LOCAL)}+\\."
         f"{_ascii_class(_LOCAL + '.' + string.digits)}+{_ascii_class(_LOCAL + _EDGE + string.digits)}$")


def _bare(emails: pa.Array) -> pa.Array:
    short = pc.less_equal(pc.utf8_length(emails), 400)
    return pc.and_(short, pc.match_substring_regex(emails, _BARE))


def _emails(values: pd.Series) -> pd.Series:
    """:func:`refresh_core.emails.parse_email` of each cell; bare addresses are recognised in Arrow."""
    return per_unique(values, lambda v: parse_email(str(v)), unchanged=_bare)


PERSON_CELLS = ["name", "email", "organisation", "title", "phone", "affiliation", "public_subtype"]


def keyed_people(rows: pd.DataFrame) -> tuple[pd.DataFrame, pd.Series]:
    """(one row per distinct person-cell combination with clean email, name, name_key, company_domain,
    org_ref and identity; the identity of every row). Work is done on the distinct combinations only."""
    keyed, per_row = keyed_with_rows(rows)
    return keyed, per_row["identity"]


def keyed_with_rows(
    rows: pd.DataFrame, *, finer: np.ndarray | None = None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """As :func:`keyed_people`, with each row's identity and ``row_org``: the organisation that row
    itself names (its organisation column or company email domain; None when it names none).
    ``finer``: the parser's person codes of these rows, if known (see :func:`row_codes`)."""
    codes = person_codes(rows, finer=finer)
    distinct = rows.iloc[first_rows(codes)] if len(rows) else rows
    keyed = _keyed(distinct.reset_index(drop=True))
    identity, identities = pd.factorize(keyed["identity"], use_na_sentinel=True)  # (codes may share one)
    per_row = pd.DataFrame(
        {
            "identity": _coded(np.asarray(identity, dtype=np.int64)[codes], identities),
            "row_org": pd.Series(keyed["row_org"].to_numpy()[codes], index=rows.index, dtype=object),
        },
        index=rows.index,
    )
    return keyed, per_row


def lookup(values: pd.Series, mapping: pd.Series) -> pd.Series:
    """``values.map(mapping)``, looked up once per distinct value (files repeat people and meetings)."""
    codes, uniques = distinct_keys(values)
    found = pd.Series(uniques, dtype=object).map(mapping)
    if isinstance(found.dtype, pd.StringDtype):  # texts are spread as Python objects, one per distinct key
        found = found.astype(object)  # (as pandas' text type, each row's text is copied, twice)
    kind = object if found.dtype == object else None  # (pandas would infer its text type again)
    return pd.Series(found.array.take(codes, allow_fill=True), index=values.index, dtype=kind)


def lookup_coded(values: pd.Series, mapping: pd.Series) -> pd.Series:
    """:func:`lookup` held as codes when ``values`` are (a million attendances naming 20,000 people
    keep 20,000 results, and a later lookup, grouping or missing-check works on the codes)."""
    if not isinstance(values.dtype, pd.CategoricalDtype):
        return lookup(values, mapping)
    codes, uniques = distinct_keys(values)
    found = pd.Series(uniques, dtype=object).map(mapping).astype(object)
    inner, results = pd.factorize(found, use_na_sentinel=True)
    spread = np.append(np.asarray(inner, dtype=np.int64), -1)[codes]  # (a missing key: -1, the last)
    return pd.Series(_coded(spread, results), index=values.index)


def distinct_keys(values: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """(a code per value, -1 where missing; the distinct values as Python objects): the codes of a
    column held as codes (see :func:`attendance_pairs`), else pandas' factorisation."""
    if isinstance(values.dtype, pd.CategoricalDtype):
        return np.asarray(values.cat.codes, dtype=np.int64), np.asarray(values.cat.categories, dtype=object)
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    return np.asarray(codes, dtype=np.int64), np.asarray(uniques, dtype=object)


def attendees(attendance: pd.DataFrame) -> pd.Series:
    """How many distinct people each meeting key (``mkey``) of planned attendance has."""
    meeting, meetings = distinct_keys(attendance["mkey"])
    person, people = distinct_keys(attendance["identity"])
    known = (meeting >= 0) & (person >= 0)
    width = len(people) + 1
    codes = meeting[known] * width + person[known]
    if len(meetings) * width <= 4 * len(codes) + 1024:  # (a flag per possible pair: cheaper than hashing)
        seen = np.bincount(codes, minlength=len(meetings) * width).reshape(len(meetings), width) > 0
        counts = seen.sum(axis=1)
    else:
        counts = np.bincount(pd.unique(codes) // width, minlength=len(meetings))
    present = counts > 0
    return pd.Series(counts[present], index=pd.Index(meetings[present], dtype=object), name="identity")


def person_codes(rows: pd.DataFrame, *, finer: np.ndarray | None = None) -> np.ndarray:
    """One integer per distinct combination of :data:`PERSON_CELLS` (see :func:`row_codes`)."""
    return row_codes(rows, PERSON_CELLS, finer=finer)


def row_codes(rows: pd.DataFrame, columns: list[str], *, finer: np.ndarray | None = None) -> np.ndarray:
    """One integer per distinct combination of ``columns``, numbered in order of first appearance
    (missing cells equal each other): ``groupby(...).ngroup()`` by hashing, column by column
    (mixed-radix numbers, renumbered only when they would overflow).

    ``finer``: integer codes per row that are equal only where these cells are equal (the parser's
    :attr:`ParsedFile.codes`); the cells are then hashed once per distinct code, not once per row: the
    first row of each code, in order of first appearance, gives the same numbering."""
    if finer is not None and len(finer) == len(rows) and len(rows):
        order, _ = pd.factorize(finer)
        first = first_rows(order)  # (increasing: codes in order of appearance)
        return row_codes(rows.iloc[first], columns)[order]
    codes = np.zeros(len(rows), dtype=np.int64)
    span = 1  # every code is below span
    for col in columns:
        part, uniques = pd.factorize(rows[col], use_na_sentinel=False)
        width = len(uniques) + 1
        if span * width >= 2**62:
            codes, seen = pd.factorize(codes)
            span = len(seen)
        codes = codes * width + part
        span *= width
    codes, _ = pd.factorize(codes)
    return np.asarray(codes, dtype=np.int64)


def keyed_rows(rows: pd.DataFrame) -> pd.DataFrame:
    """Every row with the columns of :func:`keyed_people` (and its ``line``), aligned to ``rows``."""
    keyed, _ = keyed_people(rows)
    codes = person_codes(rows)
    out = keyed.iloc[codes].set_axis(rows.index)
    return out.assign(line=rows["line"]) if "line" in rows else out


def _keyed(rows: pd.DataFrame) -> pd.DataFrame:
    out = pd.DataFrame(index=rows.index)
    out["email"] = _emails(rows["email"])
    name = tidy_texts(rows["name"])
    fallback = per_unique(out["email"].where(name.isna(), None), lambda e: name_from_email(str(e)))
    out["name"] = name.where(name.notna(), fallback)
    out["name_key"] = name_keys(out["name"])
    for col in ("organisation", "title", "phone", "affiliation", "public_subtype"):
        out[col if col != "organisation" else "org_name"] = tidy_texts(rows[col])
    out["company_domain"] = company_domains(out["email"])
    out["base_ref"] = base_refs(out["org_name"], out["company_domain"])
    out["identity"] = _identities(out) if out["email"].isna().any() else out["email"]
    out["org_ref"] = out["base_ref"]
    if out["affiliation"].notna().any():
        with_affiliation = out.groupby("identity")["affiliation"].transform("first")
        person_ref = ("person:" + out["identity"]).where(with_affiliation.notna(), None)
        out["org_ref"] = out["base_ref"].where(out["base_ref"].notna(), person_ref)
    out["row_org"] = out["org_ref"]
    return out


def _identities(out: pd.DataFrame) -> pd.Series:
    """Email when given; else the email identity with the same name (and organisation) in the file
    when there is exactly one; else name + organisation."""
    own = ("name:" + out["name_key"].fillna("") + "|" + out["base_ref"].fillna("")).astype(object)
    identity = out["email"].where(out["email"].notna(), own)
    mailed = out[out["email"].notna()].drop_duplicates(["email"])
    bare = out["email"].isna()
    for keys, scope in (
        (["name_key", "base_ref"], bare & out["base_ref"].notna()),
        (["name_key"], bare & out["base_ref"].isna()),
    ):
        candidates = mailed.dropna(subset=keys).groupby(keys)["email"].agg(["first", "count"])
        unique = candidates.loc[candidates["count"] == 1, "first"]
        index = pd.MultiIndex.from_frame(out[keys]) if len(keys) > 1 else out[keys[0]]
        found = pd.Series(unique.reindex(index).to_numpy(), index=out.index)
        identity = identity.where(~(scope & found.notna()), found)
    return identity


def people_of(rows: pd.DataFrame) -> pd.DataFrame:
    """One row per person in the file (first non-empty value of each column)."""
    if rows.empty:
        return pd.DataFrame(columns=PEOPLE_COLUMNS)
    grouped = rows.groupby("identity", sort=False)
    people = grouped[["name", "name_key", "email", "phone", "title", "org_ref"]].first()
    people = people.rename(columns={"name": "full_name"}).rename_axis("identity").reset_index()
    people["full_name"] = natural_names(people["full_name"])  # ('Chen, Wei' is Wei Chen)
    people["level"] = levels(people["title"])
    return people[PEOPLE_COLUMNS]


def attendance_pairs(
    identity: pd.Series, parsed_rows: pd.DataFrame, meeting_of_row: pd.Series
) -> pd.DataFrame:
    """One row per (meeting, person): highest role (host > participant > observer), most minutes; in
    order of each pair's first row. Grouped on integer codes (strings are hashed once per column; a
    column held as codes brings its own), and not grouped at all when no pair repeats (the usual file,
    whose repeated rows the parser has already collapsed)."""
    meeting, meetings_seen = distinct_keys(meeting_of_row)
    person, people_seen = distinct_keys(identity)
    rows = np.flatnonzero((meeting >= 0) & (person >= 0))
    width = len(people_seen) + 1
    codes = meeting[rows] * width + person[rows]
    repeats = True
    if len(meetings_seen) * width <= 4 * len(codes) + 1024:  # (a count per possible pair: no hashing)
        repeats = bool(len(codes)) and int(np.bincount(codes, minlength=1).max()) > 1
    pair = pd.factorize(codes)[0] if repeats else np.arange(len(codes))
    role, roles = _factorized(parsed_rows["role"])
    role_rank = np.append(pd.Series(roles).map(ROLE_RANK).fillna(1).to_numpy(dtype=np.int64), 1)[role]
    stay, stays = _factorized(parsed_rows["minutes"])
    numbers = pd.to_numeric(pd.Series(np.asarray(stays, dtype=object), dtype=object), errors="coerce")
    minutes = np.append(numbers.to_numpy(dtype=np.float64), np.nan)[stay][rows]
    rank = role_rank[rows]
    if len(pair) and pair.max() + 1 < len(pair):  # a pair on several rows: its most of each
        grouped = pd.DataFrame({"pair": pair, "rank": rank, "minutes": minutes}).groupby("pair").max()
        rank, minutes = grouped["rank"].to_numpy(), grouped["minutes"].to_numpy()
        first = rows[first_rows(pair)]
    else:  # (factorize numbers pairs in order of first appearance: here, row order)
        first = rows
    names = np.array(sorted(ROLE_RANK, key=ROLE_RANK.__getitem__), dtype=object)  # (by rank: 0, 1, 2)
    return pd.DataFrame({"mkey": _compact(meeting[first], meetings_seen),
                         "identity": _compact(person[first], people_seen),
                         "minutes": pd.Series(minutes).round().astype("Int64").array,
                         "role": _coded(np.asarray(rank, dtype=np.int64), names)})  # fmt: skip


def _factorized(column: pd.Series) -> tuple[np.ndarray, Any]:
    """``pd.factorize`` of a column, without hashing a column that is all empty (a file with no role or
    minutes column: a million empty cells; 0.06 s each to hash)."""
    if column.dtype == object and not column.notna().to_numpy().any():
        return np.full(len(column), -1, dtype=np.intp), np.array([], dtype=object)
    return pd.factorize(column, use_na_sentinel=True)


def _compact(codes: np.ndarray, uniques: Any) -> pd.Categorical:
    """:func:`_coded` of the keys these codes use, numbered in order of first appearance (a column held
    as codes may know keys that none of these rows name)."""
    order, used = pd.factorize(codes)
    return _coded(np.asarray(order, dtype=np.int64), np.asarray(uniques, dtype=object)[used])


def _coded(codes: np.ndarray, uniques: Any) -> pd.Categorical:
    """A column of a million attendances naming 20,000 people as codes and the 20,000 keys (every later
    lookup, grouping and join works per key)."""
    keys = pd.Index(np.asarray(uniques, dtype=object), dtype=object)
    return pd.Categorical.from_codes(codes, categories=keys)
