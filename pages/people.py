"""People and organisations: the classification queue, kinds on the roster, the possible-duplicates queue,
merges, each person's organisations over time, and the rules."""

from __future__ import annotations

import pandas as pd
import streamlit as st

import ui
from refresh_core import words
from refresh_core.enums import OrgKind, PublicSubtype
from refresh_core.imports.roster import list_organisations, people_without_organisation, update_organisations
from refresh_core.people.classification import (
    affiliation_history,
    classification_queue,
    confirm,
    kind_set_sentence,
    people_directory,
    reapply_rules,
    set_kind,
)
from refresh_core.people.merges import list_merges, list_reviews, undo_merge
from refresh_core.people.organisations import classification_rules, kind_set_by
from ui.people_forms import assign_panel, review_panel, roster_panel

QUEUE_ROWS = 25  # organisations shown at once in the queue

if ui.role() != ui.CONVENER:
    st.error("Only conveners can edit people and organisations.", icon=":material/block:")
    st.stop()

current = ui.current_partnership()
st.title("People and organisations")
if current is None:
    ui.no_partnership()
    st.stop()
partnership = current
conn = ui.conn()


def plain(value: object) -> str:
    """An organisation's stored kind as words: 'public_partner' -> 'Public partner' (OrgKind's label)."""
    if not isinstance(value, str) or not value:
        return ""
    return OrgKind(value).label if value in set(OrgKind) else value.replace("_", " ").capitalize()


def subtype_words(value: object) -> str:
    return PublicSubtype(str(value)).label if value else ""


def decide(org_id: int, name: str, kind: str, subtype: str | None = None) -> None:
    """Button callback: the convener's kind for one organisation, and a toast saying what changed."""
    with ui.user_errors():
        changed = set_kind(conn, partnership_id=partnership.id, organisation_ids=[org_id], kind=kind,
                           subtype=subtype)
        st.toast(ui.md(kind_set_sentence(name, kind=kind, subtype=subtype, changed=changed)))


def decide_public(org_id: int, name: str) -> None:
    """Selectbox callback: public partner with the subtype just chosen."""
    chosen = st.session_state.get(f"pub_{org_id}")
    if chosen:
        decide(org_id, name, OrgKind.PUBLIC_PARTNER.value, str(chosen))


def confirm_ids(ids: list[int]) -> None:
    with ui.user_errors():
        done = confirm(conn, partnership_id=partnership.id, organisation_ids=ids)
        st.toast(f"Confirmed {words.count(done, 'organisation')}.")


def queue_row(r: pd.Series) -> None:
    """One organisation to decide: what we know, then one click for industry or public partner (type)."""
    oid = int(r["id"])
    with st.container(border=True):
        about, industry, public, ok = st.columns([5, 1.4, 2.6, 1.3], vertical_alignment="center")
        guess = r["source"] == "guess"
        state = f"guessed {plain(r['kind']).lower()}" if guess else "not classified"
        about.markdown(f"**{ui.md(r['name'])}** · {state}")
        seen = words.count(int(r["attendees"]), "attendee")
        domain = f" · {r['domain']}" if isinstance(r["domain"], str) and r["domain"] != r["name"] else ""
        about.caption(ui.md(f"{seen}{domain} · {r['reason']}"))
        industry.button("Industry", key=f"ind_{oid}", on_click=decide,
                        args=(oid, str(r["name"]), OrgKind.INDUSTRY.value),
                        width="stretch")
        public.selectbox("Public partner", [s.value for s in PublicSubtype], index=None, key=f"pub_{oid}",
                         format_func=subtype_words, placeholder="Public partner: type…",
                         label_visibility="collapsed", on_change=decide_public, args=(oid, str(r["name"])))
        if guess:
            ok.button("Confirm", key=f"ok_{oid}", on_click=confirm_ids, args=([oid],), width="stretch",
                      help=f"Keep it as {plain(r['kind']).lower()}")


