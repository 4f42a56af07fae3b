"""Language detection: fr / en / other, with a hint that wins."""

from __future__ import annotations

from ingest.lang import detect_lang, normalise_hint

FR = "Le groupe revendique le vol de données personnelles de plusieurs milliers de patients."
EN = "The group claims to have stolen personal data belonging to several thousand patients."
DE = "Die Gruppe behauptet, persönliche Daten von mehreren tausend Patienten gestohlen zu haben."


def test_detects_french_and_english() -> None:
    assert detect_lang(FR) == "fr"
    assert detect_lang(EN) == "en"


def test_other_languages_map_to_other() -> None:
    assert detect_lang(DE) == "other"


def test_short_text_is_other_unless_a_fallback_is_declared() -> None:
    assert detect_lang("Acme SA") == "other"
    assert detect_lang("Acme SA", fallback="fr-FR") == "fr"


def test_hint_overrides_detection() -> None:
    assert detect_lang(EN, "fr") == "fr"
    assert detect_lang(FR, "EN") == "en"
    assert detect_lang(FR, "auto") == "fr"


def test_normalise_hint() -> None:
    assert normalise_hint("fr_CA") == "fr"
    assert normalise_hint("en-GB") == "en"
    assert normalise_hint("de") is None
    assert normalise_hint(None) is None
