"""The People and organisations page's panels: who works where (assigning a person to an organisation),
the roster upload and what it did, and the possible-duplicates queue with its bulk actions."""

from __future__ import annotations

import zlib

import pandas as pd
import streamlit as st

from refresh_core import words
from refresh_core.db import Connection
from refresh_core.imports.roster import import_roster
from refresh_core.people.assignment import assign_organisation, people_and_organisations
from refresh_core.people.merges import (
    dismiss_review,
    dismiss_reviews,
    list_reviews,
    merge_people,
    merge_reviews,
)
from ui import session
from ui.session import md, user_errors

NO_ORGANISATION = -1  # picker entries that are not organisations
NEW_ORGANISATION = -2
REVIEW_ROWS = 30  # pairs shown at once in the queue
_DONE = "people_forms_done"  # what the last save did, shown once after the rerun


def _flash(key: str) -> None:
    """The sentence a save left for this panel, once."""
    done = st.session_state.get(_DONE)
    if isinstance(done, tuple) and done[0] == key:
        st.session_state.pop(_DONE)
        st.success(md(done[1]), icon=":material/check_circle:")


def _remember(key: str, sentence: str) -> None:
    st.session_state[_DONE] = (key, sentence)


def _person_label(row: pd.Series) -> str:
    where = row["organisation"] if isinstance(row["organisation"], str) else "no organisation"
    mail = f" · {row['email']}" if isinstance(row["email"], str) else ""
    return f"{row['full_name']}{mail} · {where}"


def assign_panel(conn: Connection, *, partnership_id: int, organisations: pd.DataFrame) -> None:
    """Pick a person, then an organisation of the partnership, a new one typed in, or none."""
    st.subheader("Who works where")
    _flash("assign")
    people = people_and_organisations(conn, partnership_id=partnership_id)
    if people.empty:
        st.info("No people yet. Import attendance, or upload a roster that lists people, first.")
        return
    st.write("Pick a person and the organisation they work for (people without one come first). Meetings "
             "already recorded keep the organisation the person came with that day.")
    labels = {int(r["id"]): _person_label(r) for _, r in people.iterrows()}
    now = dict(zip(people["id"].astype(int), people["organisation_id"], strict=True))
    orgs = {int(i): str(n) for i, n in zip(organisations["id"], organisations["name"], strict=True)}
    names = {NO_ORGANISATION: "No organisation", NEW_ORGANISATION: "A new organisation…"} | orgs
    left, right = st.columns(2)
    # keyed by the labels too: when a save or a roster changes who is where, the picker starts afresh
    # (a kept key would keep showing the old label in the browser)
    version = zlib.crc32("\n".join(labels.values()).encode())
    person = left.selectbox("Person", list(labels), format_func=labels.__getitem__,
                            key=f"assign_person_{version}")
    if person is None:
        return
    options = list(names)
    current = now.get(int(person))
    index = options.index(int(current)) if pd.notna(current) and int(current) in orgs else 0
    choice = right.selectbox("Organisation", options, index=index, format_func=names.__getitem__,
                             key=f"assign_org_{person}")
    typed = None
    if choice == NEW_ORGANISATION:
        typed = st.text_input("The new organisation's name", key="assign_new")
    if st.button("Save", key="assign_save", icon=":material/save:"):
        with user_errors():
            done = assign_organisation(
                conn, person_id=int(person),
                organisation_id=int(choice) if choice is not None and choice >= 0 else None,
                new_name=(typed or "") if choice == NEW_ORGANISATION else None,
            )  # fmt: skip
            _remember("assign", done.sentence())
            st.rerun()


def roster_panel(conn: Connection, *, partnership_id: int) -> None:
    """Upload a roster CSV; what it did stays on screen after the page refreshes its counts."""
    st.subheader("Upload a roster")
    _flash("roster")
    st.write("A CSV with an Organisation column and a Kind column (industry or public partner), optionally "
             "Subtype, and people: Name, Email, Title, Level. A row whose name matches someone who came "
             "without an email (a video-call guest) places that person; when unsure it asks you under "
             "Possible duplicates.")
    roster = st.file_uploader("Roster CSV", type=["csv", "txt"], key="roster_file")
    if roster is not None and st.button("Load roster", icon=":material/upload:"):
        with user_errors():
            result = import_roster(conn, partnership_id=partnership_id, data=roster.getvalue(),
                                   file_name=roster.name)
            _remember("roster", result.sentence())
            st.rerun()


