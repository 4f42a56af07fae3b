"""The founding article (../shared/seed), published 2025-12-08: the 13-point acceptance list."""

from __future__ import annotations

from ingest.records import ExtractedIncident, ExtractedReport


def _incident(report: ExtractedReport, victim: str) -> ExtractedIncident:
    found = [i for i in report.incidents if i.victim == victim]
    assert found, f"no incident for {victim}: {[i.victim for i in report.incidents]}"
    return found[0]


def test_01_dumpsec_is_a_threat_actor_with_its_description(seed_report: ExtractedReport) -> None:
    actors = {a.name: a for a in seed_report.actors}
    assert "Dumpsec" in actors
    assert actors["Dumpsec"].description and "collectif" in actors["Dumpsec"].description
    assert "hackers" in actors["Dumpsec"].description


def test_02_dumpsec_claims_the_attack(seed_report: ExtractedReport) -> None:
    inc = _incident(seed_report, "MédecinDirect")
    claims = [a for a in inc.actors if a.name == "Dumpsec" and a.modality == "claimed"]
    assert claims
    assert claims[0].speaker == "Dumpsec" and claims[0].speaker_kind == "actor"
    assert claims[0].evidence and "revendique" in claims[0].evidence.sentence


def test_03_medecindirect_is_a_health_platform(seed_report: ExtractedReport) -> None:
    assert _incident(seed_report, "MédecinDirect").sector == "health"
    victims = {v.name: v for v in seed_report.victims}
    assert victims["MédecinDirect"].role == "victim"


def test_04_intrusion_detected_on_28_november(seed_report: ExtractedReport) -> None:
    dates = {(d.role, d.date, d.precision) for d in _incident(seed_report, "MédecinDirect").dates}
    assert ("detected", "2025-11-28", "day") in dates


def test_05_patients_notified_on_3_december(seed_report: ExtractedReport) -> None:
    dates = {(d.role, d.date, d.precision) for d in _incident(seed_report, "MédecinDirect").dates}
    assert ("notified", "2025-12-03", "day") in dates


def test_06_285000_patients_per_the_victim(seed_report: ExtractedReport) -> None:
    figs = [f for f in _incident(seed_report, "MédecinDirect").figures if f.value == 285_000]
    assert figs
    f = figs[0]
    assert (f.counts, f.speaker, f.speaker_kind, f.modality) == (
        "patients",
        "MédecinDirect",
        "victim",
        "reported",
    )


def test_07_320000_people_per_the_actor_beside_the_victims_figure(
    seed_report: ExtractedReport,
) -> None:
    inc = _incident(seed_report, "MédecinDirect")
    values = {f.value for f in inc.figures}
    assert {285_000, 320_000} <= values
    f = next(f for f in inc.figures if f.value == 320_000)
    assert (f.counts, f.speaker, f.speaker_kind, f.modality) == (
        "people",
        "Dumpsec",
        "actor",
        "claimed",
    )


def test_08_dumpsec_allegedly_behind_leroy_merlin_a_few_days_ago(
    seed_report: ExtractedReport,
) -> None:
    inc = _incident(seed_report, "Leroy Merlin")
    links = [a for a in inc.actors if a.name == "Dumpsec"]
    assert [a.modality for a in links] == ["alleged"]
    assert links[0].speaker_kind == "publication"
    assert any(d.precision == "approximate" and d.date == "2025-12-05" for d in inc.dates)


def test_09_il_is_resolved_to_dumpsec(seed_report: ExtractedReport) -> None:
    link = next(a for a in _incident(seed_report, "Leroy Merlin").actors if a.name == "Dumpsec")
    assert link.evidence is not None
    assert link.evidence.sentence.startswith("Il serait")


def test_10_weda_and_itelis_without_actor_three_weeks_earlier(
    seed_report: ExtractedReport,
) -> None:
    for victim in ("Weda", "Itélis"):
        inc = _incident(seed_report, victim)
        assert inc.actors == ()
        assert [(d.date, d.precision) for d in inc.dates] == [("2025-11-17", "approximate")]


def test_11_exposed_data_categories(seed_report: ExtractedReport) -> None:
    exposed = {d.category for d in _incident(seed_report, "MédecinDirect").data_exposed}
    assert {
        "names",
        "ssn",
        "treating_physician",
        "consultation_history",
        "prescriptions",
        "questionnaires",
        "messages",
    } <= exposed


def test_12_video_consultations_not_affected(seed_report: ExtractedReport) -> None:
    inc = _incident(seed_report, "MédecinDirect")
    assert "video_consultations" in {d.category for d in inc.data_not_exposed}
    assert "video_consultations" not in {d.category for d in inc.data_exposed}


def test_13_complaint_with_the_paris_prosecutor_and_cnil_informed(
    seed_report: ExtractedReport,
) -> None:
    auth = {a.name: a for a in _incident(seed_report, "MédecinDirect").authorities}
    assert auth["Parquet de Paris"].role == "complaint"
    assert auth["Parquet de Paris"].kind == "prosecutor"
    assert auth["CNIL"].role == "notified"


def test_report_shape(seed_report: ExtractedReport) -> None:
    data = seed_report.to_json()
    assert data["lang"] == "fr" and data["extractor_version"]
    assert {m["label"] for m in data["mentions"]} >= {"actor", "organization", "authority"}
    for inc in seed_report.incidents:
        assert inc.evidence is not None
        text = inc.evidence.sentence
        assert text and inc.evidence.end - inc.evidence.start == len(text)
