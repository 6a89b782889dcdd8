"""The classification rules a convener can read: who is industry, who is a public partner, who is neither yet.

Rules are tried in order, first the organisation's name (whole words, never a
fragment: "College Hunks Hauling" is not a college, "Chamberlain" is not a
chamber), then its email domain, then business signals in the name. A rule that
matches says why in words. A weak signal (a company email domain and no name)
is a **guess**: counted, but first in the convener's queue. Nothing matching
is **unclassified**: never counted as industry or public partner until someone
decides. A convener's choice (or a roster's) always wins over every rule; see
:mod:`refresh_core.people.knowledge`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from refresh_core.enums import KindSource, OrgKind
from refresh_core.enums import PublicSubtype as S

# Second-level labels of personal (free) mail providers: gmail.com, yahoo.co.uk, ...
FREE_MAIL = frozenset({
    "gmail", "googlemail", "yahoo", "ymail", "rocketmail", "outlook", "hotmail", "live", "msn",
    "icloud", "me", "mac", "aol", "proton", "protonmail", "pm", "comcast", "att", "sbcglobal",
    "bellsouth", "verizon", "charter", "cox", "earthlink", "frontier", "windstream", "centurylink",
    "gmx", "mail", "zoho", "yandex", "fastmail", "hey", "juno", "netzero", "optonline", "rr",
})  # fmt: skip
INDUSTRY = OrgKind.INDUSTRY
PUBLIC = OrgKind.PUBLIC_PARTNER
_HEALTH_SECTOR = re.compile(r"health|medic|hospital|care|nursing|clinic", re.IGNORECASE)


@dataclass(frozen=True)
class Rule:
    """One rule: what it looks at, what it says in words, and the kind it gives."""

    looks_at: str  # "name" or "domain"
    what: str  # what a match means, in words ("a union")
    shown: str  # examples the convener reads
    regex: re.Pattern[str]
    kind: OrgKind
    subtype: S | None = None
    source: KindSource = KindSource.RULE
    healthcare_only: bool = False  # providers are industry in a healthcare partnership


def _words(*phrases: str) -> re.Pattern[str]:
    """Whole-word phrases (regular expressions), matched on the name in any case."""
    return re.compile(r"(?<![\w])(?:" + "|".join(phrases) + r")(?![\w])", re.IGNORECASE)


def _name(
    kind: OrgKind, subtype: S | None, what: str, shown: str, *phrases: str, healthcare_only: bool = False
) -> Rule:
    return Rule("name", what, shown, _words(*phrases), kind, subtype, healthcare_only=healthcare_only)


def _domain(kind: OrgKind, subtype: S | None, what: str, shown: str, pattern: str) -> Rule:
    return Rule("domain", what, shown, re.compile(pattern), kind, subtype)


NAME_RULES: tuple[Rule, ...] = (
    _name(PUBLIC, S.ECONOMIC_DEVELOPMENT, "economic development", '"Economic Development", "EDC", "SBDC"',
          r"economic development", r"edc", r"sbdc", r"small business development cent(?:er|re)",
          r"development (?:corporation|corp|council|authority|alliance|partnership|district)",
          r"regional development", r"port authority"),
    _name(PUBLIC, S.INTERMEDIARY, "a staffing agency",
          '"Staffing", "Temps", "Employment Agency", "Recruiting"',
          r"\w*staff(?:ing)?", r"temps", r"temporary (?:services|staffing|help)", r"labou?r (?:supply|ready)",
          r"employment (?:agency|services|professionals|solutions|group)", r"personnel", r"talent",
          r"recruit(?:ing|ers|ment)", r"headhunters?", r"manpower", r"adecco", r"randstad",
          r"kelly services", r"robert half", r"aerotek", r"spherion", r"peopleready"),
    _name(PUBLIC, S.WORKFORCE, "a workforce board or job centre",
          '"Workforce", "Job Center", "WorkSource", "CareerSource", "Works!"',
          r"workforce", r"(?:american )?job cent(?:er|re)s?", r"worksource", r"careersource",
          r"michigan works", r"works!", r"wib", r"wdb", r"employment security", r"one-?stop",
          r"employment development", r"career ?link", r"job corps"),
    _name(PUBLIC, S.LABOUR, "a union",
          '"Local 58", "... Union", "AFL-CIO", "IBEW", "SEIU", "UAW", "Teamsters"',
          r"local (?:no\.? ?)?\d+", r"afl-cio", r"ibew", r"seiu", r"uaw", r"afscme", r"teamsters",
          r"steelworkers", r"unite here", r"(?:labou?r|trades) council", r"building trades",
          r"brotherhood of", r"international union", r"workers'? union", r"(?<!credit )union$"),
    _name(PUBLIC, S.ASSOCIATION, "a chamber or trade association", '"Chamber", "Association", "Alliance of"',
          r"chamber", r"chamber of commerce", r"associations?", r"assn\.?", r"assoc\.?", r"federation",
          r"alliance (?:of|for)", r"alliance$", r"(?:manufacturers|employers|business|industry|trade) "
          r"(?:alliance|council|coalition|roundtable|network|group)", r"society of", r"guild"),
    _name(PUBLIC, S.COMMUNITY, "a community organisation", '"United Way", "Goodwill", "Foundation", "YMCA"',
          r"united way", r"goodwill", r"y[mw]ca", r"habitat for humanity", r"junior achievement",
          r"charities", r"salvation army", r"red cross", r"urban league", r"boys and girls clubs?",
          r"big brothers", r"rotary", r"kiwanis", r"lions club", r"community foundation",
          r"foundation$", r"foundation (?:of|for)", r"literacy", r"food bank", r"community action",
          r"non-?profit", r"ministr(?:y|ies)", r"church", r"head start"),
    _name(PUBLIC, S.EDUCATION, "a school, college or university",
          '"Community College", "University", "School District", "ISD"',
          r"community college", r"technical college", r"college$", r"college of", r"university$",
          r"university of", r"state univ\.?", r"school district", r"sch\.? dist\.?", r"public schools",
          r"(?:high|middle|elementary|charter) school", r"schools$", r"school of", r"isd", r"usd",
          r"boces", r"institute of technology", r"polytechnic", r"career and technical",
          r"vocational", r"cc$", r"adult education"),
    _name(PUBLIC, S.GOVERNMENT, "a government body",
          '"City of", "... County", "Department of", "Dept.", "National Guard"',
          r"^(?:city|town|village|county|state|township|borough|commonwealth) of", r"department of",
          r"dept\.?", r"board of (?:commissioners|supervisors)", r"county$", r"township$",
          r"county (?:board|commission|commissioners|government|administrator|executive|clerk)",
          r"(?:health|police|fire|sheriff'?s?|public works|transportation) department",
          r"sheriff'?s? office", r"office of (?:the )?(?:rep|representative|senator|congress\w*|governor|"
          r"mayor)\.?", r"senator", r"congress(?:man|woman|ional)", r"national guard", r"army",
          r"air force", r"navy", r"corps of engineers", r"usda", r"fema", r"municipal(?:ity)?",
          r"city (?:council|hall)", r"(?:housing|transit) authority"),
)

SUFFIX_RULES: tuple[Rule, ...] = (
    _domain(PUBLIC, S.EDUCATION, "a school, college or university", "ends in .edu, or is a k12 domain",
            r"\.edu(?:\.[a-z]{2})?$|\.ac\.[a-z]{2}$|"
            r"(?:^|[.-])k12[.-]"),
    _domain(PUBLIC, S.GOVERNMENT, "a government body",
            "ends in .gov, .mil or .int (international bodies such as the UN), or is a state, county or city "
            ".us domain",
            r"\.(?:gov|mil|int)(?:\.[a-z]{2})?$|(?:^|\.)(?:state|co|ci|city|town|twp|county|vil)\.[a-z]{2}\.us$"),
)

# Words inside a domain's name are weaker than the name's own words, so these come after the business rules.
LABEL_RULES: tuple[Rule, ...] = (
    _domain(PUBLIC, S.GOVERNMENT, "a government body", "names a city, town or county (cityof…, countyof…)",
            r"^(?:cityof|townof|villageof|countyof|co\.[a-z]+\.[a-z]{2}\.us$)[a-z0-9-]*\."),
    _domain(PUBLIC, S.WORKFORCE, "a workforce board",
            "names a workforce board (…wib, …wdb, workforce…, worksource…)",
            r"^(?:[a-z0-9-]*(?:wib|wdb)|[a-z0-9-]*(?:workforce|worksource|careersource)[a-z0-9-]*)\."),
    _domain(PUBLIC, S.ECONOMIC_DEVELOPMENT, "economic development",
            "names an economic development group (…edc, …sbdc)",
            r"^(?:[a-z0-9-]*(?:edc|sbdc)|sbdc[a-z0-9-]*)\."),
    _domain(PUBLIC, S.ASSOCIATION, "a chamber", "names a chamber (…chamber…)",
            r"^[a-z0-9-]*chamber(?:ofcommerce)?\."),
    _domain(PUBLIC, S.LABOUR, "a union", "names a union (ibew…, seiu…, uaw…, teamsters…)",
            r"^(?:[0-9]*(?:ibew|seiu|uaw|teamsters|afscme|usw)[a-z0-9-]*)\."),
    _domain(PUBLIC, S.COMMUNITY, "a community organisation",
            "names a community organisation (unitedway…, goodwill…)",
            r"^[a-z0-9-]*(?:unitedway|goodwill)[a-z0-9-]*\."),
    _domain(PUBLIC, S.INTERMEDIARY, "a staffing agency", "names a staffing agency (…staffing…, …temps)",
            r"^[a-z0-9-]*(?:staffing|temps)[a-z0-9-]*\."),
)

BUSINESS_RULES: tuple[Rule, ...] = (
    _name(INDUSTRY, None, "a healthcare provider (an employer of a healthcare partnership)",
          '"Hospital", "Health System", "Clinic", "Home Health", "Pediatrics" (healthcare partnerships)',
          r"hospitals?", r"health (?:system|network|partners|center|centre|services)", r"medical "
          r"(?:center|centre|ctr\.?|group|labs?|associates)", r"clinics?", r"family (?:practice|medicine)",
          r"pediatrics", r"orthopa?edics", r"dental(?: group)?", r"dentistry", r"pharmacy", r"hospice",
          r"home (?:health|care)", r"nursing (?:home|center|and rehab)", r"rehab(?:ilitation)?",
          r"(?:senior|assisted) living", r"memory care", r"behavioral health", r"urgent care",
          r"ambulance", r"surgical", r"surgery", r"eye care", r"optometry", r"physical therapy",
          r"physicians", r"laborator(?:y|ies)", r"dialysis", r"renal care", r"cardiology", r"imaging",
          r"^dr\.?", r"health care$", healthcare_only=True),
    _name(INDUSTRY, None, "a company", '"Inc", "LLC", "Co.", "Company", "Corp", "Ltd", "P.C."',
          r"inc\.?", r"incorporated", r"l\.?l\.?c\.?", r"ltd\.?", r"limited", r"co\.", r"co$",
          r"company", r"corp\.?", r"corporation", r"plc", r"l\.?l\.?p\.?", r"pllc", r"p\.?c\.?$",
          r"and sons", r"gmbh", r"cooperative"),
    _name(INDUSTRY, None, "a business", '"Manufacturing", "Brewing", "Fabrication", "Logistics", "Bank"',
          r"manufactur\w*", r"mfg\.?", r"brew\w*", r"winery", r"distill\w*", r"industries",
          r"fabricat\w*", r"fab", r"machin(?:ing|e shop|e and tool|e works)", r"tool and die",
          r"foundry", r"forge", r"castings?", r"plastics", r"polymers", r"composites", r"packaging",
          r"logistics", r"trucking", r"freight", r"construction", r"contractors?", r"electric(?:al)?",
          r"hydraulics", r"robotics", r"automation", r"components", r"steel", r"metals?", r"mill",
          r"millwork", r"molds?", r"molding", r"extrusions?", r"stamping", r"welding", r"cabinetry",
          r"furniture", r"\w+works", r"bank", r"bancorp", r"credit union", r"insurance", r"software",
          r"technologies", r"engineering", r"controls", r"dairy", r"farms?", r"foods?", r"bakery",
          r"equipment", r"fasteners", r"gears?", r"devices", r"optics", r"electronics", r"aerospace",
          r"motors", r"chemicals?", r"coatings", r"printing", r"heat treat(?:ing)?", r"automotive",
          r"trucks?", r"hauling", r"moving", r"lumber", r"shipyard", r"utilities", r"energy"),
)


@dataclass(frozen=True)
class Classification:
    """A kind with its subtype, where it came from (rule, guess) and the reason in words."""

    kind: OrgKind
    subtype: S | None
    source: KindSource
    reason: str


def _norm(name: str) -> str:
    return " ".join(name.replace("&", " and ").split())


def _healthcare(sector: str | None) -> bool | None:
    """True/False for a partnership in / outside healthcare; None when its sector is not given."""
    return None if not sector else bool(_HEALTH_SECTOR.search(sector))


def _by_name(rules: tuple[Rule, ...], text: str, sector: str | None) -> Classification | None:
    for rule in rules:
        found = rule.regex.search(text)
        if found is None:
            continue
        source = rule.source
        if rule.healthcare_only:
            health = _healthcare(sector)
            if health is False:
                continue
            source = KindSource.RULE if health else KindSource.GUESS
        words = found.group(0).strip() or text
        return Classification(rule.kind, rule.subtype, source, f'The name has "{words}": {rule.what}.')
    return None


def _by_domain(rules: tuple[Rule, ...], domain: str) -> Classification | None:
    for rule in rules:
        if rule.regex.search(domain):
            why = f"The email domain {domain} {rule.shown}: {rule.what}."
            return Classification(rule.kind, rule.subtype, rule.source, why)
    return None


@lru_cache(maxsize=65536)
def is_free_mail(domain: str | None) -> bool:
    """True for a personal mail provider's domain (gmail.com, yahoo.co.uk, ...)."""
    if not domain:
        return False
    labels = domain.lower().strip(".").split(".")
    if len(labels) < 2:
        return False
    second = labels[-3] if len(labels) >= 3 and labels[-2] in {"co", "com", "net"} else labels[-2]
    return second in FREE_MAIL


