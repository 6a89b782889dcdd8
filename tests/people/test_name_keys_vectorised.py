"""The column version of the name key (Arrow's RE2 over distinct values) gives exactly what the
one-name version gives, for the names people type and for adversarial text."""

from __future__ import annotations

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from refresh_core.people.keys import name_key, name_keys

AWKWARD = [
    "Dr. Amy Chen, PhD", "Chen, Amy", "Amy Chen, Jr.", "Søren Ødegård", "José  Núñez", "Núñez, José",
    "O'Brien, Mary-Kate", "Ms Lee", "M Lee", "Prof. Dr. Hans Müller III", "Mr. Jr", "a,b,c", ", x",
    "x ,", "Amy\tChen", "Amy\x1cChen, jr", "line\nbreak, x", "Dr.", "", " ", "李小龍", "Zoë, Dr.",
    "ANA   LOPEZ-12", "chen , amy , phd", "St. John Smith", "Sir Elton John", "The Rev. Al Green Sr",
    "jane.doe@x.org", "(Guest) Bob", "Ph.D, Ann", "Ann Lee, M.D.", "Ann Lee,  pmp ", "Ann Lee ii iii",
]  # fmt: skip
NAME_PARTS = st.sampled_from(
    ["dr", "Dr.", "ms", "m", "Amy", "chen", "jr", "Jr.", "phd", "Ph.D", "ii", ",", ", ", ".", "'", "-",
     " ", "  ", "\t", "\n", "\x1c", "Ø", "é", "ß", "İ", "ﬁ", "’", "`", "&", "_", "shrm cp", "sr", "iv"]
)  # fmt: skip


def test_awkward_names_match_the_one_name_version() -> None:
    """Honorifics, suffixes, 'Last, First', accents, other scripts and odd spaces: the same keys."""
    got = name_keys(pd.Series(AWKWARD, dtype=object)).tolist()
    assert got == [name_key(v) for v in AWKWARD]
    assert got[0] == "amy chen" and got[1] == "amy chen" and got[3] == "soren odegard"


def test_missing_names_have_no_key() -> None:
    """A blank cell (None or NaN) gets no key; repeated names get the same key."""
    got = name_keys(pd.Series(["Amy Chen", None, float("nan"), "amy  chen"], dtype=object)).tolist()
    assert got == ["amy chen", None, None, "amy chen"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.lists(NAME_PARTS, max_size=8).map("".join), st.text(max_size=12)), max_size=20))
def test_any_text_gets_the_one_name_key(values: list[str]) -> None:
    """For any text (built from the tricky pieces, or arbitrary), the column key is the single key."""
    assert name_keys(pd.Series(values, dtype=object)).tolist() == [name_key(v) for v in values]
