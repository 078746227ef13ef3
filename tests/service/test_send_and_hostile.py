"""Sending through the service (one delivery log with the CLI) and hostile posted briefs."""
from __future__ import annotations

import re
import threading
import time

import pytest

from briefmaker.i18n import _MESSAGES

CJK = re.compile(r"[\u4e00-\u9fff]")


def test_plan_then_two_concurrent_sends_deliver_each_copy_once(server):
    editor = server.tokens["editor"]
    plan = server.request("POST", "/api/briefs/mail-2020/send", token=editor).json()["plan"]
    assert [r["address"] for r in plan[0]["recipients"]] == ["leader@example.org", "gov@example.org"]
    assert all(r["state"] is None for r in plan[0]["recipients"]) and not server.mailbox.received

    answers = []

    def confirm():
        answers.append(server.request("POST", "/api/briefs/mail-2020/send?confirm=true", token=editor))

    threads = [threading.Thread(target=confirm) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(300)
    assert [a.status for a in answers] == [200, 200]
    statuses = sorted(tuple(o["status"] for o in a.json()["outcomes"]) for a in answers)
    assert statuses == [("sent", "sent"), ("skipped", "skipped")]
    delivered = sorted(address for rcpts, _ in server.mailbox.received for address in rcpts)
    assert delivered == ["gov@example.org", "leader@example.org"]

    again = server.request("POST", "/api/briefs/mail-2020/send", token=editor).json()["plan"]
    assert [r["state"] for r in again[0]["recipients"]] == ["sent", "sent"]
    # the CLI reads the same delivery log: nothing goes twice
    cli = server.cli("send", "briefs/mail-2020.yaml", "-o", "out")
    assert cli.returncode == 0, cli.stderr
    assert len(server.mailbox.received) == 2
    listed = server.request("GET", "/api/briefs", token=editor).json()
    assert next(b for b in listed if b["name"] == "mail-2020")["last_send"]["detail"]["sent"] == 2


@pytest.mark.skipif("path_outside" not in _MESSAGES, reason="the brief-reading rules (paths inside the brief "
                                                             "folder) are not in this checkout yet")
@pytest.mark.parametrize("line", ["extends: ../../briefs/_district-2020.yaml", "extends: /etc/passwd"])
def test_a_posted_brief_reaching_outside_its_folder_is_422(server, line):
    body = f"{line}\nmeta:\n  title: 越界\n  unit: 长兴路街道办事处\n"
    answer = server.request("POST", "/api/build?format=pdf", token=server.tokens["editor"], body=body.encode(),
                            headers={"Content-Type": "application/yaml", "Accept-Language": "zh-CN"})
    assert answer.status == 422
    problems = answer.json()["problems"]
    assert any(p["code"] == "path_outside" and p["line"] == 1 for p in problems)
    assert all(CJK.search(p["message"]) for p in problems)


@pytest.mark.parametrize("template", [
    "{% for i in range(100000) %}{% for j in range(100000) %}{{ i * j }}{% endfor %}{% endfor %}",
    "{{ '万' * 3000000000 }}",
])
def test_a_template_bomb_is_422_in_bounded_time_and_the_service_goes_on(server, template):
    body = ("meta:\n  title: 炸弹\n  unit: 长兴路街道办事处\n  year: 2020\nsections:\n  - title: 一\n    body:\n"
            f"      - \"{template}\"\n")
    start = time.monotonic()
    answer = server.request("POST", "/api/build?format=pdf", token=server.tokens["editor"], body=body.encode(),
                            headers={"Content-Type": "application/yaml", "Accept-Language": "zh"})
    assert time.monotonic() - start < 120
    assert answer.status == 422, answer.body[:300]
    problems = answer.json()["problems"]
    assert problems and all({"line", "column", "path", "message", "code"} <= set(p) for p in problems)
    assert all(CJK.search(p["message"]) for p in problems)
    assert server.request("POST", "/api/briefs/changxing-2020/build", token=server.tokens["viewer"]).status == 200
