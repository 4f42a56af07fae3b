"""Unit tests of the rules: dates, figures, name boundaries, context cues, and the gazetteer
(spacy.blank("en") plus the real pattern files)."""

from __future__ import annotations

from datetime import date

import pytest

from ingest.extract import ExtractInput, Extractor
from ingest.nlp.dates import find_dates, resolve_date
from ingest.nlp.figures import find_figures, parse_number
from ingest.nlp.names import leading_name, trailing_name
from ingest.nlp.rules import find_actor_cues
from ingest.nlp.victim_rules import find_victim_cues

PUB = date(2025, 12, 8)


def _dates(text: str, lang: str, pub: date | None = PUB) -> list[tuple[str, str, str]]:
    out = []
    for expr in find_dates(text, lang):
        res = resolve_date(expr, pub)
        if res:
            out.append((expr.text, res[0].isoformat(), res[1]))
    return out


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("détectée le 28 novembre", "fr", ("28 novembre", "2025-11-28", "day")),
        ("le 15 décembre", "fr", ("15 décembre", "2024-12-15", "day")),  # never in the future
        ("il y a 3 semaines", "fr", ("il y a 3 semaines", "2025-11-17", "approximate")),
        ("il y a quelques jours", "fr", ("il y a quelques jours", "2025-12-05", "approximate")),
        ("hier soir", "fr", ("hier", "2025-12-07", "day")),
        ("le 1er mars 2024", "fr", ("1er mars 2024", "2024-03-01", "day")),
        ("en janvier 2025", "fr", ("en janvier 2025", "2025-01-01", "month")),
        ("on November 28, 2025", "en", ("November 28, 2025", "2025-11-28", "day")),
        ("last week", "en", ("last week", "2025-12-01", "approximate")),
        ("two weeks ago", "en", ("two weeks ago", "2025-11-24", "approximate")),
        ("yesterday", "en", ("yesterday", "2025-12-07", "day")),
        ("in July 2025", "en", ("in July 2025", "2025-07-01", "month")),
        ("last October", "en", ("last October", "2025-10-01", "month")),
    ],
)
def test_dates_resolve_against_publication(text: str, lang: str, expected: tuple) -> None:
    assert _dates(text, lang) == [expected]


def test_explicit_future_date_is_dropped_and_relative_needs_a_publication_date() -> None:
    assert _dates("on March 3, 2027", "en") == []
    assert _dates("il y a 3 jours", "fr", pub=None) == []
    assert _dates("I may go", "en") == []  # "may" alone is not a month


@pytest.mark.parametrize(
    ("raw", "lang", "value"),
    [("285 000", "fr", 285000), ("320,000", "en", 320000), ("1,2", "fr", 1.2), ("1.2", "en", 1.2)],
)
def test_parse_number(raw: str, lang: str, value: float) -> None:
    assert parse_number(raw, lang) == value


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("a averti 285 000 patients", "fr", (285000, "count", "patients")),
        ("de 320 000 personnes", "fr", (320000, "count", "people")),
        ("affected 320,000 people", "en", (320000, "count", "people")),
        ("stole 1.2 TB of files", "en", (1.2e12, "bytes", "data")),
        ("88GB leaked", "en", (88e9, "bytes", "data")),
        ("a $189.1M company", "en", (189.1e6, "usd", "amount")),
        ("une rançon de 2 millions d'euros", "fr", (2e6, "eur", "ransom")),
        ("1.5 million customers", "en", (1.5e6, "count", "customers")),
    ],
)
def test_figures(text: str, lang: str, expected: tuple) -> None:
    figs = find_figures(text, lang)
    assert [(f.value, f.unit, f.counts) for f in figs] == [expected]


def test_figures_ignore_years_and_durations() -> None:
    assert find_figures("plus de 30 ans de dossiers", "fr") == []
    assert find_figures("in 2024 customers", "en") == []


