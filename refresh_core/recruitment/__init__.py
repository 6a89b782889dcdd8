"""Recruiting 20+ business leaders for a refresh meeting.

Owns the prospect list (``prospects``, ``prospect_file``,
``prospect_import``, ``prospect_edits``), the dated pipeline and its rules
(``pipeline``, ``steps``), suggestions of whom to ask (``suggestions``),
askers and balancing calls (``askers``), invitations and call sheets
(``invitations``, ``callsheets``, the PDF to print ``callsheet_pdf``),
turnout and show rate (``turnout``), the goal meter and warnings (``status``)
and the page's view (``view``).

Rule: recruitment may use ``imports``, ``people``, ``printing`` and the base;
nothing else imports recruitment except the command line and pages.
"""
