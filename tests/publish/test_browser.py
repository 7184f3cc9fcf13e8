"""Open the served site in headless Chromium, as a reader would, and look at what it shows."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from aimkg.publish.server import LinkedDataServer
from tests.helpers.servers import running_server

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")

pytestmark = pytest.mark.skipif(
    not (CHROMIUM.is_file() and CHROMEDRIVER.is_file()),
    reason="needs Debian's chromium and chromium-driver (apt-get install chromium chromium-driver), "
    "which .ci/run installs",
)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LinkedDataServer]:
    with running_server(tmp_path_factory.mktemp("browsed")) as running:
        yield running


@pytest.fixture
def browser(tmp_path: Path):  # type: ignore[no-untyped-def]
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1200,3300",
        f"--user-data-dir={tmp_path / 'chromium-profile'}",
    ):
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=Service(str(CHROMEDRIVER)))
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()


def test_version_page_in_a_browser(server: LinkedDataServer, browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By

    browser.get(f"{server.url}/id/version/mistral-medium-2312")  # negotiated: 303 to the HTML page
    assert browser.current_url == f"{server.url}/id/version/mistral-medium-2312.html"
    assert browser.find_element(By.TAG_NAME, "h1").text == "Mistral Medium (2023)"

    prices = browser.find_elements(By.CSS_SELECTOR, "table.prices tbody tr")
    assert all(row.is_displayed() for row in prices)
    shown = {
        row.find_elements(By.TAG_NAME, "td")[0].text: row.find_elements(By.TAG_NAME, "td")[1].text for row in prices
    }
    assert shown == {"Input tokens": "2.75 USD per 1M tokens", "Output tokens": "8.10 USD per 1M tokens"}

    versions = browser.find_elements(By.CSS_SELECTOR, "table.line tbody tr td:first-child a")
    assert [link.text for link in versions] == [
        "Mistral Medium 3.5",
        "Mistral Medium 3.1",
        "Mistral Medium 3",
        "Mistral Medium (2023)",
    ]
    assert all(link.is_displayed() for link in versions)
    screenshot = tmp_path / "version-page.png"
    assert browser.save_screenshot(str(screenshot))
    assert screenshot.stat().st_size > 10_000

    versions[2].click()
    assert browser.current_url == f"{server.url}/id/version/mistral-medium-2505.html"
    assert browser.find_element(By.TAG_NAME, "h1").text == "Mistral Medium 3"


def test_index_in_a_browser(server: LinkedDataServer, browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By

    browser.get(f"{server.url}/")
    assert browser.find_element(By.TAG_NAME, "h1").text == "aimkg"
    rows = browser.find_elements(By.CSS_SELECTOR, "table.versions tbody tr")
    assert len(rows) == 7 and all(row.is_displayed() for row in rows)
    browser.find_element(By.LINK_TEXT, "Mistral Medium (2023)").click()
    assert browser.current_url.endswith("/id/version/mistral-medium-2312.html")
    assert browser.save_screenshot(str(tmp_path / "index.png"))