def test_name_boundaries() -> None:
    text = "La société américaine Halliburton, spécialisée dans le pétrole, a été victime"
    assert trailing_name(text, text.index(" a été"))[2] == "Halliburton"  # type: ignore[index]
    text = "an attack on Spanish telecommunications company Telefónica last week"
    assert leading_name(text, text.index("Spanish"), skip=6)[2] == "Telefónica"  # type: ignore[index]
    text = "Ashford School District in Texas has been added"
    assert trailing_name(text, text.index(" has"))[2] == "Ashford School District"  # type: ignore[index]
    # an apposition that is itself the name, after a description ending in a place
    text = "Une pharmacienne de Lyon, Mme Odile Ferrand, a été victime"
    assert trailing_name(text, text.index(" a été"))[2] == "Odile Ferrand"  # type: ignore[index]
    text = "Brightwell Dental, a clinic in Ohio, was hit"
    assert trailing_name(text, text.index(" was"))[2] == "Brightwell Dental"  # type: ignore[index]
    # a generic head starts the name when a connector and a name follow it
    text = "Ferrand's Hospital for Orphan Children (FHOC) says"
    assert trailing_name(text, text.index(" says"))[2] == "Hospital for Orphan Children"  # type: ignore[index]
    text = "Crews test Nimbus attacks against Linux servers\n\nA campaign using Nimbus attacks"
    assert leading_name(text, text.index("against ") + 8, skip=6) is None  # the heading ends
    text = "an attack on Hospital of Saint Auban last week"
    assert leading_name(text, text.index("on ") + 3)[2] == "Hospital of Saint Auban"  # type: ignore[index]


@pytest.mark.parametrize(
    ("text", "lang", "name"),
    [
        ("Mais le groupe de hackers « Dumpsec », qui revendique", "fr", "Dumpsec"),
        ("une attaque revendiquée par Medusa la semaine dernière", "fr", "Medusa"),
        ("The Silent Orchid ransomware gang claimed the attack", "en", "Silent Orchid"),
        ("A threat actor known as 'ByteReaper' is selling data", "en", "ByteReaper"),
        ("Crimson Wolf claimed responsibility for the breach", "en", "Crimson Wolf"),
        ("analysts linked the intrusions to UNC7781 last spring", "en", "UNC7781"),
        ("activity tracked as Storm-3310 by the vendor", "en", "Storm-3310"),
        ("le cluster TGR-STA-4410 cible des ministères", "fr", "TGR-STA-4410"),
        ("a campaign by Granite Typhoon against utilities", "en", "Granite Typhoon"),
        ("the operators of Earth Quillon exploited old bugs", "en", "Earth Quillon"),
        ("Threat Actor Vexa Targets Shipping Firms", "en", "Vexa"),
        ("the Russian 'Nettle' hacking group dropped a backdoor", "en", "Nettle"),
        ('a crew that calls itself "Paper Lanterns" leaked the files', "en", "Paper Lanterns"),
        ("Orchid Mint APT Targets Ports in the Baltic", "en", "Orchid Mint"),
        ("Nocturne a ajouté la mutuelle Vestia à sa liste de victimes", "fr", "Nocturne"),
        ("Grimlock has added two retailers to its data leak site", "en", "Grimlock"),
        ("The hacker, who goes by the handle 'Vantor', claimed the theft", "en", "Vantor"),
        ("Researchers track this threat group internally as 'Glass Heron'.", "en", "Glass Heron"),
        ("Vendors refer to the activity group behind these attacks as HOLMIC.", "en", "HOLMIC"),
        ("The Quietbrokers is a group of hackers known for leaks.", "en", "Quietbrokers"),
        ("After a hiatus, VELVET SPIDER returned its botnet to operation.", "en", "VELVET SPIDER"),
    ],
)
def test_actor_discovered_from_context(text: str, lang: str, name: str) -> None:
    assert name in [c.name for c in find_actor_cues(text, lang)]


def test_no_actor_from_sentence_boundary_or_negation_words() -> None:
    text = "a freight firm based in Ohio. The group added it. No ransomware group has claimed it."
    assert {c.name for c in find_actor_cues(text, "en")} <= {"group"} or not find_actor_cues(
        text, "en"
    )


