"""Meeting day's sticky wall: ideas typed or imported, sorted into categories, dot votes, merges."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from refresh_core.meeting import stickywall
from refresh_core.meeting.agenda_guide import KEY_QUESTION
from refresh_core.meeting.whiteboard import parse_lines, parse_whiteboard_csv
from ui.editing import editor
from ui.session import conn, md, user_errors
from ui.tables import table

UNSORTED = "(not sorted yet)"


def editor_round(meeting_id: int) -> int:
    """Which generation of the editable tables is shown: saved rows may re-sort, so after a save
    the tables start afresh instead of carrying edits over to whichever row now sits there."""
    return int(st.session_state.get(f"editor_round_{meeting_id}", 0))


def next_editor_round(meeting_id: int) -> None:
    st.session_state[f"editor_round_{meeting_id}"] = editor_round(meeting_id) + 1


def sticky_wall(meeting_id: int) -> pd.DataFrame:
    """Sections 1 and 2 of the meeting: the wall and its categories; the categories as they were
    when the page ran (the call for champions goes through them next)."""
    st.header("1. Sticky wall", divider="gray")
    st.markdown(f"**The key question:** {md(KEY_QUESTION)}")
    typed, upload = st.tabs(["Type ideas", "Import a whiteboard CSV"])
    cats = stickywall.categories(conn(), meeting_id=meeting_id)
    with typed:
        _type_ideas(meeting_id, cats)
    with upload:
        _import_ideas(meeting_id)
    ideas = stickywall.wall(conn(), meeting_id=meeting_id)
    st.header("2. Group ideas into categories", divider="gray")
    if ideas.empty:
        st.info("No ideas yet: type them above as people call them out, or import the board's CSV.")
    else:
        _sort_ideas(meeting_id, cats, ideas)
    if not cats.empty:
        _votes(meeting_id, cats)
    return cats


def _type_ideas(meeting_id: int, cats: pd.DataFrame) -> None:
    with st.form("type_ideas", clear_on_submit=True):
        text = st.text_area(
            "Ideas, one per line",
            height=160,
            placeholder="Shared maintenance apprenticeship\nPlant tours for middle-school teachers",
        )
        into = st.selectbox("Put them in", [UNSORTED, *cats["name"].tolist()])
        if st.form_submit_button("Add to the wall", icon=":material/add:"):
            with user_errors():
                count = stickywall.add_ideas(
                    conn(),
                    meeting_id=meeting_id,
                    ideas=parse_lines(text),
                    category=None if into == UNSORTED else into,
                )
                st.toast(f"{count} idea{'s' if count != 1 else ''} added.")
                st.rerun()


def _import_ideas(meeting_id: int) -> None:
    st.caption(
        "A CSV export from Miro, Mural, FigJam or similar: a text column (Text, Content, Note, "
        "Sticky) and, if the board had groups, a group column (Group, Cluster, Category, Section)."
    )
    file = st.file_uploader("Whiteboard CSV", type=["csv", "txt", "tsv"])
    if file is not None:
        with user_errors():
            parsed = parse_whiteboard_csv(file.getvalue())
            table(parsed, empty="No ideas in this file.", labels={"text": "Idea", "group": "Group"})
            if st.button(f"Add these {len(parsed)} ideas", icon=":material/upload:"):
                stickywall.add_ideas(
                    conn(), meeting_id=meeting_id, ideas=parsed["text"].tolist(),
                    groups=parsed["group"].tolist()
                )
                st.toast(f"{len(parsed)} ideas added.")
                st.rerun()


def _sort_ideas(meeting_id: int, cats: pd.DataFrame, ideas: pd.DataFrame) -> None:
    with st.form("new_category", clear_on_submit=True, border=False):
        c1, c2 = st.columns([3, 1], vertical_alignment="bottom")
        name = c1.text_input("New category", placeholder="Apprenticeships")
        if c2.form_submit_button("Create category", icon=":material/create_new_folder:"):
            with user_errors():
                stickywall.create_category(conn(), meeting_id=meeting_id, name=name)
                st.rerun()
    st.caption(
        f"{len(ideas)} idea{'s' if len(ideas) != 1 else ''}, {int(ideas['category'].isna().sum())} "
        "not sorted yet. Pick each idea's category in the table, then save."
    )
    edited = editor(
        ideas[["id", "text", "category"]],
        key=f"wall_{meeting_id}_{editor_round(meeting_id)}",
        num_rows="dynamic",
        column_config={
            "id": None,
            "text": st.column_config.TextColumn("Idea", width="large"),
            "category": st.column_config.SelectboxColumn("Category", options=cats["name"].tolist()),
        },
    )
    if st.button("Save ideas", icon=":material/save:"):
        with user_errors():
            stickywall.save_wall(conn(), meeting_id=meeting_id, frame=edited)
            next_editor_round(meeting_id)
            st.rerun()


def _votes(meeting_id: int, cats: pd.DataFrame) -> None:
    st.subheader("Categories and dot votes")
    st.write(md(stickywall.vote_share(dict(zip(cats["name"], cats["votes"], strict=True)))))
    edited = editor(
        cats[["id", "name", "votes", "ideas", "outcome"]],
        key=f"cats_{meeting_id}_{editor_round(meeting_id)}",
        disabled=["ideas", "outcome"],
        column_config={
            "id": None,
            "name": "Category",
            "votes": st.column_config.NumberColumn("Dot votes", min_value=0, step=1),
            "ideas": "Ideas",
            "outcome": "After the call for champions",
        },
    )
    b1, b2 = st.columns(2)
    if b1.button("Save names and votes", icon=":material/save:"):
        with user_errors():
            stickywall.save_categories(conn(), meeting_id=meeting_id, frame=edited)
            next_editor_round(meeting_id)
            st.rerun()
    with b2.popover("Merge categories", icon=":material/merge:"):
        sources = st.multiselect("Merge these", cats["name"].tolist(), placeholder="Pick categories")
        target = st.selectbox("Into", cats["name"].tolist())
        if st.button("Merge"):
            with user_errors():
                ids = dict(zip(cats["name"], cats["id"], strict=True))
                stickywall.merge_categories(
                    conn(), meeting_id=meeting_id,
                    source_ids=[int(ids[s]) for s in sources], target_id=int(ids[target]),
                )
                st.rerun()
