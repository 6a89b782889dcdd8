"""The US Letter PDF document every printable file shares: fonts, margins, colours, scrubbed text.

Built with ``fpdf2`` (pure Python: no system libraries to install on a server).
Text uses DejaVu Sans when the system has it (every character), else the PDF
core font with characters it cannot show replaced. Every piece of text passes
:func:`scrub`: an email address or a phone number typed into a free-text field
never reaches the page, unless the document is made with ``contacts=True`` (a
call sheet, whose phone numbers are what the asker needs).
"""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import MethodReturnValue, XPos, YPos

FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu"))
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
PHONE = re.compile(r"(\+\d[\d ().-]{7,}\d)|(\(?\b\d{3}\)?[ .-]\d{3}[ .-]\d{4}\b)")
REMOVED = "[contact removed]"
_TYPOGRAPHY = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-",
                             "\u2014": "-", "\u2026": "...", "\u2192": "->", "\u2022": "*", "\u00a0": " "})

INK = (33, 37, 41)
MUTED = (96, 103, 112)
RULE = (206, 212, 218)


def scrub(text: object) -> str:
    """The text with email addresses and phone numbers replaced, on one line per paragraph."""
    return PHONE.sub(REMOVED, EMAIL.sub(REMOVED, str(text)))


class Document(FPDF):
    """A US Letter page with the app's fonts; ``write_*`` helpers flow text down the page.
    ``contacts``: print email addresses and phone numbers as given (else they are scrubbed)."""

    def __init__(self, *, title: str, landscape: bool = False, made_on: dt.date | None = None,
                 contacts: bool = False) -> None:
        super().__init__(orientation="L" if landscape else "P", unit="mm", format="letter")
        self.set_margins(12, 11, 12)
        self.set_auto_page_break(auto=False)
        self.c_margin = 0.4
        self.contacts = contacts
        self.unicode = self._add_fonts()
        self.set_title(self.clean(title))
        self.set_creator("Partnership Pulse")
        stamp = made_on or dt.date.today()
        self.set_creation_date(dt.datetime(stamp.year, stamp.month, stamp.day, tzinfo=dt.UTC))
        self.add_page()

    def _add_fonts(self) -> bool:
        for folder in FONT_DIRS:
            regular, bold = folder / "DejaVuSans.ttf", folder / "DejaVuSans-Bold.ttf"
            if regular.exists() and bold.exists():
                self.add_font("Body", "", str(regular))
                self.add_font("Body", "B", str(bold))
                return True
        return False

    def clean(self, text: object) -> str:
        """Scrubbed text (unless the document prints contacts) the current fonts can draw."""
        out = str(text) if self.contacts else scrub(text)
        if self.unicode:
            return out
        return out.translate(_TYPOGRAPHY).encode("latin-1", "replace").decode("latin-1")

    def font(self, size: float, *, bold: bool = False, colour: tuple[int, int, int] = INK) -> None:
        self.set_font("Body" if self.unicode else "helvetica", "B" if bold else "", size)
        self.set_text_color(*colour)

    def lines_for(self, width: float, text: str) -> int:
        """How many lines ``text`` takes at ``width`` in the current font."""
        found = self.multi_cell(width, 1, self.clean(text), dry_run=True, output=MethodReturnValue.LINES)
        return len(found) if isinstance(found, list) else 1

    @staticmethod
    def line_height(size: float, leading: float = 1.35) -> float:
        """The height in mm of one line of ``size``-point type (``leading`` times the type's size), as
        :meth:`write_block` sets it."""
        return size * 0.3528 * leading

    def write_block(
        self, x: float, width: float, text: str, *, size: float = 8.5, bold: bool = False,
        colour: tuple[int, int, int] = INK, leading: float = 1.35, max_lines: int | None = None,
    ) -> None:
        """Wrapped text at ``x`` from the current height, cut to ``max_lines`` (with an ellipsis)."""
        self.font(size, bold=bold, colour=colour)
        body = self.clean(text)
        height = self.line_height(size, leading)
        if max_lines is not None and self.lines_for(width, body) > max_lines:
            while body and self.lines_for(width, body + "...") > max_lines:
                body = body[: body.rfind(" ")] if " " in body else body[:-1]
            body += "..."
        self.set_x(x)
        self.multi_cell(width, height, body, align="L", new_x=XPos.LEFT, new_y=YPos.NEXT)

    def heading(self, x: float, width: float, text: str, *, size: float = 10.5) -> None:
        """A section heading with a thin rule under it."""
        self.write_block(x, width, text, size=size, bold=True)
        y = self.get_y() + 0.4
        self.set_draw_color(*RULE)
        self.set_line_width(0.25)
        self.line(x, y, x + width, y)
        self.set_y(y + 1.4)

    def image_png(self, png: bytes, x: float, y: float, width: float) -> float:
        """Place a PNG at (x, y) ``width`` mm wide; returns its height in mm."""
        info = self.image(io.BytesIO(png), x=x, y=y, w=width)
        return float(info.rendered_height)

    def footer_note(self, text: str) -> None:
        """Small print at the bottom of the page."""
        self.set_y(self.h - 12)
        self.write_block(self.l_margin, self.w - self.l_margin - self.r_margin, text, size=6.5, colour=MUTED)
