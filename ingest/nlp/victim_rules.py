"""Context rules for victims: organisation names in an attack context ("cyberattaque contre
X", "X a été victime", "breach at X", leak-list additions), in French and English. Pure string
functions over the document text.

Each rule is a bounded regular expression that finds a cue; the name boundary is then taken by
:mod:`ingest.nlp.names` (the capitalised run after or before the cue) and checked by
:mod:`ingest.nlp.victim_names`.
"""

from __future__ import annotations

import re

from ingest.nlp.names import leading_name, trailing_name
from ingest.nlp.prefilter import LiteralGate
from ingest.nlp.rules import Cue
from ingest.nlp.victim_names import (
    TAILS,
    coordinated,
    coordinated_subject,
    leak_site_follows,
    list_cues,
    names_another,
    victim_cue,
)

_I = re.IGNORECASE

_FR_ATTACK_NOUN = (
    r"(?:cyber-?attaques?|attaques?(?:\s+informatiques?|\s+par\s+rançongiciel|\s+de\s+ransomware)?|"
    r"piratage|intrusion|fuite\s+de\s+données|incident\s+de\s+(?:cyber)?sécurité|compromission|"
    r"violation\s+de\s+données|cyber-?incident)"
)
_EN_ATTACK_NOUN = (
    r"(?:cyber-?attacks?|ransomware\s+attacks?|attacks?|(?:data\s+)?breach(?:es)?|hacks?|"
    r"intrusions?|security\s+incidents?|cyber\s?incidents?|compromise|data\s+theft|"
    r"extortion\s+attacks?|outages?|disruptions?|incidents?)"
)

# a word, or an amount ("$13.7M", "$1.5 million") inside a cue
_WORD = r"(?:[\w'’-]+|[$€£]\d[\d.,]*[MBK]?)"
_AMOUNT = r"(?:[$€£]\d[\d.,]*\s*(?:[MBK]|million|billion)?|\d[\d.,]*\s*(?:[MBK]|million|billion))"

