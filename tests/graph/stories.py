"""Hand-built extractions for the graph tests: the founding story and a few leak-site posts.

The sentences are paraphrases written for the tests (not the article's text); offsets point into
them as if they were the report's text.
"""

from __future__ import annotations

from datetime import UTC, datetime

from graph.batch import ReportExtraction
from graph.facts import StoredReport, leak_extraction
from graph.keys import make_key
from ingest.records import (
    Evidence,
    ExtractedActor,
    ExtractedActorLink,
    ExtractedAuthority,
    ExtractedDataCategory,
    ExtractedDate,
    ExtractedFigure,
    ExtractedIncident,
    ExtractedReport,
    ExtractedVictim,
    RawLeakFields,
)

ARTICLE_KEY = make_key("report-url", "https://press.example/medecindirect")
RECORDED = datetime(2025, 12, 8, 9, 0, tzinfo=UTC)

S_CLAIM = "The Dumpsec group, which claims the attack, says it holds data on 320,000 people."
S_NOTIFY = "The platform told 285,000 patients on 3 December that their data may be exposed."
S_LEROY = "Dumpsec is also said to be behind the Leroy Merlin hack a few days ago."
S_DETECT = "The teleconsultation platform detected an intrusion on 28 November."
S_AUTH = "The company filed a complaint with the Paris prosecutor and informed the CNIL."
S_DATA = "The sample shows names, social security numbers and consultation histories."
S_VIDEO = "Video consultations, which are not recorded, were not affected."


def ev(sentence: str, start: int = 0) -> Evidence:
    return Evidence(sentence=sentence, start=start, end=start + len(sentence))


def founding_extraction(version: str = "test-1") -> ExtractedReport:
    medecin = ExtractedIncident(
        victim="MédecinDirect",
        sector="health",
        country="FR",
        actors=(
            ExtractedActorLink(
                name="Dumpsec",
                modality="claimed",
                speaker="Dumpsec",
                speaker_kind="actor",
                evidence=ev(S_CLAIM, 300),
                confidence=0.9,
            ),
        ),
        dates=(
            ExtractedDate("detected", "2025-11-28", "day", "le 28 novembre", ev(S_DETECT, 120)),
            ExtractedDate("notified", "2025-12-03", "day", "le 3 décembre", ev(S_NOTIFY, 200)),
        ),
        figures=(
            ExtractedFigure(
                value=285000,
                unit="count",
                counts="patients",
                speaker="MédecinDirect",
                modality="reported",
                speaker_kind="victim",
                text="285 000 patients",
                evidence=ev(S_NOTIFY, 200),
                confidence=0.9,
            ),
            ExtractedFigure(
                value=320000,
                unit="count",
                counts="people",
                speaker="Dumpsec",
                modality="claimed",
                speaker_kind="actor",
                text="320 000 personnes",
                evidence=ev(S_CLAIM, 300),
                confidence=0.9,
            ),
        ),
        data_exposed=(
            ExtractedDataCategory("names", "noms", ev(S_DATA, 900)),
            ExtractedDataCategory("ssn", "numéros de Sécurité sociale", ev(S_DATA, 900)),
            ExtractedDataCategory("consultation_history", "historiques", ev(S_DATA, 900)),
        ),
        data_not_exposed=(ExtractedDataCategory("video_consultations", "vidéo", ev(S_VIDEO)),),
        authorities=(
            ExtractedAuthority("CNIL", "regulator", "FR", "notified", ev(S_AUTH, 600)),
            ExtractedAuthority("Parquet de Paris", "prosecutor", "FR", "complaint", ev(S_AUTH)),
        ),
        evidence=ev(S_DETECT, 120),
        confidence=0.9,
    )
    leroy = ExtractedIncident(
        victim="Leroy Merlin",
        sector="retail",
        country="FR",
        actors=(
            ExtractedActorLink(
                name="Dumpsec",
                modality="alleged",
                speaker="press",
                speaker_kind="publication",
                evidence=ev(S_LEROY, 450),
                confidence=0.6,
            ),
        ),
        dates=(ExtractedDate("attack", "2025-12-03", "approximate", "il y a quelques jours"),),
        evidence=ev(S_LEROY, 450),
        confidence=0.6,
    )
    return ExtractedReport(
        id=ARTICLE_KEY,
        lang="fr",
        extractor_version=version,
        actors=(
            ExtractedActor(
                name="Dumpsec",
                key="dumpsec",
                description="collective of young French hackers",
                confidence=0.9,
            ),
        ),
        victims=(
            ExtractedVictim("MédecinDirect", "health", "FR", "medecindirect.fr"),
            ExtractedVictim("Leroy Merlin", "retail", "FR"),
        ),
        incidents=(medecin, leroy),
        published="2025-12-08",
    )


def founding_item(version: str = "test-1", recorded: datetime = RECORDED) -> ReportExtraction:
    return ReportExtraction(
        report_key=ARTICLE_KEY,
        recorded_at=recorded,
        published_at=datetime(2025, 12, 8, tzinfo=UTC),
        source_id="press-fr",
        url="https://press.example/medecindirect",
        extraction=founding_extraction(version),
    )


def leak_report(
    group: str,
    victim: str,
    discovered: datetime,
    *,
    website: str | None = None,
    activity: str | None = None,
    country: str | None = "FR",
    figures: tuple[str, ...] = (),
    recorded: datetime | None = None,
) -> StoredReport:
    key = make_key("report-guid", f"leak|{group}|{victim}|{discovered.isoformat()}")
    return StoredReport(
        key=key,
        title=victim,
        text=f"{victim} posted by {group}",
        url=None,
        published_at=discovered,
        lang="en",
        recorded_at=recorded or discovered,
        source_id="leaks",
        leak=RawLeakFields(
            actor=group,
            victim=victim,
            victim_raw=victim,
            discovered_at=discovered,
            website=website,
            country=country,
            activity=activity,
            figures=figures,
        ),
    )


def leak_item(*args: object, **kwargs: object) -> ReportExtraction:
    return leak_extraction(leak_report(*args, **kwargs))  # type: ignore[arg-type]


def day(y: int, m: int, d: int) -> datetime:
    return datetime(y, m, d, 12, 0, tzinfo=UTC)


def corpus() -> list[ReportExtraction]:
    """The founding article, the leak post it is about, and a few other groups' posts."""
    return [
        founding_item(),
        leak_item("Dumpsec", "medecindirect.fr", day(2025, 11, 30), website="medecindirect.fr",
                  activity="Healthcare", figures=("320K",)),
        leak_item("Dumpsec", "Leroy Merlin SAS", day(2025, 12, 4), activity="Retail"),
        leak_item("LockBit 3.0", "Leroy Merlin", day(2025, 12, 10), activity="Retail"),
        leak_item("Qilin", "Weda", day(2025, 11, 14), activity="Healthcare", figures=("88GB",)),
        leak_item("Qilin", "Itelis", day(2025, 11, 16), activity="Healthcare"),
        leak_item("Qilin", "Hopital Nord", day(2025, 11, 20), activity="Healthcare",
                  country="BE"),
        leak_item("Qilin", "Weda", day(2026, 3, 1), activity="Healthcare"),
        leak_item("Akira", "Mairie de Test", day(2025, 11, 21), activity="Government"),
    ]  # fmt: skip
