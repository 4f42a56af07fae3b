"""Name boundaries from raw text: the capitalised name that follows or precedes a cue.

Pure string functions. A name is a run of capitalised tokens, joined by a few connectors
("of", "de", "&"); leading determiners and headline words ("Data", "Breach", "Hackers") are cut.
"""

from __future__ import annotations

import re
import unicodedata

_TOKEN = re.compile(r"[«»\"“”(),;:]|(?<![\w])[dlDLjJnN]['’](?=\w)|[^\s«»\"“”(),;:]+")
CONNECTORS = {"of", "de", "du", "des", "&", "for", "and the", "d'", "la"}
TECH = {
    "linux", "windows", "macos", "android", "ios", "php", "api", "apis", "saas", "paas", "captcha",
    "wi-fi", "wifi", "ai", "iot", "vpn", "vpns", "cloud", "chrome", "firefox", "safari", "python",
    "npm", "pypi", "javascript", "java", "powershell", "docker",
    "kubernetes", "ssh", "rdp", "dns", "ddos", "rat", "rce", "cve", "poc", "llm", "genai",
    "chatgpt", "copilot", "internet", "web", "email", "sms", "mfa", "2fa", "oauth", "sso",
    "iphone", "iphones", "ipad", "ipads", "imac", "icloud", "ipados", "macbook", "airpods",
}  # fmt: skip
STOP = {
    "the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her", "our",
    "le", "la", "les", "l'", "l’", "un", "une", "des", "du", "de", "ce", "cet", "cette", "ces",
    "son", "sa", "ses", "leur", "leurs", "il", "elle", "ils", "elles", "it", "they", "we", "he",
    "she", "after", "après", "how", "why", "what", "when", "who", "mais", "but", "and", "et",
    "ou", "or", "in", "on", "at", "by", "to", "from", "with", "en", "dans", "par", "pour",
    "sur", "avec", "chez", "selon", "according", "as", "is", "was", "were", "are", "has",
    "have", "had", "not", "also", "now", "just", "new", "nouveau", "nouvelle", "over", "more",
    "than", "all", "some", "many", "most", "several", "two", "three", "one", "first", "last",
    "top", "plus", "mr", "mrs", "ms", "m.", "mme", "dr", "update", "updated", "exclusive",
    "data", "breach", "breaches", "breached", "attack", "attacks", "attacked", "cyberattack",
    "cyberattacks", "hack", "hacked", "hackers", "hacker", "ransomware", "gang", "gangs",
    "threat", "threats", "actor", "actors", "leak", "leaks", "leaked", "hit", "hits", "says",
    "said", "say", "claims", "claim", "claimed", "exposes", "exposed", "confirms", "confirmed",
    "discloses", "disclosed", "warns", "warned", "suffers", "suffered", "million", "millions",
    "users", "customers", "patients", "employees", "info", "information", "major", "largest",
    "big", "giant", "retailer", "hospital", "cyber", "incident", "amid", "via", "up", "down",
    "out", "behind", "linked", "tied", "steal", "steals", "stole", "stolen", "theft", "exploit",
    "exploits", "exploited", "flaw", "flaws", "bug", "bugs", "zero-day", "vulnerability",
    "critical", "patch", "patches", "fixes", "fix", "warning", "alert", "report", "reports",
    "probe", "investigates", "investigating", "lawsuit", "sued", "fined", "fine", "outage",
    "disruption", "disrupts", "operations", "impacted", "affected", "affects", "impact",
    "downtime", "offline", "extortion", "campaign", "malware", "phishing", "scam", "targets",
    "targeted", "targeting", "victim", "victims", "cyberattaque", "attaque", "piratage",
    "fuite", "victime", "rançongiciel", "pirates", "données", "entreprise", "société", "ville",
    "mairie", "hôpital", "plateforme", "opérateur", "janvier", "février", "mars", "avril",
    "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre", "january",
    "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
    "sunday", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
    "chinese", "russian", "iranian", "north", "korean", "pro-russian", "notorious", "prolific",
    "infamous", "unknown", "state-sponsored", "nation-state", "suspected", "alleged",
    "russia-linked", "china-linked", "iran-linked", "us", "u.s.", "uk", "eu", "américain",
    "américaine", "français", "française", "french", "american", "british", "german",
    "allemand", "allemande", "ransomhub-linked", "researchers", "chercheurs", "cisa", "fbi",
    "week", "today", "yesterday", "hier", "aujourd'hui", "here", "there", "while", "though",
    "although", "since", "before", "during", "under", "into", "about", "msp", "got", "every",
    "early", "hours", "things", "no", "any", "celle-ci", "celui-ci",
    "ceux-ci", "celles-ci", "none", "aucun", "aucune", "which", "widespread", "massive", "huge",
    "significant", "serious", "possible", "apparent", "global", "leading", "popular", "former",
    "inside", "ongoing", "ceo", "cfo", "cto", "ciso", "coo", "spokesperson", "spokesman",
    "spokeswoman",
}  # fmt: skip
_TRAIL = ".,;:!?'’\"»)"
DEMONYMS = {
    "spanish", "italian", "dutch", "japanese", "canadian", "australian", "brazilian", "indian",
    "swiss", "belgian", "south", "european", "asian", "african", "israeli", "ukrainian",
    "polish", "swedish", "norwegian", "danish", "finnish", "irish", "mexican", "taiwanese",
    "turkish", "saudi", "german", "french", "british", "american", "chinese", "russian",
    "korean", "espagnol", "espagnole", "italien", "italienne", "néerlandais", "néerlandaise",
    "japonais", "japonaise", "canadien", "canadienne", "australien", "australienne", "belge",
    "suisse", "brésilien", "brésilienne", "britannique", "européen", "européenne",
    "norvégien", "norvégienne", "allemand", "allemande", "américain", "américaine",
}  # fmt: skip


