"""An import's attendance: one row per meeting and person, with the highest role and the most minutes,
grouped on integer codes; it equals pandas' own grouping of the same rows."""

from __future__ import annotations

import duckdb
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from refresh_core.imports.rows import attendance_pairs as attendance
from refresh_core.ingest.classify import ROLE_RANK
from tests.importing import count, load, sheet

ROW = st.tuples(
    st.sampled_from(["m1", "m2", None]),
    st.sampled_from(["ana@x.org", "name:ben|", "cy@y.org", None]),
    st.sampled_from(["host", "participant", "observer", None, "cohost"]),
    st.sampled_from([None, "12", "30.4", "abc", 7, 45.6]),
)


def _reference(identity: pd.Series, rows: pd.DataFrame, meeting_of_row: pd.Series) -> pd.DataFrame:
    """pandas' groupby, as the import did before it grouped on codes."""
    frame = pd.DataFrame({"mkey": meeting_of_row, "identity": identity,
                          "rank": rows["role"].map(ROLE_RANK).fillna(1).astype(int),
                          "minutes": pd.to_numeric(rows["minutes"], errors="coerce")})  # fmt: skip
    grouped = frame.groupby(["mkey", "identity"], sort=False).agg(rank=("rank", "max"),
                                                                  minutes=("minutes", "max")).reset_index()
    grouped["role"] = grouped["rank"].map({v: k for k, v in ROLE_RANK.items()})
    grouped["minutes"] = grouped["minutes"].round().astype("Int64")
    return grouped.drop(columns="rank")


@settings(max_examples=200, deadline=None)
@given(st.lists(ROW, max_size=30))
def test_attendance_equals_pandas_grouping(cells: list[tuple[object, ...]]) -> None:
    """Same pairs in the same order, same roles and minutes; rows without a meeting or person dropped."""
    frame = pd.DataFrame(cells, columns=["mkey", "identity", "role", "minutes"], dtype=object)
    rows = frame[["role", "minutes"]]
    got = attendance(frame["identity"], rows, frame["mkey"])
    want = _reference(frame["identity"], rows, frame["mkey"])
    text = {"mkey": object, "identity": object, "role": object}  # (compared as Python strings: the keys are
    # held as codes, the roles as the three role names)
    pd.testing.assert_frame_equal(got.astype(text), want.astype(text), check_index_type=False)


# Many people (more possible pairs than a count per pair is worth: pairs are hashed), and files with no
# role or minutes column (every cell empty: not hashed at all).
WIDE_ROW = st.tuples(
    st.sampled_from(["m1", "m2", "m3", None]),
    st.one_of(st.none(), st.integers(0, 599).map(lambda i: f"p{i}@x.org")),
    st.sampled_from(["host", "participant", None]),
    st.sampled_from([None, "12", 30]),
)
EMPTY_ROW = st.tuples(st.sampled_from(["m1", "m2"]), st.sampled_from(["ana@x.org", "cy@y.org"]), st.none(),
                      st.none())  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.lists(WIDE_ROW, max_size=30), st.lists(EMPTY_ROW, max_size=30)))
def test_many_people_and_empty_columns_equal_pandas_grouping(cells: list[tuple[object, ...]]) -> None:
    """The other ways of finding repeated pairs (hashing them when there are too many possible pairs to
    count: people held as codes of 600 keys; no hashing of an all-empty role or minutes column) give
    pandas' grouping too."""
    frame = pd.DataFrame(cells, columns=["mkey", "identity", "role", "minutes"], dtype=object)
    rows = frame[["role", "minutes"]]
    person = pd.Series(pd.Categorical(frame["identity"], categories=[f"p{i}@x.org" for i in range(600)]
                                      + ["ana@x.org", "cy@y.org"]))  # fmt: skip
    got = attendance(person, rows, frame["mkey"])
    want = _reference(frame["identity"], rows, frame["mkey"])
    text = {"mkey": object, "identity": object, "role": object}
    pd.testing.assert_frame_equal(got.astype(text), want.astype(text), check_index_type=False)


@settings(max_examples=200, deadline=None)
@given(st.lists(ROW, max_size=30))
def test_keys_held_as_codes_give_the_same_attendance(cells: list[tuple[object, ...]]) -> None:
    """Meeting and person keys held as codes (as the import holds them), whose key lists also know keys
    no row names, give the same attendance, naming only the keys the rows use."""
    frame = pd.DataFrame(cells, columns=["mkey", "identity", "role", "minutes"], dtype=object)
    rows = frame[["role", "minutes"]]
    meeting = pd.Series(pd.Categorical(frame["mkey"], categories=["unused", "m2", "m1"]))
    person = pd.Series(pd.Categorical(frame["identity"], categories=["nobody", "cy@y.org", "name:ben|",
                                                                       "ana@x.org"]))  # fmt: skip
    got = attendance(person, rows, meeting)
    want = attendance(frame["identity"], rows, frame["mkey"])
    text = {"mkey": object, "identity": object}
    pd.testing.assert_frame_equal(got.astype(text), want.astype(text))
    assert not {"unused", "nobody"} & {*got["mkey"].cat.categories, *got["identity"].cat.categories}


def test_a_host_who_also_signed_in_counts_once_as_host_with_the_longest_stay() -> None:
    """Two rows for the same person at one meeting give one attendance: host, 40 minutes."""
    frame = pd.DataFrame({"role": ["participant", "host"], "minutes": ["12", "40"]}, dtype=object)
    got = attendance(pd.Series(["ana@x.org"] * 2), frame, pd.Series(["m1"] * 2))
    assert got[["identity", "role"]].values.tolist() == [["ana@x.org", "host"]]
    assert int(got["minutes"].iloc[0]) == 40


def test_one_recorded_person_signing_in_under_two_addresses_is_one_attendance(
    conn: duckdb.DuckDBPyConnection,
) -> None:
    """Ann is recorded with her work address; a later sheet has her twice at one meeting, once with that
    address and once with a personal one (same name, same organisation). Both rows are Ann: the meeting
    gains one attendance, not two, and the import goes through. (The write skips sorting out repeated
    pairs only when no two of the file's people are one recorded person: here they are.)"""
    load(conn, sheet([("Ann Lee", "ann@acme.com", "Acme", "2026-03-12", "Quarterly meeting")]), "a.csv")
    result = load(conn, sheet([("Ann Lee", "ann@acme.com", "Acme", "2026-04-12", "Quarterly meeting"),
                               ("Ann Lee", "ann.lee@gmail.com", "Acme", "2026-04-12", "Quarterly meeting")]),
                  "b.csv")  # fmt: skip
    assert (result.attendance_added, result.people_added) == (1, 0)
    assert count(conn, "SELECT count(*) FROM attendance") == 2
    assert count(conn, "SELECT count(*) FROM person") == 1
