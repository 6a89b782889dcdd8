"""What the reports add to the printed page (:mod:`refresh_core.printing.document`): status colours
and badges, and charts rendered from the pages' own Altair specs by ``vl-convert``."""

from __future__ import annotations

import altair as alt
import vl_convert as vlc

from refresh_core.enums import SignStatus
from refresh_core.printing import document

STATUS_COLOURS = {
    SignStatus.FLAG: (176, 58, 46),
    SignStatus.WATCH: (196, 112, 20),
    SignStatus.OK: (46, 125, 80),
    SignStatus.UNKNOWN: (110, 117, 125),
}


def chart_png(chart: alt.TopLevelMixin, *, width: int, height: int, scale: float = 3.0) -> bytes:
    """The chart at ``width`` x ``height`` CSS pixels as a PNG (``scale`` times as many dots)."""
    sized = chart.properties(width=width, height=height)
    return bytes(vlc.vegalite_to_png(sized.to_json(), scale=scale))


class Document(document.Document):
    """The printed page with a report's status badges (email addresses and phone numbers scrubbed)."""

    def badge(self, x: float, y: float, status: SignStatus, *, size: float = 7.5) -> float:
        """A filled status badge at (x, y); returns its width."""
        self.font(size, bold=True, colour=(255, 255, 255))
        word = status.label
        width = self.get_string_width(word) + 3
        self.set_fill_color(*STATUS_COLOURS[status])
        self.set_xy(x, y)
        self.cell(width, self.line_height(size, 1.5), word, align="C", fill=True)
        return width
