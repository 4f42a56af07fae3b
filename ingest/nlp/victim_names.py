"""From a victim cue to names: the name after or before the cue (:mod:`ingest.nlp.names`),
checked and completed. A generic head with an acronym becomes the acronym, a subject joined by
"and" is a second victim, a list after a cue gives one name per item, and some cues need an
attack word later in the sentence. Pure string functions.
"""

from __future__ import annotations

import re

from ingest.nlp.names import STOP, is_name_token, leading_name, norm, trailing_name
from ingest.nlp.rules import Cue

_I = re.IGNORECASE

_LIST_SPLIT = re.compile(r"\s*(?:,|\bet\b|\band\b)\s*")
_LEAK_SITE = re.compile(
    r"\b(?:leak|extortion|data\s+leak)\s+(?:site|portal|blog)|\bliste\s+de\s+victimes|"
    r"\bsite\s+(?:de\s+fuites?|vitrine)|\bvictim\s+list",
    _I,
)


# an attack word later in the same sentence (for the cues that need one: a fine, a website)
_ATTACK_AFTER = re.compile(
    r"(?:[^.;!?\n]|\.(?=\d))*?(?<!not\s)(?<!never\s)(?<!not\sbeen\s)\b(?:data\s+breach(?:es)?|"
    r"breach(?:es)?(?!\s+of\s+(?:contract|trust|duty|the\s+peace))|cyber-?attacks?|"
    r"cyber\s+attacks?|ransomware|intrusion|data\s+leaks?|stolen\s+data|exfiltrat\w*|"
    r"security\s+(?:failings|incident))\b",
    _I,
)
# the stronger tail for "the website of X": X itself was compromised
_COMPROMISED_AFTER = re.compile(
    r"(?:[^.;!?\n]|\.(?=\d)){0,80}?\b(?:was|were|had\s+been|has\s+been|have\s+been|got)\s+"
    r"(?:briefly\s+|reportedly\s+|allegedly\s+)?(?:hacked|breached|compromised|defaced|hijacked)\b",
    _I,
)


# the cues whose name counts only with such a tail after it
TAILS = {"after_attack": _ATTACK_AFTER, "after_compromised": _COMPROMISED_AFTER}


def leak_site_follows(text: str, pos: int) -> bool:
    """A leak site is named soon after ``pos`` ("added X to its leak site")."""
    return _LEAK_SITE.search(text[pos : pos + 120]) is not None


_GENERIC_HEAD = {
    "institut", "université", "hôpital", "centre", "agence", "ministère", "conseil", "caisse",
    "département", "office", "fédération", "association", "syndicat", "communauté", "chambre",
    "direction", "école", "lycée", "collège", "clinique", "groupement", "mutuelle", "société",
    "institute", "university", "hospital", "center", "agency", "ministry", "council", "department",
    "authority", "board", "federation", "school", "college", "clinic", "bureau",
}  # fmt: skip
# "l'Institut de recherche nucléaire brésilien (IPEN/CNEN)": the acronym names it
_HEAD_TAIL = re.compile(
    r"(?P<desc>(?:\s+(?:de|du|des|d['’]|of|for|the|la|le|l['’])?\s*[\w'’-]+){1,7}?)\s*"
    r"\((?P<acr>[A-Z][A-Z0-9&/.\-]{1,15})\)"
)


def _named_head(name: tuple[int, int, str], text: str) -> tuple[int, int, str]:
    """A generic head ("Institut", "University") followed by its description and acronym
    becomes the acronym."""
    _, e, n = name
    if n.casefold() not in _GENERIC_HEAD:
        return name
    m = _HEAD_TAIL.match(text, e)
    if m is None or re.search(r"[.,;:!?]", m.group("desc")):
        return name
    return m.start("acr"), m.end("acr"), m.group("acr")


def victim_cue(name: tuple[int, int, str] | None, strength: float, text: str) -> Cue | None:
    if name is None:
        return None
    s, e, n = _named_head(name, text)
    if len(norm(n)) < 2 or n.casefold() in STOP:
        return None
    return Cue(s, e, n, "victim", strength)


def names_another(m: re.Match[str]) -> str:
    """The name in a statement about a named attack ("Google reports that the Salesloft Drift
    breach ...", "Coca-Cola says Fairlife ransomware attack ...", "Acme confirms Scattered
    Spider breach"): its subject is the victim only when that name is the attacker."""
    mid = m.groupdict().get("mid") or ""
    return " ".join(w for w in mid.split() if is_name_token(w))


# a plural verb after the subject: "Renault and Dacia UK warn ..." (one name may hold "and")
_PLURAL_VERB = re.compile(
    r"\s+(?:have|were|are|warn|say|confirm|disclose|report|announce|deny|admit|reveal|notify|"
    r"suffer)\b",
    _I,
)
_AND_BEFORE = re.compile(r"\s+(?:and|et)\s+(?:the\s+|la\s+|le\s+|l['’])?$", _I)


def coordinated_subject(m: re.Match[str]) -> bool:
    """The cue's verb is plural or its pronoun is "they": the subject may be two names."""
    return _PLURAL_VERB.match(m.group()) is not None or m.groupdict().get("pron") == "they"


def coordinated(text: str, cue: Cue, strength: float) -> list[Cue]:
    """The name joined to a subject by "and" ("Renault and Dacia warn of a breach")."""
    m = _AND_BEFORE.search(text, max(0, cue.start - 12), cue.start)
    if m is None:
        return []
    other = victim_cue(trailing_name(text, m.start(), limit=60), strength, text)
    return [other] if other is not None else []


def list_cues(text: str, pos: int, strength: float, first: bool = True) -> list[Cue]:
    """The names of a list starting at ``pos`` ("A, B et C"); ``first=False`` when the first
    name was already taken."""
    out: list[Cue] = []
    if first:
        name = leading_name(text, pos, skip=2)
        cue = victim_cue(name, strength, text)
        if cue is None or name is None:
            return out
        out.append(cue)
        pos = name[1]
    for _ in range(6):
        sep = _LIST_SPLIT.match(text, pos)
        if not sep or sep.end() == pos:
            break
        nxt = leading_name(text, sep.end(), skip=1)
        more = victim_cue(nxt, strength, text)
        if more is None or nxt is None:
            break
        out.append(more)
        pos = nxt[1]
    return out
