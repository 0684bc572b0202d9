"""End to end in a real browser: `streamlit run app.py`, every page without an error, an upload whose
`<script>` stays text, a CSV download, and the screenshots the README shows (docs/screenshots/)."""

import csv
import io
import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from conftest import ROOT
from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
# Screenshots go to tests/artifacts/ (ignored by git) so a test run leaves the tree clean; set
# KK_UPDATE_SCREENSHOTS=1 to refresh the README's pictures in docs/screenshots/.
SHOTS = ROOT / ("docs/screenshots" if os.environ.get("KK_UPDATE_SCREENSHOTS") else "tests/artifacts/screenshots")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
PAGES = [("Overview", ""), ("Timeline", "Timeline"), ("Trade", "Trade"), ("Search", "Search"),
         ("Officials", "Officials"), ("Articles", "Articles"), ("Agreements", "Agreements")]
START_TIMEOUT = 90  # seconds for the server to answer its health check
RUN_TIMEOUT_MS = 180_000  # one script run: the first builds the corpus and loads the embedding model
HOSTILE = "<script>alert(1)</script>"
ARTICLE = (
    "Kazakhstan and Kyrgyzstan agree on new border checkpoints\n\n"
    "ASTANA, 12 March 2024. President of Kyrgyzstan Sadyr Japarov met President of Kazakhstan Kassym-Jomart "
    "Tokayev in Astana on Tuesday to discuss the modernisation of checkpoints on the Kazakh-Kyrgyz border.\n\n"
    "The two leaders agreed that trade between Kazakhstan and Kyrgyzstan should keep growing and that the "
    "governments will prepare a programme of joint projects in transport and energy before the summer.\n\n"
    f"A note in the page source read {HOSTILE} and <img src=x onerror=alert(1)>, which the dashboard must "
    "show as plain characters.\n"
)



def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    store = tmp_path_factory.mktemp("store")
    port = _free_port()
    env = {**os.environ, "KK_STORE": str(store), "KK_CORPUS": str(ROOT / "seeds")}
    log = open(store / "server.log", "wb")  # noqa: SIM115 - closed in the finally below
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true", "--server.port", str(port),
         "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("streamlit did not start: " + (store / "server.log").read_text()[-2000:])
            time.sleep(0.5)
        yield f"http://127.0.0.1:{port}", store
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=15)
        log.close()


def settle(page) -> None:
    """Waits until the script run is over: a title is shown and no spinner or running indicator is left."""
    page.wait_for_selector("h1", timeout=RUN_TIMEOUT_MS)
    page.wait_for_function(
        """() => !document.querySelector('[data-testid="stSpinner"]')
              && !document.querySelector('[data-testid="stStatusWidget"] [data-testid="stStatusWidgetRunningIcon"]')
              && !document.querySelector('[data-testid="stSkeleton"]')
              && document.querySelector('[data-testid="stApp"]')?.getAttribute('data-test-script-state')
                 !== 'running'""",
        timeout=RUN_TIMEOUT_MS, polling=250)


def assert_no_error(page, where: str) -> None:
    for selector in ('[data-testid="stException"]', '[data-testid="stAlertContentError"]'):
        boxes = page.locator(selector)
        assert boxes.count() == 0, f"{where}: {boxes.first.inner_text()[:500]}"


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"))


def test_dashboard_in_a_browser(server, tmp_path):
    base, store = server
    dialogs: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        try:
            page = browser.new_page(viewport={"width": 1440, "height": 1100}, accept_downloads=True)
            page.set_default_timeout(60_000)
            page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))

            # First request to a fresh server: a bookmarked, filtered page other than the first one. The frame
            # (sidebar filters) is drawn and the URL's filter applies.
            page.goto(f"{base}/Articles?lang=en&pair=All+countries", wait_until="domcontentloaded")
            settle(page)
            assert_no_error(page, "bookmarked Articles")
            sidebar = page.locator('[data-testid="stSidebar"]')
            assert sidebar.locator('[data-testid="stMultiSelect"]').count() == 4
            assert "lang=en" in page.url
            bookmarked = page.get_by_role("button", name="Download these").first.inner_text()

            for name, path in PAGES:
                page.goto(f"{base}/{path}", wait_until="domcontentloaded")
                settle(page)
                assert_no_error(page, name)
                if name == "Search":
                    page.get_by_placeholder("e.g. border checkpoint modernisation").fill("trade turnover")
                    page.get_by_role("button", name="Search").click()
                    page.wait_for_selector("mark.kk-term", timeout=RUN_TIMEOUT_MS)
                    settle(page)
                    assert_no_error(page, "Search results")
                shot(page, name.lower())
                if name == "Articles":
                    everything = page.get_by_role("button", name="Download these").first.inner_text()
                    assert everything != bookmarked, "the URL's filters were not applied"

            # Upload an article that carries a script: it is stored, ingested and shown as characters.
            page.goto(f"{base}/Articles", wait_until="domcontentloaded")
            settle(page)
            page.get_by_text("Add articles", exact=True).first.click()
            page.locator('input[type="file"]').set_input_files(
                files=[{"name": "../../hostile article.txt", "mimeType": "text/plain", "buffer": ARTICLE.encode()}])
            page.get_by_role("button", name="Ingest").click()
            page.get_by_text("stored as uploads/hostile_article.txt").wait_for(timeout=RUN_TIMEOUT_MS)
            settle(page)
            assert_no_error(page, "after upload")
            assert (store / "uploads" / "hostile_article.txt").read_text() == ARTICLE

            reader = page.locator('[data-testid="stSelectbox"]').filter(has_text="Read an article")
            reader.locator("input").click()
            reader.locator("input").fill("new border checkpoints")
            page.keyboard.press("Enter")
            article = page.locator(".kk-article")
            article.get_by_text("which the dashboard must", exact=False).first.wait_for(timeout=RUN_TIMEOUT_MS)
            settle(page)
            assert HOSTILE in article.inner_text()
            assert "<img src=x onerror=alert(1)>" in article.inner_text()
            assert page.locator(".kk-article script, .kk-article img").count() == 0
            original = page.locator('[data-testid="stCode"]').first.inner_text()
            assert HOSTILE in original
            shot(page, "articles-reader")

            with page.expect_download(timeout=60_000) as download:
                page.get_by_role("button", name="Download these").first.click()
            saved = tmp_path / "articles.csv"
            download.value.save_as(saved)
            rows = list(csv.DictReader(io.StringIO(saved.read_text(encoding="utf-8-sig"))))
            assert "uploads/hostile_article.txt" in {row["file"] for row in rows}
            assert {"file", "article_id", "title"} <= set(rows[0])

            # The upload is visible on another page without a restart.
            page.goto(f"{base}/", wait_until="domcontentloaded")
            settle(page)
            assert_no_error(page, "Overview after upload")
            assert dialogs == [], f"a script ran: {dialogs}"
        finally:
            browser.close()