def norm(name: str) -> str:
    """Comparison form: accents stripped, casefolded, only letters and digits."""
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return re.sub(r"[^0-9a-z]+", "", s.casefold())


def is_cap(word: str) -> bool:
    if not word:
        return False
    c = word[0]
    if c.islower():  # "iClicker", "eBay"
        return len(word) > 2 and word[1].isupper() and word[2].islower()
    return c.isupper() or (c.isdigit() and any(ch.isalpha() for ch in word))


def _clean(word: str) -> str:
    w = word.strip(_TRAIL)
    for suffix in ("'s", "’s"):
        if w.endswith(suffix):
            w = w[: -len(suffix)]
    return w


def _tokens(text: str, base: int) -> list[tuple[int, int, str]]:
    return [(m.start() + base, m.end() + base, m.group()) for m in _TOKEN.finditer(text)]


def is_name_token(word: str) -> bool:
    """A capitalised word that may be part of a name (not a stop word or a technology)."""
    if word.endswith(("'", "’")):
        return False
    w = _clean(word)
    low = w.casefold()
    return is_cap(w) and low not in STOP and low not in TECH and len(w) <= 40


def _run(toks: list[tuple[int, int, str]], i: int, text: str) -> tuple[int, int, str] | None:
    """The capitalised run starting at token i (connectors allowed inside)."""
    if i >= len(toks) or not is_name_token(toks[i][2]):
        return None
    start, end = toks[i][0], toks[i][1]
    j = i + 1
    count = 1
    while j < len(toks) and count < 6:
        word = toks[j][2]
        if "\n" in text[toks[j - 1][1] : toks[j][0]]:
            break
        prev = toks[j - 1][2]
        if is_name_token(word) and (
            not prev.endswith((".", "'s", "’s")) or _institution_follows(toks, j - 1)
        ):
            end = toks[j][1]
            j += 1
            count += 1
            continue
        if (
            word.casefold() in CONNECTORS
            and j + 1 < len(toks)
            and is_name_token(toks[j + 1][2])
            and not toks[j - 1][2].endswith((".", ","))
        ):
            end = toks[j + 1][1]
            j += 2
            count += 1
            continue
        break
    if count > 1 and _clean(toks[j - 1][2]) in _COUNTRY_TAIL:
        end = toks[j - 2][1]  # "AmeriCorps U.S. federal agency"
    raw = text[start:end]
    cleaned = _clean(raw)
    if not cleaned:
        return None
    return start, start + len(cleaned), cleaned


