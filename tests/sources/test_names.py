"""Victim-name cleaning: one invented example per kind of noise, plus what must not change."""

from __future__ import annotations

import pytest

from ingest.names import clean_victim_name, is_announcement, repair_mojibake, unescape_entities


def _mojibake(text: str, codec: str = "latin-1") -> str:
    return text.encode("utf-8").decode(codec)


def test_entities_single_and_double_escaped() -> None:
    assert clean_victim_name("Hartley &amp; Sons").name == "Hartley & Sons"
    assert clean_victim_name("Hartley &amp;amp; Sons ").name == "Hartley & Sons"
    assert unescape_entities("Caf&amp;eacute; Nord") == "Café Nord"
    assert clean_victim_name("Hartley &amp;amp; Sons").repairs == ("html_entities",)


@pytest.mark.parametrize(
    ("clean", "codec"),
    [
        ("Boulangerie Périgourdine", "latin-1"),
        ("Østfold Kraftlag", "latin-1"),
        ("Façades Rhône-Alpes", "cp1252"),
        ("Maîtrise d'œuvre Sud", "cp1252"),
        ("Jürgen Müller GmbH", "latin-1"),
    ],
)
def test_mojibake_is_repaired(clean: str, codec: str) -> None:
    broken = _mojibake(clean, codec)
    assert broken != clean
    cleaned = clean_victim_name(broken)
    assert cleaned.name == clean
    assert "mojibake" in cleaned.repairs


@pytest.mark.parametrize(
    "text", ["Château Lumière", "Ã la carte", "São Tomé Trading", "Señor Ñandú", "ÂGE D'OR"]
)
def test_correct_text_is_not_touched_by_mojibake_repair(text: str) -> None:
    assert repair_mojibake(text) == text


def test_truncated_title_keeps_the_name_and_marks_it() -> None:
    cleaned = clean_victim_name("lindqvist-bygg.s...")
    assert cleaned.name == "lindqvist-bygg.s"
    assert cleaned.truncated
    assert cleaned.website is None  # a cut host is not a website

    cleaned = clean_victim_name("Association des Riverains du Can…")
    assert cleaned.name == "Association des Riverains du Can"
    assert cleaned.truncated


def test_truncated_url_path_keeps_the_host_as_website() -> None:
    cleaned = clean_victim_name("westbrook-hotels.com/group/ab...")
    assert (cleaned.name, cleaned.website, cleaned.truncated) == (
        "westbrook-hotels.com",
        "westbrook-hotels.com",
        True,
    )


def test_decorated_title_keeps_name_and_figures() -> None:
    cleaned = clean_victim_name(r"marbrerie-exemple.fr\$27.4M\France\61GB\100%DISCLOSED")
    assert cleaned.name == "marbrerie-exemple.fr"
    assert cleaned.figures == ("$27.4M", "61GB")
    assert cleaned.country_hint == "France"
    assert cleaned.disclosed == "100%"
    assert cleaned.website == "marbrerie-exemple.fr"


def test_decorated_title_with_escaped_percent_and_spaced_figures() -> None:
    cleaned = clean_victim_name(r"Kestrel Bay Foods\$ 3.1 B\New Zealand\1.2tb\&lt;1%DISCLOSED")
    assert cleaned.name == "Kestrel Bay Foods"
    assert cleaned.figures == ("$3.1B", "1.2TB")
    assert cleaned.country_hint == "New Zealand"
    assert cleaned.disclosed == "<1%"


def test_backslash_without_figures_is_not_decorated() -> None:
    cleaned = clean_victim_name(r"Archive\Part two of the files")
    assert cleaned.name == r"Archive\Part two of the files"
    assert cleaned.figures == ()


@pytest.mark.parametrize(
    ("raw", "name"),
    [
        ("https://www.granite-ridge.example.com/", "granite-ridge.example.com"),
        ("http://Vellmar-Stahl.DE", "vellmar-stahl.de"),
        ("WWW.ORCHARDVALE.CO.UK", "orchardvale.co.uk"),
        ("bluefin-optics.io", "bluefin-optics.io"),
    ],
)
def test_urls_and_domains_become_domain_names(raw: str, name: str) -> None:
    cleaned = clean_victim_name(raw)
    assert cleaned.name == name
    assert cleaned.website == name


@pytest.mark.parametrize("raw", ["Marlow S.A.S", "Ferro Inc.", "Dr. Amsel", "J.K. Dunmore"])
def test_dotted_company_names_are_not_domains(raw: str) -> None:
    cleaned = clean_victim_name(raw)
    assert cleaned.website is None
    assert cleaned.name == raw


@pytest.mark.parametrize(
    ("raw", "name"),
    [
        ("New leaks from Harrow Vale Dairy", "Harrow Vale Dairy"),
        ("Leaks from company Tessaro Arredi", "Tessaro Arredi"),
        ("LEAK post Quarry Lane Motors", "Quarry Lane Motors"),
        ("Corbel Roofing (reuploaded)", "Corbel Roofing"),
        ("Nordlys Media ()", "Nordlys Media"),
        ("Leak Detection Services Ltd", "Leak Detection Services Ltd"),
    ],
)
def test_leak_boilerplate_is_removed(raw: str, name: str) -> None:
    assert clean_victim_name(raw).name == name


@pytest.mark.parametrize(
    "title",
    [
        "NightOwl Team is officially online!",
        "For Press",
        "For journalists and researchers",
        "Hello World !",
        "Welcome to our new blog",
        "Our new partner - join us",
        "Press Releases",
        "Affiliate program reopened",
        "We are recruiting pentesters",
        "This site is now under the control of the police",
        "Domain seized by the authorities",
        "Indictments unsealed",
        "Arrest in Lisbon",
        "Decryption Keys",
        "Who is the admin?",
        "Affiliate infrastructure down",
    ],
)
def test_announcements_are_flagged_not_dropped(title: str) -> None:
    cleaned = clean_victim_name(title)
    assert cleaned.non_victim
    assert cleaned.name  # kept


@pytest.mark.parametrize(
    "title",
    [
        "Welcome Inns Group",
        "Online Printers Ltd",
        "Express Couriers",
        "Press Forge Co",
        "Downtown Dental",
        "Keystone Recovery Partners",
    ],
)
def test_ordinary_names_are_not_announcements(title: str) -> None:
    assert not is_announcement(title)
    assert clean_victim_name(title).name == title


def test_name_is_never_empty() -> None:
    assert clean_victim_name("...").name == "..."
    assert clean_victim_name("  Orchid  Labs ").name == "Orchid Labs"


def test_url_cut_inside_the_host_has_no_website() -> None:
    cleaned = clean_victim_name("https://www.harbo...")
    assert (cleaned.name, cleaned.website, cleaned.truncated) == ("www.harbo", None, True)
