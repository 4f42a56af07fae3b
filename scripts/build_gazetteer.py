"""Regenerate ``ingest/nlp/patterns/actors.jsonl`` from facts.

Sources of facts: the group catalogues of the shared leak corpus (``groups.json`` and the
``group_name`` values of ``posts.json``), a hand-written table of public group names and aliases
(MITRE ATT&CK group names, well-known ransomware and extortion brands), and alias pairs such as
ALPHV/BlackCat. Each output line is a spaCy span-ruler token pattern whose ``id`` is the canonical
key. Names that are also ordinary words ("Play", "Royal", "Hunters") are written as
case-sensitive ``ACTOR_AMBIG`` phrase patterns: the extractor keeps them only in a group context.

MITRE ATT&CK groups: ``--attack FILE`` adds every intrusion set (not revoked or deprecated) with
its aliases, from a STIX 2.1 bundle such as MITRE's ``enterprise-attack.json`` or from a compact
lookup file holding a ``groups_campaigns`` list of ``{"stix_type", "name", "aliases", ...}``. A
group whose name or alias is already known joins that entry (its key does not change). A
one-word form that is an ordinary English or French word ("Silence", "Equation", "Platinum":
Zipf frequency ≥ 2.4 in the ``wordfreq`` lists, a build-time tool only) becomes
``ACTOR_AMBIG``.

Usage: ``python scripts/build_gazetteer.py [--shared ../shared] [--attack enterprise-attack.json]``.
The JSONL is committed data; this script only regenerates it.
"""

from __future__ import annotations

import argparse
import json
import re
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "ingest" / "nlp" / "patterns" / "actors.jsonl"

