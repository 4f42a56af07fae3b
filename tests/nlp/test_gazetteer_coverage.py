"""Sector and data-category gazetteers: common French and English breach-news wordings.

Each sentence names an invented organisation and uses singular/plural, hyphen or typographic
apostrophe variants of ``patterns/sectors.jsonl`` and ``patterns/data_categories.jsonl``; the
incident must carry the expected sector and exactly the expected data categories.
"""

from __future__ import annotations

import json
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from graph.exports import SECTOR_VOCAB
from ingest.extract import ExtractInput, Extractor
from ingest.records import ExtractedIncident

PUBLISHED = date(2025, 3, 1)
PATTERNS_DIR = Path(__file__).resolve().parents[2] / "ingest" / "nlp" / "patterns"

# (lang, text, victim, sector, data exposed, data not exposed)
CASES = [
    (
        "fr",
        "Le district scolaire de Valbrune a été victime d'une cyberattaque ; les numéros de "
        "téléphone et les dates de naissance des élèves ont été dérobés.",
        "Valbrune",
        "education",
        {"phone_numbers", "dates_of_birth"},
        set(),
    ),
    (
        "fr",
        "L'Ehpad Les Tilleuls de Morvanges a été victime d'une attaque par rançongiciel. Les "
        "pirates ont dérobé des copies de pièces d’identité et des numéros de carte vitale des "
        "résidents.",
        "Tilleuls de Morvanges",
        "health",
        {"identity_documents", "insurance_information"},
        set(),
    ),
    (
        "fr",
        "La communauté de communes du Val d'Oroze a été visée par une cyberattaque. Les adresses "
        "mail et les RIB des agents ont été exfiltrés, mais aucun mot de passe n'a été compromis.",
        "Val d'Oroze",
        "government",
        {"emails", "bank_details"},
        {"passwords"},
    ),
    (
        "fr",
        "L’étude notariale Ferlanne a subi une intrusion informatique : la carte d’identité et "
        "l’adresse de domicile de chaque client ont été volées.",
        "Ferlanne",
        "legal",
        {"identity_documents", "addresses"},
        set(),
    ),
    (
        "fr",
        "La compagnie d'assurance Assurivo a été victime d'un piratage. Les données à caractère "
        "personnel et les relevés d'identité bancaire de 12 000 assurés ont fuité.",
        "Assurivo",
        "finance",
        {"customer_data", "bank_details"},
        set(),
    ),
    (
        "fr",
        "Le transporteur Trans-Vellex a été victime d'une cyberattaque par rançongiciel. Les "
        "bulletins de paie des salariés ont été publiés par les pirates.",
        "Trans-Vellex",
        "transport",
        {"employee_data"},
        set(),
    ),
    (
        "fr",
        "La clinique Saint-Arbel a été victime d'une cyberattaque. Les dossiers patients et les "
        "résultats d’analyses ont été dérobés ; les coordonnées bancaires ne sont pas concernées.",
        "Saint-Arbel",
        "health",
        {"health_records"},
        {"bank_details"},
    ),
    (
        "fr",
        "L'opérateur télécoms Nerivox a été victime d'une fuite de données : les adresses "
        "électroniques et les numéros de portable de ses abonnés ont été exposés.",
        "Nerivox",
        "telecom",
        {"emails", "phone_numbers"},
        set(),
    ),
    (
        "en",
        "The Harlow Creek School District was hit by a ransomware attack; cell phone numbers and "
        "birthdates of students were stolen.",
        "Harlow Creek School District",
        "education",
        {"phone_numbers", "dates_of_birth"},
        set(),
    ),
    (
        "en",
        "Brindlewood Medical Center disclosed a data breach. Attackers accessed patient names, "
        "Social Security numbers and health insurance details.",
        "Brindlewood Medical Center",
        "health",
        {"names", "ssn", "insurance_information"},
        set(),
    ),
    (
        "en",
        "Kelvane Credit Union suffered a ransomware attack that exposed members' bank account "
        "numbers and driver’s license numbers.",
        "Kelvane Credit Union",
        "finance",
        {"bank_details", "identity_documents"},
        set(),
    ),
    (
        "en",
        "The law office Ostrander & Pell was hacked, exposing each client's e-mail address and "
        "passport number. No credit card information was affected.",
        "Ostrander & Pell",
        "legal",
        {"emails", "identity_documents"},
        {"bank_details"},
    ),
    (
        "en",
        "Quenford County was hit by a cyberattack in which employee records and W-2 forms were "
        "stolen.",
        "Quenford County",
        "government",
        {"employee_data"},
        set(),
    ),
    (
        "en",
        "The Marrowby Water District suffered a data breach that exposed each customer's home "
        "address and login details.",
        "Marrowby Water District",
        "energy",
        {"addresses", "passwords"},
        set(),
    ),
    (
        "en",
        "The telecom operator Telvaro disclosed a breach that exposed subscriber data and mobile "
        "phone numbers.",
        "Telvaro",
        "telecom",
        {"customer_data", "phone_numbers"},
        set(),
    ),
    (
        "en",
        "The supermarket chain Cobbleford said hackers stole customers' login information and "
        "routing numbers.",
        "Cobbleford",
        "retail",
        {"passwords", "bank_details"},
        set(),
    ),
]


