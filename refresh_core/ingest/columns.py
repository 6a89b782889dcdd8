"""Header recognition: which column holds which field, case-, space- and punctuation-insensitively."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from refresh_core.ingest.sheet import Sheet

IDENTITY = ("name", "first_name", "last_name", "email")

# Field -> header spellings, in compact form (see `compact`): lower case, letters, digits and '#'.
SYNONYMS: dict[str, frozenset[str]] = {
    "name": frozenset(
        {
            "name",
            "fullname",
            "attendee",
            "participant",
            "attendeename",
            "participantname",
            "yourname",
            "displayname",
            "username",
            "nameoriginalname",
            "usernameoriginalname",
            "nom",
            "nomcomplet",
            "nome",
            "nomecompleto",
            "nombre",
            "nombrecompleto",
            "vollständigername",
            "nama",
            "名前",
            "氏名",
        }
    ),
    "first_name": frozenset({"firstname", "first", "givenname", "prénom", "vorname"}),
    "last_name": frozenset({"lastname", "last", "surname", "familyname", "nachname"}),
    "email": frozenset(
        {
            "email",
            "emailaddress",
            "useremail",
            "attendeeemail",
            "mail",
            "emailid",
            "courriel",
            "correoelectrónico",
            "ユーザーメール",
            "メール",
            "メールアドレス",
        }
    ),
    "organisation": frozenset(
        {
            "organization",
            "organisation",
            "company",
            "employer",
            "business",
            "companyname",
            "organizationname",
            "organisationname",
            "businessname",
            "employername",
            "institution",
        }
    ),
    "title": frozenset({"title", "jobtitle", "position"}),
    "meeting_date": frozenset({"date", "meetingdate", "eventdate", "sessiondate"}),
    "meeting_title": frozenset(
        {
            "meeting",
            "event",
            "meetingname",
            "eventname",
            "meetingtitle",
            "eventtitle",
            "topic",
            "workshop",
        }
    ),
    "meeting_kind": frozenset({"meetingtype", "eventtype", "meetingkind", "typeofmeeting"}),
    "role": frozenset({"role", "rôle", "rol", "papel", "rolle", "ruolo", "役割"}),
    "phone": frozenset(
        {
            "phone",
            "phonenumber",
            "phone#",
            "mobile",
            "mobilephone",
            "mobilenumber",
            "cell",
            "cellphone",
            "telephone",
        }
    ),
    "minutes": frozenset(
        {
            "minutes",
            "duration",
            "durationminutes",
            "inmeetingduration",
            "attendanceduration",
            "durée",
            "duração",
            "duración",
            "dauer",
            "所要時間",
            "所要時間分",
            "timeinsession",
            "timeinsessionminutes",
            "timeincall",
            "minutesattended",
            "totalduration",
        }
    ),
    "join": frozenset(
        {
            "jointime",
            "firstjoin",
            "timejoined",
            "heuredarrivée",
            "参加時刻",
            "horadeentrada",
            "horáriodeentrada",
            "beitrittszeit",
        }
    ),
    "leave": frozenset(
        {
            "leavetime",
            "lastleave",
            "timeexited",
            "timeleft",
            "heurededépart",
            "退出時刻",
            "horadesaída",
            "horáriodesaída",
            "austrittszeit",
        }
    ),
    "timestamp": frozenset(
        {
            "timestamp",
            "dataehora",
            "horodatage",
            "horodateur",
            "zeitstempel",
            "marcatemporal",
            "marcadetiempo",
            "carimbodedatahora",
            "fechayhora",
        }
    ),
    "action": frozenset(
        {
            "useraction",
            "action",
            "atividade",
            "activité",
            "actiondelutilisateur",
            "benutzeraktion",
            "accióndelusuario",
            "acción",
            "ação",
        }
    ),
    "upn": frozenset({"participantidupn", "upn"}),
    "order": frozenset({"order#", "ordernumber", "orderno", "orderid"}),
    "ticket_type": frozenset({"tickettype"}),
    "status": frozenset({"attendeestatus", "checkinstatus", "checkedin"}),
    "attended": frozenset({"attended"}),
    "attentiveness": frozenset({"attentivenessscore"}),
    "guest": frozenset({"guest", "isguest"}),
}
_LOOKUP = {key: fld for fld, keys in SYNONYMS.items() for key in keys}
_PARENS = re.compile(r"[(\[（][^()\[\]（）]*[)\]）]")
_SPLIT = re.compile(r"\s*/\s*|\s+or\s+")


def compact(text: str) -> str:
    """NFKC, case-folded, only letters, digits and '#'."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return "".join(ch for ch in folded if ch.isalnum() or ch == "#")


def _is_affiliation(text: str) -> bool:
    words = unicodedata.normalize("NFKC", text).casefold()
    flat = compact(text)
    if "sector" in flat or "affiliation" in flat or "partnertype" in flat:
        return True
    return "industry" in words and "public" in words


@lru_cache(maxsize=4096)
def field_of(header: str) -> str | None:
    """The field a header cell names, or None."""
    if not header:
        return None
    candidates = [compact(header), compact(_PARENS.sub(" ", header))]
    candidates += [compact(part) for part in _SPLIT.split(header) if part]
    for key in candidates:
        if key in _LOOKUP:
            return _LOOKUP[key]
    return "affiliation" if _is_affiliation(header) else None


def recognise(cells: list[str]) -> dict[str, int]:
    """Field -> index of the first column whose header names it."""
    found: dict[str, int] = {}
    for index, cell in enumerate(cells):
        fld = field_of(cell)
        if fld is not None and fld not in found:
            found[fld] = index
    return found


def has_identity(colmap: dict[str, int]) -> bool:
    return any(f in colmap for f in IDENTITY)


def find_header(sheet: Sheet, start: int = 0, stop: int | None = None, scan: int = 40) -> int | None:
    """Position of the most recognisable row with a name or email column among the first rows."""
    filled = sheet.nonempty().nonzero()[0]
    filled = filled[(filled >= start) & (filled < (len(sheet.filled) if stop is None else stop))]
    best, best_score = None, 0
    for pos in (int(p) for p in filled[:scan]):
        colmap = recognise(sheet.row(pos))
        if has_identity(colmap) and len(colmap) > best_score:
            best, best_score = pos, len(colmap)
    return best


def first_row(sheet: Sheet) -> tuple[str, ...]:
    """The first non-empty row, for error messages and the mapping UI."""
    positions = sheet.nonempty().nonzero()[0]
    return tuple(sheet.row(int(positions[0]))) if len(positions) else ()
