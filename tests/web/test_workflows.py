"""The web page's other capabilities in a real browser: history and restore, a batch of the
sample table with a failing row located, and sending to a real SMTP server on loopback."""
from __future__ import annotations

import io
import re
import shutil
import zipfile

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from tests.service.conftest import MAIL_BRIEF
from tests.web.conftest import login, wait, wait_for_download
from tests.web.test_brief_page import SEED, field, open_brief


def change_and_save(driver, site, path: str, value: str) -> None:
    open_brief(driver, site)
    box = field(driver, path)
    box.send_keys(Keys.CONTROL, "a")
    box.send_keys(value)
    wait(driver, lambda d: f": {value} " in d.execute_script(
        "return document.querySelector('.CodeMirror').CodeMirror.getValue()"))
    driver.find_element(By.ID, "save").click()
    wait(driver, lambda d: "saved=1" in d.current_url)


def test_history_shows_who_changed_which_figure_and_restores_an_earlier_version(browser, site):
    login(browser, site, "editor")
    change_and_save(browser, site, "data.disputes.resolved", "240")
    change_and_save(browser, site, "data.disputes.resolved", "239")
    browser.get(f"{site.url}/web/briefs/{SEED}/history")
    versions = browser.find_elements(By.CSS_SELECTOR, "li.version")
    newest, before = versions[0], versions[1]
    assert "当前" in newest.find_element(By.TAG_NAME, "h2").text
    assert newest.find_element(By.CLASS_NAME, "who").text.startswith("editor · ")
    change = newest.find_element(By.CSS_SELECTOR, 'tr[data-path="data.disputes.resolved"]')
    assert change.find_element(By.CLASS_NAME, "before").text == "240 起"
    assert change.find_element(By.CLASS_NAME, "after").text == "239 起"
    assert not newest.find_elements(By.CSS_SELECTOR, "form.restore")  # the current one needs no restoring
    restored_seq = before.get_attribute("data-version")
    before.find_element(By.CSS_SELECTOR, "form.restore button").click()
    wait(browser, lambda d: f"restored={restored_seq}" in d.current_url)
    saved = (site.workspace / "briefs" / f"{SEED}.yaml").read_text(encoding="utf-8")
    assert "    resolved: 240                # 化解纠纷" in saved
    top = browser.find_elements(By.CSS_SELECTOR, "li.version")[0]
    assert int(top.get_attribute("data-version")) == int(restored_seq) + 2  # restoring adds a version
    assert top.find_element(By.CSS_SELECTOR, 'tr[data-path="data.disputes.resolved"] .after').text == "240 起"


def test_a_batch_of_the_sample_table_shows_each_unit_locates_a_failure_and_gives_a_zip(browser, site, downloads):
    table = (site.workspace / "briefs" / "units.csv").read_text(encoding="utf-8").splitlines()
    cells = table[2].split(",")
    cells[10] = "一百六十九"  # 枫林街道's disputes.resolved: not a number (a value over its target is drawn, not refused)
    bad = site.workspace / "units-one-bad.csv"
    bad.write_text("\n".join([table[0], table[1], ",".join(cells), *table[3:]]) + "\n", encoding="utf-8")
    login(browser, site, "admin")
    browser.get(f"{site.url}/web/briefs/_district-2020/batch")
    browser.find_element(By.ID, "table").send_keys(str(bad))
    browser.find_element(By.ID, "pattern").send_keys("{unit.name}-{meta.year}")
    browser.find_element(By.ID, "start-batch").click()
    wait(browser, lambda d: "/web/jobs/" in d.current_url)
    wait(browser, lambda d: d.find_element(By.ID, "job").get_attribute("data-state") == "done", 300)
    rows = browser.find_elements(By.CSS_SELECTOR, "#job-units tr")
    assert len(rows) == len(table) - 1
    states = {r.find_element(By.TAG_NAME, "th").text: r.get_attribute("data-state") for r in rows}
    assert states.pop("枫林街道-2020") == "failed" and set(states.values()) == {"built"}
    failed = next(r for r in rows if r.get_attribute("data-state") == "failed")
    problems = [li.text for li in failed.find_elements(By.CSS_SELECTOR, ".unit-problems li")]
    # located at the cell that holds text, and where the template first computes with it
    assert any(re.match(r"units-one-bad\.csv:3:11 data\.disputes\.resolved\n.*一百六十九", p, re.S) for p in problems), problems
    assert any(re.match(r"briefs/_district-2020\.yaml:\d+:\d+ computed\.disputes\.rate\n", p) for p in problems), problems
    assert browser.find_element(By.ID, "job-progress").get_attribute("value") == str(len(table) - 1)
    job_id = browser.current_url.rstrip("/").split("/")[-1]
    browser.find_element(By.ID, "job-zip").click()
    archive = wait_for_download(downloads, f"_district-2020-{job_id}.zip")
    names = sorted(zipfile.ZipFile(io.BytesIO(archive.read_bytes())).namelist())
    assert names == sorted(f"{n}.pdf" for n in states)


