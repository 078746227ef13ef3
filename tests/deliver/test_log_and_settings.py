"""The delivery log across interrupted runs, settings from env/file, and the message's MIME form."""
from __future__ import annotations

import email
import socket
import sqlite3
import subprocess
import sys
from email import policy
from pathlib import Path

import pytest

from briefmaker.deliver.addresses import Recipient
from briefmaker.deliver.log import LOG_NAME, DeliveryLog
from briefmaker.deliver.message import attachment_name, build_message
from briefmaker.deliver.send import deliver, plan
from briefmaker.deliver.settings import load_settings
from briefmaker.errors import BriefError, Location

from .conftest import TITLE


def test_interrupted_run_resumes_without_duplicates(make_brief, smtp_server, tmp_path):
    server = smtp_server()
    brief = make_brief()
    out = tmp_path / "out"
    planned = plan([brief], out)
    settings = load_settings(server.env)

    def stop_after_first(outcome):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        deliver(planned, out, settings, on_outcome=stop_after_first)
    assert len(server.received) == 1
    first = server.received[0].rcpt_tos[0]
    rows = sqlite3.connect(out / LOG_NAME).execute("SELECT address, state FROM deliveries").fetchall()
    assert rows == [(first, "sent")]  # consistent: the one accepted copy, nothing half-written

    outcomes = deliver(plan([brief], out), out, settings)
    assert [o.status for o in outcomes].count("skipped") == 1
    assert [o.status for o in outcomes].count("sent") == 2
    assert sorted(r.rcpt_tos[0] for r in server.received) == sorted(
        ["leader@example.org", "gov@example.org", "gov-office@example.org"])


def dead_owner() -> str:
    """The owner name of a run that is gone: this machine, the id of a process that has ended."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return f"{socket.gethostname()}:{child.pid}:gone"


def test_copy_left_sending_by_a_dead_run_is_in_doubt_until_forced(cli, make_brief, smtp_server, tmp_path):
    server = smtp_server()
    brief = make_brief(email="  to: [leader@example.org]")
    out = tmp_path / "out"
    [item] = plan([brief], out)
    with DeliveryLog(out) as log:  # what a run killed while its message was going out leaves behind
        log.owner = dead_owner()
        assert log.claim(item.content_hash, "leader@example.org", "x", "<x@example.org>", lease=600).state == "claimed"
        assert log.sending(item.content_hash, "leader@example.org")
    run = cli("send", brief, "-o", out, env=server.env)
    assert run.returncode == 3, run.stderr
    assert "in doubt" in run.stderr and "may have arrived" in run.stderr and server.received == []
    assert "0 sent, 0 already sent, 0 failed, 1 in doubt" in run.stdout
    again = cli("send", brief, "-o", out, env=server.env)
    assert again.returncode == 3 and server.received == []  # never resent on its own
    forced = cli("send", brief, "-o", out, "--force", env=server.env)
    assert forced.returncode == 0 and len(server.received) == 1
    with DeliveryLog(out) as log:
        assert log.state(item.content_hash, "LEADER@example.org") == "sent"


def test_claim_left_by_a_dead_run_before_sending_is_taken_over(make_brief, smtp_server, tmp_path):
    server = smtp_server()
    brief = make_brief(email="  to: [leader@example.org]")
    out = tmp_path / "out"
    planned = plan([brief], out)
    with DeliveryLog(out) as log:  # killed after claiming, before any of the message went out
        log.owner = dead_owner()
        log.claim(planned[0].content_hash, "leader@example.org", "x", "<x@example.org>", lease=600)
    [outcome] = deliver(planned, out, load_settings(server.env))
    assert outcome.status == "sent" and len(server.received) == 1


def test_first_log_format_is_carried_over(make_brief, smtp_server, tmp_path):
    server = smtp_server()
    brief = make_brief()
    out = tmp_path / "out"
    planned = plan([brief], out)
    key = planned[0].content_hash
    db = sqlite3.connect(out / LOG_NAME)
    db.execute("CREATE TABLE deliveries (content_hash TEXT NOT NULL, address TEXT NOT NULL, state TEXT NOT NULL "
               "CHECK (state IN ('pending', 'sent')), brief TEXT NOT NULL, message_id TEXT NOT NULL, "
               "updated REAL NOT NULL, PRIMARY KEY (content_hash, address))")
    db.execute("INSERT INTO deliveries VALUES (?, 'leader@example.org', 'sent', 'b', '<a@x.org>', 0)", (key,))
    db.execute("INSERT INTO deliveries VALUES (?, 'gov@example.org', 'pending', 'b', '<b@x.org>', 0)", (key,))
    db.commit()
    db.close()
    outcomes = {o.recipient.address: o.status for o in deliver(planned, out, load_settings(server.env))}
    assert outcomes == {"leader@example.org": "skipped", "gov@example.org": "in_doubt",
                        "gov-office@example.org": "sent"}
    assert [r.rcpt_tos for r in server.received] == [["gov-office@example.org"]]


def test_settings_hide_the_password_and_env_wins_over_the_file(tmp_path):
    config = tmp_path / "smtp.yaml"
    config.write_text("host: mail.example.org\nsecurity: ssl\npassword: file-secret\nfrom: a@example.org\n",
                      encoding="utf-8")
    settings = load_settings({"BRIEFMAKER_SMTP_PASSWORD": "env-secret"}, config)
    assert settings.host == "mail.example.org" and settings.port == 465 and settings.security == "ssl"
    assert settings.password == "env-secret"
    assert "secret" not in repr(settings)
    config.write_text("host: mail.example.org\nsecurty: ssl\n", encoding="utf-8")
    with pytest.raises(BriefError) as caught:
        load_settings({}, config)
    [problem] = caught.value.problems
    assert problem.render("en").endswith("smtp.yaml:2:1: securty: unknown setting 'securty' (did you mean 'security'?)")
    with pytest.raises(BriefError) as caught:
        load_settings({"BRIEFMAKER_SMTP_PASSWORD": "x", "BRIEFMAKER_SMTP_RETRY_DELAY": "soon"})
    assert caught.value.problems[0].render("en").startswith("BRIEFMAKER_SMTP_RETRY_DELAY: ")


def test_message_names_read_by_new_and_old_parsers(tmp_path):
    pdf = tmp_path / "x.pdf"
    pdf.write_bytes(b"%PDF-1.7 test")
    long_title = "长兴路街道办事处2020年工作总结（报区委、区政府领导审阅稿，请于12月31日前反馈意见）"
    name = attachment_name(long_title + "：/?", pdf)
    assert name == long_title + "：.pdf"  # Windows-forbidden characters dropped
    msg = build_message("office@example.org", Recipient("区委办公室", "a@example.org", Location("x")),
                        long_title, "正文", [(pdf, name)], message_id="<x@example.org>")
    raw = msg.as_bytes()
    assert max(len(line) for line in raw.split(b"\r\n")) <= 78
    for parse_policy in (policy.default, policy.compat32):
        parsed = email.message_from_bytes(raw, policy=parse_policy)
        part = [p for p in parsed.walk() if p.get_content_type() == "application/pdf"][0]
        assert part.get_filename() == name
        assert part.get_payload(decode=True) == b"%PDF-1.7 test"
    # compat32 does not decode encoded words in parameters: old clients that do, see the title
    old = [p for p in email.message_from_bytes(raw, policy=policy.compat32).walk()
           if p.get_content_type() == "application/pdf"][0]
    decoded = email.header.decode_header(old.get_param("name"))
    assert "".join(b.decode(c) for b, c in decoded) == name
    assert email.message_from_bytes(raw, policy=policy.default)["Subject"] == long_title
