"""Context rules: threat-actor names discovered from their context, and actor descriptions.
Pure string functions over the document text (victims: :mod:`ingest.nlp.victim_rules`).

Each rule is a bounded regular expression that finds a cue; the name boundary is then taken
by :mod:`ingest.nlp.names` (the capitalised run after or before the cue) or from quotes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.nlp.names import STOP, norm
from ingest.nlp.prefilter import LiteralGate

_I = re.IGNORECASE
_Q = r"[«\"“'‘]\s*(?P<q>[^»\"”'’\n]{2,40}?)\s*[»\"”'’]"
_TOK = r"[A-Z0-9][\w$@\-]{0,30}(?:[.(][\w$@\-)]{1,12})*"
# a name never starts inside a token: without the look-behind, each position of a long run such
# as "1.1.1.1…" would rescan the rest of it (quadratic time)
_NAME = r"(?P<n>(?<![\w.$@\-])" + _TOK + r"(?:[ \t]" + _TOK + r"){0,2})"


@dataclass(frozen=True, slots=True)
class Cue:
    """A name found by a context rule (offsets into the text)."""

    start: int
    end: int
    name: str
    kind: str  # actor | victim | actor_desc
    strength: float
    extra: str = ""


# ------------------------------------------------------------------ actors

_ACTOR_FR: tuple[re.Pattern[str], ...] = (
    re.compile(
        r"(?i:\b(?:le|du|au|un|les|des|par\s+le|la|une)\s+(?:groupe|collectif|gang|clan|bande)\s+"
        r"(?:de\s+|d['’])?(?:hackers?|pirates?(?:\s+informatiques)?|cybercriminels|hacktivistes?|"
        r"ransomware|rançongiciels?|hacking|cyberpirates|menace|cybercriminalité|cyber-?criminels)\s*"
        r"(?:(?:pro-?\w+|russes?|chinois|iraniens?|nord-coréens?|français)\s+)?"
        r"(?:baptisé|nommé|appelé|connu sous le nom d['’e]\s*)?)\s*(?:" + _Q + "|" + _NAME + ")",
    ),
    re.compile(r"(?i:\b(?:le|du|au|la)\s+(?:groupe|collectif|gang|bande))\s+" + _Q),
    re.compile(
        r"(?i:\bpar\s+(?:le|la)\s+(?:groupe|gang|collectif|bande)(?:\s+de\s+(?:ransomware|"
        r"rançongiciel|hackers|pirates|cybercriminels))?)\s+(?:" + _Q + "|" + _NAME + ")"
    ),
    re.compile(
        r"(?i:\brevendiqu\w*\s+par\s+(?:le\s+(?:groupe|gang|collectif)\s+(?:de\s+\w+\s+)?)?)"
        r"(?:" + _Q + "|" + _NAME + ")",
    ),
    re.compile(r"(?i:\b(?:le\s+)?(?:rançongiciel|ransomware))\s+" + _NAME),
    re.compile(
        r"(?i:\b(?:pseudonyme|pseudo|alias|surnommé|se faisant appeler))\s+(?:"
        + _Q
        + "|"
        + _NAME
        + ")"
    ),
    re.compile(_NAME + r",?\s+(?:qui\s+)?(?:a|aurait|avait|affirme avoir)\s+revendiqué"),
    re.compile(_NAME + r",?\s+(?:qui\s+)?revendique\b"),
    re.compile(
        _NAME + r"\s+(?:a|ont|aurait)\s+(?:ajouté|inscrit|publié|affiché)\s+[^.;\n]{0,80}?\s+"
        r"(?:à|sur)\s+(?:sa|son|leur)\s+(?:liste\s+de\s+victimes|site\s+(?:de\s+fuites?|vitrine))"
    ),
)

_ACTOR_EN: tuple[re.Pattern[str], ...] = (
    re.compile(
        _NAME + r"\s+(?:ransomware|extortion|cybercrime|hacking|hacker|hacktivist|threat|"
        r"data extortion|cyber ?crime|APT|espionage)?\s*(?:gang|group|operation|crew|"
        r"collective|syndicate|outfit|cartel)s?\b(?!\s+of\b)"
    ),
    re.compile(
        _NAME + r"\s+(?:ransomware\s+)?(?:hackers|operators|threat actors?|affiliates?)\s+"
        r"(?:have\s+|has\s+)?(?:claimed|claim|took|leaked|listed|added|published|breached|hit)"
    ),
    re.compile(
        _NAME + r"\s+(?:has\s+|have\s+|had\s+)?(?:claimed|claims|took|takes)\s+responsibility"
    ),
    re.compile(
        _NAME + r"\s+(?:has\s+|have\s+)?claim(?:ed|s)\s+(?:to\s+have\s+|that\s+it\s+)?"
        r"(?:the\s+|an?\s+|it\s+)?(?:attack|breach|hack|responsibility|theft|stole|breached|hacked|"
        r"stolen|compromised|exfiltrated|encrypted)"
    ),
    re.compile(
        r"\bclaimed\s+by\s+(?:the\s+)?(?:" + _Q + "|" + _NAME + ")",
    ),
    re.compile(
        r"(?i:\b(?:threat actor|hacker|actor|cybercriminal|attacker|group|gang|cluster)s?\s+"
        r"(?:known as|dubbed|named|called|tracked as|using the (?:name|handle|alias|moniker)))\s+"
        r"(?:" + _Q + "|" + _NAME + ")",
    ),
    re.compile(r"\b(?:by|from)\s+(?:the\s+|a\s+|an\s+)?" + _NAME + r"\s+ransomware\b"),
    re.compile(_NAME + r"\s+(?:[Ss]ubgroup|[Tt]hreat [Cc]luster|APT(?:\s+[Gg]roup)?)\b"),
    re.compile(
        _Q + r"\s+(?:ransomware\s+|extortion\s+|cybercrime\s+|hacking\s+|hacker\s+|"
        r"hacktivist\s+|threat\s+)?(?:gang|group|operation|crew|collective)s?\b"
    ),
    re.compile(
        r"(?i:\b(?:calls?\s+(?:itself|themselves)|dubbed\s+itself|self-styled))\s+"
        r"(?:" + _Q + "|" + _NAME + ")"
    ),
    re.compile(
        _NAME + r"\s+and\s+" + _TOK + r"\s+(?:ransomware|extortion|cybercrime|hacking|hacker|"
        r"threat)?\s*(?:gangs|groups|operations|crews)\b"
    ),
    re.compile(
        r"\b[Tt]he\s+" + _NAME + r"\s+ransomware\s+(?:is|was|has|uses|used|encrypts|targets|"
        r"operators?|affiliates?|payload|leak)\b"
    ),
    re.compile(_NAME + r"\s+ransomware\s+(?:strain|variant|payload|encryptor|attack\s+by)"),
    re.compile(
        _NAME + r"\s+(?:has\s+|have\s+)?(?:added|listed|posted|named)\s+[^.;\n]{0,80}?\s+"
        r"(?:to|on)\s+(?:its|their)\s+(?:data\s+)?(?:leak|extortion|victim)\s+(?:site|portal|blog|list)"
    ),
    re.compile(r"(?i:\bhacktivists?\s+(?:group\s+)?)(?:" + _Q + "|" + _NAME + ")"),
    re.compile(
        r"(?i:\b(?:goes|going|went)\s+by\s+(?:the\s+)?(?:(?:online\s+)?(?:handle|name|alias|"
        r"moniker|nickname)\s+)?|known\s+online\s+as)\s*(?:" + _Q + "|" + _NAME + ")"
    ),
    re.compile(
        r"\b(?i:threat actor|hacker|attacker)\s+"
        + _NAME
        + r"\s+(?i:claimed|claims|said|leaked|posted|targets|targeted|exploits|exploited|hits|"
        r"deploys|deployed|breaches|breached|abuses|abused|uses|used|launches|launched)\b"
    ),
    # "tracks this threat group internally as 'Snake Wine'", "refers to the activity group
    # behind these attacks as TERBIUM"
    re.compile(
        r"(?i:\b(?:tracks?|tracked|tracking|refers?\s+to|referred\s+to|names?|named)\s+(?:this|the|"
        r"that)\s+(?:threat\s+|activity\s+|adversary\s+|hacking\s+)?(?:group|actor|cluster|"
        r"adversary)\s+(?:[\w-]+\s+){0,4}?as)\s+(?:" + _Q + "|" + _NAME + ")"
    ),
    # "The ShadowBrokers is a group of hackers", "X is a Russian-speaking threat group"
    re.compile(
        _NAME + r"\s+(?:is|are|was|were)\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,3}?(?:(?:threat|hacking|"
        r"hacker|cybercriminal|criminal|cyber-?espionage|espionage|ransomware|APT|hacktivist)\s+"
        r"(?:group|gang|actor|collective|crew|outfit|entity)|group\s+of\s+(?:hackers|"
        r"cybercriminals|threat\s+actors|attackers))\b"
    ),
)

# naming schemes of threat-intelligence vendors: cluster designations ("UNC6040", "Storm-2561",
# "TGR-STA-1030") and two-word names ("Volt Typhoon", "Earth Lamia", "Cavalry Werewolf")
_ACTOR_SCHEMES: tuple[re.Pattern[str], ...] = (
    re.compile(
        r"(?<![\w-])(?P<n>(?:UNC|TA|FIN)\d{1,4}|(?:UAT|UAC|DEV|Storm|TAG)-\d{3,4}|"
        r"(?:CL|TGR)-(?:STA|CRI|UNK)-\d{3,4}|APT-?C?-?\d{1,3}|TEMP\.[A-Z][a-z]+)(?![\w-])"
    ),
    re.compile(
        r"\b(?P<n>[A-Z][a-z]{2,15}\s+(?:Typhoon|Blizzard|Sleet|Sandstorm|Tempest|Panda|Kitten|"
        r"Chollima|Spider|Werewolf|Jackal|Leopard|Buffalo|Ocelot))\b"
    ),
    # the same schemes written in capitals ("MUMMY SPIDER", "FANCY BEAR")
    re.compile(
        r"\b(?P<n>[A-Z]{3,15}\s+(?:TYPHOON|BLIZZARD|SLEET|SANDSTORM|TEMPEST|PANDA|KITTEN|CHOLLIMA|"
        r"SPIDER|WEREWOLF|JACKAL|LEOPARD|BUFFALO|OCELOT|BEAR|TIGER|CRANE))\b"
    ),
    re.compile(r"\b(?P<n>Earth\s+[A-Z][a-z]{2,15})\b"),
)

_ACTOR_STOP = STOP | {
    "ransomware", "group", "gang", "hackers", "the", "this", "that", "notorious", "new",
    "several", "another", "unnamed", "anonymous", "unidentified", "cybercriminal", "threat",
    "lapsus-linked", "microsoft", "google", "apple", "amazon", "meta", "x", "telegram",
    "police", "fbi", "doj", "europol", "justice", "department", "l", "d", "qui", "it",
    "un", "une", "cette", "son", "leur", "crypto", "interpol", "os",
}  # fmt: skip


def _actor_name(raw: str) -> str | None:
    words = raw.strip(" .,;:'’\"").split()
    while words and words[0].casefold() in _ACTOR_STOP:
        words.pop(0)
    while words and words[-1].casefold() in _ACTOR_STOP:
        words.pop()
    if not words:
        return None
    name = " ".join(words)
    if len(norm(name)) < 2 or name.isdigit() or len(name) > 40:
        return None
    if re.search(r"-(?:nexus|led|linked|backed|aligned|sponsored|based)$", name, re.I):
        return None
    return name


def find_actor_cues(text: str, lang: str) -> list[Cue]:
    out: list[Cue] = []
    for rx in (*(_ACTOR_FR if lang == "fr" else _ACTOR_EN), *_ACTOR_SCHEMES):
        for m in _GATE.finditer(rx, text):
            gd = m.groupdict()
            key = "q" if gd.get("q") else "n"
            raw = gd.get(key)
            if not raw:
                continue
            name = _actor_name(raw)
            if name is None:
                continue
            s = m.start(key) + raw.find(name)
            out.append(Cue(s, s + len(name), name, "actor", 0.8 if key == "q" else 0.7))
    return out


# ------------------------------------------------------------------ descriptions

_DESC_FR = re.compile(
    r"(?P<n>[A-Z][\w$.\-]{1,30})\s+(?:est|serait|était|se présente comme)\s+"
    r"(?P<d>(?:un|une)\s+(?:collectif|groupe|gang|bande|hacker|pirate)[^.;\n]{0,100})"
)
_DESC_EN = re.compile(
    r"(?P<n>[A-Z][\w$.\-]{1,30})\s+"
    r"(?:is|was|is believed to be|is said to be|describes itself as)\s+"
    r"(?P<d>(?:an?|the)\s+(?:[\w-]+\s+){0,3}(?:collective|group|gang|crew|hacker|operation|"
    r"threat actor)[^.;\n]{0,100})"
)


def find_actor_descriptions(text: str, lang: str) -> list[Cue]:
    rx = _DESC_FR if lang == "fr" else _DESC_EN
    return [
        Cue(m.start("n"), m.end("n"), m.group("n"), "actor_desc", 0.6, m.group("d").strip())
        for m in _GATE.finditer(rx, text)
    ]


_GATE = LiteralGate(
    (
        *_ACTOR_FR,
        *_ACTOR_EN,
        *_ACTOR_SCHEMES,
        _DESC_FR,
        _DESC_EN,
    )
)
