"""Matching keys for names, organisations and meeting titles.

Every key transliterates to ASCII (``anyascii``: "Søren Ødegård" = "Soren
Odegard"), folds case and collapses spacing and punctuation, so "José  Núñez",
"jose nunez" and "Núñez, José" compare equal. Name keys drop honorifics and
suffixes ("Dr. Amy Chen, PhD" = "Amy Chen"); organisation keys drop apostrophes
rather than splitting on them ("St. Mary's Hospital" = "St. Marys Hospital").
The column versions compute each distinct value once (files repeat names a lot); :func:`name_keys`
runs the same steps over a whole column with Arrow's RE2 (Python's whitespace spelled out: RE2's
space class is narrower), folding only the non-ASCII values and splitting into words only the names that
start with an honorific or end with a suffix.
"""

from __future__ import annotations

import re
import string
import unicodedata
from collections.abc import Callable

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
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
# The same steps in RE2 for whole columns. _WS: the ASCII characters Python counts as whitespace (str.split
# and re's \s); values holding any but the space go through Python (re's '$' also matches before a '\n').
_WS = r"\t\n\x0b\x0c\r\x1c-\x1f "
_ODD_SPACE = r"[\t\n\x0b\x0c\r\x1c-\x1f]"
_RE2_SUFFIXES = _SUFFIXES.pattern.replace(r"\s", f"[{_WS}]")
_RE2_FLIP = _FLIP.pattern.replace(r"\S", f"[^{_WS}]")
_RE2_SQUASH = "[" + "".join("\\" + c for c in string.punctuation if c != "_") + _WS + "]+"


def per_unique(
    values: pd.Series,
    func: Callable[[object], object],
    *,
    unchanged: Callable[[pa.Array], pa.Array] | None = None,
) -> pd.Series:
    """``func`` applied to each distinct non-missing value once, spread back (None where missing).

    ``unchanged``: when the distinct values are all text, an Arrow test marking those ``func`` would
    return as they are (already clean); only the others go through ``func``."""
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    distinct = np.asarray(uniques, dtype=object)
    done = np.empty(len(distinct) + 1, dtype=object)
    todo = np.arange(len(distinct))
    texts = len(distinct) > 0 and pd.api.types.infer_dtype(distinct, skipna=False) == "string"
    if unchanged is not None and texts:
        same = np.asarray(unchanged(pa.array(distinct, type=pa.string())), dtype=bool)
        done[:-1][same] = distinct[same]
        todo = np.flatnonzero(~same)
    for i in todo:
        done[i] = func(distinct[i])
    return pd.Series(done[codes], index=values.index, dtype=object)


def email_domains(emails: pd.Series) -> pd.Series:
    """The text after the last '@' of each cell (None where missing or without an '@'), cut in Arrow
    over the distinct values."""
    codes, uniques = pd.factorize(emails, use_na_sentinel=True)
    distinct = np.asarray(uniques, dtype=object)
    done = np.empty(len(distinct) + 1, dtype=object)
    if len(distinct) and pd.api.types.infer_dtype(distinct, skipna=False) == "string":
        text = pa.array(distinct, type=pa.string())
        cut = pc.replace_substring_regex(text, "(?s)^.*@", "")
        found = pc.if_else(pc.match_substring(text, "@"), cut, pa.scalar(None, pa.string()))
        done[:-1] = np.asarray(found.to_numpy(zero_copy_only=False), dtype=object)
    else:
        done[:-1] = [str(e).rsplit("@", 1)[1] if "@" in str(e) else None for e in distinct]
    return pd.Series(done[codes], index=emails.index, dtype=object)


# Python's whitespace (str.split, str.isspace) in RE2's spelling
PY_SPACE_RE2 = (
    r"\t\n\x0b\x0c\r\x1c-\x1f \x{85}\x{a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}"
)
_TIDY = f"^[^{PY_SPACE_RE2}]+(?: [^{PY_SPACE_RE2}]+)*$"


def tidy(value: object) -> str | None:
    """Text with its spacing collapsed to single spaces, None when blank."""
    return " ".join(str(value).split()) or None


def tidy_texts(values: pd.Series) -> pd.Series:
    """:func:`tidy` of each cell (None where missing); cells already tidy are recognised in Arrow."""
    return per_unique(values, tidy, unchanged=lambda a: pc.match_substring_regex(a, _TIDY))


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
    return _drop_titles(_squash(text))


def _drop_titles(text: str) -> str:
    """Leading honorifics and trailing suffixes dropped from squashed words (a name keeps two words)."""
    words = text.split()
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
    """:func:`name_key` of each value (None where missing), vectorised over the distinct values."""
    codes, uniques = pd.factorize(names, use_na_sentinel=True)
    done = np.array([*_name_keys_of([str(u) for u in uniques]), None], dtype=object)
    return pd.Series(done[codes], index=names.index, dtype=object)