@pytest.mark.parametrize(
    ("text", "lang", "victim"),
    [
        ("c’est au tour de MédecinDirect d’annoncer une cyberattaque", "fr", "MédecinDirect"),
        ("Après l’affaire Weda et Itélis il y a 3 semaines", "fr", "Itélis"),
        ("Zeop a été victime d'une attaque informatique", "fr", "Zeop"),
        ("la DGID visée par le groupe Black Shrantac", "fr", "DGID"),
        ("a ransomware attack on Northwind Logistics, a freight firm", "en", "Northwind Logistics"),
        ("Cock.li has confirmed it suffered a data breach", "en", "Cock.li"),
        ("data allegedly stolen from Pinecrest Telecom", "en", "Pinecrest Telecom"),
        ("Le 2 mai, Corvalis a reçu une demande de rançon par courriel", "fr", "Corvalis"),
        ("Halden Freight received a ransom note on its servers", "en", "Halden Freight"),
        ("The distributor Tallow Foods is recovering from a cyberattack", "en", "Tallow Foods"),
        ("La commune de Vireux se remet d'une cyberattaque survenue lundi", "fr", "Vireux"),
        ("les pirates affirment détenir 80 Go de données de la clinique Valmont", "fr", "Valmont"),
        (
            "Norway's Office of Tides shuts down portals after breach claims",
            "en",
            "Office of Tides",
        ),
        ("a ransomware attack at its logistics partner, Pellworth", "en", "Pellworth"),
        ("the 2022 Brantley ransomware supply chain attack", "en", "Brantley"),
        (
            "Une intrusion a touché l'Agence régionale de santé numérique (ARSN) lundi",
            "fr",
            "ARSN",
        ),
        ("Les écoles touchées incluent le Lycée Vauban et le Collège Marne", "fr", "Collège Marne"),
        (
            "les pirates affirment avoir dérobé 40 Go de données au fabricant Tissages Orvel",
            "fr",
            "Tissages Orvel",
        ),
        ("La société Brevaux dément toute fuite de données après la publication", "fr", "Brevaux"),
        ("les données de 80 000 clients de l'opérateur Telvio auraient été volées", "fr", "Telvio"),
        (
            "Victime d'un rançongiciel en mai, le cabinet comptable Fidalon a porté plainte.",
            "fr",
            "Fidalon",
        ),
        (
            "Le gang a ajouté le transporteur Corbel Fret à sa liste de victimes",
            "fr",
            "Corbel Fret",
        ),
        (
            "The regulator has fined gene testing firm 42Helix £1.1 million over a breach",
            "en",
            "42Helix",
        ),
        (
            "Marlow Cable to pay $2.5M fine for vendor breach affecting 90K customers",
            "en",
            "Marlow Cable",
        ),
        ("qPoll site hack pushed malware to students", "en", "qPoll"),
        ("Brisa Wallet Browser Extension Hack Drains $3M", "en", "Brisa Wallet"),
        ("either of Tellico's $90M data breach settlements", "en", "Tellico"),
        ("The website of Verdal, a ticketing platform, was compromised last week", "en", "Verdal"),
        ("Quarry exchange halted withdrawals after suffering a $13.7M hack", "en", "Quarry"),
        (
            "the Ferrin Polytechnic university went offline after a cyberattack",
            "en",
            "Ferrin Polytechnic",
        ),
        ("Ostra Telecom continues to recover from a cyberattack", "en", "Ostra Telecom"),
        ("pleaded guilty to hacking the U.S. Tax Court's filing system", "en", "U.S. Tax Court"),
        ("Corvane and Lisle UK warn of data breach impacting customers", "en", "Corvane"),
        ("Corvane and Lisle UK warn of data breach impacting customers", "en", "Lisle"),
        ("the mass-theft of authentication tokens from Quorra left firms exposed", "en", "Quorra"),
        (
            "The Borough of Alder and Vane (BAV) and the Fenwick City Council (FCC) announced "
            "that they are experiencing service disruptions following a cybersecurity issue.",
            "en",
            "Fenwick City Council",
        ),
    ],
)
def test_victim_cues(text: str, lang: str, victim: str) -> None:
    assert victim in [c.name for c in find_victim_cues(text, lang)]