# canonical display name -> aliases (public facts)
KNOWN: dict[str, tuple[str, ...]] = {
    "ALPHV": ("BlackCat", "ALPHV/BlackCat", "Noberus"),
    "LockBit": ("LockBit 2.0", "LockBit 3.0", "LockBit3", "LockBit2", "LockBit Black"),
    "Cl0p": ("Clop", "TA505", "FIN11"),
    "Conti": ("Wizard Spider",),
    "REvil": ("Sodinokibi",),
    "Black Basta": ("BlackBasta",),
    "BlackSuit": ("Black Suit",),
    "Royal": (),
    "Akira": (),
    "Play": ("PlayCrypt",),
    "Rhysida": (),
    "Medusa": ("MedusaLocker",),
    "8Base": (),
    "BianLian": (),
    "Qilin": ("Agenda",),
    "RansomHub": (),
    "INC Ransom": ("INC", "IncRansom", "Lynx"),
    "Hunters International": ("Hunters",),
    "Cactus": (),
    "Everest": (),
    "Vice Society": ("ViceSociety",),
    "Hive": ("HiveLeak",),
    "DarkSide": (),
    "BlackMatter": (),
    "BlackByte": (),
    "Ragnar Locker": ("RagnarLocker",),
    "Ragnarok": (),
    "Snatch": (),
    "Karakurt": (),
    "Lorenz": (),
    "Cuba": (),
    "Quantum": (),
    "Daixin": ("Daixin Team",),
    "Money Message": ("MoneyMessage",),
    "Trigona": (),
    "NoEscape": (),
    "Cloak": (),
    "RansomedVC": (),
    "3AM": ("ThreeAM",),
    "Meow": ("MeowLeaks",),
    "DragonForce": (),
    "Mallox": ("TargetCompany",),
    "Monti": (),
    "Nokoyawa": (),
    "Stormous": (),
    "SiegedSec": (),
    "KillSec": ("KillSecurity",),
    "Dunghill Leak": ("Dunghill",),
    "Donut Leaks": ("DonutLeaks", "D0nut"),
    "RansomHouse": (),
    "Avaddon": (),
    "AvosLocker": ("Avos",),
    "Babuk": (),
    "Maze": (),
    "Egregor": (),
    "NetWalker": (),
    "DoppelPaymer": (),
    "Pysa": ("Mespinoza",),
    "Nefilim": (),
    "Mount Locker": ("MountLocker",),
    "RansomEXX": ("Defray777",),
    "Pay2Key": (),
    "Grief": (),
    "Marketo": (),
    "Suncrypt": (),
    "Prometheus": (),
    "Groove": (),
    "Karma": (),
    "Haron": (),
    "Arvin Club": ("ArvinClub",),
    "Xing Locker": ("XingLocker",),
    "LV": (),
    "Midas": (),
    "Entropy": (),
    "Hades": (),
    "Rook": (),
    "Night Sky": ("NightSky",),
    "Pandora": (),
    "Onyx": (),
    "Sabbath": (),
    "Yanluowang": (),
    "Red Alert": ("RedAlert", "N13V"),
    "0mega": (),
    "Lilith": (),
    "Icefire": (),
    "Abyss": (),
    "Vendetta": (),
    "Nevada": (),
    "Dark Power": ("DarkPower",),
    "CryptNet": (),
    "Crosslock": (),
    "Malas": (),
    "Rancoz": (),
    "Dark Race": ("DarkRace",),
    "Knight": ("Cyclops",),
    "Metaencryptor": (),
    "CiphBit": (),
    "Cryptbb": (),
    "LostTrust": (),
    "Werewolves": (),
    "Malek Team": ("MalekTeam",),
    "Insane": (),
    "Slug": (),
    "Alpha Locker": ("AlphaLocker",),
    "Mogilevich": (),
    "Blackout": (),
    "Dark Vault": ("DarkVault",),
    "DoNex": (),
    "Lapsus$": ("LAPSUS$", "Lapsus", "DEV-0537"),
    "Scattered Spider": ("UNC3944", "Octo Tempest", "0ktapus", "Muddled Libra"),
    "ShinyHunters": ("Shiny Hunters",),
    "Scattered Lapsus$ Hunters": (),
    "Crimson Collective": (),
    "Interlock": (),
    "SafePay": (),
    "Fog": (),
    "Termite": (),
    "Embargo": (),
    "Gunra": (),
    "Kairos": (),
    "Warlock": (),
    "Sinobi": (),
    "Chaos": (),
    "Nova": (),
    "Devman": (),
    "Killin Security": (),
    "Helldown": (),
    "CrazyHunter": (),
    "NoName057(16)": ("NoName057", "NoName"),
    "Killnet": (),
    "Anonymous Sudan": ("Storm-1359",),
    "Cyber Army of Russia Reborn": ("CARR",),
    "APT28": ("Fancy Bear", "Sofacy", "Sednit", "STRONTIUM", "Forest Blizzard", "Pawn Storm"),
    "APT29": ("Cozy Bear", "Nobelium", "Midnight Blizzard", "The Dukes", "UNC2452"),
    "Sandworm": ("Sandworm Team", "Seashell Blizzard", "Voodoo Bear", "APT44"),
    "Turla": ("Snake", "Venomous Bear", "Secret Blizzard"),
    "Gamaredon": ("Gamaredon Group", "Primitive Bear", "Aqua Blizzard"),
    "Lazarus Group": ("Lazarus", "Hidden Cobra", "Diamond Sleet", "APT38"),
    "Kimsuky": ("APT43", "Velvet Chollima", "Emerald Sleet"),
    "Andariel": ("Onyx Sleet",),
    "APT1": ("Comment Crew",),
    "APT10": ("menuPass", "Stone Panda"),
    "APT31": ("Zirconium", "Violet Typhoon"),
    "APT40": ("Leviathan", "Gingham Typhoon"),
    "APT41": ("Wicked Panda", "Brass Typhoon", "Barium"),
    "Volt Typhoon": ("Bronze Silhouette", "Vanguard Panda"),
    "Salt Typhoon": ("GhostEmperor", "FamousSparrow", "Earth Estries"),
    "Flax Typhoon": (),
    "Silk Typhoon": ("Hafnium",),
    "Mustang Panda": ("TA416", "RedDelta", "Earth Preta"),
    "APT33": ("Elfin", "Peach Sandstorm"),
    "APT34": ("OilRig", "Helix Kitten", "Hazel Sandstorm"),
    "APT35": ("Charming Kitten", "Phosphorus", "Mint Sandstorm"),
    "MuddyWater": ("Mango Sandstorm", "Static Kitten"),
    "FIN7": ("Carbanak", "Carbon Spider"),
    "FIN8": (),
    "Evil Corp": ("Indrik Spider",),
    "TA577": (),
    "Storm-0558": (),
    "UNC5221": (),
    "Cadet Blizzard": (),
    "Star Blizzard": ("Callisto", "ColdRiver", "SEABORGIUM"),
    "BlackEnergy": (),
    "Equation": ("Equation Group",),
    "Dragonfly": ("Energetic Bear",),
    "OceanLotus": ("APT32",),
    "Transparent Tribe": ("APT36",),
    "SideWinder": (),
    "Patchwork": (),
    "Darkhotel": (),
    "Winnti": ("Winnti Group",),
}

