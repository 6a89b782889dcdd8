"""Matching keys for names, organisations and meeting titles.

Every key transliterates to ASCII (``anyascii``: "Søren Ødegård" = "Soren
Odegard"), folds case and collapses spacing and punctuation, so "José  Núñez",
"jose nunez" and "Núñez, José" compare equal. Name keys drop honorifics and
suffixes ("Dr. Amy Chen, PhD" = "Amy Chen"); organisation keys drop apostrophes
rather than splitting on them ("St. Mary's Hospital" = "St. Marys Hospital").
The column versions compute each distinct value once (files repeat names a lot).
"""

from __future__ import annotations

import re
import string
import unicodedata
from collections.abc import Callable

import numpy as np
import pandas as pd
from anyascii import anyascii

_MARKS = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_FLIP = re.compile(r"^([^,]*\S[^,]*),([^,]*\S[^,]*)$")
_SILENT = re.compile(r"[.'’`]")
_PUNCT = re.compile(r"[^\w\s]")
_ASCII_PUNCT = str.maketrans({c: " " for c in string.punctuation if c != "_"})
_ASCII_SILENT = str.maketrans({c: None for c in ".'`"})
_THE = re.compile(r"^the\s+")
_APOSTROPHES = re.compile(r"['`\u2018\u2019\u02bc]")
HONORIFICS = frozenset({"dr", "mr", "mrs", "ms", "miss", "mx", "prof", "professor", "rev", "sir", "dame",
                        "hon", "fr", "sr", "sra", "srta", "herr", "frau", "mme", "mlle", "m"})  # fmt: skip
_ALSO_NAMES = frozenset({"m"})  # never drop a lone initial from a two-word name
SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv", "phd", "md", "dds", "dvm", "esq", "mba", "cpa", "pe",
                      "rn", "jd", "edd", "pmp", "shrm cp", "cfa"})  # fmt: skip
# ", PhD", ", Jr." at the end, before a 'Last, First' flip would misread them
_SUFFIXES = re.compile(
    r"(?:\s*,\s*(?:jr|sr|ii|iii|iv|ph\.?\s?d|m\.?d|dds|dvm|esq|mba|cpa|p\.?e|rn|j\.?d|ed\.?d|pmp|cfa)\.?)+\s*$"
)
_LEGAL = re.compile(
    r"(?:\s+(?:inc|incorporated|llc|l l c|ltd|limited|co|corp|corporation|company|plc|lp|llp|pllc|pc))+$"
)


def per_unique(values: pd.Series, func: Callable[[object], object]) -> pd.Series:
    """``func`` applied to each distinct non-missing value once, spread back (None where missing)."""
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    done = np.array([func(u) for u in uniques] + [None], dtype=object)
    return pd.Series(done[codes], index=values.index, dtype=object)


def fold(text: str) -> str:
    """Lower-case ASCII: accents dropped, other scripts and letters like 'ø' transliterated."""
    if text.isascii():
        return text.lower()
    plain = _MARKS.sub("", unicodedata.normalize("NFKC", text))
    return anyascii(plain).lower()


def _squash(text: str) -> str:
    """Punctuation to spaces, runs of spaces to one (str.translate for plain ASCII: much faster)."""
    if text.isascii():
        return " ".join(text.translate(_ASCII_PUNCT).split())
    return " ".join(_PUNCT.sub(" ", text).split())


def name_key(name: str) -> str:
    """Full name for matching; 'Last, First' becomes 'first last'; 'Dr.', 'Ms', 'Jr', 'PhD'... dropped."""
    text = _SUFFIXES.sub("", fold(name))
    if "," in text:
        text = _FLIP.sub(r"\2 \1", text)
    text = text.translate(_ASCII_SILENT) if text.isascii() else _SILENT.sub("", text)
    words = _squash(text).split()
    while len(words) > 2 and words[0] in HONORIFICS:
        words.pop(0)
    if len(words) == 2 and words[0] in HONORIFICS and words[0] not in _ALSO_NAMES:
        words.pop(0)
    while len(words) > 2 and words[-1] in SUFFIXES:
        words.pop()
    return " ".join(words)


def org_key(name: str) -> str:
    """Organisation name for matching; a leading 'The' and trailing 'Inc', 'LLC'... are ignored, and
    apostrophes vanish ("Mary's" = "Marys")."""
    text = _squash(_APOSTROPHES.sub("", fold(name)).replace("&", " and "))
    return _LEGAL.sub("", _THE.sub("", text))


def title_key(title: str) -> str:
    """Meeting title for matching."""
    return _squash(fold(title))


def name_keys(names: pd.Series) -> pd.Series:
    return per_unique(names, lambda v: name_key(str(v)))


def org_keys(names: pd.Series) -> pd.Series:
    return per_unique(names, lambda v: org_key(str(v)))


def title_keys(titles: pd.Series) -> pd.Series:
    return per_unique(titles, lambda v: title_key(str(v)))


def modes(frame: pd.DataFrame, by: str, column: str) -> pd.Series:
    """The most common non-missing value of ``column`` in each ``by`` group (ties: first seen)."""
    counts = frame.groupby([by, column], sort=False).size().reset_index(name="n")
    counts = counts.sort_values([by, "n"], ascending=[True, False], kind="stable").drop_duplicates(by)
    return counts.set_index(by)[column]
