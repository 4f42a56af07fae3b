"""Actor: search by any alias; the profile: aliases, first / last seen, victims with modality,
dates and figures, sectors and countries charts, a timeline, and the evidence sentences with
their source links. Select a victim to open its incident page."""

from __future__ import annotations

from collections import Counter

import altair as alt
import streamlit as st

from dashboard.components.safe import frame, number, safe_url
from dashboard.connection import as_of, read
from graph.repository import ActorVictimRow, actor_profile
from graph.views import ActorCard, actor_card, actor_evidence, search_actors

st.title("Actor")
at = as_of()

query = st.text_input(
    "Search an actor by any alias",
    key="actor_search",
    placeholder="e.g. LockBit, lockbit3, Dumpsec",
)
matches = read(search_actors, text=query, limit=50, as_of=at)

wanted = st.query_params.get("actor")
pinned: ActorCard | None = None
if wanted and not query and not any(m.key == wanted for m in matches):
    pinned = read(actor_card, key=wanted, as_of=at)
options = ([pinned] if pinned else []) + matches
if not options:
    st.info("No actor matches this search.")
    st.stop()

keys = [o.key for o in options]
index = keys.index(wanted) if wanted in keys and not query else 0
chosen = st.selectbox(
    "Actor",
    options,
    index=index,
    format_func=lambda a: a.name if not a.aliases else f"{a.name}  ({', '.join(a.aliases[:4])})",
    key=f"actor_pick_{query}",
)
if chosen is None:
    st.stop()
if st.query_params.get("actor") != chosen.key:
    st.query_params["actor"] = chosen.key
card = read(actor_card, key=chosen.key, as_of=at) or chosen

with st.container(border=True):
    st.text(card.name)
    if card.aliases:
        st.text("Also known as: " + ", ".join(card.aliases))
    if card.description:
        st.text(card.description)
    m = st.columns(4)
    m[0].metric("Incidents", card.incidents)
    m[1].metric("First seen", card.first_seen.isoformat() if card.first_seen else "-")
    m[2].metric("Last seen", card.last_seen.isoformat() if card.last_seen else "-")

profile: list[ActorVictimRow] = read(actor_profile, name=card.name, as_of=at)
m[3].metric("Victims", len({r.victim for r in profile}))


def _dates(row: ActorVictimRow) -> str:
    return "; ".join(f"{d.role} {d.date}" for d in row.dates)


def _figures(row: ActorVictimRow) -> str:
    return "; ".join(
        f"{number(f.value)} {f.counts or f.unit or ''} ({f.speaker}, {f.modality})".replace(
            "  ", " "
        )
        for f in row.figures
    )


st.subheader("Victims")
st.caption("Select a row to open the victim's incident page.")
victims = frame(
    (
        {
            "victim": r.victim,
            "modality": r.modality,
            "all modalities": r.modalities,
            "status": r.status,
            "first seen": r.first_seen,
            "dates": _dates(r),
            "figures": _figures(r),
            "sectors": r.sectors,
            "countries": r.countries,
            "data exposed": r.data_exposed,
            "authorities": [a.name for a in r.authorities],
        }
        for r in profile
    ),
    columns=[
        "victim", "modality", "all modalities", "status", "first seen", "dates", "figures",
        "sectors", "countries", "data exposed", "authorities",
    ],
)  # fmt: skip
event = st.dataframe(
    victims,
    hide_index=True,
    width="stretch",
    on_select="rerun",
    selection_mode="single-row",
    key="actor_victims",
)
if event is not None and event.selection.rows:
    row = profile[event.selection.rows[0]]
    st.switch_page("screens/incident.py", query_params={"incident": row.incident})

left, right = st.columns(2)
for column, what, counter in (
    (left, "sector", Counter(s for r in profile for s in r.sectors)),
    (right, "country", Counter(c for r in profile for c in r.countries)),
):
    with column:
        st.subheader("Sectors" if what == "sector" else "Countries")
        data = frame({what: k, "victims": v} for k, v in counter.most_common())
        if data.empty:
            st.caption("None known.")
        else:
            st.altair_chart(
                alt.Chart(data)
                .mark_bar()
                .encode(x="victims:Q", y=alt.Y(f"{what}:N", sort="-x", title=None))
                .properties(height=max(120, 40 + 28 * len(data))),
                width="stretch",
            )

st.subheader("Timeline")
timeline = frame(
    {"date": r.first_seen, "victim": r.victim, "modality": r.modality}
    for r in profile
    if r.first_seen
)
if timeline.empty:
    st.caption("No dated incident.")
else:
    st.altair_chart(
        alt.Chart(timeline)
        .mark_circle(size=120)
        .encode(
            x=alt.X("date:T"),
            y=alt.Y("modality:N", title=None),
            color="modality:N",
            tooltip=["date:T", "victim:N", "modality:N"],
        )
        .properties(height=160),
        width="stretch",
    )

st.subheader("Evidence")
evidence = read(actor_evidence, key=card.key, limit=500, as_of=at)
st.dataframe(
    frame(
        (
            {
                "recorded": e.recorded_at,
                "victim": e.victim,
                "kind": e.kind,
                "modality": e.modality,
                "speaker": e.speaker,
                "statement": e.statement,
                "sentence": e.evidence,
                "report": e.title,
                "sources": e.sources,
                "link": safe_url(e.url),
            }
            for e in evidence
        ),
        columns=[
            "recorded",
            "victim",
            "kind",
            "modality",
            "speaker",
            "statement",
            "sentence",
            "report",
            "sources",
            "link",
        ],
    ),
    hide_index=True,
    width="stretch",
    column_config={
        "link": st.column_config.LinkColumn("link", display_text="open"),
        "sentence": st.column_config.TextColumn("sentence", width="large"),
    },
)