@pytest.fixture(scope="module")
def en_extractor() -> Extractor:
    return Extractor()


def test_english_gazetteer_alias_and_ambiguous_names(en_extractor: Extractor) -> None:
    text = (
        "The BlackCat gang claimed the attack on Acme Health. Separately, kids like to play "
        "outside, while the Play ransomware group listed Orion Metals on its leak site."
    )
    report = en_extractor.extract(ExtractInput("t", text, published=PUB, lang="en"))
    keys = {a.key for a in report.actors}
    assert keys == {"alphv", "play"}
    pairs = {
        (link.name, inc.victim, link.modality) for inc in report.incidents for link in inc.actors
    }
    assert ("ALPHV", "Acme Health", "claimed") in pairs
    assert ("Play", "Orion Metals", "claimed") in pairs


@pytest.mark.parametrize(
    "text",
    [
        "The portal of Quaymark was compromised in a ClickFix attack last week.",
        "Ohio breach portal abused to publish fake disclosures",
        "Brightlab says it accidentally leaked the source code of its editor.",
    ],
)
def test_means_portals_and_accidents_are_not_victims(text: str) -> None:
    assert "ClickFix" not in {c.name for c in find_victim_cues(text, "en")}
    assert {c.name for c in find_victim_cues(text, "en")} <= {"Quaymark"}


def test_parenthesised_short_name_is_the_same_victim(en_extractor: Extractor) -> None:
    text = (
        "The Northshore Regional Transit Authority (NorTRA) says a cybersecurity incident "
        "exposed the personal information of some employees."
    )
    title = "NorTRA data breach exposes employee info"
    report = en_extractor.extract(ExtractInput("t", text, title, PUB, "en"))
    assert [v.name for v in report.victims] == ["Northshore Regional Transit Authority"]


def test_weekday_is_not_a_sale() -> None:
    text = "Vendredi les données de Météoral montrent une hausse des températures."
    assert find_victim_cues(text, "fr") == []


def test_fronted_victim_needs_a_sentence_start() -> None:
    text = "La DGI victime d'une cyberattaque Nox : des données volées, enjeux pour l'État."
    assert "État" not in {c.name for c in find_victim_cues(text, "fr")}


def test_third_party_attribution_is_alleged_and_said_on_a_day_is_disclosure(
    en_extractor: Extractor,
) -> None:
    text = "Researchers attribute the intrusion at Corlan Energy to the Vexa group."
    report = en_extractor.extract(ExtractInput("t", text, published=PUB, lang="en"))
    assert [a.modality for inc in report.incidents for a in inc.actors] == ["alleged"]
    text = "Brightmoor Bank said on Tuesday that hackers breached its network on June 2."
    report = en_extractor.extract(ExtractInput("t", text, published=PUB, lang="en"))
    dates = {(d.role, d.date) for d in report.incidents[0].dates}
    assert dates == {("disclosed", "2025-12-02"), ("attack", "2025-06-02")}


def test_research_disclosure_is_not_an_incident() -> None:
    text = "Brightlab has disclosed details of a novel side-channel attack on chat traffic."
    assert find_victim_cues(text, "en") == []
    text = "Brightlab has disclosed that a cyberattack disrupted its billing systems."
    assert [c.name for c in find_victim_cues(text, "en")] == ["Brightlab"]


def test_member_list_after_a_named_victim_is_not_more_victims() -> None:
    text = (
        "Le groupe Ostrale a été victime d'une cyberattaque. Les radios touchées incluent "
        "Radio Sable et Onde Bleue."
    )
    assert {c.name for c in find_victim_cues(text, "fr")} == {"Ostrale"}
    text = "Les écoles touchées incluent le Lycée Vauban, le Collège Marne et l'École Jaurès."
    names = {c.name for c in find_victim_cues(text, "fr")}
    assert names == {"Lycée Vauban", "Collège Marne", "École Jaurès"}


