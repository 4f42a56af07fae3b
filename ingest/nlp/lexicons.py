"""Cue lexicons (French and English) used by the rules: modality, date roles, coreference,
negation, speakers. Data only, compiled once at import.

Every pattern is bounded (no nested unbounded repetition) so that a 2 MB paragraph is still
scanned in linear time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_I = re.IGNORECASE


def _rx(*parts: str) -> re.Pattern[str]:
    return re.compile(r"(?:" + "|".join(parts) + r")", _I)


@dataclass(frozen=True, slots=True)
class Lexicon:
    """All the cue patterns of one language."""

    claimed: re.Pattern[str]
    alleged: re.Pattern[str]
    denied: re.Pattern[str]
    confirmed: re.Pattern[str]
    attack: re.Pattern[str]
    assert_verb: re.Pattern[str]
    according: re.Pattern[str]
    negation: re.Pattern[str]
    contrast: re.Pattern[str]
    date_roles: tuple[tuple[str, re.Pattern[str]], ...]
    authority_roles: tuple[tuple[str, re.Pattern[str]], ...]
    pronoun_actor: re.Pattern[str]
    pronoun_org: re.Pattern[str]
    pronoun_any: re.Pattern[str]
    desc_actor: re.Pattern[str]
    desc_org: re.Pattern[str]
    vendor_context: re.Pattern[str]
    researcher_context: re.Pattern[str]
    indirect_context: re.Pattern[str]
    future: re.Pattern[str]


FR = Lexicon(
    claimed=_rx(
        r"\brevendiqu\w*",
        r"\baffirm\w* (?:avoir|détenir|posséder)",
        r"\bprétend\w* (?:avoir|détenir)",
        r"\bdit (?:avoir|détenir)",
        r"\bse vante\w*",
        r"\bsite (?:de fuite|vitrine)",
        r"\bmenace\w* de (?:publier|divulguer)",
        r"\b(?:a|ont) (?:publié|mis en ligne|diffusé) (?:les|des|un échantillon)",
        r"\bà sa liste de victimes",
        r"\bmet(?:tent)? en vente\b",
        r"\bvend(?:ent)?\b",
    ),
    alleged=_rx(
        r"\bserai(?:t|ent)\b",
        r"\baurai(?:t|ent)\b",
        r"\bselon\b",
        r"\bd['’]après\b",
        r"\bprésumée?s?\b",
        r"\bsoupçonnée?s?\b",
        r"\battribuée?s?\b",
        r"\bpourrai(?:t|ent)\b",
        r"\bprobablement\b",
        r"\bvraisemblablement\b",
        r"\bsemble(?:rait)?\b",
    ),
    denied=_rx(r"\bdément\w*", r"\bdémenti\w*", r"\bnie\b", r"\bnient\b", r"\bconteste\w*"),
    confirmed=_rx(
        r"\bconfirm\w*",
        r"\breconnu\b",
        r"\breconnaît\b",
        # an investigating authority names the author
        r"\bidentifié\w*\b[^.;]{0,120}?\bcomme\s+(?:étant\s+)?(?:l['’]auteur|le\s+responsable|"
        r"responsable)",
        r"\b(?:mise?s?\s+en\s+examen|inculpée?s?|condamnée?s?)\b",
    ),
    attack=_rx(
        r"\bcyber-?attaque\w*",
        r"\battaque\w*",
        r"\bpiratage\w*",
        r"\bpirat[ée]\w*",
        r"\bintrusion\w*",
        r"\bfuite\w*",
        r"\brançongiciel\w*",
        r"\bransomware\w*",
        r"\bcompromi\w*",
        r"\bvictime\w*",
        r"\baffaire\b",
        r"\bincident\w*",
        r"\bhacking\b",
        r"\bvol de données",
        r"\brevendiqu\w*",
    ),
    assert_verb=_rx(
        r"\baffirm\w*",
        r"\brevendiqu\w*",
        r"\bprétend\w*",
        r"\bdéclar\w*",
        r"\bassur\w*",
        r"\bindiqu\w*",
        r"\bannonc\w*",
        r"\baverti\w*",
        r"\binform\w*",
        r"\bnotifi\w*",
        r"\bprévenu\w*",
        r"\bdit\b",
    ),
    according=re.compile(r"\b(?:selon|d['’]après)\s+(?:l['’]|la\s+|le\s+|les\s+)?", _I),
    negation=_rx(
        r"\bne\s+(?:\w+\s+){0,2}?(?:pas|jamais|plus)\b",
        r"\bn['’]\w+\s+(?:\w+\s+)?(?:pas|jamais|plus)\b",
        r"\baucune?\b",
        r"\bni\b",
        r"\bpas\s+été\b",
        r"\bépargnée?s?\b",
    ),
    contrast=_rx(r"\bmais\b", r";", r"\bcependant\b", r"\btandis que\b", r"\balors que\b"),
    date_roles=(
        (
            "prosecuted",
            _rx(
                r"\bcondamné\w*",
                r"\barrêté\w*",
                r"\binterpellé\w*",
                r"\binculpé\w*",
                r"\bmise?s?\s+en\s+examen",
                r"\bextradé\w*",
            ),
        ),
        ("detected", _rx(r"\bdétect\w*", r"\bdécouver\w*", r"\bidentifi\w*", r"\brepér\w*")),
        (
            "notified",
            _rx(
                r"\bprévenu\w*",
                r"\baverti\w*",
                r"\bnotifi\w*",
                r"\binformé\w*",
                r"\balert[ée]\w*",
                r"\bsignal[ée]\w*",
            ),
        ),
        ("claimed", _rx(r"\brevendiqu\w*", r"\bsite de fuite", r"\bliste de victimes")),
        (
            "disclosed",
            _rx(
                r"\bdivulgu\w*",
                r"\bannonc\w*",
                r"\bpubli\w*",
                r"\bconfirm\w*",
                r"\bcommuniqué",
                r"\breconn\w*",
                r"\badmis\b",
            ),
        ),
        (
            "attack",
            _rx(
                r"\bcyber-?attaque\w*",
                r"\battaque\w*",
                r"\bpiratage\w*",
                r"\bintrusion\w*",
                r"\baffaire\b",
                r"\bsurvenue?\b",
                r"\bvictime\b",
                r"\bfrapp\w*",
                r"\btouch[ée]\w*",
                r"\bcompromi\w*",
                r"\bransomware\b",
                r"\brançongiciel\w*",
                r"\bpirat\w*",
                r"\bincident\b",
                r"\baccéd\w*",
                r"\bconsulté\w*",
                r"\bcopié\w*",
                r"\bsubi\w*",
                r"\baccès\b",
                r"\ba eu lieu\b",
                r"\bexfiltr\w*",
                r"\bvol(?:er|é|ée|és|ées|ent|ait)?\b",
            ),
        ),
    ),
    authority_roles=(
        ("complaint", _rx(r"\bplainte\w*")),
        ("notified", _rx(r"\binform\w*", r"\bnotifi\w*", r"\bsignal\w*", r"\bsaisi\w*")),
        ("investigating", _rx(r"\benquête\w*", r"\benquêt\w*", r"\binvestig\w*")),
    ),
    pronoun_actor=re.compile(r"^\s*(?:Il|Ils)\b"),
    pronoun_org=re.compile(r"^\s*(?:Elle|Elles)\b"),
    pronoun_any=re.compile(r"^\s*(?:Il|Elle)\b"),
    desc_actor=re.compile(
        r"\b(?:[Ll]e|[Cc]e|[Ll]es|[Cc]es)\s+(?:groupe|gang|collectif|pirates|hackers|"
        r"cybercriminels|attaquants|assaillants)\b"
    ),
    desc_org=re.compile(
        r"\b(?:[Ll]a|[Ll]e|[Ll]['’]|[Cc]ette|[Cc]et)\s*(?:entreprise|société|plateforme|enseigne|"
        r"firme|hôpital|établissement|opérateur|éditeur|mairie|ville|commune|municipalité|"
        r"université|banque|assureur|mutuelle|clinique|organisation|prestataire|marque|"
        r"distributeur|fabricant|compagnie|cabinet|centre)\b"
    ),
    vendor_context=_rx(
        r"\bfaille\w* (?:de|dans|du|d['’])",
        r"\bvulnérabilité\w* (?:de|dans|du|d['’])",
        r"\bproduits?\b",
        r"\blogiciel\w* (?:de|du)",
    ),
    researcher_context=_rx(
        r"\bchercheurs?\b",
        r"\bexperts?\b",
        r"\bspécialiste\w*",
        r"\bselon\b",
        r"\bd['’]après\b",
        r"\brapport\b",
    ),
    indirect_context=_rx(
        r"\bclients? de\b", r"\bfiliale\b", r"\bmaison mère\b", r"\bsous-traitant"
    ),
    future=_rx(
        r"\bsera\b",
        r"\bseront\b",
        r"\bprévue?s?\b",
        r"\bfixée?s?\b",
        r"\bdevrai(?:t|ent)\b",
        r"\bd['’]ici\b",
    ),
)


EN = Lexicon(
    claimed=_rx(
        r"\bclaim(?:s|ed|ing)?\b",
        r"\btook responsibility",
        r"\btaken responsibility",
        r"\btaking responsibility",
        r"\bleak site\b",
        r"\bdata leak site",
        r"\bextortion (?:site|portal)",
        r"\blisted\b",
        r"\badded\b[^.]{0,40}\b(?:leak|victims?)\b",
        r"\bboast\w*",
        r"\bthreaten\w* to (?:leak|publish|release)",
        r"\b(?:published|leaked|posted|dumped|leaking|leaks)\b",
        r"\bis asking for\b",
        r"\b(?:is\s+)?sell(?:s|ing)\b",
        r"\bfor sale\b",
        r"\bdemand\w* (?:a )?ransom",
    ),
    alleged=_rx(
        r"\breportedly\b",
        r"\ballegedly\b",
        r"\balleged\b",
        r"\bbelieved\b",
        r"\bsuspected\b",
        r"\battributed\b",
        r"\blinked to\b",
        r"\blikely\b",
        r"\bsaid to\b",
        r"\baccording to\b",
        r"\bpossibly\b",
        r"\bmay have\b",
        r"\bmight have\b",
        r"\bappears? to\b",
        r"\btied to\b",
        r"\battribut(?:e|es|ed|ing)\b",
    ),
    denied=_rx(r"\bden(?:y|ies|ied|ying)\b", r"\brefut\w*", r"\bdisput\w*", r"\brejects?\b"),
    confirmed=_rx(
        r"\bconfirm(?:s|ed|ing)?\b",
        r"\bverified\b",
        r"\backnowledg\w*",
        r"\bidentified\b[^.;]{0,120}?\bas\s+(?:being\s+)?(?:the\s+)?(?:one\s+|person\s+)?"
        r"(?:responsible|behind|the\s+perpetrator)",
        r"\b(?:indicted|charged|convicted|sentenced)\b",
    ),
    attack=_rx(
        r"\bcyber-?attacks?\b",
        r"\battack\w*",
        r"\bbreach\w*",
        r"\bhack\w*",
        r"\bintrusion\w*",
        r"\bransomware\b",
        r"\bextortion\b",
        r"\bcompromis\w*",
        r"\bleak\w*",
        r"\bstole\w*",
        r"\bstolen\b",
        r"\bincident\w*",
        r"\bvictims?\b",
        r"\bclaim\w*",
        r"\bresponsib\w*",
        r"\btarget\w*",
        r"\bencrypt\w*",
    ),
    assert_verb=_rx(
        r"\bclaim\w*",
        r"\bsa(?:ys|id)\b",
        r"\bstat\w*",
        r"\ballege\w*",
        r"\bboast\w*",
        r"\bassert\w*",
        r"\bannounc\w*",
        r"\bnotif\w*",
        r"\bwarn\w*",
        r"\binform\w*",
        r"\bdisclos\w*",
        r"\breport\w*",
        r"\bconfirm\w*",
    ),
    according=re.compile(r"\baccording to\s+(?:the\s+)?", _I),
    negation=_rx(
        r"\bnot\b",
        r"\bn['’]t\b",
        r"\bno\b",
        r"\bnever\b",
        r"\bneither\b",
        r"\bnor\b",
        r"\bunaffected\b",
        r"\bwithout\b",
    ),
    contrast=_rx(r"\bbut\b", r";", r"\bhowever\b", r"\bwhereas\b", r"\bwhile\b", r"\balthough\b"),
    date_roles=(
        (
            "prosecuted",
            _rx(
                r"\bconvicted\b",
                r"\bsentenced\b",
                r"\barrested\b",
                r"\bindicted\b",
                r"\bextradited\b",
                r"\bpleaded\s+guilty\b",
            ),
        ),
        (
            "detected",
            _rx(
                r"\bdetect\w*", r"\bdiscover\w*", r"\bidentified\b", r"\bnoticed\b", r"\bspotted\b"
            ),
        ),
        ("notified", _rx(r"\bnotif\w*", r"\binformed\b", r"\balerted\b", r"\bletters?\b")),
        ("claimed", _rx(r"\bclaim\w*", r"\bleak site\b", r"\blisted\b", r"\bresponsibility\b")),
        (
            "disclosed",
            _rx(
                r"\bdisclos\w*",
                r"\bannounc\w*",
                r"\bconfirm\w*",
                r"\bsaid(?=\s+(?:on|this|last)\b)",
                # "Acme on Tuesday revealed that ..."
                r"\b(?:on\s+(?:mon|tues|wednes|thurs|fri|satur|sun)day|yesterday|today)\s+"
                r"(?:revealed|said|stated|confirmed|disclosed|announced|reported)\b",
                r"\bfiling\b",
                r"\bfiled\b",
                r"\backnowledg\w*",
                r"\badmitted\b",
                r"\bpublicly\b",
            ),
        ),
        (
            "attack",
            _rx(
                r"\bcyber-?attacks?\b",
                r"\battack\w*",
                r"\bbreach\w*",
                r"\bhack\w*",
                r"\bintrusion\b",
                r"\boutbreak\b",
                r"\bcompromis\w*",
                r"\bencrypt\w*",
                r"\bstole\w*",
                r"\bexfiltrat\w*",
                r"\boccurred\b",
                r"\bsuffer\w*",
                r"\bunauthori[sz]ed\b",
                r"\bincident\b",
                r"\bransomware\b",
                r"\baccessed\b",
            ),
        ),
    ),
    authority_roles=(
        ("complaint", _rx(r"\bcomplaint\b", r"\blawsuit\b")),
        ("notified", _rx(r"\bnotif\w*", r"\binformed\b", r"\breported to\b", r"\bfiling\b")),
        (
            "investigating",
            _rx(r"\binvestigat\w*", r"\bprobe\b", r"\bseiz\w*", r"\barrest\w*", r"\bcharged\b"),
        ),
    ),
    pronoun_actor=re.compile(r"^\s*(?:They|The gang|The group)\b"),
    pronoun_org=re.compile(r"^\s*(?:It|The company)\b"),
    pronoun_any=re.compile(r"^\s*(?:It|They)\b"),
    desc_actor=re.compile(
        r"\b(?:[Tt]he|[Tt]his)\s+(?:gang|group|hackers|threat actors?|attackers|"
        r"cybercriminals|ransomware operators?|crew|collective)\b"
    ),
    desc_org=re.compile(
        r"\b(?:[Tt]he|[Tt]his)\s+(?:company|firm|organi[sz]ation|retailer|hospital|"
        r"university|school|city|county|bank|insurer|provider|platform|vendor|manufacturer|"
        r"business|agency|health system|carrier|operator|airline|airport|victim)\b"
    ),
    vendor_context=_rx(
        r"\bflaws?\b",
        r"\bvulnerabilit\w*",
        r"\bzero-day\b",
        r"\bexploit\w*",
        r"\bpatch\w*",
        r"\bCVE-",
        r"\bproducts?\b",
    ),
    researcher_context=_rx(
        r"\bresearchers?\b",
        r"\banalysts?\b",
        r"\baccording to\b",
        r"\breport(?:ed)? by\b",
        r"\bsecurity firm\b",
        r"\bthreat intelligence\b",
    ),
    indirect_context=_rx(
        r"\bcustomers? of\b",
        r"\bsubsidiary\b",
        r"\bparent company\b",
        r"\bthird-party\b",
        r"\bsupplier\b",
    ),
    future=_rx(r"\bwill\b", r"\bscheduled\b", r"\bplanned\b", r"\bexpected to\b"),
)


def lexicon(lang: str) -> Lexicon:
    """The lexicon of a language; English for anything that is not French."""
    return FR if lang == "fr" else EN