# (regex, direction, strength): "after" = the name follows the cue, "before" = it precedes it
_VICTIM_FR: tuple[tuple[re.Pattern[str], str, float], ...] = (
    (
        re.compile(
            _FR_ATTACK_NOUN + r"(?:\s+[\w'’-]+){0,5}?\s+(?:contre|visant|ciblant|chez|subie\s+par|"
            r"ayant\s+(?:touché|frappé|visé))\s+",
            _I,
        ),
        "after",
        0.8,
    ),
    (
        re.compile(
            _FR_ATTACK_NOUN
            + r"(?:\s+(?:ransomware|rançongiciel|informatique))?\s+(?:de|du|d['’]|chez)\s*"
            r"(?:(?:l['’]|la\s+|le\s+)?(?:fournisseur|prestataire|éditeur|société|entreprise|groupe|"
            r"opérateur|hôpital|ville|commune|mairie|plateforme|enseigne|cabinet)\s+(?:\w+\s+){0,2}?)?"
            r"(?=[A-ZÀ-Ý0-9])"
        ),
        "after",
        0.7,
    ),
    (re.compile(r"\brevendiqu(?:e|ent|é|ée)\s+(?:contre\s+)?(?=[A-ZÀ-Ý0-9])"), "after", 0.8),
    (re.compile(r"\bvol\s+(?:de|des)\s+données\s+(?:de|du|d['’]|chez)\s*", _I), "after", 0.75),
    (
        # "affirment détenir 500 Go de données de la clinique X"
        re.compile(
            r"\b(?:détenir|détien\w*|possèd\w*|posséder|publi\w*|exfiltr\w*|dérob\w*|vol[ée]\w*|"
            r"mis\s+en\s+vente|vend(?:ent|u|us|ue|ues|re)?)\s+(?:[\w'’,.-]+\s+){0,5}?données\s+(?:\w+\s+)?"
            r"(?:de\s+la\s+|du\s+|de\s+l['’]|d['’]|de\s+|chez\s+)",
            _I,
        ),
        "after",
        0.75,
    ),
    (
        re.compile(
            r"\s+(?:visée?s?|ciblée?s?|attaquée?s?|touchée?s?|frappée?s?|piratée?s?|paralysée?s?)"
            r"\s+par\b",
            _I,
        ),
        "before",
        0.8,
    ),
    (
        re.compile(
            r"\s+victimes?\s+d['’]une?\s+(?:cyber-?attaque|attaque|piratage|fuite|intrusion|"
            r"rançongiciel|ransomware|vol\s+de\s+données|cyber-?incident)",
            _I,
        ),
        "before",
        0.8,
    ),
    (re.compile(r"\bau tour d(?:e\s+|['’])", _I), "after", 0.75),
    (
        re.compile(
            r"\s+(?:se\s+remet|se\s+relève|peine\s+à\s+se\s+remettre)\s+d['’]une?\s+"
            r"(?:[\w-]+\s+)?(?:cyber-?attaque|attaque|piratage|intrusion|rançongiciel)",
            _I,
        ),
        "before",
        0.8,
    ),
    (
        # "ont dérobé 40 Go de données au fabricant lyonnais X"
        re.compile(
            r"\b(?:dérob|vol|exfiltr|subtilis|siphonn|piqu)\w*\s+(?:[\w'’,.-]+\s+){0,8}?"
            r"(?:à\s+l['’]|à\s+la\s+|au\s+|aux\s+|chez\s+)",
            _I,
        ),
        "after",
        0.75,
    ),
    (
        # "X dément toute fuite de données"
        re.compile(
            r"\s+(?:dément|démentent|conteste|contestent|nie|nient)\s+(?:toute?s?\s+|avoir\s+été\s+|"
            r"l['’]|la\s+|le\s+|une?\s+|les\s+)?(?:[\w'’-]+\s+){0,3}?(?:fuite|attaque|cyberattaque|"
            r"piratage|intrusion|compromission|vol|revendication)",
            _I,
        ),
        "before",
        0.75,
    ),
    (
        # "les données de 1,2 million de clients de l'opérateur X"
        re.compile(
            r"\bdonnées\s+(?:[\w'’,.-]+\s+){0,6}?(?:clients|patients|utilisateurs|abonnés|salariés|"
            r"employés|adhérents|usagers|agents|élèves|étudiants)\s+(?:de\s+l['’]|de\s+la\s+|du\s+|"
            r"de\s+|d['’])",
            _I,
        ),
        "after",
        0.7,
    ),
    (
        # "Victime d'un rançongiciel début novembre, le cabinet X a déposé plainte"
        re.compile(
            r"(?:^|(?<=[.!?»])\s+|(?<=\n))Victimes?\s+d['’]une?\s+(?:cyber-?attaque|attaque|"
            r"rançongiciel|ransomware|piratage|fuite|intrusion|vol\s+de\s+données)[^,.;:\n]{0,80},\s*",
            re.MULTILINE,
        ),
        "after",
        0.8,
    ),
    (re.compile(r"\b(?:ajouté|inscrit|listé|affiché|publié)\s+(?=\S)", _I), "after_leak", 0.8),
    (re.compile(r"\b(?:l['’]affaire|les affaires)\s+", _I), "after_list", 0.7),
    (
        re.compile(
            r"\b(?:touchée?s|visée?s|ciblée?s|concernée?s|victimes)\s+(?:incluent|comprennent|"
            r"sont\s*:)\s*(?:notamment\s+)?",
            _I,
        ),
        "members",
        0.75,
    ),
    (
        re.compile(
            r"\s+(?:a|aurait|avait|ont|auraient|est|serait|vient\s+d['’]être|a\s+également|"
            r"a\s+lui\s+aussi|a\s+récemment)\s+(?:été\s+)?(?:la\s+|une\s+)?(?:victime|cible|"
            r"piraté|touché|frappé|attaqué|visé|ciblé|compromis|paralysé)",
            _I,
        ),
        "before",
        0.85,
    ),
    (
        re.compile(
            r"\s+(?:a|aurait|avait)\s+(?:détecté|subi|signalé|confirmé|annoncé|révélé|reconnu|"
            r"informé|averti|notifié|déclaré|découvert|reçu)\s+(?:[\w'’-]+\s+){0,6}?"
            r"(?:cyberattaque|attaque|intrusion|fuite|incident|piratage|violation|compromission|"
            r"faille|activité|accès\s+non\s+autorisé|perturbation|rançongiciel|ransomware|"
            r"demande\s+de\s+rançon)",
            _I,
        ),
        "before",
        0.75,
    ),
    (
        re.compile(
            r"\s+(?:avertit|informe|signale|annonce|confirme|révèle|notifie|reconnaît|subit|"
            r"enquête\s+sur|fait\s+face\s+à)\s+(?:[\w'’-]+\s+){0,6}?(?:cyberattaque|attaque|"
            r"intrusion|fuite|incident|piratage|violation|compromission|faille)",
            _I,
        ),
        "before",
        0.75,
    ),
    (
        re.compile(
            r"\b(?:a|ont|aurait|auraient)\s+(?:frappé|touché|visé|ciblé|paralysé|piraté|attaqué)\s+",
            _I,
        ),
        "after",
        0.7,
    ),
    (
        re.compile(
            r"\brevendiqu\w*\s+(?:l['’]attaque|le\s+piratage|la\s+cyberattaque|une\s+attaque)\s+"
            r"(?:contre|de|visant|du|d['’])\s*",
            _I,
        ),
        "after",
        0.9,
    ),
)

