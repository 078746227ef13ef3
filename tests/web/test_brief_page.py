"""The web page in a real browser: log in, the units, a brief's figures and live preview, saving,
downloading the PDF the CLI would build, located errors, and a hostile title shown as text."""
from __future__ import annotations

import http.client
import re
import shutil
from urllib.parse import urlencode

import pytest
from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from tests.service.conftest import PASSWORD
from tests.web.conftest import login, wait, wait_for_download

SEED = "changxing-2020"


def field(driver, path: str):
    return driver.find_element(By.CSS_SELECTOR, f'input[data-path="{path}"]')


def preview_key(driver) -> str:
    return driver.find_element(By.ID, "pages").get_attribute("data-key") or ""


def open_brief(driver, site, name: str = SEED) -> str:
    """Open the brief's page and wait for its first preview; the preview's key."""
    driver.get(f"{site.url}/web/briefs/{name}")
    wait(driver, lambda d: d.find_element(By.ID, "pages").get_attribute("data-state") == "fresh", 120)
    return preview_key(driver)


def editor_text(driver) -> str:
    return driver.execute_script("return document.querySelector('.CodeMirror').CodeMirror.getValue()")


def test_login_shows_the_units_with_their_state(browser, site):
    browser.delete_all_cookies()
    browser.get(site.url + "/web/briefs/" + SEED)
    assert "/web/login" in browser.current_url  # no session: the login page first
    browser.find_element(By.ID, "name").send_keys("editor")
    browser.find_element(By.ID, "password").send_keys("wrong password")
    browser.find_element(By.ID, "login-button").click()
    assert browser.find_element(By.ID, "login-error").text == "用户名或密码错误"
    login(browser, site, "editor")
    rows = {r.get_attribute("data-brief"): r for r in browser.find_elements(By.CSS_SELECTOR, "tr[data-brief]")}
    assert SEED in rows and not {"fenglin-2020", "_district-2020"} & set(rows)  # an editor: its own unit only
    cells = rows[SEED].find_elements(By.TAG_NAME, "td")
    assert cells[0].text.startswith("党建引领扛稳责任 凝心聚力砥砺奋进")
    assert cells[1].text == "长兴路街道办事处"
    assert cells[4].text == "已填完"
    assert browser.find_element(By.TAG_NAME, "h1").text == "单位简报"


def test_a_figure_changed_in_the_form_changes_the_preview_and_the_saved_pdf_is_the_clis(browser, site, downloads):
    login(browser, site, "editor")
    first = open_brief(browser, site)
    assert len(browser.find_elements(By.CSS_SELECTOR, "#pages img.page")) >= 5
    found = field(browser, "data.disputes.found")
    assert found.get_attribute("value") == "246"
    label = browser.find_element(By.CSS_SELECTOR, f'label[for="{found.get_attribute("id")}"]').text
    assert label.startswith("排查矛盾")
    assert found.find_element(By.XPATH, "following-sibling::span[@class='unit']").text == "起"
    found.send_keys(Keys.BACKSPACE * 3, "250")
    wait(browser, lambda d: preview_key(d) not in ("", first)
         and d.find_element(By.ID, "pages").get_attribute("data-state") == "fresh")
    assert re.search(r"^    found: 250 +# 排查矛盾$", editor_text(browser), re.M)  # the comment stays

    browser.find_element(By.ID, "save").click()
    wait(browser, lambda d: "saved=1" in d.current_url)
    assert "已保存" in browser.find_element(By.CSS_SELECTOR, ".notice.ok").text
    saved = (site.workspace / "briefs" / f"{SEED}.yaml").read_text(encoding="utf-8")
    assert "    found: 250                   # 排查矛盾" in saved

    for old in downloads.glob(f"{SEED}.pdf*"):
        old.unlink()
    browser.find_element(By.ID, "download-pdf").click()
    pdf = wait_for_download(downloads, f"{SEED}.pdf").read_bytes()
    cli = site.cli("build", f"briefs/{SEED}.yaml", "-o", "cli-out", "--format", "pdf")
    assert cli.returncode == 0, cli.stderr
    assert pdf == (site.workspace / "cli-out" / f"{SEED}.pdf").read_bytes()
    shutil.rmtree(site.workspace / "cli-out")


