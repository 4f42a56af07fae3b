"""Incident / victim: the typed-date lifecycle; competing figures side by side with their
speakers and the discrepancy; claims by modality; data exposed and not exposed; authorities;
the corroborating sources."""

from __future__ import annotations

from collections import defaultdict

import altair as alt
import streamlit as st

from dashboard.components.safe import frame, number, safe_url
from dashboard.connection import as_of, read
from graph.views import (
    IncidentView,
    OrgCard,
    StatementRow,
    discrepancies,
    incident_victim,
    organization_card,
    search_organizations,
    victim_incidents,
)

st.title("Incident / victim")
at = as_of()

wanted_incident = st.query_params.get("incident")
wanted = st.query_params.get("victim")
if wanted_incident and not wanted:
    wanted = read(incident_victim, key=wanted_incident)

query = st.text_input(
    "Search a victim by name or domain",
    key="victim_search",
    placeholder="e.g. MédecinDirect, medecindirect.fr",
)
matches = read(search_organizations, text=query, limit=50, as_of=at)
pinned: OrgCard | None = None
if wanted and not query and not any(m.key == wanted for m in matches):
    pinned = read(organization_card, key=wanted)
options = ([pinned] if pinned else []) + matches
if not options:
    st.info("No victim matches this search.")
    st.stop()
keys = [o.key for o in options]
org = st.selectbox(
    "Victim",
    options,
    index=keys.index(wanted) if wanted in keys and not query else 0,
    format_func=lambda o: f"{o.name}  ({o.incidents} incident{'s' if o.incidents != 1 else ''})",
    key=f"victim_pick_{query}",
)
if org is None:
    st.stop()
if st.query_params.get("victim") != org.key:
    st.query_params["victim"] = org.key

with st.container(border=True):
    st.text(org.name)
    others = [n for n in org.names if n != org.name]
    if others:
        st.text("Also written: " + ", ".join(others))
    facts = [
        ("Domain", org.domain or "-"),
        ("Sectors", ", ".join(org.sectors) or "-"),
        ("Countries", ", ".join(org.countries) or "-"),
    ]
    st.text("\n".join(f"{k}: {v}" for k, v in facts))

incidents: list[IncidentView] = read(victim_incidents, key=org.key, limit=50, as_of=at)
if not incidents:
    st.info("No incident recorded for this victim (as of the chosen date).")
    st.stop()

labels = [f"{i.first_seen or '?'} · {i.status or '?'}" for i in incidents]
ikeys = [i.key for i in incidents]
pick = st.radio(
    "Incident",
    range(len(incidents)),
    index=ikeys.index(wanted_incident) if wanted_incident in ikeys else 0,
    format_func=lambda n: labels[n],
    horizontal=True,
)
inc = incidents[pick or 0]

m = st.columns(4)
m[0].metric("Status", inc.status or "-")
m[1].metric("First seen", inc.first_seen.isoformat() if inc.first_seen else "-")
m[2].metric("Last seen", inc.last_seen.isoformat() if inc.last_seen else "-")
m[3].metric("Statements", len(inc.statements))
if inc.signals:
    st.text("Signals: " + ", ".join(inc.signals))

st.subheader("Lifecycle")
dates = frame(
    (
        {
            "role": s.role,
            "date": s.date,
            "precision": s.precision,
            "speaker": s.speaker,
            "modality": s.modality,
            "sentence": s.evidence,
        }
        for s in sorted(inc.of_kind("date"), key=lambda s: s.date or "")
    ),
    columns=["role", "date", "precision", "speaker", "modality", "sentence"],
)
stages = frame(
    (
        {"stage": stage, "first reached": when}
        for stage, when in (
            ("claimed", inc.claimed_at),
            ("reported", inc.reported_at),
            ("confirmed", inc.confirmed_at),
            ("denied", inc.denied_at),
        )
        if when is not None
    ),
    columns=["stage", "first reached"],
)
left, right = st.columns([3, 2])
with left:
    st.dataframe(dates, hide_index=True, width="stretch")
    if not dates.empty:
        chart_data = dates.dropna(subset=["date"])
        st.altair_chart(
            alt.Chart(chart_data)
            .mark_point(filled=True, size=120)
            .encode(
                x=alt.X("date:T"),
                y=alt.Y("role:N", title=None),
                tooltip=["role:N", "date:N", "speaker:N"],
            )
            .properties(height=40 + 28 * max(len(chart_data), 1)),
            width="stretch",
        )
