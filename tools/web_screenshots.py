#!/usr/bin/env python3
"""Screenshots of every web page at 1280×800, from the real pages in headless chromium.

    .venv/bin/python tools/web_screenshots.py      # writes docs/images/web-*.png

Serves a temp copy of briefs/ (plus a brief with recipients, and aiosmtpd on loopback when it
is installed), logs in as an admin, and photographs the login page, the units, a brief with its
preview, a located error, the history, the send confirmation and result, the batch form and a
finished batch. Needs Debian's chromium and chromium-driver, and selenium.
"""
from __future__ import annotations

import contextlib
import http.client
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service as DriverService
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "images"
PASSWORD = "correct horse battery"
WIDTH, HEIGHT = 1280, 800
MAIL = """\
meta:
  title: 长兴路街道办事处2020年工作简报
  unit: 长兴路街道办事处
  year: 2020
data:
  disputes: {found: 246, resolved: 241}    # 排查矛盾、化解纠纷
sections:
  - title: 社会大局保持和谐稳定
    body:
      - 排查矛盾{{ disputes.found }}起，化解各类纠纷{{ disputes.resolved }}起。
email:
  to: [区委办公室 <leader@example.org>, 区政府办公室 <gov@example.org>]
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def run(*args, env, stdin=None):
    subprocess.run([sys.executable, "-m", "briefmaker", *args], env=env, input=stdin, text=True, check=True,
                   capture_output=True, timeout=120)


def browser(downloads: Path) -> webdriver.Chrome:
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--hide-scrollbars", "--lang=zh-CN", f"--user-data-dir={tempfile.mkdtemp(prefix='bm-shots-')}"):
        options.add_argument(flag)
    options.add_experimental_option("prefs", {"intl.accept_languages": "zh-CN,zh",
                                              "download.default_directory": str(downloads)})
    driver = webdriver.Chrome(service=DriverService(shutil.which("chromedriver") or "/usr/bin/chromedriver"),
                              options=options)
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": WIDTH, "height": HEIGHT, "deviceScaleFactor": 1, "mobile": False})
    return driver


def shoot(driver, name: str) -> None:
    driver.execute_script("return document.fonts.ready")
    time.sleep(0.4)
    driver.save_screenshot(str(OUT / f"web-{name}.png"))
    print(f"wrote docs/images/web-{name}.png")


def until(driver, condition, timeout: float = 120):
    return WebDriverWait(driver, timeout, poll_frequency=0.1).until(condition)


@contextlib.contextmanager
def served():
    """``briefmaker serve`` over a temp copy of briefs/ (and a brief to email) with an admin
    account, and SMTP on loopback when aiosmtpd is installed; yields (URL, downloads folder)."""
    base = Path(tempfile.mkdtemp(prefix="bm-shots-"))
    workspace = base / "ws"
    shutil.copytree(ROOT / "briefs", workspace / "briefs")
    (workspace / "briefs" / "mail-2020.yaml").write_text(MAIL, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "LANG": "C.UTF-8"}
    smtp = None
    try:
        from aiosmtpd.controller import Controller
        from aiosmtpd.handlers import Sink

        smtp = Controller(Sink(), hostname="127.0.0.1", port=free_port())
        smtp.start()
        env.update(BRIEFMAKER_SMTP_HOST="127.0.0.1", BRIEFMAKER_SMTP_PORT=str(smtp.port),
                   BRIEFMAKER_SMTP_SECURITY="none", BRIEFMAKER_SMTP_FROM="长兴路街道办事处 <office@example.org>")
    except ImportError:
        print("aiosmtpd is not installed: sending will fail")
    run("users", "add", "wang", "--role", "admin", "--password-stdin", "--workspace", str(workspace),
        env=env, stdin=PASSWORD + "\n")
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "briefmaker", "serve", "--workspace", str(workspace),
                               "--port", str(port), "--workers", "2"], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(600):
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
                conn.request("GET", "/healthz")
                if conn.getresponse().status == 200:
                    break
            except OSError:
                time.sleep(0.3)
        yield f"http://127.0.0.1:{port}", base / "downloads"
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(90)
        if smtp is not None:
            smtp.stop()
        shutil.rmtree(base, ignore_errors=True)


def login(driver, url: str) -> None:
    driver.get(url + "/web/login")
    driver.find_element(By.ID, "name").send_keys("wang")
    driver.find_element(By.ID, "password").send_keys(PASSWORD)
    driver.find_element(By.ID, "login-button").click()
    until(driver, lambda d: d.current_url.rstrip("/").endswith("/web"))


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    with served() as (url, downloads):
        driver = browser(downloads)
        try:
            pictures(driver, url)
        finally:
            driver.quit()
    return 0


def pictures(driver, url: str) -> None:
    """Visit every page as a person would, photographing each."""
    driver.get(url + "/web/login")
    shoot(driver, "login")
    login(driver, url)
    shoot(driver, "units")

    fresh = lambda d: d.find_element(By.ID, "pages").get_attribute("data-state") == "fresh"  # noqa: E731
    driver.get(url + "/web/briefs/changxing-2020")
    until(driver, fresh)
    shoot(driver, "brief")
    for value in ("240", "239"):  # two saved versions for the history
        box = driver.find_element(By.CSS_SELECTOR, 'input[data-path="data.disputes.resolved"]')
        box.send_keys(Keys.CONTROL, "a")
        box.send_keys(value)
        until(driver, lambda d: f"resolved: {value} " in d.execute_script(
            "return document.querySelector('.CodeMirror').CodeMirror.getValue()"))
        driver.find_element(By.ID, "save").click()
        until(driver, lambda d: "saved=1" in d.current_url)
        until(driver, fresh)
    driver.find_element(By.CSS_SELECTOR, "#source-box summary").click()
    driver.execute_script("var cm = document.querySelector('.CodeMirror').CodeMirror;"
                          "cm.setValue(cm.getValue().replace('{{ disputes.found }}', '{{ disputes.fund }}'));")
    until(driver, lambda d: d.find_elements(By.CSS_SELECTOR, "#problems li.error"))
    driver.execute_script("window.scrollTo(0, 0)")
    shoot(driver, "error")
    driver.find_element(By.CSS_SELECTOR, "#problems li.error button").click()
    driver.execute_script("document.querySelector('.CodeMirror').scrollIntoView({block: 'center'})")
    shoot(driver, "editor")

    driver.get(url + "/web/briefs/changxing-2020/history")
    shoot(driver, "history")
    driver.get(url + "/web/briefs/mail-2020/send")
    shoot(driver, "send")
    driver.find_element(By.ID, "confirm-send").click()
    until(driver, lambda d: d.find_elements(By.CSS_SELECTOR, "table.outcomes"))
    shoot(driver, "sent")

    driver.get(url + "/web/briefs/_district-2020/batch")
    shoot(driver, "batch")
    table = Path(tempfile.mkdtemp(prefix="bm-table-")) / "units.csv"
    shutil.copy(ROOT / "briefs" / "units.csv", table)
    driver.find_element(By.ID, "table").send_keys(str(table))
    driver.find_element(By.ID, "pattern").send_keys("{unit.name}-{meta.year}")
    driver.find_element(By.ID, "start-batch").click()
    until(driver, lambda d: d.find_element(By.ID, "job").get_attribute("data-state") == "done", 600)
    shoot(driver, "job")


if __name__ == "__main__":
    sys.exit(main())
