"""Resolution is pure: names, aliases, incident windows, claims kept side by side."""

from __future__ import annotations

from datetime import date

from graph.batch import IncidentNode
from graph.names import (
    ALIAS_THRESHOLD,
    NameEntry,
    actor_canonical,
    alias_candidates,
    org_key,
    org_norm,
    sector_canonical,
)
from graph.resolve import ExistingIncident, assign_incidents, resolve_reports
from tests.graph.stories import corpus, day, founding_item, leak_item


def test_organisation_spellings_share_one_key() -> None:
    keys = {org_key(org_norm(n)) for n in ("« MédecinDirect »", "Medecin Direct",
                                            "medecindirect.fr", "MEDECINDIRECT SAS")}  # fmt: skip
    assert len(keys) == 1


def test_actor_gazetteer_aliases() -> None:
    assert actor_canonical("LockBit 3.0") == actor_canonical("lockbit3") == "lockbit"
    assert actor_canonical("Dumpsec", "actor:dumpsec") == "dumpsec"


def test_sector_labels_map_to_extractor_ids() -> None:
    assert sector_canonical("Healthcare") == sector_canonical("télémédecine") == "health"


def test_fuzzy_candidates_are_scored_not_merged() -> None:
    known = [NameEntry("a", "MedecinDirect", "medecindirect"), NameEntry("b", "Weda", "weda")]
    new = [NameEntry("c", "MedcinDirect", "medcindirect"), NameEntry("d", "Veda", "veda")]
    found = alias_candidates(new, known)
    assert [(c.left, c.right) for c in found] == [("a", "c")]
    assert found[0].score >= ALIAS_THRESHOLD
    assert "MedcinDirect" in found[0].evidence


def test_resolution_is_deterministic() -> None:
    assert resolve_reports(corpus()) == resolve_reports(corpus())


def test_competing_figures_are_two_claims() -> None:
    batch = resolve_reports([founding_item()])
    figures = sorted((c.value, c.speaker, c.modality) for c in batch.claims if c.kind == "figure")
    assert figures == [(285000.0, "MédecinDirect", "reported"), (320000.0, "Dumpsec", "claimed")]


def test_leak_post_and_article_are_one_incident() -> None:
    batch = resolve_reports(corpus()[:2])  # the article and the group's leak post
    medecin = org_key(org_norm("MédecinDirect"))
    incidents = [i for i in batch.incidents if i.victim_key == medecin]
    assert len(incidents) == 1
    reports = {c.report_key for c in batch.claims if c.incident_key == incidents[0].key}
    assert len(reports) == 2


def test_same_victim_far_apart_is_two_incidents() -> None:
    batch = resolve_reports(
        [leak_item("Qilin", "Weda", day(2025, 11, 14)), leak_item("Qilin", "Weda", day(2026, 3, 1))]
    )
    assert len(batch.incidents) == 2
    assert len({i.victim_key for i in batch.incidents}) == 1


def test_assign_incidents_uses_the_overlapping_window() -> None:
    new = IncidentNode("new", "v", date(2025, 12, 1), date(2025, 12, 2))
    far = IncidentNode("far", "v", date(2026, 6, 1), date(2026, 6, 1))
    other = IncidentNode("other", "w", date(2025, 12, 1), date(2025, 12, 1))
    existing = [ExistingIncident("old", "v", date(2025, 11, 20), date(2025, 11, 28))]
    assert assign_incidents([new, far, other], existing) == {
        "new": "old",
        "far": "far",
        "other": "other",
    }


def test_claims_keep_provenance() -> None:
    batch = resolve_reports([founding_item()])
    for claim in batch.claims:
        assert claim.report_key and claim.recorded_at.tzinfo is not None
        assert claim.extractor_version == "test-1"
    attribution = [c for c in batch.claims if c.kind == "attribution"]
    assert {c.modality for c in attribution} == {"claimed", "alleged"}
    assert all(c.sentence and c.end > c.start for c in attribution)  # type: ignore[operator]


def test_entities_keep_the_earliest_recorded_time_of_a_batch() -> None:
    from datetime import UTC, datetime, timedelta

    from graph.batch import ReportExtraction
    from graph.resolve import resolve_reports
    from ingest.records import ExtractedActorLink, ExtractedIncident, ExtractedReport

    def item(key: str, days: int) -> ReportExtraction:
        report = ExtractedReport(
            id=key,
            lang="en",
            extractor_version="t",
            incidents=(
                ExtractedIncident(
                    victim="Tailspin Toys",
                    actors=(ExtractedActorLink("Akira", "claimed", "Akira", "actor"),),
                ),
            ),
        )
        when = datetime(2026, 11, 1, tzinfo=UTC) + timedelta(days=days)
        return ReportExtraction(key, when, when, "s", None, report)

    late, early = item("r-late", 5), item("r-early", 1)
    for order in ([early, late], [late, early]):
        batch = resolve_reports(order)
        assert {a.recorded_at for a in batch.actors} == {early.recorded_at}
        assert {o.recorded_at for o in batch.organizations} == {early.recorded_at}
