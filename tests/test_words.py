"""Counted nouns read as a person's words: one place decides "1 meeting" / "2 meetings" /
"1,200 attendance records", and no module grows a pluraliser of its own again."""

from __future__ import annotations

import re

import pytest

from refresh_core.words import count, plural
from tests.conftest import ROOT


@pytest.mark.parametrize(("n", "one", "many", "expected"), [
    (1, "meeting", None, "1 meeting"),
    (0, "meeting", None, "0 meetings"),
    (2, "meeting", None, "2 meetings"),
    (1200, "meeting", None, "1,200 meetings"),
    (1_000_000, "attendance record", None, "1,000,000 attendance records"),
    (1, "new person", "new people", "1 new person"),
    (1200, "new person", "new people", "1,200 new people"),
    (1200, "person", "people", "1,200 people"),
    (1, "prospect is", "prospects are", "1 prospect is"),
    (3, "prospect is", "prospects are", "3 prospects are"),
    (2, "possible match", "possible matches", "2 possible matches"),
    (5, "more priority", "more priorities", "5 more priorities"),
    (999, "day", None, "999 days"),
])
def test_count_says_the_number_and_the_right_word(n: int, one: str, many: str | None, expected: str) -> None:
    """The number, thousands separated, and the singular only for exactly one."""
    assert count(n, one, many) == expected


@pytest.mark.parametrize(("n", "one", "many", "expected"), [
    (1, "line", None, "line"),
    (0, "line", None, "lines"),
    (2, "line", None, "lines"),
    (1, "sign waits", "signs wait", "sign waits"),
    (2, "sign waits", "signs wait", "signs wait"),
    (3, "match", "matches", "matches"),
])
def test_plural_gives_the_word_alone(n: int, one: str, many: str | None, expected: str) -> None:
    """The word for a sentence that places the number itself; an irregular plural is taken as given."""
    assert plural(n, one, many) == expected


def test_no_module_keeps_a_pluraliser_of_its_own() -> None:
    """The ten copies of "n one-if-1-else-many" are gone: the product's code defines none besides
    refresh_core/words.py (a sentence of its own still may pick a word inline)."""
    helper = re.compile(r"^def _?(plural|count|counted)\(\s*\w+: int, one: str", re.M)
    sources = [*ROOT.glob("refresh_core/**/*.py"), *ROOT.glob("ui/*.py"), *ROOT.glob("pages/*.py"),
               ROOT / "streamlit_app.py"]
    found = [str(p.relative_to(ROOT)) for p in sources if helper.search(p.read_text(encoding="utf-8"))]
    assert found == ["refresh_core/words.py"]
