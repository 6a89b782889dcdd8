"""People and organisations: kinds on the roster, the possible-duplicates queue, merges, the rules."""

from __future__ import annotations

import streamlit as st

import ui
from refresh_core.enums import OrgKind, PublicSubtype
from refresh_core.imports.roster import (
    import_roster,
    list_organisations,
    people_without_organisation,
    update_organisations,
)
from refresh_core.people.merges import dismiss_review, list_merges, list_reviews, merge_people, undo_merge
from refresh_core.people.organisations import classification_rules

SOURCES = {"convener": "you", "roster": "roster file", "import": "attendance file", "rule": "rule",
           "demo": "demo data"}

if ui.role() != ui.CONVENER:
    st.error("Only conveners can edit people and organisations.", icon=":material/block:")
    st.stop()

current = ui.current_partnership()
st.title("People and organisations")
if current is None:
    st.info(ui.NO_PARTNERSHIP, icon=":material/group_add:")
    st.stop()
partnership = current
conn = ui.conn()


def plain(value: object) -> str:
    """A stored code as words: 'public_partner' -> 'Public partner'."""
    return str(value).replace("_", " ").capitalize() if value else ""


def organisations_tab() -> None:
    orgs = list_organisations(conn, partnership_id=partnership.id)
    orgs = orgs.sort_values("kind", key=lambda k: k != "unknown", kind="stable")
    unknown = int((orgs["kind"] == "unknown").sum())
    st.write("Whether an organisation is industry or a public partner drives the Health signs. Correct any "
             "kind below; your choice is never changed by a later import.")
    if unknown:
        st.warning(f"{unknown} organisations have an unknown kind (listed first). Set industry or public "
                   "partner for them so the Health signs count their people.", icon=":material/help:")
    if orgs.empty:
        st.info("No organisations yet. Import attendance or upload a roster below.")
    else:
        shown = orgs.assign(kind_source=orgs["kind_source"].map(SOURCES).fillna(orgs["kind_source"]))
        edited = st.data_editor(
            shown, key="orgs_editor", hide_index=True, width="stretch",
            column_order=["name", "kind", "public_subtype", "kind_source", "people", "domain"],
            disabled=["name", "kind_source", "people", "domain"],
            column_config={
                "name": "Organisation",
                "kind": st.column_config.SelectboxColumn("Kind", options=[k.value for k in OrgKind],
                                                         required=True, format_func=plain),
                "public_subtype": st.column_config.SelectboxColumn(
                    "Public partner type", options=[s.value for s in PublicSubtype], format_func=plain),
                "kind_source": "Kind set by", "people": "People", "domain": "Email domain",
            },
        )  # fmt: skip
        if st.button("Save changes", icon=":material/save:", key="save_orgs"):
            with ui.user_errors():
                changed = update_organisations(conn, partnership_id=partnership.id, edits=edited)
                st.toast(f"Saved {changed} organisation{'s' if changed != 1 else ''}.")
                st.rerun()
    unplaced = people_without_organisation(conn, partnership_id=partnership.id)
    if len(unplaced):
        with st.expander(f"{len(unplaced)} people have no organisation (personal email, no company given)"):
            st.write("They count as 'unknown' in the Health signs. List them with their organisation in a "
                     "roster file to place them.")
            st.dataframe(unplaced.drop(columns="id"), hide_index=True, width="stretch")
    st.subheader("Upload a roster")
    st.write("A CSV with an Organisation column and a Kind column (industry or public partner), optionally "
             "Subtype, and people: Name, Email, Title, Level.")
    roster = st.file_uploader("Roster CSV", type=["csv", "txt"], key="roster_file")
    if roster is not None and st.button("Load roster", icon=":material/upload:"):
        with ui.user_errors():
            result = import_roster(conn, partnership_id=partnership.id, data=roster.getvalue(),
                                   file_name=roster.name)
            st.success(result.sentence(), icon=":material/check_circle:")


def _about(email: object, organisation: object, meetings: object) -> str:
    """'email, organisation, N meetings' made literal for Markdown."""
    count = int(meetings)  # type: ignore[call-overload]
    parts = [str(email) if isinstance(email, str) else "no email",
             str(organisation) if isinstance(organisation, str) else "no organisation",
             f"{count} meeting{'s' if count != 1 else ''}"]
    return ui.md(", ".join(parts))


def review_tab() -> None:
    reviews = list_reviews(conn, partnership_id=partnership.id)
    if reviews.empty:
        st.success("No possible duplicates to review.", icon=":material/check_circle:")
        return
    who = "person may be" if len(reviews) == 1 else "people may be"
    st.write(f"{len(reviews)} {who} the same as someone already here. Nothing is merged until you say so, "
             "and a merge can be undone.")
    for r in reviews.itertuples():
        with st.container(border=True):
            new = _about(r.person_email, r.person_organisation, r.person_meetings)
            old = _about(r.candidate_email, r.candidate_organisation, r.candidate_meetings)
            st.markdown(f"**{ui.md(r.person)}** ({new})  \nmay be the same as  \n"
                        f"**{ui.md(r.candidate)}** ({old})")
            st.caption(ui.md(f"Why: {r.reason} (name similarity {r.score:.0f}/100)"))
            left, right = st.columns(2)
            if left.button(f"Same person: merge into {ui.md(r.candidate)}", key=f"merge_{r.id}",
                           icon=":material/merge:"):
                with ui.user_errors():
                    merge_people(conn, keep_id=int(str(r.candidate_id)), merge_id=int(str(r.person_id)))
                    st.toast("Merged. Undo it under Recent merges if that was wrong.")
                    st.rerun()
            if right.button("Different people", key=f"dismiss_{r.id}", icon=":material/call_split:"):
                with ui.user_errors():
                    dismiss_review(conn, review_id=int(str(r.id)))
                    st.rerun()


def merges_tab() -> None:
    merges = list_merges(conn, partnership_id=partnership.id)
    if merges.empty:
        st.info("No merges yet.")
        return
    for m in merges.itertuples():
        done = m.undone_at is not None and str(m.undone_at) != "NaT"
        line = f"{m.merged} merged into {m.kept} on {m.merged_at:%d %b %Y}"
        left, right = st.columns([4, 1])
        left.write(ui.md(line + (" (undone)" if done else "")))
        if not done and right.button("Undo", key=f"undo_merge_{m.id}", icon=":material/undo:"):
            with ui.user_errors():
                undo_merge(conn, merge_id=int(str(m.id)))
                st.toast("Merge undone: both people are back as they were.")
                st.rerun()


def rules_tab() -> None:
    st.write("How an organisation's kind is decided when no one has said, tried in this order. A kind from "
             "you, a roster file or an attendance file's affiliation column always wins over these rules.")
    st.dataframe(classification_rules(), hide_index=True, width="stretch")


open_reviews = len(list_reviews(conn, partnership_id=partnership.id))
tabs = st.tabs(["Organisations", f"Possible duplicates ({open_reviews})", "Recent merges",
                "Classification rules"])
with tabs[0]:
    organisations_tab()
with tabs[1]:
    review_tab()
with tabs[2]:
    merges_tab()
with tabs[3]:
    rules_tab()
