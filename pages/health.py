"""Health overview: is it time to refresh this partnership?"""

from __future__ import annotations

import datetime as dt

import streamlit as st

import ui
from refresh_core import words
from refresh_core.enums import SignStatus
from refresh_core.guidance import ATTRIBUTION, REFLECTION_QUESTIONS, evidence_rows
from refresh_core.health.judged_by import judged_by, judged_by_lines
from refresh_core.health.overview import health_overview
from refresh_core.health.reflections import add_reflection
from refresh_core.health.thresholds import load_thresholds
from refresh_core.meeting.rhythm import gap_note, uncounted_note
from ui import charts, reflections, reports

PEOPLE_ICON = ":material/groups:"
BADGE = {
    SignStatus.OK: f":green-badge[:material/check_circle: {SignStatus.OK.label}]",
    SignStatus.WATCH: f":orange-badge[:material/visibility: {SignStatus.WATCH.label}]",
    SignStatus.FLAG: f":red-badge[:material/flag: {SignStatus.FLAG.label}]",
    SignStatus.UNKNOWN: f":gray-badge[:material/help: {SignStatus.UNKNOWN.label}]",
}

partnership = ui.require_partnership(title="Health overview")

st.title("Health overview: " + ui.md(partnership.name))
as_of = ui.as_of_picker()
if as_of != dt.date.today():  # (the date stays from page to page: say it is not today's view)
    st.caption(f"Judged as of {words.day(as_of, '%B %Y')}, the date set under As of in the sidebar.")
view = health_overview(ui.conn(), partnership=partnership, as_of=as_of)
result = view.diagnosis

if result.refresh_recommended:
    st.error(ui.md(result.verdict), icon=":material/autorenew:")
elif not result.judged:
    st.info(ui.md(result.verdict), icon=":material/hourglass_empty:")
else:
    st.success(ui.md(result.verdict), icon=":material/verified:")
quiet = gap_note(ui.conn(), partnership_id=partnership.id, as_of=as_of)
if quiet:
    st.warning(ui.md(quiet), icon=":material/event_busy:")
uncounted = uncounted_note(ui.conn(), partnership_id=partnership.id, as_of=as_of)
if uncounted and ui.role() == ui.CONVENER:
    st.caption(":material/visibility_off: " + ui.md(uncounted))
reports.report_button(partnership, as_of=result.as_of)


def classify_prompt() -> None:
    """When attendees from unclassified organisations keep a sign from being judged, say so and link there."""
    waiting = result.waiting_for_classification
    if not waiting:
        return
    names = ", ".join(s.title.lower() for s in waiting)
    convener = ui.role() == ui.CONVENER
    who = "Classify their organisations" if convener else "The convener needs to classify them"
    st.warning(
        "Some attendees came from organisations nobody has classified, and it changes the reading of: "
        f"{names}. "
        f"{who} to get a verdict on {'it' if len(waiting) == 1 else 'them'}.",
        icon=":material/help:",
    )
    if convener:
        ui.link_to("pages/people.py", "Classify organisations on People and organisations", PEOPLE_ICON)


classify_prompt()

if not view.overdue.empty:
    count = len(view.overdue)
    late_items = f"{count} follow-through item{'s are' if count != 1 else ' is'} overdue"
    st.warning(
        late_items + ". The guide: follow-up that is prompt and thorough keeps new leaders engaged."
        + (" See the Follow-through page." if ui.role() == ui.CONVENER else ""),
        icon=":material/alarm:",
    )
    late = view.overdue[["item", "owner", "due", "days_late"]].rename(
        columns={"item": "Item", "owner": "Owner", "due": "Due", "days_late": "Days late"}
    )
    ui.table(late, empty="Nothing is overdue.")

st.subheader("The four signs")
columns = st.columns(2)
for i, sign in enumerate(result.signs):
    with columns[i % 2].container(border=True):
        st.markdown(f"**{ui.md(sign.title)}** · {BADGE[sign.status]}")
        st.write(ui.md(sign.summary))
        if sign.evidence:
            with st.expander("Evidence"):
                # A Markdown table wraps long values in the half-width card (a grid cut them off)
                rows = evidence_rows(dict(sign.evidence))
                st.markdown("| What | Value |\n|---|---|\n"
                            + "\n".join(f"| {ui.md(what)} | {ui.md(value)} |" for what, value in rows))
        st.caption("What the guide advises: " + sign.advice)
st.caption(ATTRIBUTION)
with st.expander("Where the signs' numbers come from", icon=":material/rule:"):
    st.caption(
        "The guide describes the signs in words; the numbers that judge them are this product's defaults "
        "unless marked as from the guide; whoever hosts the app can tune the defaults."
    )
    for source, lines in judged_by_lines(judged_by(load_thresholds())).items():
        st.markdown(f"**{source}**")
        st.markdown("\n".join("- " + ui.md(line) for line in lines))

st.subheader("Industry leaders and public partners at full-partnership meetings")
st.write(ui.md(view.balance_takeaway))
if not view.balance.empty:
    st.altair_chart(charts.balance_chart(view.balance), width="stretch", height=280)
    if view.unclassified_takeaway:
        st.caption(ui.md(view.unclassified_takeaway))
        if ui.role() == ui.CONVENER and not result.waiting_for_classification:
            ui.link_to("pages/people.py", "Classify them on People and organisations", PEOPLE_ICON)
    if view.balance["ratio"].notna().any():
        st.altair_chart(charts.ratio_chart(view.balance), width="stretch", height=200)
        if view.ratio_takeaway:
            st.caption(ui.md(view.ratio_takeaway))
    else:
        st.write(ui.md(view.ratio_takeaway))

left, right = st.columns(2)
with left:
    st.subheader("New and returning industry leaders")
    st.write(ui.md(view.newcomers_takeaway))
    if not view.newcomers.empty:
        st.altair_chart(charts.newcomers_chart(view.newcomers), width="stretch", height=300)
with right:
    st.subheader("Industry participation in action teams")
    st.write(ui.md(view.teams_takeaway))
    if not view.teams.empty:
        st.altair_chart(charts.teams_chart(view.teams), width="stretch")

if ui.role() == ui.CONVENER:
    st.subheader("Has the sector changed?")
    st.write(
        "Only you can answer this one. Tick what has changed since the partnership launched "
        "(or since you last reflected); your answer feeds sign 3."
    )
    last = reflections.last_reflection(partnership.id, today=dt.date.today())
    if last is not None:
        st.caption(ui.md(reflections.last_reflection_sentence(last)))
    with st.form("reflection", clear_on_submit=True):
        answered_on = st.date_input("Date of this reflection", value=dt.date.today(),
                                    format=ui.DATE_INPUT_FORMAT)
        changed = {key for key, question in REFLECTION_QUESTIONS.items()
                   if st.checkbox(question, key=key, value=last is not None and key in last.changed)}
        fits = st.radio(
            "Does the partnership's current agenda still fit the industry?",
            ["Yes, it still fits", "No, it no longer fits"],
            index=0 if last is None or last.agenda_still_fits else 1,
        )
        notes = st.text_area("Notes (optional)")
        if st.form_submit_button("Save reflection"):
            with ui.user_errors():
                add_reflection(
                    ui.conn(),
                    partnership_id=partnership.id,
                    answered_on=answered_on,
                    changed=changed,
                    agenda_still_fits=fits.startswith("Yes"),
                    notes=notes,
                )
                st.toast("Reflection saved.")
                st.rerun()