def queue_tab() -> None:
    todo = queue[(queue["kind"] == OrgKind.UNCLASSIFIED.value) | (queue["source"] == "guess")]
    open_ = int((todo["kind"] == OrgKind.UNCLASSIFIED.value).sum())
    guesses = todo[todo["source"] == "guess"]
    unplaced = len(orgless)
    if todo.empty and not unplaced:
        st.success("Every organisation is classified: each attendee counts as industry or public partner.",
                   icon=":material/check_circle:")
    elif todo.empty:
        st.write("Every organisation is classified.")
    else:
        unclassified = words.count(open_, "organisation is", "organisations are")
        parts = [f"{unclassified} not classified (their people "
                 "count neither as industry nor as public partners)"] if open_ else []
        if len(guesses):
            guessed = words.count(len(guesses), "organisation is", "organisations are")
            parts.append(f"{guessed} only guessed")
        st.write(" and ".join(parts) + ". Those with the most attendees come first; your choice is "
                 "remembered for every partnership and never changed by a later import.")
        if len(guesses):
            label = "Confirm the guess" if len(guesses) == 1 else f"Confirm all {len(guesses)} guesses"
            st.button(label + " as shown",
                      icon=":material/done_all:", on_click=confirm_ids,
                      args=([int(i) for i in guesses["id"]],))
        for _, r in todo.head(QUEUE_ROWS).iterrows():
            queue_row(r)
        if len(todo) > QUEUE_ROWS:
            st.caption(f"{len(todo) - QUEUE_ROWS} more after these.")
    if unplaced:
        who = words.count(unplaced, "person has", "people have")
        st.warning(f"{who} no organisation recorded (a personal email or a video-call guest, no company "
                   "given), so they count neither as industry leaders nor as public partners. Put each at "
                   "their organisation under Who works where on the All organisations tab, or list them in a "
                   "roster file there.", icon=":material/person_search:")
    if st.button("Run the classification rules again", icon=":material/rule:",
                 help="For organisations only the rules had classified; your choices stay."):
        with ui.user_errors():
            changed = reapply_rules(conn, partnership_id=partnership.id)
            st.toast(f"The rules changed {words.count(changed, 'organisation')}.")
            st.rerun()


def organisations_tab() -> None:
    orgs = list_organisations(conn, partnership_id=partnership.id)
    st.write("Whether an organisation is industry or a public partner drives the Health signs. Correct any "
             "kind below; your choice is never changed by a later import.")
    if orgs.empty:
        st.info("No organisations yet. Import attendance or upload a roster below.")
    else:
        orgs_editor(orgs)
    if len(orgless):
        with st.expander(f"{words.count(len(orgless), 'person has', 'people have')} no "
                         "organisation (personal email or a video-call guest, no company given)"):
            st.write("They are not classified in the Health signs. Assign each under Who works where below, "
                     "or list them with their organisation in a roster file.")
            ui.table(orgless.drop(columns="id"), empty="", labels={"full_name": "Name", "email": "Email",
                                                                   "title": "Job title"})
    assign_panel(conn, partnership_id=partnership.id, organisations=orgs)
    roster_panel(conn, partnership_id=partnership.id)


def orgs_editor(orgs: pd.DataFrame) -> None:
    """Every organisation, unclassified first, with its kind and type editable."""
    orgs = orgs.sort_values("kind", key=lambda k: k != OrgKind.UNCLASSIFIED.value, kind="stable")
    shown = orgs.assign(kind_source=[kind_set_by(str(k), str(s))
                                     for k, s in zip(orgs["kind"], orgs["kind_source"], strict=True)])
    edited = ui.editor(
        shown, key="orgs_editor",
        column_order=["name", "kind", "public_subtype", "kind_source", "kind_reason", "people", "domain"],
        disabled=["name", "kind_source", "kind_reason", "people", "domain"],
        column_config={
            "name": "Organisation",
            "kind": st.column_config.SelectboxColumn("Kind", options=[k.value for k in OrgKind],
                                                     required=True, format_func=plain),
            "public_subtype": st.column_config.SelectboxColumn(
                "Public partner type", options=[s.value for s in PublicSubtype], format_func=subtype_words),
            "kind_source": "Kind set by", "kind_reason": "Why", "people": "People", "domain": "Email domain",
        },
    )  # fmt: skip
    if st.button("Save changes", icon=":material/save:", key="save_orgs"):
        with ui.user_errors():
            changed = update_organisations(conn, partnership_id=partnership.id, edits=edited)
            st.toast(f"Saved {words.count(changed, 'organisation')}.")
            st.rerun()