def _about(email: object, organisation: object, meetings: object) -> str:
    """'email, organisation, N meetings' made literal for Markdown."""
    count = int(meetings)  # type: ignore[call-overload]
    parts = [str(email) if isinstance(email, str) else "no email",
             str(organisation) if isinstance(organisation, str) else "no organisation",
             f"{count} meeting{'s' if count != 1 else ''}"]
    return md(", ".join(parts))


def _picked(ids: list[int]) -> list[int]:
    return [i for i in ids if st.session_state.get(f"pick_{i}")]


def _pick_all(ids: list[int]) -> None:
    for i in ids:
        st.session_state[f"pick_{i}"] = bool(st.session_state.get("pick_all"))


def _bulk(ids: list[int], *, merge: bool) -> None:
    """Button callback: merge, or call different, every selected pair (all or nothing). It runs at the
    start of the next run, perhaps on another thread, so it takes that run's cursor, not the old one."""
    conn = session.conn()
    chosen = _picked(ids)
    with user_errors():
        if merge:
            n = len(merge_reviews(conn, review_ids=chosen))
            settled = f" ({len(chosen) - n} more settled by those merges)" if n < len(chosen) else ""
            sentence = (f"Merged {words.count(n, 'pair')}{settled}. "
                        "Undo any of them under Recent merges.")
        else:
            n = dismiss_reviews(conn, review_ids=chosen)
            sentence = f"{words.count(n, 'pair')} marked as different people."
        for i in [*ids, "all"]:
            st.session_state.pop(f"pick_{i}", None)
        _remember("review", sentence)


def review_panel(conn: Connection, *, partnership_id: int) -> None:
    """The possible duplicates, a page of pairs at a time: one by one, or the ones ticked at once."""
    _flash("review")
    reviews = list_reviews(conn, partnership_id=partnership_id)
    if reviews.empty:
        st.success("No possible duplicates to review.", icon=":material/check_circle:")
        return
    shown = reviews.head(REVIEW_ROWS)
    more = f" The first {len(shown)} are shown." if len(reviews) > len(shown) else ""
    pairs = words.count(len(reviews), "pair of people", "pairs of people")
    st.write(f"{pairs} may be one person each (someone "
             "who changed employer and email, or a guest who came without one). Nothing is merged until you "
             f"say so, and a merge can be undone.{more}")
    ids = [int(i) for i in shown["id"]]
    n = len(_picked(ids))
    tick, merge, split = st.columns([2, 2, 2], vertical_alignment="center")
    tick.checkbox(f"Select all {len(ids)} shown", key="pick_all", on_change=_pick_all, args=(ids,))
    merge.button(f"Same person: merge {words.count(n, 'selected pair')}", key="merge_picked",
                 icon=":material/merge:", disabled=n == 0, on_click=_bulk, args=(ids,),
                 kwargs={"merge": True})
    split.button(f"Different people: {words.count(n, 'selected pair')}", key="dismiss_picked",
                 icon=":material/call_split:", disabled=n == 0, on_click=_bulk, args=(ids,),
                 kwargs={"merge": False})
    for r in shown.to_dict("records"):
        _pair(conn, {str(k): v for k, v in r.items()})


def _pair(conn: Connection, r: dict[str, object]) -> None:
    """One pair: both people, why, and one-click merge or dismiss."""
    rid, keep, merge = int(str(r["id"])), int(str(r["candidate_id"])), int(str(r["person_id"]))
    with st.container(border=True):
        pick, body = st.columns([0.5, 9.5])
        pick.checkbox("Select", key=f"pick_{rid}", label_visibility="collapsed")
        new = _about(r["person_email"], r["person_organisation"], r["person_meetings"])
        old = _about(r["candidate_email"], r["candidate_organisation"], r["candidate_meetings"])
        body.markdown(f"**{md(r['person'])}** ({new})  \nmay be the same as  \n"
                      f"**{md(r['candidate'])}** ({old})")
        body.caption(md(f"Why: {r['reason']} (name similarity {float(str(r['score'])):.0f}/100)"))
        left, right = body.columns(2)
        if left.button(f"Same person: merge into {md(r['candidate'])}", key=f"merge_{rid}",
                       icon=":material/merge:"):
            with user_errors():
                merge_people(conn, keep_id=keep, merge_id=merge)
                _remember("review", "Merged. Undo it under Recent merges if that was wrong.")
                st.rerun()
        if right.button("Different people", key=f"dismiss_{rid}", icon=":material/call_split:"):
            with user_errors():
                dismiss_review(conn, review_id=rid)
                st.rerun()
