"""Open the served site in headless Chromium, as a reader would: pages, search, charts, sorting, comparing."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from aimkg.publish.server import LinkedDataServer
from tests.helpers.servers import running_server
from tests.publish.conftest import CATALOG

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
SONNET = "/id/version/claude-sonnet-4-20250514.html"

pytestmark = pytest.mark.skipif(
    not (CHROMIUM.is_file() and CHROMEDRIVER.is_file()),
    reason="needs Debian's chromium and chromium-driver (apt-get install chromium chromium-driver), "
    "which .ci/run installs",
)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LinkedDataServer]:
    with running_server(tmp_path_factory.mktemp("browsed"), extra=[CATALOG]) as running:
        yield running


def chromium(profile: Path, javascript: bool = True) -> Any:
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
        "--window-size=1280,3300",
        f"--user-data-dir={profile}",
    ):
        options.add_argument(flag)
    if not javascript:
        options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    driver = webdriver.Chrome(options=options, service=Service(str(CHROMEDRIVER)))
    driver.set_page_load_timeout(30)
    return driver


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[Any]:
    driver = chromium(tmp_path / "chromium-profile")
    try:
        yield driver
    finally:
        driver.quit()


def wait_for(browser: Any, condition: Any, timeout: float = 10) -> Any:
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(browser, timeout).until(condition)


def test_version_page_in_a_browser(server: LinkedDataServer, browser: Any, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    browser.get(f"{server.url}/id/version/mistral-medium-2312")  # negotiated: 303 to the HTML page
    assert browser.current_url == f"{server.url}/id/version/mistral-medium-2312.html"
    assert browser.find_element(By.TAG_NAME, "h1").text == "Mistral Medium (2023)"

    prices = browser.find_elements(By.CSS_SELECTOR, "table.prices tbody tr")
    assert all(row.is_displayed() for row in prices)
    shown = {
        row.find_elements(By.TAG_NAME, "td")[2].text: row.find_elements(By.TAG_NAME, "td")[3].text for row in prices
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


def test_index_in_a_browser(server: LinkedDataServer, browser: Any, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    browser.get(f"{server.url}/")
    assert browser.find_element(By.TAG_NAME, "h1").text == "aimkg"
    counts = browser.find_elements(By.CSS_SELECTOR, "ul.counts li")
    assert len(counts) == 9 and all(item.is_displayed() for item in counts)
    latest = browser.find_elements(By.CSS_SELECTOR, "table.versions tbody tr")
    assert len(latest) == 7 and all(row.is_displayed() for row in latest)
    browser.find_element(By.LINK_TEXT, "Mistral Medium (2023)").click()
    assert browser.current_url.endswith("/id/version/mistral-medium-2312.html")
    assert browser.save_screenshot(str(tmp_path / "index.png"))


def test_typing_sonnet_4_brings_up_the_version_page(server: LinkedDataServer, browser: Any) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    browser.get(f"{server.url}/id/platform/amazon-bedrock.html")  # search works from any page, any depth
    box = browser.find_element(By.ID, "search")
    box.send_keys("sonnet 4")
    wait_for(browser, lambda b: b.find_elements(By.CSS_SELECTOR, "#search-results a"))
    results = browser.find_elements(By.CSS_SELECTOR, "#search-results a")
    assert results[0].is_displayed()
    assert results[0].get_attribute("href") == f"{server.url}{SONNET}"
    assert results[0].text.splitlines()[0].startswith("Claude Sonnet 4")
    assert "Claude Sonnet 4.5" in [result.text.splitlines()[0].removesuffix("version") for result in results[1:]]
    box.send_keys(Keys.ENTER)
    wait_for(browser, lambda b: b.current_url == f"{server.url}{SONNET}")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Claude Sonnet 4"

    box = browser.find_element(By.ID, "search")  # by a model ID that only one platform accepts
    box.send_keys("eu.anthropic.claude")
    wait_for(browser, lambda b: b.find_elements(By.CSS_SELECTOR, "#search-results a"))
    assert browser.find_elements(By.CSS_SELECTOR, "#search-results a")[0].get_attribute("href").endswith(SONNET)
    box.send_keys(Keys.ESCAPE)
    assert not browser.find_element(By.ID, "search-results").is_displayed()


def check_chart_and_table(browser: Any) -> None:
    from selenium.webdriver.common.by import By

    for ident, series in (("history-valid", 1), ("history-record", 2)):
        figure = browser.find_element(By.ID, ident)
        svg = figure.find_element(By.CSS_SELECTOR, "svg[role=img]")
        assert svg.is_displayed() and svg.size["width"] > 300 and svg.size["height"] > 150
        title = svg.find_element(By.TAG_NAME, "title").get_attribute("textContent")
        assert title == f"Claude Sonnet 4: prices over {ident.split('-')[1]} time"
        assert svg.find_element(By.TAG_NAME, "desc").get_attribute("textContent")
        drawn = [g.get_attribute("data-series") for g in svg.find_elements(By.CSS_SELECTOR, "g.series")]
        assert len(drawn) == series
        rows = figure.find_elements(By.CSS_SELECTOR, "table.chart-data tbody tr")
        assert all(row.is_displayed() for row in rows)
        assert {row.find_elements(By.TAG_NAME, "td")[0].text for row in rows} == set(drawn)
    valid = browser.find_elements(By.CSS_SELECTOR, "#history-valid table.chart-data tbody tr")
    assert [[cell.text for cell in row.find_elements(By.TAG_NAME, "td")][1:] for row in valid] == [
        ["2025-05-22", "2025-08-31", "3.50"],
        ["2025-09-01", "still valid", "3"],
    ]


def test_the_price_chart_and_its_table(server: LinkedDataServer, browser: Any, tmp_path: Path) -> None:
    browser.get(f"{server.url}{SONNET}#history")
    check_chart_and_table(browser)
    assert browser.save_screenshot(str(tmp_path / "chart.png"))


def test_the_chart_and_its_table_need_no_script(server: LinkedDataServer, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    driver = chromium(tmp_path / "profile", javascript=False)
    try:
        driver.get(f"{server.url}{SONNET}")
        check_chart_and_table(driver)
        sortable = driver.find_element(By.CSS_SELECTOR, "table.platforms thead th")
        assert sortable.find_elements(By.TAG_NAME, "button") == []  # no script made the headers buttons
    finally:
        driver.quit()


def test_tables_sort_by_a_column(server: LinkedDataServer, browser: Any) -> None:
    from selenium.webdriver.common.by import By

    browser.get(f"{server.url}/id/platform/amazon-bedrock.html")
    header = browser.find_element(By.XPATH, "//table[@id='served-table']//th[normalize-space()='Input']")
    header.find_element(By.TAG_NAME, "button").click()
    assert header.get_attribute("aria-sort") == "ascending"
    cells = browser.find_elements(By.CSS_SELECTOR, "#served-table tbody tr td:nth-child(5)")
    assert [cell.text for cell in cells] == ["3", "3.30"]
    header.find_element(By.TAG_NAME, "button").click()
    assert header.get_attribute("aria-sort") == "descending"
    assert [cell.text for cell in browser.find_elements(By.CSS_SELECTOR, "#served-table tbody tr td:nth-child(5)")] == [
        "3.30",
        "3",
    ]


def test_versions_side_by_side(server: LinkedDataServer, browser: Any) -> None:
    from selenium.webdriver.common.by import By

    browser.get(f"{server.url}/compare.html")
    for slug in ("claude-sonnet-4-20250514", "claude-sonnet-4-5"):
        browser.find_element(By.CSS_SELECTOR, f"input.pick[value='{slug}']").click()
    panel = browser.find_element(By.ID, "picked")
    heads = [th.text for th in panel.find_elements(By.CSS_SELECTOR, "thead th")][1:]
    assert heads == ["Claude Sonnet 4", "Claude Sonnet 4.5"]
    context = panel.find_element(By.XPATH, ".//tr[th[normalize-space()='Context (tokens)']]")
    assert [td.text for td in context.find_elements(By.TAG_NAME, "td")] == ["200,000", "1,000,000"]
    assert browser.current_url.endswith("#v=claude-sonnet-4-20250514,claude-sonnet-4-5")
    browser.refresh()  # the selection is in the address
    assert len(browser.find_elements(By.CSS_SELECTOR, "#picked thead th")) == 3