def test_stated_aliases_are_one_actor(en_extractor: Extractor) -> None:
    text = (
        "The threat actor known as Larkspur (aka UNC9931 and Storm-7702) breached Dovetail "
        "Shipping last month."
    )
    report = en_extractor.extract(ExtractInput("t", text, published=PUB, lang="en"))
    assert len(report.actors) == 1
    assert {"UNC9931", "Storm-7702"} <= set(report.actors[0].aliases)


def test_authority_identification_confirms(en_extractor: Extractor) -> None:
    text = (
        "Federal investigators identified a young hacker known as 'Wraithling' as the person "
        "responsible for the ransomware attack on Kestrel Medical Group."
    )
    report = en_extractor.extract(ExtractInput("t", text, published=PUB, lang="en"))
    modalities = {a.modality for inc in report.incidents for a in inc.actors}
    assert modalities == {"confirmed"}


def test_hit_through_a_supplier_is_not_the_victim() -> None:
    text = (
        "Marlow Autos victime collatérale d'une cyberattaque. Marlow Autos a été touchée par une "
        "fuite de données après l'attaque ransomware du fournisseur de paie Quillet."
    )
    report = Extractor().extract(ExtractInput("t", text, published=PUB, lang="fr"))
    roles = {v.name: v.role for v in report.victims}
    assert roles.get("Marlow Autos") == "customer"
    assert "Marlow Autos" not in {inc.victim for inc in report.incidents}


def test_outage_through_a_partner_in_english(en_extractor: Extractor) -> None:
    text = (
        "The grocer Tallbrook has taken its web shop offline because of an outage caused by a "
        "ransomware attack at its delivery partner, Pellworth."
    )
    report = en_extractor.extract(ExtractInput("t", text, published=PUB, lang="en"))
    assert [inc.victim for inc in report.incidents] == ["Pellworth"]
    assert {v.name: v.role for v in report.victims}["Tallbrook"] == "customer"


def test_vendor_is_not_a_victim(en_extractor: Extractor) -> None:
    text = "Hackers exploited Fortinet devices in attacks targeting Fortinet firewalls worldwide."
    report = en_extractor.extract(ExtractInput("t", text, published=PUB, lang="en"))
    assert report.incidents == ()


def test_denied_and_negated_claims(en_extractor: Extractor) -> None:
    text = (
        "Retailer Calloway Foods has denied claims made by the Stormous gang, which listed the "
        "company on its leak site on July 7. Customer passwords were not affected."
    )
    report = en_extractor.extract(ExtractInput("t", text, published=PUB, lang="en"))
    inc = report.incidents[0]
    assert inc.victim == "Calloway Foods"
    assert {a.modality for a in inc.actors} == {"denied"}
    assert [d.category for d in inc.data_not_exposed] == ["passwords"]
    assert ("claimed", "2025-07-07") in {(d.role, d.date) for d in inc.dates}


def test_leak_item_goes_through_the_same_shape() -> None:
    from datetime import UTC, datetime

    from ingest.extract import extract_report
    from ingest.records import RawDocument, RawLeakFields

    raw = RawDocument(
        source_id="leak",
        source_kind="ransomwatch",
        guid="g1",
        url=None,
        title="ghimli.com",
        text="",
        published_at=datetime(2024, 3, 1, tzinfo=UTC),
        lang="en",
        leak=RawLeakFields(
            actor="lockbit3",
            victim="ghimli.com",
            victim_raw="ghimli.com\\$189.1M\\Australia\\88GB",
            discovered_at=datetime(2024, 3, 2, tzinfo=UTC),
            figures=("$189.1M", "88GB"),
        ),
    )
    report = extract_report(raw)
    inc = report.incidents[0]
    assert report.actors[0].key == "lockbit" and report.actors[0].known
    assert inc.victim == "ghimli.com"
    assert [(a.name, a.modality, a.speaker_kind) for a in inc.actors] == [
        ("LockBit", "claimed", "actor")
    ]
    assert {(f.unit, f.modality, f.speaker) for f in inc.figures} == {
        ("usd", "claimed", "LockBit"),
        ("bytes", "claimed", "LockBit"),
    }
    assert [(d.role, d.date) for d in inc.dates] == [("claimed", "2024-03-02")]


