"""The hosted dashboard in a real browser, started as the container starts it (scripts/serve.sh, outside a
container here: docker cannot run on this machine): the shared password first, no Deploy button or developer
menu, and a folder outside KK_CORPUS_ROOT refused while the published one is shown."""

import os
import shutil
import subprocess
import sys
import time
import urllib.request

import pandas as pd
import pytest
from conftest import ROOT, SEEDS
from playwright.sync_api import sync_playwright
from test_browser import ARGS, CHROMIUM, RUN_TIMEOUT_MS, START_TIMEOUT, _free_port, settle

from lib.views.export import EXPORT_TABLES

PASSWORD = "a team's passphrase"
SECRET = "private-note.txt"


@pytest.fixture(scope="module")
def hosted(tmp_path_factory):
    base = tmp_path_factory.mktemp("hosted")
    shutil.copytree(SEEDS, base / "root" / "published")
    (base / "secret").mkdir()
    (base / "secret" / SECRET).write_text(
        "Secret memo on the Kazakh-Kyrgyz border\n\nPresident Tokayev met President Japarov in Astana on "
        "12 March 2024 to discuss the border, the press service said in a statement on Tuesday.\n")
    port = _free_port()
    env = {**os.environ, "KK_STORE": str(base / "store"), "KK_CORPUS": str(base / "root" / "published"),
           "KK_CORPUS_ROOT": str(base / "root"), "KK_PASSWORD": PASSWORD, "KK_UPLOAD_MAX_MB": "2",
           "PYTHON": sys.executable, "STREAMLIT_SERVER_ADDRESS": "127.0.0.1", "STREAMLIT_SERVER_PORT": str(port)}
    log = open(base / "server.log", "wb")  # noqa: SIM115 - closed in the finally below
    proc = subprocess.Popen(["bash", str(ROOT / "scripts" / "serve.sh")], cwd=base, env=env, stdout=log,
                            stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            try:
                # The container's health check asks this address.
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("serve.sh did not start: " + (base / "server.log").read_text()[-2000:])
            time.sleep(0.5)
        yield f"http://127.0.0.1:{port}", base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=15)
        log.close()


def test_a_visitor_reads_only_what_is_published(hosted):
    base_url, base = hosted
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        try:
            page = browser.new_page(viewport={"width": 1440, "height": 1000})
            page.set_default_timeout(60_000)
            page.goto(f"{base_url}/Articles?pair=All+countries", wait_until="domcontentloaded")
            settle(page)
            # The password first: nothing of the corpus before it.
            assert page.locator('[data-testid="stDataFrame"]').count() == 0
            assert page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').count() == 0
            box = page.get_by_label("Password", exact=True)
            box.fill("wrong guess")
            page.get_by_role("button", name="Open the dashboard").click()
            page.get_by_text("Wrong password").wait_for(timeout=RUN_TIMEOUT_MS)
            assert page.locator('[data-testid="stDataFrame"]').count() == 0
            box.fill(PASSWORD)
            page.get_by_role("button", name="Open the dashboard").click()
            page.locator('[data-testid="stDataFrame"]').first.wait_for(timeout=RUN_TIMEOUT_MS)
            settle(page)

            # A product, not a developer's tool: the header has no Deploy button and no developer menu.
            assert page.locator('[data-testid="stHeader"]').count() == 1
            assert page.locator('[data-testid="stAppDeployButton"]').count() == 0
            assert page.get_by_role("button", name="Deploy").count() == 0
            assert page.get_by_text("Download these 5 rows (CSV)").count() == 1
            # The Excel download beside it holds the same rows, opened by pandas.
            with page.expect_download(timeout=60_000) as download:
                page.get_by_role("button", name="Excel", exact=True).first.click()
            saved = base / "articles.xlsx"
            download.value.save_as(saved)
            workbook = pd.read_excel(saved, sheet_name=None)
            assert list(workbook) == ["articles"] and len(workbook["articles"]) == 5
            assert {"file", "article_id", "title", "url"} <= set(workbook["articles"].columns)
            # The whole filtered view: one workbook, a sheet per table.
            with page.expect_download(timeout=60_000) as download:
                page.get_by_role("button", name="Download this view").click()
            download.value.save_as(base / "view.xlsx")
            view = pd.read_excel(base / "view.xlsx", sheet_name=None)
            assert list(view) == list(EXPORT_TABLES)  # every table the export writes, in its order
            assert len(view["articles"]) == 5 and len(view["meetings"]) >= 1

            # A folder outside the root: refused with a message, and the published folder is still what is shown.
            page.get_by_text("Data source", exact=True).click()
            folder = page.get_by_label("Folder of articles", exact=True)
            assert folder.input_value() == "published"
            for outside in ("../secret", str(base / "secret")):
                folder.fill(outside)
                folder.press("Enter")
                page.get_by_text("Showing `published` instead".replace("`", "")).wait_for(timeout=RUN_TIMEOUT_MS)
                settle(page)
                assert page.get_by_text(SECRET).count() == 0
                assert page.get_by_text("Download these 5 rows (CSV)").count() == 1
            assert page.get_by_text("“..” is not allowed").count() == 0  # the last try was an absolute path
            assert page.get_by_text("outside the folders this dashboard publishes").count() == 1
        finally:
            browser.close()