def test_a_wrong_value_is_caught_as_typed_and_an_error_is_located(browser, site):
    login(browser, site, "editor")
    first = open_brief(browser, site)
    volunteers = field(browser, "data.epidemic.volunteers")
    volunteers.send_keys("x")
    error = browser.find_element(By.ID, volunteers.get_attribute("aria-describedby"))
    assert error.text == "请输入数字，如 1200 或 0.95" and volunteers.get_attribute("aria-invalid") == "true"
    volunteers.send_keys(Keys.BACKSPACE)
    assert error.text == ""

    text = editor_text(browser)
    line = next(i for i, l in enumerate(text.splitlines(), 1) if "{{ disputes.found }}" in l)
    browser.execute_script("var cm = document.querySelector('.CodeMirror').CodeMirror;"
                           "cm.setValue(cm.getValue().replace('{{ disputes.found }}', '{{ disputes.fund }}'));")
    problems = wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "#problems li.error"))
    where = problems[0].find_element(By.CLASS_NAME, "where").text
    assert where.startswith(f"briefs/{SEED}.yaml:{line}:")
    assert "disputes.fund" in problems[0].text and "disputes.found" in problems[0].text  # did you mean
    assert browser.find_element(By.ID, "pages").get_attribute("data-state") == "stale"
    assert preview_key(browser) == first  # the last good preview stays
    problems[0].find_element(By.TAG_NAME, "button").click()
    cursor = browser.execute_script("return document.querySelector('.CodeMirror').CodeMirror.getCursor().line")
    assert cursor == line - 1
    assert browser.execute_script("return document.getElementById('source-box').open")
    refused = [e["message"] for e in browser.get_log("browser") if "Content Security Policy" in e["message"]]
    assert not refused  # the page needs nothing the strict policy forbids (no inline script or style)


def test_the_pages_send_a_strict_policy_and_refuse_a_post_without_its_token(site):
    host, port = site.url.removeprefix("http://").split(":")

    def request(method, path, body=None, headers=None):
        conn = http.client.HTTPConnection(host, int(port), timeout=60)
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        return response.status, response.headers, response.read()

    status, headers, _ = request("GET", "/web/login")
    assert status == 200
    csp = headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "default-src 'none'" in csp and "unsafe" not in csp
    assert headers["X-Frame-Options"] == "DENY"
    login_cookie = headers["Set-Cookie"]
    assert "HttpOnly" in login_cookie and "SameSite=strict" in login_cookie
    token = re.search(r"bm_login_csrf=([^;]+)", login_cookie).group(1)
    form = {"name": "editor", "password": PASSWORD, "next": "/web/"}
    forged = request("POST", "/web/login", urlencode(form), {"Content-Type": "application/x-www-form-urlencoded"})
    assert forged[0] == 403  # no token, no login
    status, headers, _ = request("POST", "/web/login", urlencode({**form, "csrf": token}),
                                 {"Content-Type": "application/x-www-form-urlencoded",
                                  "Cookie": f"bm_login_csrf={token}"})
    assert status == 303
    session = headers["Set-Cookie"]
    assert "bm_session=" in session and "HttpOnly" in session and "SameSite=strict" in session
    assert "Secure" not in session  # plain HTTP on loopback; behind TLS the cookie is Secure
    cookie = re.search(r"(bm_session=[^;]+)", session).group(1)
    status, _, page = request("GET", f"/web/briefs/{SEED}", headers={"Cookie": cookie})
    assert status == 200 and b"<script>" not in page.replace(b"<script src=", b"")
    before = (site.workspace / "briefs" / f"{SEED}.yaml").read_bytes()
    status, _, _ = request("POST", f"/web/briefs/{SEED}/save", urlencode({"text": "meta: {}\n", "version": "x"}),
                           {"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"})
    assert status == 403 and (site.workspace / "briefs" / f"{SEED}.yaml").read_bytes() == before


def test_a_title_holding_markup_is_shown_as_text(browser, site):
    hostile = '<script>alert("t")</script><img src=x onerror=alert(1)>'
    (site.workspace / "briefs" / "hostile-2020.yaml").write_text(
        f"meta:\n  title: '{hostile}'\n  unit: 长兴路街道办事处\n  year: 2020\n"
        "data:\n  n: 3  # <b onmouseover=alert(2)>数量</b>\n"
        "sections:\n  - title: 一\n    body:\n      - 共{{ n }}项。\n", encoding="utf-8")
    try:
        login(browser, site, "editor")
        row = browser.find_element(By.CSS_SELECTOR, 'tr[data-brief="hostile-2020"]')
        assert row.find_element(By.TAG_NAME, "a").text == hostile
        open_brief(browser, site, "hostile-2020")
        assert browser.find_element(By.ID, "brief-title").text == hostile
        n = field(browser, "data.n")
        assert browser.find_element(By.CSS_SELECTOR, f'label[for="{n.get_attribute("id")}"]').text.startswith(
            "<b onmouseover=alert(2)>数量</b>")
        assert not browser.find_elements(By.CSS_SELECTOR, "main script, main img:not(.page), main b")
        with pytest.raises(NoAlertPresentException):
            browser.switch_to.alert.text
    finally:
        (site.workspace / "briefs" / "hostile-2020.yaml").unlink()