# catalogue slug -> canonical display name (where the slug is not the name itself)
SLUGS: dict[str, str] = {
    "lockbit2": "LockBit",
    "lockbit3": "LockBit",
    "lockbit3_fs": "LockBit",
    "lockbit": "LockBit",
    "alphv": "ALPHV",
    "clop": "Cl0p",
    "blackbasta": "Black Basta",
    "blacksuit": "BlackSuit",
    "hiveleak": "Hive",
    "incransom": "INC Ransom",
    "hunters": "Hunters International",
    "vicesociety": "Vice Society",
    "ragnarlocker": "Ragnar Locker",
    "moneymessage": "Money Message",
    "threeam": "3AM",
    "killsecurity": "KillSec",
    "dunghill_leak": "Dunghill Leak",
    "donutleaks": "Donut Leaks",
    "avoslocker": "AvosLocker",
    "avos": "AvosLocker",
    "mount-locker": "Mount Locker",
    "mountlocker": "Mount Locker",
    "arvinclub": "Arvin Club",
    "xinglocker": "Xing Locker",
    "nightsky": "Night Sky",
    "redalert": "Red Alert",
    "darkpower": "Dark Power",
    "darkrace": "Dark Race",
    "malekteam": "Malek Team",
    "alphalocker": "Alpha Locker",
    "darkvault": "Dark Vault",
    "medusa": "Medusa",
    "8base": "8Base",
    "ransomexx": "RansomEXX",
    "revil": "REvil",
}

SKIP = {
    "unknown",
    "ransomwatch",
    "ransomblog_noname",
    "ransomblog_noname2",
    "lockbit3_cronos",
    "aGl0bGVyCg",
    "dataleak",
    "RAMP",
    "mbc",
    "ako",
    "cooming",
    "redransomware",
}

# ordinary words (EN/FR) that are also group names: case-sensitive, context required
COMMON = {
    "play",
    "royal",
    "cactus",
    "hunters",
    "medusa",
    "karma",
    "everest",
    "quantum",
    "snatch",
    "cuba",
    "pandora",
    "sabbath",
    "slug",
    "spook",
    "lambda",
    "shadow",
    "meow",
    "knight",
    "insane",
    "cloak",
    "onyx",
    "nevada",
    "vendetta",
    "sparta",
    "midas",
    "entropy",
    "hades",
    "blackout",
    "cheers",
    "malas",
    "dread",
    "sugar",
    "abyss",
    "rook",
    "prometheus",
    "groove",
    "ragnarok",
    "robinhood",
    "exorcist",
    "lv",
    "inc",
    "agenda",
    "snake",
    "chaos",
    "nova",
    "fog",
    "termite",
    "embargo",
    "warlock",
    "interlock",
    "leviathan",
    "equation",
    "patchwork",
    "elfin",
    "barium",
    "lilith",
    "hive",
    "maze",
    "grief",
    "haron",
    "marketo",
    "lorenz",
    "monti",
    "zeon",
    "werewolves",
    "cyclops",
    "noname",
    "callisto",
    "phosphorus",
    "zirconium",
    "helldown",
    "kairos",
    "sinobi",
    "devman",
    "lynx",
    "qilin",
    "mydecryptor",
    "lockdata",
    "blacktor",
    "payloadbin",
    "xinof",
    "hotarus",
    "crylock",
    "ranzy",
    "freecivilian",
    "shaoleaks",
    "unsafeleak",
    "projectrelic",
    "ragroup",
    "icefire",
    "darkbit01",
    "0xfff",
    "chilelocker",
    "dagonlocker",
    "solidbit",
    "bluesky",
    "darkangels",
    "mindware",
    "rransom",
    "babyduck",
    "cryp70n1c0d3",
    "againstthewest",
    "holyghost",
    "ransomcartel",
    "adminlocker",
    "ech0raix",
    "ep918",
    "n3tworm",
    "onepercent",
    "prolock",
    "qlocker",
    "vfokx",
    "lolnek",
    "blackshadow",
    "bonacigroup",
    "aztroteam",
    "azroteam",
    "synack",
    "x001xs",
    "leaktheanalyst",
    "ranion",
    "kelvinsecurity",
    "mosesstaff",
    "diavol",
    "metaencryptor",
    "rancoz",
    "crosslock",
    "cryptnet",
    "ciphbit",
    "cryptbb",
    "losttrust",
    "hellogookie",
    "donex",
    "darkleakmarket",
    "trisec_cyberoutlaw",
    "lockbit3_fs",
}


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.casefold()).strip("-")


def _catalogue_slugs(shared: Path) -> set[str]:
    names: set[str] = set()
    groups = shared / "corpus" / "leak" / "ransomware.live" / "groups.json"
    posts = shared / "corpus" / "leak" / "ransomwatch" / "posts.json"
    if groups.is_file():
        names.update(g["name"] for g in json.loads(groups.read_text(encoding="utf-8")))
    if posts.is_file():
        names.update(p["group_name"] for p in json.loads(posts.read_text(encoding="utf-8")))
    return {n for n in names if n and n not in SKIP}


def _tokens(name: str) -> list[str]:
    return [t for t in re.split(r"\s+", name.strip()) if t]


