"""Pure pieces of the dashboard: URL and cell sanitising, the network layout and its click
mapping, the figure discrepancy, and the ``tikg dashboard`` command line."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from dashboard.components.network import build_layout, chart, picked_node
from dashboard.components.safe import cell, frame, number, safe_url
from graph.views import NetworkEdge, StatementRow, discrepancies
from tikg.cli.dashboard_cmds import streamlit_command, streamlit_env
from tikg.settings import load_settings


@pytest.mark.parametrize(
    ("url", "kept"),
    [
        ("https://press.example/a?b=1", True),
        ("http://leak.example/post", True),
        ("javascript:alert(1)", False),
        ("JavaScript:alert(1)", False),
        (" javascript:alert(1)", False),
        ("data:text/html,<script>alert(1)</script>", False),
        ("vbscript:msgbox", False),
        ("//evil.example/x", False),
        ("https:///nohost", False),
        ("https://a.example/x y", False),
        ("", False),
        (None, False),
    ],
)
def test_only_http_urls_become_links(url: str | None, kept: bool) -> None:
    assert (safe_url(url) is not None) is kept


def test_cells_are_plain_values() -> None:
    assert cell(["a", "b"]) == "a, b"
    assert cell(date(2025, 11, 28)) == "2025-11-28"
    assert cell(datetime(2025, 12, 8, 9, 0)) == "2025-12-08T09:00:00"
    assert cell({"k": [1, 2]}) == '{"k": [1, 2]}'
    assert cell("<img src=x onerror=alert(1)>") == "<img src=x onerror=alert(1)>"
    df = frame([{"a": ("x", "y"), "b": None}])
    assert df.iloc[0]["a"] == "x, y"
    assert number(320000.0) == "320,000" and number(1.5) == "1.50" and number(None) == ""


def _edge(actor: str, org: str, n: int, sectors: tuple[str, ...] = ("health",)) -> NetworkEdge:
    return NetworkEdge(
        f"a{actor}", actor, f"i{n}", date(2025, 11, n), f"o{org}", org, "claimed", sectors
    )


def test_network_layout_has_every_node_kind_and_maps_clicks() -> None:
    edges = [_edge("Dumpsec", "MédecinDirect", 28), _edge("<script>x</script>", "Leroy", 3, ())]
    layout = build_layout(edges)
    kinds = dict(zip(layout.nodes["node"], layout.nodes["kind"], strict=True))
    assert kinds["actor:aDumpsec"] == "actor" and kinds["org:oLeroy"] == "organization"
    assert kinds["incident:i28"] == "incident" and kinds["sector:health"] == "sector"
    assert "<script>x</script>" in set(layout.nodes["label"])  # kept as text for Vega
    assert len(layout.links) == 5
    spec = chart(layout).to_dict()
    assert "pick" in str(spec)
    assert picked_node({"selection": {"pick": [{"node": "actor:k1"}]}}) == ("actor", "k1")
    assert picked_node({"selection": {"pick": []}}) is None
    assert picked_node({"selection": {}}) is None
    assert build_layout([]).nodes.empty


def _figure(value: float, speaker: str, unit: str = "count") -> StatementRow:
    return StatementRow(
        "figure", "claimed", speaker, None, None, None, value, unit, None, None, None, None,
        None, None, None, None, None, None, None, None, (),
    )  # fmt: skip


def test_discrepancy_keeps_both_figures_and_derives_the_gap() -> None:
    (gap,) = discrepancies([_figure(320000, "Dumpsec"), _figure(285000, "MédecinDirect")])
    assert (gap.high, gap.high_speaker, gap.low, gap.low_speaker) == (
        320000,
        "Dumpsec",
        285000,
        "MédecinDirect",
    )
    assert gap.gap == 35000 and gap.gap_percent == 10.9
    assert discrepancies([_figure(10, "A"), _figure(20, "A")]) == []  # one speaker: no gap
    assert discrepancies([_figure(10, "A", "count"), _figure(20, "B", "bytes")]) == []


def test_dashboard_command_is_loopback_private_and_secret_free(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    config = tmp_path / "config.yaml"
    config.write_text("dashboard:\n  port: 8601\n")
    monkeypatch.setenv("TIKG_NEO4J__PASSWORD", "s3cret-pw")
    settings = load_settings(config)
    cmd = streamlit_command(settings)
    flags = dict(zip(cmd[5::2], cmd[6::2], strict=True))
    assert cmd[1:4] == ["-m", "streamlit", "run"] and cmd[4].endswith("dashboard/app.py")
    assert flags["--server.address"] == "127.0.0.1" and flags["--server.port"] == "8601"
    assert flags["--browser.gatherUsageStats"] == "false"
    assert flags["--server.enableXsrfProtection"] == "true"
    assert flags["--server.headless"] == "true"
    assert "s3cret-pw" not in " ".join(cmd)
    env = streamlit_env(settings)
    assert env["TIKG_CONFIG"] == str(config.resolve())