def review_tab() -> None:
    review_panel(conn, partnership_id=partnership.id)


def merges_tab() -> None:
    merges = list_merges(conn, partnership_id=partnership.id)
    if merges.empty:
        st.info("No merges yet.")
        return
    for m in merges.itertuples():
        done = m.undone_at is not None and str(m.undone_at) != "NaT"
        line = f"{m.merged} merged into {m.kept} on {words.day(m.merged_at)}"
        left, right = st.columns([4, 1])
        left.write(ui.md(line + (" (undone)" if done else "")))
        if not done and right.button("Undo", key=f"undo_merge_{m.id}", icon=":material/undo:"):
            with ui.user_errors():
                undo_merge(conn, merge_id=int(str(m.id)))
                st.toast("Merge undone: both people are back as they were.")
                st.rerun()


def history_tab() -> None:
    people = people_directory(conn, partnership_id=partnership.id)
    if people.empty:
        st.info("No people yet. Import attendance first.")
        return
    moved = int((people["organisations"] > 1).sum())
    st.write("Each meeting counts a person by the organisation they came with that day. "
             + (f"{words.count(moved, 'person came', 'people came')} with more than one "
                "organisation (listed first)." if moved
                else "Nobody has come with more than one organisation yet."))
    names = dict(zip(people["id"].astype(int), people["full_name"].astype(str), strict=True))
    chosen = st.selectbox("Person", list(names), format_func=lambda i: names[i], key="history_person")
    if chosen is not None:
        history = affiliation_history(conn, person_id=int(chosen))
        ui.table(history.assign(kind=history["kind"].map(plain)),
                 empty="No meetings recorded for this person.",
                 labels={"organisation": "Organisation", "kind": "Kind",
                         "first_meeting": st.column_config.DateColumn("First meeting", format="D MMM YYYY"),
                         "last_meeting": st.column_config.DateColumn("Last meeting", format="D MMM YYYY"),
                         "meetings": "Meetings"})


def rules_tab() -> None:
    st.write("How an organisation's kind is decided when no one has said, tried in this order, on whole "
             "words of its name (\"College Hunks Hauling\" is not a college). A kind from you, a roster file "
             "or an attendance file's affiliation column always wins over these rules.")
    labels = {"order": "Order", "looks at": "Looks at", "when it": "When it", "kind": "Kind",
              "subtype": "Type"}
    ui.table(classification_rules(), empty="", labels=labels)


open_reviews = len(list_reviews(conn, partnership_id=partnership.id))
queue = classification_queue(conn, partnership_id=partnership.id)
orgless = people_without_organisation(conn, partnership_id=partnership.id)  # (two tabs tell of them)
queue_size = int(((queue["kind"] == OrgKind.UNCLASSIFIED.value) | (queue["source"] == "guess")).sum())
labels = [f"To classify ({queue_size})", "All organisations", f"Possible duplicates ({open_reviews})",
          "Recent merges", "Organisations over time", "Classification rules"]
# The open tab is kept by its name: a merge or a classification changes a count in a label, and
# Streamlit would otherwise take it for another set of tabs and open the first one again.
asked = str(st.session_state.get("people_tab", "")).split(" (")[0]
opened = next((label for label in labels if label.split(" (")[0] == asked), labels[0])
st.session_state["people_tab"] = opened
tabs = st.tabs(labels, key="people_tab", on_change="rerun", default=opened)
for tab, body in zip(tabs, (queue_tab, organisations_tab, review_tab, merges_tab, history_tab, rules_tab),
                     strict=True):
    with tab:
        body()