@lru_cache(maxsize=65536)
def classify(name: str | None, domain: str | None, *, sector: str | None = None) -> Classification:
    """The kind the rules give an organisation (``name`` may be None when only a domain is known;
    a personal mail domain says nothing about anyone's employer)."""
    domain = domain.lower().strip(".") if domain and not is_free_mail(domain) else None
    text = _norm(name) if name and (domain is None or name.strip().lower() != domain) else ""
    found = (
        (_by_name(NAME_RULES, text, sector) if text else None)
        or (_by_domain(SUFFIX_RULES, domain) if domain else None)
        or (_by_name(BUSINESS_RULES, text, sector) if text else None)
        or (_by_domain(LABEL_RULES, domain) if domain else None)
    )
    if found is not None:
        return found
    if text:
        why = "No rule recognises the name" + (f" or the email domain {domain}" if domain else "")
        return Classification(OrgKind.UNCLASSIFIED, None, KindSource.RULE, why + ": decide its kind.")
    if domain and not domain.endswith(".org"):
        return Classification(
            INDUSTRY, None, KindSource.GUESS,
            f"Only a company email domain ({domain}) is known, no organisation name: a guess, confirm it.",
        )
    return Classification(
        OrgKind.UNCLASSIFIED, None, KindSource.RULE,
        f"Only the email domain {domain} is known: a .org may be a nonprofit, a hospital or a company."
        if domain else "Nothing is known about it yet: decide its kind.",
    )