def attack_groups(path: Path) -> list[tuple[str, list[str]]]:
    """(name, aliases) of each current intrusion set of an ATT&CK file (see the docstring)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    if isinstance(data, dict) and "objects" in data:
        rows = [o for o in data["objects"] if o.get("type") == "intrusion-set"]
        current = [o for o in rows if not o.get("revoked") and not o.get("x_mitre_deprecated")]
    elif isinstance(data, dict) and "groups_campaigns" in data:
        rows = [o for o in data["groups_campaigns"] if o.get("stix_type") == "intrusion-set"]
        current = [o for o in rows if not o.get("revoked") and not o.get("deprecated")]
    else:
        raise SystemExit(f"{path}: neither a STIX bundle nor a groups_campaigns lookup")
    out = []
    for o in current:
        name = str(o["name"]).strip()
        aliases = [str(a).strip() for a in o.get("aliases") or () if str(a).strip() != name]
        out.append((name, aliases))
    return out


def _common_word(form: str) -> bool:
    from wordfreq import zipf_frequency  # build-time only: pip install wordfreq

    word = form.casefold()
    return max(zipf_frequency(word, "en"), zipf_frequency(word, "fr")) >= 2.4


def merge_attack(
    table: dict[str, set[str]],
    groups: list[tuple[str, list[str]]],
    ambiguous: set[str],
    is_common: Callable[[str], bool] = _common_word,
) -> int:
    """Add ATT&CK groups to ``table``; one-word ordinary words go into ``ambiguous``. Returns
    the number of new entries."""

    def flat(x: str) -> str:
        # "Medusa Group" is the "Medusa" entry
        x = re.sub(r"\s+(?:group|team|gang)$", "", x.strip(), flags=re.IGNORECASE)
        return re.sub(r"[^a-z0-9]+", "", x.casefold())

    owner = {flat(form): name for name, aliases in table.items() for form in (name, *aliases)}
    existing = set(owner)  # forms already in the table keep their ambiguity
    added = 0
    for name, aliases in groups:
        forms = [name, *aliases]
        canonical = next((owner[flat(f)] for f in forms if flat(f) in owner), None)
        if canonical is None:
            canonical = name
            table[canonical] = set()
            added += 1
        for form in forms:
            if flat(form) in owner and owner[flat(form)] != canonical:
                continue  # an alias another entry already owns stays with it
            if form != canonical:
                table[canonical].add(form)
            owner[flat(form)] = canonical
            if flat(form) not in existing and len(_tokens(form)) == 1 and is_common(form):
                ambiguous.add(form.casefold())
    return added


def _pattern(name: str, key: str) -> dict[str, object]:
    toks = _tokens(name)
    ambiguous = len(toks) == 1 and (name.casefold() in COMMON or len(name) <= 3)
    label = "ACTOR_AMBIG" if ambiguous else "ACTOR"
    return {"label": label, "pattern": name, "id": key}


def build(shared: Path, attack: Path | None = None) -> list[dict[str, object]]:
    table: dict[str, set[str]] = {name: set(aliases) for name, aliases in KNOWN.items()}
    for slug in sorted(_catalogue_slugs(shared)):
        canonical = SLUGS.get(slug)
        if canonical is None:
            known = {k.casefold().replace(" ", ""): k for k in table}
            canonical = known.get(slug.casefold().replace("_", "").replace("-", ""))
        if canonical is None:
            canonical = slug.replace("_", " ").title() if "_" in slug else slug.capitalize()
        table.setdefault(canonical, set())
        if slug.casefold() != canonical.casefold() and "_" not in slug:
            table[canonical].add(slug)
    if attack is not None:  # after the catalogues: a group they list keeps its entry
        added = merge_attack(table, attack_groups(attack), COMMON)
        print(f"ATT&CK: {added} new groups")
    lines: list[dict[str, object]] = []
    seen: set[str] = set()
    for canonical in sorted(table, key=str.casefold):
        key = _slug(canonical)
        for form in [canonical, *sorted(table[canonical])]:
            variants = {form}
            if form.casefold() in COMMON or len(form) <= 3:
                variants |= {form.capitalize(), form.upper()} if form.isalpha() else set()
            for variant in [form, *sorted(variants - {form})]:
                pat = _pattern(variant, key)
                sig = json.dumps(pat, sort_keys=True)
                if sig not in seen:
                    seen.add(sig)
                    lines.append(pat)
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--attack", type=Path, default=None, help="ATT&CK STIX bundle or lookup")
    args = parser.parse_args()
    lines = build(args.shared, args.attack)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", encoding="utf-8") as fh:
        for line in lines:
            fh.write(json.dumps(line, ensure_ascii=False) + "\n")
    print(f"{len(lines)} patterns -> {OUT}")


if __name__ == "__main__":
    main()
