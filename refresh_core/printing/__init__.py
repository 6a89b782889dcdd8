"""Printed documents: the US Letter PDF page every printable file in the app is built on.

Owns the ``Document`` (``document``): fpdf2 with DejaVu Sans when the system has
it (every character, so "Søren Ødegård" prints as typed), else the PDF core font
with characters it cannot show replaced; the margins, ink colours, wrapped text
blocks, headings and small print; and ``scrub``, which keeps email addresses
and phone numbers off a page unless a document asks to print them (the call
sheets do: their phone numbers are the point). The reports (the one-page report,
the portfolio) and recruitment's call sheets build on it.

Rule: printing uses only the base; it knows nothing of partnerships' data.
"""
