"""Shared fixtures for the browser tests of the built site.

Two sites are checked:

- ``content``: the real site, built from Content/. `make browser-test` builds it and passes
  its folder in STRATEGY_SITE_OUTPUT; without it, the tests build it themselves.
- ``fixture``: a small site built from Tests/Fixtures/browser-site, whose indicators the
  lookup tests know exactly.

Both are built with the strategy-site binary in STRATEGY_SITE_BIN (default: the newest of
.build/debug and .build/release) and the project's Templates/. Chromium and chromedriver
are Debian's (/usr/bin/chromium, /usr/bin/chromedriver), run headless.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "Templates"
CONTENT = ROOT / "Content"
FIXTURE_CONTENT = ROOT / "Tests" / "Fixtures" / "browser-site"
SCREENSHOTS = ROOT / "screenshots"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")

# Never let Selenium Manager look for a driver or browser on the network.
os.environ.setdefault("SE_OFFLINE", "true")


@dataclass(frozen=True)
class Site:
    name: str
    content: Path
    output: Path

    def pages(self) -> list[Path]:
        """Every HTML page of the site, in a stable order."""
        return sorted(self.output.rglob("*.html"))

    def url(self, relative: str) -> str:
        """file:// URL of a path relative to the site root (may carry ?query and #fragment)."""
        path, hash_mark, fragment = relative.partition("#")
        path, question_mark, query = path.partition("?")
        return (self.output / path).as_uri() + question_mark + query + hash_mark + fragment

    def relative(self, page: Path) -> str:
        return page.relative_to(self.output).as_posix()


def strategy_site_binary() -> Path:
    given = os.environ.get("STRATEGY_SITE_BIN")
    if given:
        return Path(given).resolve()
    candidates = [ROOT / ".build" / kind / "strategy-site" for kind in ("debug", "release")]
    existing = [c for c in candidates if c.exists()]
    if not existing:
        pytest.exit("no strategy-site binary: run `swift build --product strategy-site` or set STRATEGY_SITE_BIN", 2)
    return max(existing, key=lambda p: p.stat().st_mtime)


def build_site(content: Path, output: Path, *extra: str) -> Path:
    result = subprocess.run(
        [str(strategy_site_binary()), "build", "--content", str(content), "--templates", str(TEMPLATES),
         "--output", str(output), *extra],
        cwd=ROOT, capture_output=True, text=True)
    if result.returncode != 0:
        pytest.fail(f"building {content} failed:\n{result.stdout}\n{result.stderr}")
    return output


@pytest.fixture(scope="session")
def content_site(tmp_path_factory) -> Site:
    given = os.environ.get("STRATEGY_SITE_OUTPUT")
    output = Path(given).resolve() if given else build_site(CONTENT, tmp_path_factory.mktemp("content") / "site")
    return Site("content", CONTENT, output)


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory) -> Site:
    output = build_site(FIXTURE_CONTENT, tmp_path_factory.mktemp("fixture") / "site")
    return Site("fixture", FIXTURE_CONTENT, output)


@pytest.fixture(scope="session", params=["content", "fixture"])
def site(request) -> Site:
    """Each of the two sites in turn."""
    return request.getfixturevalue(f"{request.param}_site")


def make_driver(javascript: bool = True, width: int = 1280, height: int = 900) -> webdriver.Chrome:
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     "--hide-scrollbars", "--force-device-scale-factor=1", "--lang=en-GB",
                     "--disable-extensions", "--no-first-run", "--disable-background-networking",
                     f"--window-size={width},{height}"):
        options.add_argument(argument)
    if not javascript:
        options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    driver = webdriver.Chrome(options=options, service=Service(executable_path=CHROMEDRIVER))
    driver.set_page_load_timeout(30)
    driver.set_script_timeout(60)
    return driver


@pytest.fixture(scope="session")
def driver():
    """One Chromium for the whole run, with JavaScript."""
    browser = make_driver()
    yield browser
    browser.quit()


@pytest.fixture()
def browser(driver):
    """The shared Chromium at 1280 px wide, with any emulated viewport reset."""
    set_viewport(driver, None)
    yield driver
    set_viewport(driver, None)


@pytest.fixture(scope="session")
def nojs_driver():
    browser = make_driver(javascript=False)
    yield browser
    browser.quit()


def set_viewport(driver, width: int | None, height: int = 800) -> None:
    """Emulates a viewport `width` CSS pixels wide (None: back to the window's own)."""
    if width is None:
        driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    else:
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                               {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})
