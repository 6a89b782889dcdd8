"""The Recruitment page's "Invitations and call sheets" panel: the invitation text, who signs it,
a personal preview, and the downloads (built in the script run: see :mod:`ui.downloads`)."""

from __future__ import annotations

import streamlit as st

from refresh_core.guidance import ATTRIBUTION
from refresh_core.recruitment import callsheet_pdf, callsheets, invitations
from refresh_core.recruitment.signature import MAX_SIGNATURE, Signature, join_names, set_signature
from refresh_core.recruitment.view import invitation_draft
from ui.downloads import WORD, download, download_later
from ui.recruitment_forms import Recruiting
from ui.session import md, user_errors


def invitations_panel(work: Recruiting) -> None:
    """Edit, sign, preview and download the meeting's invitations and call sheets."""
    draft = invitation_draft(work.conn, meeting_id=work.meeting_id)
    st.caption("Written as from your industry champions to their peers, sent on their behalf and "
               "personalised (the guide's personal ask). Placeholders: "
               + ", ".join(f"`{{{k}}}` {v}" for k, v in invitations.PLACEHOLDERS.items())
               + ". " + ATTRIBUTION)
    current = _template_editor(work, draft.template)
    missing = invitations.unsigned(current, draft.signature)
    _signer(work, draft.signature, missing=missing)
    _unknown_companies(work)
    _preview(work, current, draft.shared_values)
    _downloads(work, current, missing=missing)


def _template_editor(work: Recruiting, template: invitations.Template) -> invitations.Template:
    """The subject and body as typed (saved, or back to the default text, on request)."""
    keys = (f"inv_subject_{work.meeting_id}", f"inv_body_{work.meeting_id}")
    subject = st.text_input("Subject", value=template.subject, key=keys[0])
    body = st.text_area("Invitation", value=template.body, height=320, key=keys[1])
    unknown = invitations.unknown_placeholders(subject, body)
    if unknown:
        st.warning("Not a known placeholder, left as typed: " + md(", ".join("{" + u + "}" for u in unknown)))
    a, b = st.columns(2)
    if a.button("Save invitation", icon=":material/save:"):
        with user_errors():
            invitations.save_template(work.conn, meeting_id=work.meeting_id, subject=subject, body=body)
            st.toast("Invitation saved.")
    if b.button("Back to the default text", icon=":material/restart_alt:"):
        invitations.reset_template(work.conn, meeting_id=work.meeting_id)
        for key in keys:
            st.session_state.pop(key, None)
        st.rerun()
    return invitations.Template(subject, body, False)


def _signer(work: Recruiting, signed: Signature, *, missing: bool) -> None:
    """Who signs (``{champions}``): the industry champions, or names the convener types."""
    if missing:
        st.warning("Nobody signs this invitation yet: no industry champion is among the action teams or "
                   "the askers. The guide: invitations come from business leaders to their peers. Name "
                   "the business leaders who agreed to sign below, or add an industry champion as an "
                   "asker.", icon=":material/draw:")
    default = join_names(list(signed.champions))
    with st.form(f"signer_{work.meeting_id}", border=False):
        left, right = st.columns([4, 1], vertical_alignment="bottom")
        typed = left.text_input(
            "Signed by", value=signed.text if signed.named else "", max_chars=MAX_SIGNATURE,
            placeholder=default or "Names of the business leaders who sign",
            help="Leave empty to let the industry champions sign"
                 + (f" ({default})." if default else " (none yet)."))
        if right.form_submit_button("Save signature", icon=":material/draw:"):
            with user_errors():
                now = set_signature(work.conn, meeting_id=work.meeting_id, signed_by=typed)
                st.toast("Signed by " + md(now.text) + "." if now.text else "Nobody signs yet.")
                st.rerun()


def _unknown_companies(work: Recruiting) -> None:
    names = invitations.unknown_companies(work.view.table)
    if names:
        shown = ", ".join(names[:10]) + (f" and {len(names) - 10} more" if len(names) > 10 else "")
        st.warning(md(f"The company of {len(names)} prospect{'' if len(names) == 1 else 's'} is not known "
                      f"({shown}): only an email address's domain, or nothing, stands for it, so their "
                      "invitation says 'your company' and the mail merge marks their row in its check "
                      "column. Record their organisation on the People and organisations page before "
                      "sending."), icon=":material/domain_disabled:")


def _preview(work: Recruiting, current: invitations.Template, shared: dict[str, str]) -> None:
    labels = work.view.prospect_labels
    if not labels:
        return
    who = st.selectbox("Preview for", list(labels), key="preview_who")
    row = work.view.table[work.view.table["prospect_id"] == labels[who]].iloc[0]
    shown = invitations.render(current, invitations.prospect_values(shared, row))
    with st.container(border=True):
        st.text("Subject: " + shown.subject)
        st.text(shown.body)


def _downloads(work: Recruiting, current: invitations.Template, *, missing: bool) -> None:
    """The mail merge (of the text as shown) and the call sheets, each made when clicked with a
    cursor of its own: a Word file of many calls takes seconds, and the page stays quick."""
    st.markdown("**Downloads**")
    meeting_id, today = work.meeting_id, work.today
    d1, d2, d3, d4 = st.columns(4)
    if missing:
        download(d1, "Mail-merge CSV", b"", file_name="invitations.csv", mime="text/csv",
                 icon=":material/mail:", disabled=True, help="Name who signs the invitation first.")
    else:
        download_later(d1, "Mail-merge CSV", lambda c: invitations.mail_merge_csv(invitations.mail_merge(
            c, meeting_id=meeting_id, template=current, as_of=today)), icon=":material/mail:",
            file_name="invitations.csv", mime="text/csv")
    download_later(d2, "Call sheets (CSV)", lambda c: callsheets.call_sheets_csv(
        callsheets.call_list(c, meeting_id=meeting_id, as_of=today)), icon=":material/table:",
        file_name="call-sheets.csv", mime="text/csv")
    download_later(d3, "Call sheets (PDF, to print)", lambda c: callsheet_pdf.call_sheets_pdf(
        c, meeting_id=meeting_id, calls=callsheets.call_list(c, meeting_id=meeting_id, as_of=today),
        made_on=today), icon=":material/print:", file_name="call-sheets.pdf", mime="application/pdf")
    download_later(d4, "Call sheets (Word)", lambda c: callsheets.call_sheets_docx(
        c, meeting_id=meeting_id, calls=callsheets.call_list(c, meeting_id=meeting_id, as_of=today)),
        icon=":material/description:", file_name="call-sheets.docx", mime=WORD)
    without = len(invitations.without_email(work.view.table))
    st.caption("The mail merge holds every prospect still to win over who has an email address"
               + (f"; {without} prospect{' without one needs' if without == 1 else 's without one need'} "
                  "a letter or a call." if without else ".")
               + " Word, Outlook and Gmail merge tools read the email, subject and body columns; the "
               "check column says what to look at before sending.")