_VICTIM_EN: tuple[tuple[re.Pattern[str], str, float], ...] = (
    (
        re.compile(
            _EN_ATTACK_NOUN + r"\s+(?:on|at|against|targeting|hitting|affecting|impacting|"
            r"that\s+(?:hit|struck|targeted|impacted))\s+",
            _I,
        ),
        "after",
        0.8,
    ),
    (
        re.compile(
            r"\s+(?:was|has\s+been|had\s+been|have\s+been|were|got|is)\s+(?:\w+\s+)?(?:hit|breached|"
            r"hacked|targeted|attacked|compromised|struck|impacted|affected|victimi[sz]ed)\b",
            _I,
        ),
        "before",
        0.8,
    ),
    (re.compile(r"\s+(?:Breached|Hacked|Hit\s+[Bb]y|Targeted\s+[Bb]y|Attacked)\b"), "before", 0.7),
    (re.compile(r"\bransom\s+(?:demand\s+|payment\s+)?from\s+", _I), "after", 0.8),
    (
        re.compile(
            r"\s+(?:hit|struck|targeted|affected|impacted|disrupted|crippled)\s+by\s+"
            r"(?:a\s+|an\s+|the\s+)?(?:[\w'’-]+\s+){0,3}?(?:cyber-?attacks?|ransomware|attacks?|"
            r"hackers?|breach|outage|incident)",
            _I,
        ),
        "before",
        0.75,
    ),
    (
        re.compile(
            r"\s+(?:has\s+|have\s+)?(?:denied|denies|disputed|disputes|rejected|rejects)\s+"
            r"(?:the\s+)?(?:hackers['’]\s+)?(?:claims?|allegations?|reports?)\b",
            _I,
        ),
        "before",
        0.7,
    ),
    (
        re.compile(
            r"\s+(?:has\s+been|have\s+been|was|were|is)\s+(?:added|listed|named)\s+(?:to|on)\s+"
            r"[^.]{0,40}?(?:leak|extortion|victim)",
            _I,
        ),
        "before",
        0.8,
    ),
    (
        re.compile(
            r"\s+(?:has\s+|have\s+|had\s+|is\s+)?(?:discloses|disclosed|confirms|confirmed|suffers|"
            r"suffered|reports|reported|denies|denied|announces|announced|"
            r"notifies|notified|says|said|admits|admitted|reveals|revealed|discovers|"
            r"discovered|detects|detected|investigates|hit\s+by|probes|is\s+investigating|"
            r"received|receives)\s+"
            # research findings are not incidents ("disclosed details of a novel attack")
            r"(?!(?:[\w'’-]+\s+){0,3}?(?:details|techniques?|methods?|research|novel|new\s+class|"
            r"accidental(?:ly)?|inadvertent(?:ly)?|mistakenly))"
            r"(?P<mid>(?:[\w'’-]+\s+){0,5}?)(?:breach|attack|cyberattack|hack|incident|intrusion|"
            r"ransomware|leak|compromise|unauthori[sz]ed\s+access|ransom\s+(?:demand|note))"
            # a service incident is not an attack: "an incident causing access issues"
            r"(?!\s+(?:causing|that\s+caused|impacting|affecting)\s+(?:[\w-]+\s+){0,2}?(?:issues|"
            r"outages?|errors|delays|problems))",
            _I,
        ),
        "before",
        0.75,
    ),
    (
        re.compile(
            r"(?:['’]s(?:\s+"
            + _AMOUNT
            + r")?)?\s+(?:(?:insider|vendor|massive|major|new|recent|alleged|"
            r"potential|second|latest)\s+)?"
            # "iClicker site hack", "Trust Wallet Chrome Extension Hack"
            r"(?:(?:(?-i:[A-Z][\w-]*)\s+)?(?:site|website|web\s+site|extension|app|portal|"
            r"platform|network|systems?|servers?|database)\s+)?"
            r"(?:data\s+breach(?:es)?|breach|hack|cyberattack|cyber\s+attack|"
            r"ransomware\s+(?:supply[- ]chain\s+)?attack|security\s+incident|"
            r"cyber\s+incident)\b(?!\s+(?:portal|surface|tracker|database|laws?|notification\s+laws?))",
            _I,
        ),
        "before",
        0.65,
    ),
    (
        re.compile(
            r"\bclaim(?:ed|s|ing)?\s+(?:responsibility\s+for\s+)?(?:the\s+|an?\s+)?(?:attack|breach|"
            r"hack|cyberattack)\s+(?:on|against|at)\s+",
            _I,
        ),
        "after",
        0.9,
    ),
    (
        re.compile(
            # not the means: "compromised in a ClickFix attack", "hit with a wiper"
            r"\b(?:breached|hacked|attacked|hit|compromised|struck|targeted)\s+"
            r"(?!(?:in|by|with|via|through|using|during|after)\b)",
            _I,
        ),
        "after",
        0.6,
    ),
    (
        re.compile(r"\b(?:added|listed|named|posted)\s+(?=\S)"),
        "after_leak",
        0.8,
    ),
    (re.compile(r"\b(?:stolen|exfiltrated|taken)\s+from\s+", _I), "after", 0.75),
    # "the mass-theft of authentication tokens from X"
    (
        re.compile(r"\btheft\s+of\s+(?:[\w-]+\s+){0,3}?(?:from|at)\s+", _I),
        "after",
        0.75,
    ),
    (
        re.compile(
            r"\s+(?:(?:is|was|are|were)\s+(?:still\s+)?(?:recovering|reeling)|continues?\s+to\s+"
            r"recover|continued\s+to\s+recover|recover(?:s|ed))\s+from\s+(?:a|an|the)\s+"
            r"(?:[\w-]+\s+){0,2}?(?:cyberattack|cyber\s+attack|attack|breach|ransomware|hack)",
            _I,
        ),
        "before",
        0.8,
    ),
    (
        re.compile(
            r"\s+(?:has\s+|have\s+)?(?:shuts?\s+down|shut\s+down|halts?|halted|suspends?|suspended|"
            r"disconnects?|disconnected|pauses?|paused|(?:took|takes?|taken)\s+(?:[\w'’-]+\s+){0,3}?"
            r"offline|(?:goes|went|gone|go|knocked|was\s+knocked|is)\s+offline)\s+"
            r"(?:[\w'’-]+\s+){0,4}?(?:after|following|due\s+to|because\s+of|amid)\s+"
            r"(?:(?:an?|the|suffering|experiencing)\s+)*(?:"
            + _WORD
            + r"\s+){0,5}?(?:breach|attack|cyberattack|hack|incident|"
            r"intrusion|ransomware)",
            _I,
        ),
        "before",
        0.75,
    ),
    (
        # "a ransomware attack at its delivery partner, Askul"
        re.compile(
            r"\b(?:attacks?|breach|incident|compromise|intrusion)\s+(?:at|on|of|against)\s+"
            r"(?:its|their|a|an|the)\s+(?:[\w-]+\s+){0,2}?(?:partner|supplier|vendor|provider|"
            r"contractor|subsidiary)\s*,\s*",
            _I,
        ),
        "after",
        0.8,
    ),
    (
        # "X announced that it is experiencing service disruptions following a cyber incident"
        re.compile(
            r"\s+(?:has\s+|have\s+)?(?:announced|said|says|reported|confirmed|disclosed|stated)\s+"
            r"(?:that\s+)?(?P<pron>they|it)\s+(?:are|is|was|were|has\s+been|have\s+been)\s+"
            r"(?:experiencing|dealing\s+with|facing|responding\s+to|investigating)\s+"
            r"(?:[\w-]+\s+){0,3}?(?:disruptions?|outages?|issues?|incidents?|problems?)\s+"
            r"(?:following|after|due\s+to|caused\s+by|linked\s+to)\s+(?:an?\s+|the\s+)?"
            r"(?:[\w-]+\s+){0,2}?(?:cyber\w*|ransomware|breach|hack|security\s+(?:incident|issue)|"
            r"(?:cyber|ransomware|network)\s+attack)\b",
            _I,
        ),
        "before",
        0.75,
    ),
    (
        # "Acme and Beta UK warn of data breach"
        re.compile(
            r"\s+(?:warns?|warned|alerts?|alerted)\s+(?:customers\s+|users\s+|patients\s+)?"
            r"(?:of|about)\s+(?:an?\s+|the\s+)?(?:new\s+|recent\s+|possible\s+)?(?:data\s+breach|"
            r"breach|security\s+incident|cyberattack|cyber\s+attack|hack)\b"
            r"(?!\s+(?:attempts?|campaigns?|risks?|threats?|scams?|of\s+(?:contract|trust|duty)))",
            _I,
        ),
        "before",
        0.75,
    ),
    (
        # a regulator's fine for a breach: "the ICO has fined genetic testing provider X"
        re.compile(r"\b(?:fined|fines|fining|penali[sz]ed|penali[sz]es|sanctioned)\s+", _I),
        "after_attack",
        0.7,
    ),
    (
        # "X to pay $1.5M fine for vendor breach", "X agrees to pay $10M to settle breach suit"
        re.compile(
            r"\s+(?:to\s+pay|will\s+pay|agree[sd]?\s+to\s+pay|pays|paid|settles|settled)\s+"
            r"(?:[^.;\n]|\.(?=\d)){0,60}?\b(?:fines?|settlements?|settle|penalty|penalties|damages)\b"
            r"(?:(?!unrelated|not\s+related|rival|competitor)(?:[^.;\n]|\.(?=\d))){0,60}?"
            r"\b(?:breach(?:es)?|hacks?|cyberattacks?|cyber\s+attacks?|data\s+leaks?)\b",
            _I,
        ),
        "before",
        0.7,
    ),
    (
        # "the website of X ... was compromised"
        re.compile(
            r"\b(?:website|web\s+site|systems?|networks?|servers?|databases?|portal|"
            r"email\s+accounts?|IT\s+systems?)\s+(?:of|at|belonging\s+to)\s+(?:the\s+)?",
            _I,
        ),
        "after_compromised",
        0.7,
    ),
    (
        # "pleaded guilty to hacking the X's filing system", "breaching accounts at X"
        re.compile(
            r"\b(?:hacking|breaching|hacked|breached|compromising)\s+(?:into\s+)?(?:(?:\w+\s+){0,2}?"
            r"(?:accounts|systems?|networks?|servers?|databases?)\s+(?:at|of|belonging\s+to)\s+)?"
            r"(?:the\s+)?",
            _I,
        ),
        "after_near",
        0.75,
    ),
    (
        re.compile(
            r"\b(?:victims|affected\s+(?:organi[sz]ations|companies|entities|firms|institutions))"
            r"\s+(?:include|included|are\s*:|were\s*:)\s*",
            _I,
        ),
        "members",
        0.75,
    ),
)