def _name_keys_of(texts: list[str]) -> list[str]:
    """:func:`name_key` of each text, step for step in Arrow (see the module's docstring)."""
    raw = pa.array(texts, type=pa.string())
    foreign = np.flatnonzero(~np.asarray(pc.string_is_ascii(raw), dtype=bool))
    folded = list(texts) if len(foreign) else texts
    for i in foreign:
        folded[i] = fold(texts[i])
    text = pc.ascii_lower(pa.array(folded, type=pa.string()) if len(foreign) else raw)
    odd = np.asarray(pc.match_substring_regex(text, _ODD_SPACE), dtype=bool)
    text = pc.replace_substring_regex(text, _RE2_SUFFIXES, "")
    text = pc.replace_substring_regex(text, _RE2_FLIP, r"\2 \1")
    text = pc.replace_substring_regex(text, "[.'`]", "")
    text = pc.utf8_trim(pc.replace_substring_regex(text, _RE2_SQUASH, " "), " ")
    first = pc.replace_substring_regex(text, " .*$", "")
    last = pc.replace_substring_regex(text, "^.* ", "")
    titled = pc.or_(pc.is_in(first, pa.array(sorted(HONORIFICS))), pc.is_in(last, pa.array(sorted(SUFFIXES))))
    keys: list[str] = text.to_pylist()
    for i in np.flatnonzero(np.asarray(titled, dtype=bool) & ~odd):
        keys[i] = _drop_titles(keys[i])
    for i in np.flatnonzero(odd):
        keys[i] = name_key(texts[i])
    return keys


def org_keys(names: pd.Series) -> pd.Series:
    return per_unique(names, lambda v: org_key(str(v)))


def title_keys(titles: pd.Series) -> pd.Series:
    return per_unique(titles, lambda v: title_key(str(v)))


def modes(frame: pd.DataFrame, by: str, column: str, *, weights: np.ndarray | None = None) -> pd.Series:
    """The most common non-missing value of ``column`` in each ``by`` group (ties: first seen), indexed
    by the groups in order. (Counted on integer codes: a group-by of the two columns costs four
    times as much on a thousand rows, the same on a million.) ``weights``: how many rows each row of
    ``frame`` stands for (its distinct rows, in order of first appearance, count as the rows would)."""
    group, groups = pd.factorize(frame[by], sort=True, use_na_sentinel=True)  # (mixed types: pandas' order)
    value, values = pd.factorize(frame[column], use_na_sentinel=True)
    present = (group >= 0) & (value >= 0)
    group, value = group[present], value[present]
    pair, pairs = pd.factorize(group.astype(np.int64) * max(len(values), 1) + value)
    pair_group, pair_value = pairs // max(len(values), 1), pairs % max(len(values), 1)
    counts = np.bincount(pair, weights=None if weights is None else weights[present], minlength=len(pairs))
    order = np.lexsort((np.arange(len(pairs)), -counts, pair_group))  # group, most common, first seen
    best = order[np.r_[True, pair_group[order][1:] != pair_group[order][:-1]]] if len(order) else order
    out = pd.Series(
        np.asarray(values, dtype=object)[pair_value[best]],
        index=pd.Index(np.asarray(groups, dtype=object)[pair_group[best]], name=by),
        name=column,
        dtype=object,
    )
    return out


# 'Chen, Wei': letters (any script), spaces, hyphens, apostrophes and dots on each side of one comma
_PART = r"([\p{L}\p{M}][\p{L}\p{M} .'\-\x{2019}]*?)"
_LAST_FIRST = rf"^\s*{_PART}\s*,\s*{_PART}\s*$"
# ... unless the part after the comma is a suffix ('Ann Lee, PhD') or a legal form ('Acme, Inc')
_NOT_FIRST = (r"(?i),\s*(?:jr|sr|ii|iii|iv|ph\.?\s?d|m\.?d|dds|dvm|esq|mba|cpa|p\.?e|rn|j\.?d|ed\.?d|pmp|cfa|"
              r"inc|incorporated|llc|ltd|limited|co|corp|corporation|company|plc|lp|llp|pllc|pc)\.?\s*$")


def natural_names(names: pd.Series) -> pd.Series:
    """Each name as a person writes it: 'Chen, Wei' (last name first, as registers and some exports
    write it) as 'Wei Chen'; a name with a suffix or a legal form after its comma, more than one comma,
    or anything but letters, spaces, hyphens, apostrophes and dots stays as written. Worked on the
    distinct names (None where missing)."""
    codes, uniques = pd.factorize(names, use_na_sentinel=True)
    texts = pa.array([str(u) for u in uniques], type=pa.string())
    flip = pc.and_(pc.match_substring_regex(texts, _LAST_FIRST),
                   pc.invert(pc.match_substring_regex(texts, _NOT_FIRST)))
    flipped = pc.replace_substring_regex(texts, _LAST_FIRST, r"\2 \1")
    done = np.array([*pc.if_else(flip, flipped, texts).to_pylist(), None], dtype=object)
    return pd.Series(done[codes], index=names.index, dtype=object)