@pytest.fixture(scope="module")
def gazetteer_extractor() -> Extractor:
    return Extractor()


def _incident(extractor: Extractor, lang: str, text: str, victim: str) -> ExtractedIncident:
    report = extractor.extract(ExtractInput("gaz", text, published=PUBLISHED, lang=lang))
    found = [i for i in report.incidents if i.victim == victim]
    assert found, f"no incident for {victim}: {[i.victim for i in report.incidents]}"
    return found[0]


@pytest.mark.parametrize(
    ("lang", "text", "victim", "sector", "exposed", "not_exposed"),
    CASES,
    ids=[f"{c[0]}-{c[2]}" for c in CASES],
)
def test_sector_and_data_categories(
    gazetteer_extractor: Extractor,
    lang: str,
    text: str,
    victim: str,
    sector: str,
    exposed: set[str],
    not_exposed: set[str],
) -> None:
    inc = _incident(gazetteer_extractor, lang, text, victim)
    assert inc.sector == sector
    assert {d.category for d in inc.data_exposed} == exposed
    assert {d.category for d in inc.data_not_exposed} == not_exposed


def _is_cased(row: dict[str, str]) -> bool:
    """Short all-capital acronyms match on exact forms, the rest on the lower-cased text."""
    return len(row["pattern"]) <= 5 and row["pattern"].upper() == row["pattern"]


def _rows(name: str) -> list[dict[str, str]]:
    path = PATTERNS_DIR / f"{name}.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


@pytest.mark.parametrize("name", ["sectors", "data_categories"])
def test_no_duplicate_patterns(name: str) -> None:
    """Rows matched on the lower-cased text count once whatever their case."""
    keys = Counter(
        (r["label"], r["pattern"] if _is_cased(r) else r["pattern"].lower()) for r in _rows(name)
    )
    assert [k for k, n in keys.items() if n > 1] == []


@pytest.mark.parametrize("name", ["sectors", "data_categories"])
def test_apostrophe_patterns_have_their_typographic_twin(name: str) -> None:
    """Press text writes d’identité as often as d'identité; tokens differ, so both are rows."""
    patterns = {(r["pattern"], r["id"]) for r in _rows(name)}
    missing = [p for p, i in patterns if "'" in p and (p.replace("'", "’"), i) not in patterns]
    assert missing == []


def test_sector_ids_are_in_the_export_vocabulary() -> None:
    ids = {r["id"] for r in _rows("sectors")}
    assert ids <= set(SECTOR_VOCAB), ids - set(SECTOR_VOCAB)