with right:
    st.caption("Status stages (when we first learned of each)")
    st.dataframe(stages, hide_index=True, width="stretch")

st.subheader("Figures")
figures = inc.of_kind("figure")
st.dataframe(
    frame(
        (
            {
                "value": number(f.value),
                "unit": f.unit,
                "counts": f.counts,
                "speaker": f.speaker,
                "speaker kind": f.speaker_kind,
                "modality": f.modality,
                "sentence": f.evidence,
            }
            for f in sorted(figures, key=lambda f: -(f.value or 0))
        ),
        columns=["value", "unit", "counts", "speaker", "speaker kind", "modality", "sentence"],
    ),
    hide_index=True,
    width="stretch",
)
for gap in discrepancies(figures):
    with st.container(border=True):
        g = st.columns(3)
        g[0].metric("Highest", number(gap.high))
        g[1].metric("Lowest", number(gap.low))
        g[2].metric("Discrepancy", f"{number(gap.gap)} ({gap.gap_percent:g} %)")
        st.text(f"Highest stated by: {gap.high_speaker}\nLowest stated by: {gap.low_speaker}")

st.subheader("Claims by modality")
claims = sorted(inc.of_kind("attribution", "victim"), key=lambda s: (s.modality or "", s.kind))
st.dataframe(
    frame(
        (
            {
                "modality": s.modality,
                "kind": s.kind,
                "subject": s.subject,
                "speaker": s.speaker,
                "speaker kind": s.speaker_kind,
                "confidence": s.confidence,
                "sentence": s.evidence,
                "recorded": s.recorded_at,
            }
            for s in claims
        ),
        columns=[
            "modality",
            "kind",
            "subject",
            "speaker",
            "speaker kind",
            "confidence",
            "sentence",
            "recorded",
        ],
    ),
    hide_index=True,
    width="stretch",
)

left, mid, right = st.columns(3)
with left:
    st.subheader("Data exposed")
    exposed = sorted({(s.target or "", s.subject or "") for s in inc.of_kind("data_exposed")})
    st.dataframe(
        frame(
            ({"category": c, "as stated": w} for c, w in exposed), columns=["category", "as stated"]
        ),
        hide_index=True,
    )
with mid:
    st.subheader("Not exposed")
    kept = sorted({(s.target or "", s.subject or "") for s in inc.of_kind("data_not_exposed")})
    st.dataframe(
        frame(
            ({"category": c, "as stated": w} for c, w in kept), columns=["category", "as stated"]
        ),
        hide_index=True,
    )
with right:
    st.subheader("Authorities")
    st.dataframe(
        frame(
            (
                {"authority": s.target or s.subject, "role": s.role}
                for s in inc.of_kind("authority")
            ),
            columns=["authority", "role"],
        ).drop_duplicates(),
        hide_index=True,
    )

st.subheader("Corroborating sources")
st.caption("Every report that states something about this incident, with what it states.")
by_report: dict[str, list[StatementRow]] = defaultdict(list)
for s in inc.statements:
    by_report[s.report or ""].append(s)
st.dataframe(
    frame(
        (
            {
                "sources": sorted({src for s in rows for src in s.sources}),
                "channel": rows[0].channel,
                "report": rows[0].title,
                "published": rows[0].published_at,
                "states": sorted({s.kind for s in rows}),
                "modalities": sorted({s.modality or "" for s in rows}),
                "link": safe_url(rows[0].url),
            }
            for rows in by_report.values()
        ),
        columns=["sources", "channel", "report", "published", "states", "modalities", "link"],
    ),
    hide_index=True,
    width="stretch",
    column_config={"link": st.column_config.LinkColumn("link", display_text="open")},
)
