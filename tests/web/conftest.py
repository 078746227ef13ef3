"""A real ``briefmaker serve`` over a temp workspace (a copy of briefs/), driven by Debian's
chromium through chromium-driver and selenium, headless, with a fresh profile per session."""
from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service as DriverService
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from tests.conftest import ROOT
from tests.service.conftest import PASSWORD, UNIT, _env, free_port, start_server, stop_server

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
# without the background-networking flags chromium tries the network at start, which a closed
# network refuses slowly; a new empty profile keeps every run the same
CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--disable-dev-shm-usage", "--window-size=1280,800")


@dataclass
class Site:
    """The running service: its base URL, workspace and environment."""

    url: str
    workspace: Path
    env: dict
    process: subprocess.Popen

    def cli(self, *args, stdin: str | None = None) -> subprocess.CompletedProcess:
        """``python -m briefmaker ARGS`` run in the workspace."""
        return subprocess.run([sys.executable, "-m", "briefmaker", *map(str, args)], cwd=self.workspace,
                              env=self.env, input=stdin, capture_output=True, text=True, timeout=300)


def add_user(workspace: Path, env: dict, name: str, role: str, units: list[str]) -> None:
    added = subprocess.run([sys.executable, "-m", "briefmaker", "users", "add", name, "--role", role,
                            *(["--units", *units] if units else []), "--password-stdin",
                            "--workspace", str(workspace)], input=PASSWORD + "\n", env=env,
                           capture_output=True, text=True, timeout=60)
    assert added.returncode == 0, added.stderr


@pytest.fixture(scope="session")
def smtp():
    """A real SMTP server on loopback (aiosmtpd) that keeps what it receives."""
    from aiosmtpd.controller import Controller

    from tests.service.conftest import Mailbox

    mailbox = Mailbox()
    controller = Controller(mailbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        yield controller, mailbox
    finally:
        controller.stop()


@pytest.fixture(scope="session")
def site(tmp_path_factory, smtp):
    """The service over a copy of briefs/; accounts: admin, editor (长兴路), viewer."""
    controller, _ = smtp
    base = tmp_path_factory.mktemp("web")
    workspace = base / "ws"
    shutil.copytree(ROOT / "briefs", workspace / "briefs")
    env = _env({"BRIEFMAKER_SMTP_HOST": "127.0.0.1", "BRIEFMAKER_SMTP_PORT": str(controller.port),
                "BRIEFMAKER_SMTP_SECURITY": "none", "BRIEFMAKER_SMTP_FROM": "街道办 <office@example.org>",
                "BRIEFMAKER_SMTP_RETRY_DELAY": "0.01"})
    for name, role, units in (("admin", "admin", []), ("editor", "editor", [UNIT]), ("viewer", "viewer", [])):
        add_user(workspace, env, name, role, units)
    process, port = start_server(workspace, env, "--workers", "2", "--build-timeout", "60")
    try:
        yield Site(f"http://127.0.0.1:{port}", workspace, env, process)
    finally:
        code = stop_server(process)
        assert code in (0, -signal.SIGTERM), (base / f"serve-{port}.log").read_text()


def new_browser(downloads: Path, language: str = "zh-CN,zh") -> webdriver.Chrome:
    """Headless chromium with a new empty profile, downloads into ``downloads``."""
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tempfile.mkdtemp(prefix='bm-chromium-')}")
    options.add_experimental_option("prefs", {
        "intl.accept_languages": language, "download.default_directory": str(downloads),
        "download.prompt_for_download": False, "safebrowsing.enabled": False})
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=DriverService(CHROMEDRIVER), options=options)
    driver.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    driver.set_page_load_timeout(120)
    return driver


@pytest.fixture(scope="session")
def downloads(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("downloads")


@pytest.fixture(scope="session")
def browser(downloads):
    driver = new_browser(downloads)
    try:
        yield driver
    finally:
        driver.quit()


def login(driver, site: Site, name: str = "editor") -> None:
    """Log in through the login form as ``name``."""
    driver.delete_all_cookies()
    driver.get(site.url + "/web/login")
    driver.find_element(By.ID, "name").send_keys(name)
    driver.find_element(By.ID, "password").send_keys(PASSWORD)
    driver.find_element(By.ID, "login-button").click()
    WebDriverWait(driver, 30).until(lambda d: d.current_url.rstrip("/").endswith("/web"))


def wait(driver, condition, timeout: float = 60):
    return WebDriverWait(driver, timeout, poll_frequency=0.05).until(condition)


def wait_for_download(folder: Path, name: str, timeout: float = 120) -> Path:
    """The downloaded file once chromium has finished writing it."""
    target = folder / name
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if target.exists() and not (folder / (name + ".crdownload")).exists():
            return target
        time.sleep(0.1)
    raise AssertionError(f"{name} was not downloaded; the folder has {sorted(p.name for p in folder.iterdir())}")
