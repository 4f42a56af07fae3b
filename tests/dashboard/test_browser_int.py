"""The real app in a real headless browser (Debian's Chromium driven by Playwright; no browser
download): search the founding story's actor, open its profile, check the victims shown, open a
victim; then walk every page showing hostile leak-site strings and check that nothing executes
and the listener behind a Markdown image receives no request. Screenshots go to a temporary
folder whose path is printed."""

from __future__ import annotations

import os
import subprocess
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from tests.conftest import free_port
from tests.dashboard.conftest import SeededGraph
from tikg.cli.dashboard_cmds import streamlit_command, streamlit_env
from tikg.settings import load_settings

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
WAIT_MS = 20_000


def _wait_http(url: str, proc: subprocess.Popen[bytes], log: Path, timeout: float = 40.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"streamlit exited ({proc.returncode}): {log.read_text()[-2000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2) as resp:
                if resp.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    pytest.fail(f"streamlit did not answer within {timeout:g} s: {log.read_text()[-2000:]}")


@pytest.fixture(scope="module")
def app_url(seeded_graph: SeededGraph, app_env: dict[str, str]) -> Iterator[str]:
    folder = Path(tempfile.mkdtemp(prefix="tikg-dashboard-"))
    log = folder / "streamlit.log"
    port = free_port()
    settings = load_settings(Path(app_env["TIKG_CONFIG"]))
    cmd = streamlit_command(settings, "127.0.0.1", port)
    with log.open("wb") as out:
        proc = subprocess.Popen(
            cmd, env=streamlit_env(settings), stdout=out, stderr=subprocess.STDOUT, cwd=folder
        )
    try:
        _wait_http(f"http://127.0.0.1:{port}/_stcore/health", proc, log)
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"{CHROMIUM} is missing: apt-get install -y chromium")
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, timeout=30_000)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture(scope="module")
def shots() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="tikg-screens-"))
    print(f"\nscreenshots: {folder}")
    return folder


class Watch:
    """Dialogs opened and script side effects observed on one page."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.dialogs: list[str] = []
        page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))

    def assert_clean(self, listener_requests: list[str]) -> None:
        assert self.dialogs == []
        assert self.page.evaluate("() => window.__xss === undefined")
        assert listener_requests == []


def _new_page(browser: Browser) -> Page:
    page = browser.new_page(viewport={"width": 1400, "height": 2200})
    page.set_default_timeout(WAIT_MS)
    return page


def _settle(page: Page) -> None:
    """Wait until Streamlit has finished the current run."""
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]')
    page.wait_for_timeout(500)


def _expect_in_grid(page: Page, index: int, *texts: str) -> None:
    """The table's cells (its accessible mirror of the canvas) contain every text."""
    grid = page.locator('[data-testid="stDataFrame"]').nth(index)
    for text in texts:
        expect(grid).to_contain_text(text, timeout=WAIT_MS)


def test_search_actor_open_profile_and_victim(app_url: str, browser: Browser, shots: Path) -> None:
    page = _new_page(browser)
    page.goto(f"{app_url}/actor")
    box = page.get_by_label("Search an actor by any alias")
    box.fill("dumpsec")
    box.press("Enter")
    page.locator('[data-testid="stText"]', has_text="Dumpsec").first.wait_for()
    _settle(page)
    _expect_in_grid(page, 0, "MédecinDirect", "Leroy Merlin", "320,000", "285,000")
    page.screenshot(path=str(shots / "actor-dumpsec.png"), full_page=True)

    page.goto(f"{app_url}/incident")
    box = page.get_by_label("Search a victim by name or domain")
    box.fill("medecin direct")
    box.press("Enter")
    page.locator('[data-testid="stMetric"]', has_text="Discrepancy").wait_for()
    _settle(page)
    assert "35,000" in page.locator('[data-testid="stMetric"]', has_text="Discrepancy").inner_text()
    page.screenshot(path=str(shots / "incident-medecindirect.png"), full_page=True)
    page.close()


def test_hostile_strings_do_not_execute(
    app_url: str, browser: Browser, seeded_graph: SeededGraph, shots: Path
) -> None:
    hostile, listener = seeded_graph.hostile, seeded_graph.listener
    page = _new_page(browser)
    watch = Watch(page)
    page.goto(f"{app_url}/network")  # hostile names as graph labels
    page.locator('[data-testid="stVegaLiteChart"]').first.wait_for()
    _settle(page)
    watch.assert_clean(listener.requests)

    page.goto(f"{app_url}/actor")
    box = page.get_by_label("Search an actor by any alias")
    box.fill("onerror")
    box.press("Enter")
    page.locator('[data-testid="stText"]', has_text=hostile.actor_img).first.wait_for()
    _settle(page)
    # Its victim, a Markdown image pointing at the listener, is in the victims table (the hostile
    # report titles are in the evidence table, off screen to the right).
    _expect_in_grid(page, 0, hostile.victim_md_image)
    page.screenshot(path=str(shots / "actor-hostile.png"), full_page=True)
    watch.assert_clean(listener.requests)

    page.goto(f"{app_url}/incident")
    box = page.get_by_label("Search a victim by name or domain")
    box.fill("javascript")
    box.press("Enter")
    page.locator('[data-testid="stText"]', has_text=hostile.victim_js_link).first.wait_for()
    _settle(page)
    assert page.locator('a[href^="javascript:"]').count() == 0
    page.screenshot(path=str(shots / "incident-hostile.png"), full_page=True)

    assert page.locator(f'img[src*="127.0.0.1:{listener.port}"]').count() == 0
    page.wait_for_timeout(1000)  # give a stray image load the time to reach the listener
    watch.assert_clean(listener.requests)
    page.close()
