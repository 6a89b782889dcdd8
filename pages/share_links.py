"""Share links: read-only links that let champions follow one partnership."""

from __future__ import annotations

import streamlit as st

import ui
from refresh_core import words
from refresh_core.hosting.access import create_share_link, list_share_links, revoke_share_link
from ui import signin

NEW_LINK = "_new_share_link"
REVOKE_CONFIRM = "_revoke_confirm"  # the id of the link whose Revoke asks "Yes, revoke it / Cancel"
REVOKED = "_share_link_revoked"  # the sentence shown after the rerun

# The role must have been set by the sign-in gate (signin.gate): a session that never passed it
# (for example a first request straight to this page's address) gets nothing.
ui.front_door()
if st.session_state.get("role") != ui.CONVENER:
    st.error("Only conveners can manage share links. Open the app from its home page to sign in.",
             icon=":material/block:")
    st.stop()

partnership = ui.current_partnership()
if partnership is None:
    st.title("Share links")
    ui.no_partnership()
    st.stop()

st.title("Share links: " + ui.md(partnership.name))
st.write("A share link lets your champions follow this partnership without signing in: the Health "
         "overview, recruitment progress, the plan and meeting summaries, read-only. It never shows "
         "anyone's email address or phone number, and it opens this partnership only.")

with st.form("new_link", clear_on_submit=True):
    label = st.text_input("Who is it for?", placeholder="Champions, spring 2027")
    days = st.number_input("Expires after (days)", min_value=1, max_value=730, value=90, step=1)
    if st.form_submit_button("Create link", icon=":material/add_link:", type="primary"):
        with ui.user_errors():
            link, url = create_share_link(ui.conn(), partnership_id=partnership.id, label=label,
                                          days=int(days), base_url=signin.base_url())
            st.session_state[NEW_LINK] = (link.label, url)

if REVOKED in st.session_state:
    st.success(ui.md(st.session_state.pop(REVOKED)), icon=":material/link_off:")
new = st.session_state.pop(NEW_LINK, None)
if new is not None:
    st.success(ui.md(f"Link for {new[0]} created. Copy it now: it is shown only this once (the app "
                     "keeps only a fingerprint of it)."), icon=":material/check_circle:")
    st.code(new[1], language=None, wrap_lines=True)

st.subheader("Live links")
links = list_share_links(ui.conn(), partnership_id=partnership.id)
if links.empty:
    st.info("No live links. Create one above and send it to your champions.")
# Two live links share a label only if made before labels had to differ: their creation times tell them apart.
folded = links["label"].astype(str).str.casefold()
twins = set(folded[folded.duplicated()])
for row in links.to_dict("records"):
    with st.container(border=True, key=f"share_link_{row['id']}"):
        left, right = st.columns([5, 1], vertical_alignment="center")
        used = "never used" if str(row["last_used"]) in ("None", "NaT") \
            else f"last used {words.day(row['last_used'], '%b %Y %H:%M')} UTC"
        made = words.day(row["created"], "%b %Y %H:%M") + " UTC" if row["label"].casefold() in twins \
            else words.day(row["created"])
        left.markdown(f"**{ui.md(row['label'])}**  \nCreated {made}, expires "
                      f"{words.day(row['expires'])}, {used}")
        if st.session_state.get(REVOKE_CONFIRM) != int(row["id"]):
            if right.button("Revoke", key=f"revoke_{row['id']}", icon=":material/link_off:"):
                st.session_state[REVOKE_CONFIRM] = int(row["id"])
                st.rerun()
            continue
        st.warning(ui.md(f"Revoke the link '{row['label']}'? Whoever holds it sees a neutral message at "
                         "their next click, and it cannot be switched on again (create a new link instead)."),
                   icon=":material/link_off:")
        yes, no = st.columns([1, 4])
        if yes.button("Yes, revoke it", type="primary", key=f"revoke_yes_{row['id']}"):
            st.session_state.pop(REVOKE_CONFIRM, None)
            with ui.user_errors():
                revoke_share_link(ui.conn(), link_id=int(row["id"]), partnership_id=partnership.id)
                st.session_state[REVOKED] = (f"Revoked the link '{row['label']}': it no longer opens "
                                             "anything.")
                st.rerun()
        if no.button("Cancel", key=f"revoke_no_{row['id']}"):
            st.session_state.pop(REVOKE_CONFIRM, None)
            st.rerun()
st.caption("Revoking works at once: whoever holds the link sees a neutral message at their next click.")