def test_send_lists_the_recipients_then_sends_once_to_a_real_smtp_server(browser, site, smtp):
    _, mailbox = smtp
    (site.workspace / "briefs" / "mail-2020.yaml").write_text(MAIL_BRIEF, encoding="utf-8")
    login(browser, site, "editor")
    browser.get(f"{site.url}/web/briefs/mail-2020/send")
    rows = browser.find_elements(By.CSS_SELECTOR, "table.recipients tr[data-address]")
    assert [r.get_attribute("data-address") for r in rows] == ["leader@example.org", "gov@example.org"]
    assert [r.find_element(By.CLASS_NAME, "state").text for r in rows] == ["将发送", "将发送"]
    assert not mailbox.received
    browser.find_element(By.ID, "confirm-send").click()
    outcomes = wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "table.outcomes tr[data-address]"))
    assert {o.get_attribute("data-address"): o.get_attribute("data-status") for o in outcomes} == {
        "leader@example.org": "sent", "gov@example.org": "sent"}
    assert sorted(a for rcpts, _ in mailbox.received for a in rcpts) == ["gov@example.org", "leader@example.org"]
    browser.get(f"{site.url}/web/briefs/mail-2020/send")  # the plan now says who has this version
    rows = browser.find_elements(By.CSS_SELECTOR, "table.recipients tr[data-address]")
    assert [r.find_element(By.CLASS_NAME, "state").text for r in rows] == ["已收到", "已收到"]
    assert not browser.find_elements(By.ID, "confirm-send")
    assert len(mailbox.received) == 2


def test_the_long_png_download_is_the_clis(browser, site, downloads):
    login(browser, site, "editor")
    open_brief(browser, site)
    for old in downloads.glob(f"{SEED}.png*"):
        old.unlink()
    browser.find_element(By.ID, "download-png").click()
    png = wait_for_download(downloads, f"{SEED}.png").read_bytes()
    cli = site.cli("build", f"briefs/{SEED}.yaml", "-o", "cli-png", "--format", "png")
    assert cli.returncode == 0, cli.stderr
    assert png == (site.workspace / "cli-png" / f"{SEED}.png").read_bytes()
    shutil.rmtree(site.workspace / "cli-png")


def test_keyboard_only_login_and_tab_leaves_the_editor(browser, site):
    from selenium.webdriver.common.action_chains import ActionChains

    from tests.service.conftest import PASSWORD

    browser.delete_all_cookies()
    browser.get(site.url + "/web/login")
    ActionChains(browser).send_keys("editor", Keys.TAB, PASSWORD, Keys.ENTER).perform()  # the name has focus
    wait(browser, lambda d: d.current_url.rstrip("/").endswith("/web"))
    open_brief(browser, site)
    browser.find_element(By.CSS_SELECTOR, "#source-box summary").send_keys(Keys.ENTER)  # open the editor
    browser.find_element(By.CSS_SELECTOR, ".CodeMirror").click()
    inside = "return !!document.activeElement.closest('.CodeMirror')"
    assert browser.execute_script(inside)
    ActionChains(browser).send_keys(Keys.TAB).perform()
    assert not browser.execute_script(inside)  # Tab moves on instead of being typed


def test_the_pages_speak_english_when_the_browser_prefers_it(site):
    import http.client

    host, port = site.url.removeprefix("http://").split(":")
    for accept, expected in (("en-US,en;q=0.9,zh;q=0.5", b"<h1>Log in</h1>"), ("zh-CN,zh", "<h1>登录</h1>".encode()),
                             (None, "<h1>登录</h1>".encode()), ("fr", "<h1>登录</h1>".encode())):
        conn = http.client.HTTPConnection(host, int(port), timeout=60)
        conn.request("GET", "/web/login", headers={"Accept-Language": accept} if accept else {})
        page = conn.getresponse().read()
        assert expected in page, accept