_ABBREV = re.compile(r"(?:[A-Z]\.){2,}")  # "U.S. Supreme Court"
_INSTITUTIONS = {
    "court", "department", "agency", "army", "navy", "senate", "congress", "treasury",
    "service", "office", "commission", "bureau", "administration", "force", "corps", "marshals",
    "embassy", "government", "house", "attorney", "mint", "library", "institute",
}  # fmt: skip


def _institution_follows(toks: list[tuple[int, int, str]], k: int) -> bool:
    """An abbreviation ("U.S.") joins the capitalised words after it only when they name an
    institution ("U.S. Supreme Court"); "… across the U.S. Microsoft said" is a sentence break."""
    if not _ABBREV.fullmatch(toks[k][2]):
        return False
    for _, _, word in toks[k + 1 : k + 5]:
        if not is_name_token(word):
            return False
        if _clean(word).casefold() in _INSTITUTIONS:
            return True
    return False


_COUNTRY_TAIL = {"U.S", "US", "UK", "EU", "USA"}


# generic heads that are stop words on their own ("Hospital Hit By Ransomware") but start a name
# when a connector and a name follow ("Hospital for Sick Children", "Mairie de Castelnau")
_HEADS = {"hospital", "hôpital", "mairie", "ville"}


def _head(word: str) -> bool:
    return word[:1].isupper() and _clean(word).casefold() in _HEADS


def _headed_run(toks: list[tuple[int, int, str]], i: int, text: str) -> tuple[int, int, str] | None:
    """The name starting with the generic head at token i, if a connector and a name follow."""
    if not (_head(toks[i][2]) and i + 2 < len(toks) and toks[i + 1][2].casefold() in CONNECTORS):
        return None
    run = _run(toks, i + 2, text)
    if run is None:
        return None
    return toks[i][0], run[1], text[toks[i][0] : run[1]]


def leading_name(
    text: str, pos: int, limit: int = 90, skip: int = 4
) -> tuple[int, int, str] | None:
    """The first name after ``pos``, skipping up to ``skip`` lowercase/determiner words."""
    toks = _tokens(text[pos : pos + limit], pos)
    skipped = 0
    for i, (start, _, word) in enumerate(toks):
        if i and "\n" in text[toks[i - 1][1] : start]:
            return None  # a heading ends at its line
        headed = _headed_run(toks, i, text)
        if headed is not None:
            return headed
        if is_name_token(word):
            run = _run(toks, i, text)
            if run is not None and run[2].casefold() in DEMONYMS:
                skipped += 1
                continue
            return run
        if word in ",;:()" or word.endswith("."):
            return None
        if word in '«"“':
            continue
        skipped += 1
        if skipped > skip:
            return None
    return None


LEGAL_FORMS = {"inc", "ltd", "llc", "corp", "plc", "gmbh", "sa", "sas", "srl", "ag", "pc", "llp"}
_PLACE_PREP = {"in", "dans", "à", "au", "en", "near", "près"}


def _run_start(toks: list[tuple[int, int, str]], k: int, text: str) -> int:
    i = k
    while i - 1 >= 0:
        prev = toks[i - 1][2]
        if "\n" in text[toks[i - 1][1] : toks[i][0]]:
            break
        if is_name_token(prev) and not prev.endswith((".", ",", "'s", "’s")):
            i -= 1
        elif prev.casefold() in CONNECTORS and i - 2 >= 0 and is_name_token(toks[i - 2][2]):
            i -= 2

        elif prev.casefold() in CONNECTORS and i - 2 >= 0 and _head(toks[i - 2][2]):
            i -= 2
            break
        else:
            break
    return i


_TITLES = {"dr", "mr", "mrs", "ms", "m", "mme", "prof", "docteur", "maître", "me", "pr"}
_COMPLEMENT_PREP = _PLACE_PREP | {"de", "of", "from", "d'", "d’"}


