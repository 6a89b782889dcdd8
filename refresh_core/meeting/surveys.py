"""The participant survey's results for a meeting. Recording them closes the survey item of
the follow-through clock (``followups.clock``): the guide's "distribute a survey to all
participants" is done once there are results to read."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from refresh_core import words
from refresh_core.db import Connection, one, transaction
from refresh_core.errors import ValidationError
from refresh_core.meetings import get_meeting
from refresh_core.tables import text


@dataclass(frozen=True)
class SurveyResult:
    meeting_id: int
    recorded_on: dt.date
    responses: int | None
    summary: str


def record_survey_results(
    conn: Connection,
    *,
    meeting_id: int,
    recorded_on: dt.date,
    responses: int | None = None,
    summary: str = "",
) -> SurveyResult:
    """Record (or replace) the survey results for a meeting that has been held."""
    meeting = get_meeting(conn, meeting_id=meeting_id)
    if recorded_on < meeting.date:
        raise ValidationError(
            f"The survey follows the meeting of {words.day(meeting.date)}: date its results on or after it."
        )
    if responses is not None and responses < 0:
        raise ValidationError("The number of responses cannot be negative; leave it empty if unknown.")
    if responses is None and not text(summary):
        raise ValidationError("Give the number of responses or a line on what people said.")
    with transaction(conn):
        conn.execute("DELETE FROM survey_result WHERE meeting_id = ?", [meeting_id])
        conn.execute(
            "INSERT INTO survey_result (meeting_id, recorded_on, responses, summary) VALUES (?, ?, ?, ?)",
            [meeting_id, recorded_on, responses, text(summary) or None],
        )
    return SurveyResult(meeting_id=meeting_id, recorded_on=recorded_on, responses=responses,
                        summary=text(summary))


def survey_result(conn: Connection, *, meeting_id: int) -> SurveyResult | None:
    """The survey results recorded for a meeting, if any."""
    row = one(
        conn,
        "SELECT recorded_on, responses, coalesce(summary, '') FROM survey_result WHERE meeting_id = ? "
        "ORDER BY id DESC LIMIT 1",
        [meeting_id],
    )
    if row is None:
        return None
    return SurveyResult(meeting_id=meeting_id, recorded_on=row[0],
                        responses=None if row[1] is None else int(row[1]), summary=str(row[2]))


def recorded_sentence(result: SurveyResult) -> str:
    """The results already recorded, in words, and what recording again does."""
    responses = "" if result.responses is None else f": {words.count(result.responses, 'response')}"
    said = f' ("{result.summary}")' if result.summary else ""
    return (f"Results recorded on {words.day(result.recorded_on)}{responses}{said}. Recording again "
            "replaces them; the survey item stays done on the date given below.")
