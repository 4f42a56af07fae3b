"""Analytics: pure functions on hand-built attributions."""

from __future__ import annotations

from datetime import date

from graph.analytics import (
    Attribution,
    actor_centrality,
    build_graph,
    co_targeting,
    detect_waves,
    opportunism,
)


def att(actor: str, org: str, d: date, sector: str, country: str = "FR") -> Attribution:
    return Attribution(actor, actor, f"{org}:{d}", d, org, org, "CLAIMED", (sector,), (country,))


DATA = [
    att("Qilin", "Weda", date(2025, 11, 14), "health"),
    att("Qilin", "Itelis", date(2025, 11, 16), "health"),
    att("Qilin", "Hopital", date(2025, 11, 20), "health", "BE"),
    att("Dumpsec", "MedecinDirect", date(2025, 11, 28), "health"),
    att("Dumpsec", "Leroy Merlin", date(2025, 12, 3), "retail"),
    att("Dumpsec", "Mairie", date(2025, 12, 20), "government"),
    att("LockBit", "Leroy Merlin", date(2025, 12, 10), "retail"),
]


def test_centrality_ranks_the_bridging_actor_first() -> None:
    ranking = actor_centrality(build_graph(DATA))
    assert ranking[0].actor == "Dumpsec"
    assert {c.actor for c in ranking} == {"Qilin", "Dumpsec", "LockBit"}
    assert actor_centrality(build_graph([])) == []


def test_co_targeting_shares_victims_and_sectors() -> None:
    pairs = {(s.actor_a, s.actor_b): s for s in co_targeting(DATA)}
    dl = pairs[("Dumpsec", "LockBit")]
    assert dl.shared_victims == ("Leroy Merlin",)
    assert dl.victims == round(1 / 3, 4)
    assert pairs[("Dumpsec", "Qilin")].shared_sectors == ("health",)


def test_waves_cluster_one_sector_in_a_window() -> None:
    waves = detect_waves(DATA, window_days=14, min_victims=3)
    assert len(waves) == 1
    assert waves[0].value == "health"
    assert waves[0].victims == ("Hopital", "Itelis", "MedecinDirect", "Weda")
    assert detect_waves(DATA, window_days=2, min_victims=3) == []
    by_country = detect_waves(DATA, window_days=30, min_victims=4, dimension="country")
    assert by_country and by_country[0].value == "FR"


def test_opportunism_counts_distinct_sectors_per_window() -> None:
    scores = {o.actor: o for o in opportunism(DATA, days=30)}
    assert scores["Dumpsec"].score == 3
    assert scores["Dumpsec"].window_start == date(2025, 11, 28)
    assert scores["Qilin"].score == 1
    assert {o.actor: o.score for o in opportunism(DATA, days=5)}["Dumpsec"] == 2