def _named_apposition(toks: list[tuple[int, int, str]], k: int, text: str) -> bool:
    """``toks[k]`` is a comma closing an apposition that is itself a name, after a description
    ending in a place ("un médecin de Cincinnati, Dr. Jane Roe, a été victime")."""
    if k < 1 or not is_name_token(toks[k - 1][2]):
        return False
    p = _run_start(toks, k - 1, text) - 1
    while p >= 0 and _clean(toks[p][2]).casefold() in _TITLES:
        p -= 1
    if p < 1 or toks[p][2] != "," or not is_name_token(toks[p - 1][2]):
        return False
    q = _run_start(toks, p - 1, text) - 1
    return q >= 0 and toks[q][2].casefold() in _COMPLEMENT_PREP


_ORG_NOUNS = {
    "university", "hospital", "company", "firm", "school", "council", "retailer", "bank",
    "insurer", "airline", "operator", "exchange", "platform", "agency", "group", "giant",
    "college", "clinic", "city", "county", "municipality", "manufacturer", "provider", "maker",
}  # fmt: skip
_CLOSE_Q = {'"', "”", "»", "'", "’"}
_COUNTRY_CODES = {"UK", "US", "U.S.", "EU", "USA"}


def trailing_name(text: str, pos: int, limit: int = 160) -> tuple[int, int, str] | None:
    """The name that ends right before ``pos`` (an apposition or parenthesis may sit between)."""
    lo = max(0, pos - limit)
    toks = _tokens(text[lo:pos], lo)
    k = len(toks) - 1
    # 'the "La Sapienza" university has been', "Acme Corp UK warns": a lowercase head noun, a
    # closing quote or a country code after the name is not part of it
    if (
        k >= 1
        and toks[k][2] in _ORG_NOUNS
        and (is_name_token(toks[k - 1][2]) or toks[k - 1][2] in _CLOSE_Q)
    ):
        k -= 1
    if k >= 1 and toks[k][2] in _CLOSE_Q and is_name_token(toks[k - 1][2]):
        k -= 1
    if k >= 1 and toks[k][2] in _COUNTRY_CODES and is_name_token(toks[k - 1][2]):
        k -= 1
    if k >= 0 and toks[k][2] == ")":
        while k >= 0 and toks[k][2] != "(":
            k -= 1
        k -= 1
    if k >= 0 and toks[k][2] == "," and _named_apposition(toks, k, text):
        k -= 1
    elif k >= 0 and toks[k][2] == ",":
        # an apposition ("X, a freight firm based in Ohio, was hit"): the name is before one of
        # the previous commas
        k2 = k - 1
        while k2 >= 0 and k - k2 < 40:
            if toks[k2][2] == "," and k2 >= 1 and is_name_token(toks[k2 - 1][2]):
                break
            k2 -= 1
        if k2 >= 1 and toks[k2][2] == ",":
            k = k2 - 1
    if k >= 0 and toks[k][2] == ")":
        while k >= 0 and toks[k][2] != "(":
            k -= 1
        k -= 1
    # "Acme Holdings, LLC a subi": skip the legal form after a comma
    if k >= 2 and _clean(toks[k][2]).casefold() in LEGAL_FORMS and toks[k - 1][2] == ",":
        k -= 2
    if k < 0 or not is_name_token(toks[k][2]):
        return None
    i = _run_start(toks, k, text)
    # "X in Texas", "X dans le Minnesota": the place is not the name
    j = i - 1
    if j >= 1 and toks[j][2].casefold() in ("le", "la", "l'", "l’") and toks[j - 1][2] == "dans":
        j -= 1
    if j >= 1 and toks[j][2].casefold() in _PLACE_PREP and is_name_token(toks[j - 1][2]):
        k = j - 1
        i = _run_start(toks, k, text)
    start, end = toks[i][0], toks[k][1]
    cleaned = _clean(text[start:end])
    if not cleaned:
        return None
    return start, start + len(cleaned), cleaned