def _once_per_run(
    rules: tuple[tuple[re.Pattern[str], str, float], ...],
) -> tuple[tuple[re.Pattern[str], str, float], ...]:
    """A pattern that opens with whitespace (optionally after a possessive) starts only where a
    whitespace run starts: the leftmost match is the same, but a long run of spaces is no longer
    rescanned from each of its positions (quadratic time)."""
    out = []
    for rx, direction, strength in rules:
        if rx.pattern.startswith(("\\s", "(?:['’]s")):
            rx = re.compile(r"(?<!\s)" + rx.pattern, rx.flags)
        out.append((rx, direction, strength))
    return tuple(out)


_VICTIM_FR = _once_per_run(_VICTIM_FR)
_VICTIM_EN = _once_per_run(_VICTIM_EN)


def find_victim_cues(text: str, lang: str) -> list[Cue]:
    """Victim names in an attack context. A list of the organisations hit ("les écoles touchées
    incluent A, B et C") counts only when no victim was named before it: after a named victim,
    such a list enumerates its own parts (a media group's stations)."""
    out: list[Cue] = []
    members: list[Cue] = []
    rules = _VICTIM_FR if lang == "fr" else _VICTIM_EN
    for rx, direction, strength in rules:
        for m in _GATE.finditer(rx, text):
            if direction == "members":
                members.extend(list_cues(text, m.end(), strength))
                continue
            if direction == "before":
                cue = victim_cue(trailing_name(text, m.start()), strength, text)
                if cue:
                    other = names_another(m)
                    if other:  # kept aside unless that name is the attacker (see entities)
                        cue = Cue(cue.start, cue.end, cue.name, cue.kind, cue.strength, other)
                    out.append(cue)
                    if coordinated_subject(m):
                        out.extend(coordinated(text, cue, strength))
            elif direction in TAILS:
                name = leading_name(text, m.end(), skip=4)
                if name is not None and TAILS[direction].match(text, name[1], name[1] + 160):
                    cue = victim_cue(name, strength, text)
                    if cue:
                        out.append(cue)
            elif direction == "after_near":
                cue = victim_cue(leading_name(text, m.end(), skip=0), strength, text)
                if cue:
                    out.append(cue)
            elif direction == "after_leak":
                if leak_site_follows(text, m.end()):
                    cue = victim_cue(leading_name(text, m.end(), skip=3), strength, text)
                    if cue:
                        out.append(cue)
            else:
                first = leading_name(text, m.end(), skip=6)
                cue = victim_cue(first, strength, text)
                if cue:
                    out.append(cue)
                if direction == "after_list" and first is not None:
                    out.extend(list_cues(text, first[1], strength, first=False))
    if members:
        earliest = min(c.start for c in members)
        out.extend(c for c in members if not any(o.start < earliest for o in out))
    return out


_GATE = LiteralGate(rx for rx, _, _ in (*_VICTIM_FR, *_VICTIM_EN))