def rules_table() -> list[dict[str, str]]:
    """Every rule in the order tried, for display: what it looks at, when it applies, what it gives."""
    ordered = [*NAME_RULES, *SUFFIX_RULES, *BUSINESS_RULES, *LABEL_RULES]
    return [
        {
            "order": str(i + 1),
            "looks at": "organisation name" if r.looks_at == "name" else "email domain",
            "when it": r.shown if r.looks_at == "domain" else "it has " + r.shown,
            "kind": "Industry" if r.kind == INDUSTRY else "Public partner",
            "subtype": r.subtype.label if r.subtype else "",
        }
        for i, r in enumerate(ordered)
    ] + [
        {"order": "", "looks at": "email domain",
         "when it": "is personal mail (Gmail, Yahoo, Outlook, Hotmail, iCloud, AOL, Proton, Comcast...)",
         "kind": "No organisation: the person stays unclassified", "subtype": ""},
        {"order": str(len(ordered) + 1), "looks at": "email domain",
         "when it": "a company domain (not .org) and no organisation name",
         "kind": "Industry (a guess, to confirm)", "subtype": ""},
        {"order": str(len(ordered) + 2), "looks at": "anything else", "when it": "no rule applies",
         "kind": "Unclassified (you decide)", "subtype": ""},
    ]