@pytest.mark.parametrize(
    ("text", "victims"),
    [
        # a statement about another organisation's attack: its subject is not the victim
        (
            "Arbor Foods says Pellam ransomware attack halts production. Arbor Foods disclosed "
            "today that a ransomware attack impacting its Pellam dairy subsidiary disrupted "
            "operations.",
            ["Pellam"],
        ),
        # ... unless the name is the attacker
        ("Vantor Bank confirms Scattered Spider breach of its help desk.", ["Vantor Bank"]),
        # hacked accounts and hijacked packages: the platform or publisher is not breached
        ("A man sold thousands of hacked Wagerly accounts.", []),
        ("A supply chain attack targeting the Quell Lang localization packages.", []),
        ("The NPM package for Zephyr was compromised this week.", []),
        # an amount is not a name; a service incident is not an attack
        ("Qorvane to pay $1M fine for vendor breach affecting 270K customers.", ["Qorvane"]),
        ("Brightlane is investigating an incident causing access issues for users.", []),
    ],
)
def test_victims_of_statements(en_extractor: Extractor, text: str, victims: list[str]) -> None:
    report = en_extractor.extract(ExtractInput("t", text, published=PUB, lang="en"))
    assert sorted(v.name for v in report.victims if v.role == "victim") == sorted(victims)


def test_future_verb_keeps_a_past_date(en_extractor: Extractor) -> None:
    text = (
        "Harlan Mobile will pay a fine over a February 2024 data breach. The hackers will "
        "publish the files by the end of December."
    )
    report = en_extractor.extract(ExtractInput("t", text, published=PUB, lang="en"))
    dates = {(d.role, d.date) for inc in report.incidents for d in inc.dates}
    assert ("attack", "2024-02-01") in dates
    assert not any(d.startswith("2025-12") for _, d in dates)


def test_headline_description_before_the_name_is_cut(en_extractor: Extractor) -> None:
    title = "The Ongoing Fallout from a Breach at Chatbot Maker Velloq"
    text = "Velloq's chatbot is used by many companies, several of which are now exposed."
    report = en_extractor.extract(ExtractInput("t", text, title, PUB, "en"))
    assert [v.name for v in report.victims if v.role == "victim"] == ["Velloq"]


@pytest.mark.parametrize(
    "text",
    [
        "The regulator fined Norvale Bank $2 million for misleading customers, and said the "
        "bank's hacking of its own complaint figures was unacceptable.",
        "The website of Larkspur Museum was redesigned last year and has not been breached.",
        "The site of Hollins Quarry, where the hack saw was found, is now closed.",
        "Arden Logistics pays a $3 million settlement over a wage dispute, unrelated to a 2023 "
        "data breach at a rival.",
        "Veltrix Corp said it was investigating issues following an attack of flu among staff.",
        "The CEO of Corvane Systems warned of a breach of contract by its supplier.",
        "Researchers demonstrated hacking iPhones at the contest.",
        "Tessaro Foods and Milbright Dairy announced that they are experiencing issues "
        "following a software update.",
    ],
)
def test_no_victim_in_ordinary_sentences(en_extractor: Extractor, text: str) -> None:
    report = en_extractor.extract(ExtractInput("t", text, published=PUB, lang="en"))
    assert [v.name for v in report.victims if v.role == "victim"] == []


def test_coordinated_names_and_sentence_breaks_stay_apart() -> None:
    text = "Bank of Arden and Wells Cove warn of data breach."
    assert {c.name for c in find_victim_cues(text, "en")} == {"Bank of Arden", "Wells Cove"}
    broken = leading_name("attacks across the U.S. Quillon said", 14)
    assert broken is None or broken[2] != "U.S. Quillon"
    court = leading_name("the U.S. Tax Court was hacked", 0)
    assert court is not None and court[2] == "U.S. Tax Court"
