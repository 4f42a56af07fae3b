"""Entities of one document: threat actors (gazetteer + context), victim organisations (attack
context), and coreference of pronouns and definite descriptions to the last compatible entity.

Works on a :class:`~ingest.nlp.view.DocView`; returns plain records and mentions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, lru_cache

from ingest.nlp.gazetteer import load_patterns
from ingest.nlp.names import LEGAL_FORMS, norm
from ingest.nlp.rules import Cue
from ingest.nlp.view import DocView, GazSpan, Mention

_GROUP_CONTEXT = re.compile(
    r"ransomware|rançongiciel|\bgangs?\b|\bgroups?\b|\bgroupes?\b|collectif|hackers?|operation|"
    r"opérateurs|\bcrew\b|claim|revendiqu|leak site|site de fuite|affiliates?|extortion|"
    r"liste de victimes|victim list|threat actors?|\bAPT\b|espionage|espionnage|spear-?phishing|"
    r"backdoors?|implants?|intrusion sets?|nation-state|state-sponsored|cyber-?spies",
    re.IGNORECASE,
)
# a tool named after its group ("Carbanak malware"); ransomware brands are their operators
_MALWARE_AFTER = re.compile(
    r"(?:['’]s)?[\s-]+(?:malware|backdoors?|trojans?|RATs?|loaders?|variants?|samples?|payloads?|"
    r"implants?|droppers?|stealers?|botnet|worm|toolkit|exploit\s+kit)\b",
    re.IGNORECASE,
)


# ransomware someone else deploys: "Storm-1175 ... deploying Medusa ransomware"
_DEPLOYED = re.compile(
    r"\b(?:deploy(?:s|ed|ing|ment\s+of)?|drop(?:s|ped|ping)?|deliver(?:s|ed|ing)?|install(?:s|ed|ing)?|"
    r"push(?:es|ed|ing)?)\s+(?:the\s+|a\s+|an\s+)?$",
    re.IGNORECASE,
)
_RANSOMWARE_AFTER = re.compile(r"[\s-]+ransomware\b", re.IGNORECASE)


def names_a_tool(text: str, end: int) -> bool:
    """Whether the group name ending at ``end`` names its tool ("the Carbanak backdoor")."""
    return _MALWARE_AFTER.match(text, end) is not None


def _deployed(text: str, start: int, end: int) -> bool:
    """ "... deploying Medusa ransomware": the ransomware of whoever deploys it."""
    return (
        _RANSOMWARE_AFTER.match(text, end) is not None
        and _DEPLOYED.search(text, max(0, start - 30), start) is not None
    )


MAX_VICTIMS = 60
_TRACKER_TITLE = re.compile(r"^(?P<v>.{2,120}?)\s+\((?P<c>[A-Z]{3})\)\s+autour du\s+(?P<d>.+?)\.?$")
_AFTER_VENDOR = re.compile(
    r"^(?:['’]s)?\s+(?:\w+\s+)?(?:devices?|servers?|appliances?|products?|software|instances?|"
    r"flaws?|vulnerabilit\w*|zero-days?|bugs?|firewalls?|VPNs?|gateways?|platform\s+flaw|"
    r"exploit\w*|patch\w*|CVE)"
    # "hit Fortinet and Chrome with new 0-day bugs"
    # open-source packages hijacked: their publisher is not breached ("Laravel Lang packages")
    r"|^(?:\s+[\w-]+)?\s+(?:packages?|librar(?:y|ies)|plugins?|modules?|extensions?\b(?!\s+hack))"
    r"|^(?:\s+and\s+[\w-]+)?\s+with\s+(?:[\w-]+\s+){0,2}?(?:0-days?|zero-days?|bugs|flaws|"
    r"vulnerabilit\w*|exploits)",
    re.IGNORECASE,
)
_AFTER_CUSTOMERS = re.compile(
    r"^(?:['’]s)?\s+(?:customers|users|clients|tenants|(?:user\s+|customer\s+)?accounts)\b", re.I
)
# "X disclosed that a ransomware attack impacting its Y subsidiary ...": X is the parent
_AT_SUBSIDIARY = re.compile(
    r"[^.;]{0,80}?\b(?:attack|breach|hack|incident|intrusion|compromise)\s+(?:at|on|impacting|"
    r"affecting|hitting|targeting|of)\s+(?:its|their)\s+(?:[\w-]+\s+){0,3}?(?:subsidiary|"
    r"subsidiaries|unit|division|affiliate)\b",
    re.I,
)
_PACKAGE_OF = re.compile(
    r"\bpackages?\s+(?:for|of|from|belonging\s+to)\s+(?:the\s+)?$", re.I
)  # "package for Axios"
_FIGURE_NAME = re.compile(r"[$€£]?\d[\d.,]*\s*[KkMmBb]?\+?")
# an organisation hit through its supplier: "victime collatérale", "after a breach at its vendor"
_INDIRECT = re.compile(
    r"^(?:['’]s)?[^.;]{0,90}?(?:\bvictimes?\s+collatérales?|\bcollateral\s+victims?|"
    r"\b(?:via|après|suite\s+à)\s+(?:l['’]|une?\s+|la\s+)?(?:cyber-?attaque|attaque|fuite|"
    r"piratage|compromission|intrusion|violation)\s+(?:[\w-]+\s+){0,2}?(?:de\s+son|du|d['’]un|"
    r"chez\s+(?:son|un))\s+(?:fournisseur|prestataire|sous-traitant|partenaire)|"
    r"\b(?:through|via|after|following|in|caused\s+by|due\s+to)\s+(?:a\s+|an\s+|the\s+)?"
    r"(?:[\w-]+\s+){0,2}?(?:breach|attack|hack|compromise|incident)\s+(?:at|of|on|affecting)\s+"
    r"(?:its\s+|their\s+|a\s+|an\s+)?(?:[\w-]+\s+){0,2}?(?:vendor|supplier|provider|contractor|"
    r"partner))",
    re.IGNORECASE,
)
_PARENT = re.compile(
    r"(?:subsidiary of|filiale d[eu]|owned by|parent company|maison mère)\s*$", re.I
)
_SECURITY_ORGS = {
    norm(n)
    for n in (
        "Mandiant", "CrowdStrike", "Check Point", "Kaspersky", "ESET", "Sophos", "SentinelOne",
        "Unit 42", "Palo Alto Networks", "Trend Micro", "Symantec", "Recorded Future",
        "Proofpoint", "Huntress", "Talos", "Cisco Talos", "ReliaQuest", "Arctic Wolf", "Rapid7",
        "Tenable", "Qualys", "Group-IB", "Emsisoft", "Coveware", "Hudson Rock", "Bitdefender",
        "Malwarebytes", "Zscaler", "Volexity", "watchTowr", "Wiz", "GreyNoise", "Shadowserver",
        "Sekoia", "Orange Cyberdefense", "Intrinsec", "ZATAZ", "BleepingComputer",
        "The Hacker News", "Dark Reading", "Have I Been Pwned", "DataBreaches.net", "Cybernews",
        "SOCRadar", "KELA", "Flashpoint", "Halcyon", "Darktrace", "Trellix", "Microsoft Threat "
        "Intelligence", "Google Threat Intelligence Group", "Cyble", "Ransomware.live",
        "ransomlook", "HackManac", "Comparitech", "LeMagIT", "Reuters", "Bloomberg",
    )
}  # fmt: skip


@cache
def actor_names() -> tuple[dict[str, str], dict[str, str]]:
    """(key -> canonical display name, normalised alias -> key) from the gazetteer."""
    display: dict[str, str] = {}
    alias: dict[str, str] = {}
    for row in load_patterns("actors"):
        pat = row["pattern"]
        text = pat if isinstance(pat, str) else " ".join(str(t.get("ORTH", "")) for t in pat)
        display.setdefault(row["id"], text)
        alias.setdefault(norm(text), row["id"])
    return display, alias


@dataclass(slots=True)
class ActorEntity:
    key: str
    name: str
    known: bool
    forms: set[str] = field(default_factory=set)
    description: str | None = None
    first: int = 0
    confidence: float = 0.5


@dataclass(slots=True)
class VictimEntity:
    key: str
    name: str
    strength: float
    first: int
    cue_pos: int
    role: str = "victim"
    country: str | None = None
    tracker_date: str | None = None
    mentions: int = 0


@dataclass(slots=True)
class Entities:
    actors: dict[str, ActorEntity]
    victims: dict[str, VictimEntity]
    mentions: list[Mention]


@lru_cache(maxsize=4096)
def _name_rx(name: str) -> re.Pattern[str]:
    return re.compile(r"(?<![\w])" + re.escape(name) + r"(?![\w])")


def _occurrences(text: str, name: str) -> list[tuple[int, int]]:
    rx = _name_rx(name)
    out: list[tuple[int, int]] = []
    for m in rx.finditer(text):
        out.append(m.span())
        if len(out) >= 100:
            break
    return out


def find_actors(view: DocView) -> dict[str, ActorEntity]:
    display, alias = actor_names()
    actors: dict[str, ActorEntity] = {}
    text = view.text

    def add(key: str, name: str, known: bool, pos: int, conf: float, form: str) -> None:
        ent = actors.get(key)
        if ent is None:
            ent = actors[key] = ActorEntity(key, name, known, first=pos, confidence=conf)
        ent.forms.add(form)
        ent.first = min(ent.first, pos)
        ent.confidence = max(ent.confidence, conf)

    actor_spans = [g for g in view.gazetteer if g.label in ("ACTOR", "ACTOR_AMBIG")]
    deployed: list[GazSpan] = []
    for g in view.gazetteer:
        if g.label in ("ACTOR", "ACTOR_AMBIG") and any(
            o.start <= g.start and g.end <= o.end and (o.end - o.start) > (g.end - g.start)
            for o in actor_spans
        ):
            continue  # "Lapsus$" inside "Scattered Lapsus$ Hunters"
        if names_a_tool(text, g.end):
            continue  # "the Carbanak backdoor", "a new BlackEnergy variant": the tool
        if _deployed(text, g.start, g.end):
            deployed.append(g)
            continue
        if g.label == "ACTOR":
            add(g.key, display.get(g.key, g.text), True, g.start, 0.9, g.text)
        elif g.label == "ACTOR_AMBIG":
            window = text[max(0, g.start - 40) : g.end + 40]
            if _GROUP_CONTEXT.search(window):
                add(g.key, display.get(g.key, g.text), True, g.start, 0.75, g.text)
    blocked = {norm(g.text) for g in view.gazetteer if g.label in ("AUTHORITY", "COUNTRY")}
    for cue in view.cues.actors:
        n = norm(cue.name)
        if n in blocked or n in _SECURITY_ORGS:
            continue
        key = alias.get(n)
        if key is not None:
            add(key, display.get(key, cue.name), True, cue.start, 0.9, cue.name)
        else:
            add("actor:" + n, cue.name, False, cue.start, cue.strength, cue.name)
    # ransomware deployed by another named actor is its tool; alone, it stands for its operators
    # ("affiliates deploying LockBit ransomware")
    for g in deployed:
        if not actors or g.key in actors:
            add(g.key, display.get(g.key, g.text), True, g.start, 0.8, g.text)
    for cue in view.cues.descriptions:
        n = norm(cue.name)
        for ent in actors.values():
            if n in {norm(f) for f in ent.forms} and ent.description is None:
                ent.description = cue.extra
    _merge_stated_aliases(text, actors)
    return actors


_AKA = re.compile(
    r"(?P<main>[\w$@.\-]+)['’\"»]?\s*(?:\(\s*(?:aka|a\.k\.a\.?|also\s+known\s+as|alias|"
    r"dit|également\s+connu\s+sous\s+le\s+nom\s+de|tracked\s+as)\s+(?P<list>[^()\n]{2,100})\)|"
    r",\s+(?:aka|a\.k\.a\.?|also\s+known\s+as|alias)\s+(?P<list2>[^.;()\n]{2,100}))",
    re.IGNORECASE,
)
_ALIAS_SPLIT = re.compile(r"\s*(?:,|/|\bor\b|\band\b|\bet\b|\bou\b)\s*")


def _merge_stated_aliases(text: str, actors: dict[str, ActorEntity]) -> None:
    """ "Ghostwriter (aka UAC-0057 and UNC1151)": the names in the parenthesis are one actor.
    A discovered name merges into a known one; otherwise into the name before the parenthesis."""
    if len(actors) < 2:
        return

    def owner(name: str) -> str | None:
        n = norm(name)
        for key, ent in actors.items():
            if n and (n == norm(ent.name) or n in {norm(f) for f in ent.forms}):
                return key
        return None

    for m in _AKA.finditer(text):
        main_key = owner(m.group("main"))
        if main_key is None:
            continue
        names = _ALIAS_SPLIT.split(m.group("list") or m.group("list2") or "")
        keys = (owner(n.strip(" '\"«»")) for n in names)
        for key in dict.fromkeys(k for k in keys if k is not None and k != main_key):
            if key not in actors or main_key not in actors:
                continue
            keep, drop = main_key, key
            if actors[drop].known and not actors[keep].known:
                keep, drop = drop, keep
            ent, gone = actors[keep], actors.pop(drop)
            ent.forms |= gone.forms | {gone.name}
            ent.first = min(ent.first, gone.first)
            ent.confidence = max(ent.confidence, gone.confidence)
            main_key = keep


def _is_title_case(title: str) -> bool:
    """Headline style ("Hackers Breach Major Retailer"): most longer words capitalised."""
    words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", title) if len(w) >= 4]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.6 * len(words)


_LETTER_DIGIT = re.compile(r"[A-Z]+\d+|\d+[A-Z]+")  # "F5", "3M"


def _in_body(part: str, body: str) -> bool:
    return bool(
        (len(norm(part)) >= 3 or _LETTER_DIGIT.fullmatch(part))
        and re.search(r"(?<!\w)" + re.escape(part) + r"(?!\w)", body)
    )


def _confirmed_in_body(cue: Cue, body: str) -> Cue | None:
    """A name taken from a title-case headline is kept (or shortened) only if the body names
    it too: capitalisation does not mark names in such headlines."""
    words = cue.name.split()
    for k in range(len(words), 0, -1):
        part = " ".join(words[:k])
        if _in_body(part, body):
            return Cue(cue.start, cue.start + len(part), part, cue.kind, cue.strength)
    # "Breach at AI Chatbot Maker Salesloft": the description before the name is capitalised too
    for k in range(1, len(words)):
        part = " ".join(words[k:])
        if _in_body(part, body):
            return Cue(cue.end - len(part), cue.end, part, cue.kind, cue.strength)
    first = words[0]
    if re.fullmatch(r"[A-Z][a-z]+[A-Z][\w.-]*|\d+[A-Za-z][\w.-]*|[A-Z]+\d+", first):  # 23andMe, F5
        return Cue(cue.start, cue.start + len(first), first, cue.kind, cue.strength * 0.9)
    return None


def find_victims(view: DocView, actors: dict[str, ActorEntity]) -> dict[str, VictimEntity]:
    text = view.text
    places = {norm(g.text) for g in view.gazetteer if g.label in ("AUTHORITY", "COUNTRY")}
    attackers = {norm(f) for act in actors.values() for f in (*act.forms, act.name)} - places
    blocked = places | attackers
    victims: dict[str, VictimEntity] = {}
    cues = list(view.cues.victims)
    title_match = _TRACKER_TITLE.match(view.title.strip()) if view.title else None
    title_end = len(view.title) if view.title else 0
    headline = title_end > 0 and _is_title_case(view.title)
    body = text[title_end:]
    for cue in cues:
        if headline and cue.start < title_end:
            kept = _confirmed_in_body(cue, body)
            if kept is None:
                continue
            cue = kept
        n = norm(cue.name)
        if cue.extra and not any(norm(cue.extra) in b for b in attackers if b):
            continue  # a statement about another organisation's attack
        if re.search(r"-(?:based|linked|owned|made)$", cue.name) or _FIGURE_NAME.fullmatch(
            cue.name
        ):
            continue
        if (
            not n
            or n in LEGAL_FORMS
            or n in blocked
            or n in _SECURITY_ORGS
            or any(n in b for b in blocked if b)
        ):
            continue
        after = text[cue.end : cue.end + 40]
        if _AFTER_VENDOR.match(after) or _PACKAGE_OF.search(
            text, max(0, cue.start - 30), cue.start
        ):
            continue
        role = "victim"
        if _AFTER_CUSTOMERS.match(after):
            role = "vendor"
        elif _INDIRECT.match(text[cue.end : cue.end + 160]):
            role = "customer"
        elif _PARENT.search(text[max(0, cue.start - 30) : cue.start]) or _AT_SUBSIDIARY.match(
            text, cue.end, cue.end + 120
        ):
            role = "parent"
        ent = victims.get(n)
        if ent is None:
            victims[n] = VictimEntity(n, cue.name, cue.strength, cue.start, cue.start, role)
        else:
            if cue.strength > ent.strength:
                ent.strength, ent.cue_pos = cue.strength, cue.start
            ent.first = min(ent.first, cue.start)
            if role == "victim":
                ent.role = "victim"
    if title_match:
        name = title_match.group("v").strip()
        name = re.sub(r"\s*\([^)]*\)\s*$", "", name) or name
        n = norm(name)
        if n and n not in blocked:
            ent = victims.get(n) or VictimEntity(n, name, 0.9, 0, 0)
            ent.strength = max(ent.strength, 0.9)
            ent.country = _ISO3.get(title_match.group("c"), title_match.group("c"))
            ent.tracker_date = title_match.group("d")
            victims[n] = ent
    if len(victims) > MAX_VICTIMS:
        keep = sorted(victims, key=lambda k: -victims[k].strength)[:MAX_VICTIMS]
        victims = {k: victims[k] for k in keep}
    # merge an acronym into the name it abbreviates ("CIRO" and "Canadian Investment ...")
    for n, ent in list(victims.items()):
        if ent.name.isupper() and 2 <= len(ent.name) <= 8:
            for m, other in victims.items():
                initials = "".join(w[0] for w in other.name.split() if w[:1].isupper())
                if m != n and initials.casefold() == ent.name.casefold():
                    other.strength = max(other.strength, ent.strength)
                    del victims[n]
                    break
    # merge a name given in parentheses into the name before it ("... Sick Children (SickKids)")
    for n in list(victims):
        for m, other in victims.items():
            if m != n and f"{other.name} ({victims[n].name})" in text:
                other.strength = max(other.strength, victims[n].strength)
                other.first = min(other.first, victims[n].first)
                del victims[n]
                break
    # merge a short name into a longer one that contains it ("Cirano" vs "Groupe Cirano")
    for n in sorted(victims, key=len):
        for m in victims:
            if m != n and n in m and len(n) >= 4 and n in victims:
                victims[m].strength = max(victims[m].strength, victims[n].strength)
                victims[m].first = min(victims[m].first, victims[n].first)
                del victims[n]
                break
    return victims


_ISO3 = {
    "FRA": "FR", "USA": "US", "GBR": "GB", "DEU": "DE", "BEL": "BE", "CHE": "CH", "CAN": "CA",
    "AUS": "AU", "NLD": "NL", "ITA": "IT", "ESP": "ES", "BRA": "BR", "ROU": "RO", "JPN": "JP",
    "IND": "IN", "REU": "RE", "VGB": "VG", "NZL": "NZ", "IRL": "IE", "POL": "PL", "SWE": "SE",
    "ISR": "IL", "KOR": "KR", "TWN": "TW", "MEX": "MX", "LUX": "LU", "AUT": "AT", "SGP": "SG",
    "PRT": "PT", "NOR": "NO", "DNK": "DK", "FIN": "FI", "ZAF": "ZA", "ARG": "AR", "CHL": "CL",
}  # fmt: skip


def collect_mentions(
    view: DocView, actors: dict[str, ActorEntity], victims: dict[str, VictimEntity]
) -> list[Mention]:
    """Explicit mentions of every entity, then pronouns/descriptions resolved in text order."""
    text = view.text
    explicit: list[Mention] = []
    for a in actors.values():
        for form in a.forms:
            explicit += [
                Mention("actor", a.key, s, e)
                for s, e in _occurrences(text, form)
                if not names_a_tool(text, e)
            ]
    for v in victims.values():
        spans = _occurrences(text, v.name)
        v.mentions = len(spans)
        explicit += [Mention("victim", v.key, s, e) for s, e in spans]
    explicit.sort(key=lambda m: m.start)
    lex = view.lex
    refs: list[Mention] = []
    last: dict[str, Mention] = {}
    items: list[tuple[int, int, str]] = []  # (start, end, wanted kind)
    for i, (s, e) in enumerate(view.sentences):
        sent = text[s:e]
        for rx, kind in ((lex.pronoun_actor, "actor?"), (lex.pronoun_org, "victim")):
            m = rx.match(sent)
            if m:
                items.append((s + m.start(), s + m.end(), kind))
        for rx, kind in ((lex.desc_actor, "actor"), (lex.desc_org, "victim")):
            for m in rx.finditer(sent):
                nxt = sent[m.end() : m.end() + 3].lstrip()
                if nxt[:1].isupper() or nxt[:1] in '«"“':
                    continue
                items.append((s + m.start(), s + m.end(), kind))
        del i
    starts = [m.start for m in explicit]
    items = [
        it for it in sorted(items)
        if not any(it[1] <= st <= it[1] + 30 for st in starts)
        or it[2] == "actor?"
    ]  # fmt: skip
    ei = 0
    for start, end, kind in items:
        while ei < len(explicit) and explicit[ei].start < start:
            last[explicit[ei].kind] = explicit[ei]
            ei += 1
        target: Mention | None = None
        if kind == "actor?":
            act = last.get("actor")
            vic = last.get("victim")
            near = act is not None and view.sent_of(start) - view.sent_of(act.start) <= 2
            target = act if near or vic is None else vic
        else:
            target = last.get(kind)
            if target is None and kind == "actor":
                target = last.get("victim") if text[start:end].lower().endswith("groupe") else None
        if target is None:
            continue
        ref = Mention(target.kind, target.key, start, end, resolved=True)
        refs.append(ref)
        last[target.kind] = ref
    return sorted(explicit + refs, key=lambda m: m.start)


def find_entities(view: DocView) -> Entities:
    actors = find_actors(view)
    victims = find_victims(view, actors)
    mentions = collect_mentions(view, actors, victims)
    return Entities(actors, victims, mentions)
