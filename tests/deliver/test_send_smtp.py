"""`briefmaker send` against real SMTP servers on 127.0.0.1: what arrives, and what is never sent twice."""
from __future__ import annotations

import sqlite3

from .conftest import PASSWORD, TITLE, Handler

RECIPIENTS = ["leader@example.org", "gov@example.org", "gov-office@example.org"]


def send(cli, brief, server_env, *extra, env=None):
    return cli("send", brief, "-o", brief.parent / "out", *extra, env={**server_env, **(env or {})})


def test_plain_delivery_decodes_to_the_chinese_originals(cli, make_brief, smtp_server):
    server = smtp_server()
    brief = make_brief()
    run = send(cli, brief, server.env)
    assert run.returncode == 0, run.stderr
    assert "3 sent, 0 already sent, 0 failed" in run.stdout
    assert sorted(r.rcpt_tos[0] for r in server.received) == sorted(RECIPIENTS)
    pdf = (brief.parent / "out" / "changxing.pdf").read_bytes()
    for got in server.received:
        assert got.mail_from == "office@example.org" and len(got.rcpt_tos) == 1
        msg = got.message
        assert msg["Subject"] == TITLE
        assert msg["From"].addresses[0].display_name == "街道办"
        assert msg["Message-ID"].startswith("<") and msg["Message-ID"].endswith("@example.org>")
        assert msg["Date"].datetime is not None
        body = msg.get_body(("plain",)).get_content()
        assert f"《{TITLE}》" in body
        [attachment] = list(msg.iter_attachments())
        assert attachment.get_content_type() == "application/pdf"
        assert attachment.get_filename() == f"{TITLE}.pdf"
        assert attachment.get_param("name") == f"{TITLE}.pdf"  # the encoded-word form old clients read
        assert attachment.get_content() == pdf
        # both forms are on the wire: RFC 2231 and RFC 2047
        assert b"filename*0*=utf-8''" in got.raw and b'name="=?utf-8?b?' in got.raw
    to = {r.rcpt_tos[0]: r.message["To"].addresses[0].display_name for r in server.received}
    assert to["leader@example.org"] == "区委办公室" and to["gov@example.org"] == "区政府办公室"


def test_second_run_sends_nothing_and_force_resends(cli, make_brief, smtp_server):
    server = smtp_server()
    brief = make_brief()
    assert send(cli, brief, server.env).returncode == 0
    assert len(server.received) == 3

    again = send(cli, brief, server.env)
    assert again.returncode == 0, again.stderr
    assert len(server.received) == 3
    assert "0 sent, 3 already sent, 0 failed" in again.stdout
    assert again.stdout.count("not sent again") == 3

    forced = send(cli, brief, server.env, "--force")
    assert forced.returncode == 0
    assert len(server.received) == 6

    rows = sqlite3.connect(brief.parent / "out" / ".deliveries.sqlite").execute(
        "SELECT address, state FROM deliveries ORDER BY address").fetchall()
    assert rows == sorted((a, "sent") for a in RECIPIENTS)


def test_changed_brief_is_sent_again(cli, make_brief, smtp_server):
    server = smtp_server()
    brief = make_brief(email="  to: [leader@example.org]")
    assert send(cli, brief, server.env).returncode == 0
    brief.write_text(brief.read_text(encoding="utf-8").replace("246", "250"), encoding="utf-8")
    run = send(cli, brief, server.env)
    assert run.returncode == 0 and "1 sent" in run.stdout
    assert len(server.received) == 2


def test_starttls_with_auth(cli, make_brief, smtp_server, tls):
    context, cafile = tls
    server = smtp_server(security="starttls", tls=context, auth=True, cafile=cafile)
    brief = make_brief(email="  to: [{name: 区委办公室, address: leader@example.org}]")
    env = {"BRIEFMAKER_SMTP_USER": "office", "BRIEFMAKER_SMTP_PASSWORD": PASSWORD}
    run = send(cli, brief, server.env, "--attach", "pdf,docx", env=env)
    assert run.returncode == 0, run.stderr
    assert server.logins and all(ok for _, ok in server.logins)
    [got] = server.received
    names = [(a.get_filename(), a.get_content_type()) for a in got.message.iter_attachments()]
    assert names == [(f"{TITLE}.pdf", "application/pdf"),
                     (f"{TITLE}.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")]
    out = brief.parent / "out"
    assert list(got.message.iter_attachments())[1].get_content() == (out / "changxing.docx").read_bytes()
    for text in (run.stdout, run.stderr, got.raw.decode("ascii", "replace")):
        assert PASSWORD not in text
    assert PASSWORD.encode() not in (out / ".deliveries.sqlite").read_bytes()


def test_wrong_password_fails_every_recipient_without_showing_it(cli, make_brief, smtp_server, tls):
    context, cafile = tls
    server = smtp_server(security="starttls", tls=context, auth=True, cafile=cafile)
    brief = make_brief()
    run = send(cli, brief, server.env, env={"BRIEFMAKER_SMTP_USER": "office", "BRIEFMAKER_SMTP_PASSWORD": "wrong-pw"})
    assert run.returncode == 1
    assert server.received == []
    assert len(server.logins) == 1  # a refused login is not retried, nor tried again per recipient
    assert run.stderr.count("not delivered") == 1 and run.stderr.count("not sent: 535") == 2
    assert run.stderr.count("535") == 3
    assert "wrong-pw" not in run.stderr + run.stdout


def test_starttls_refuses_an_untrusted_certificate(cli, make_brief, smtp_server, tls):
    context, _ = tls
    server = smtp_server(security="starttls", tls=context)  # the client is not told about the test CA
    brief = make_brief(email="  to: [leader@example.org]")
    run = send(cli, brief, server.env)
    assert run.returncode == 1
    assert "CERTIFICATE_VERIFY_FAILED" in run.stderr or "certificate" in run.stderr.lower()
    assert server.received == []


def test_busy_server_is_retried(cli, make_brief, smtp_server):
    handler = Handler(busy=2)
    server = smtp_server(handler)
    brief = make_brief(email="  to: [leader@example.org]")
    run = send(cli, brief, server.env)
    assert run.returncode == 0, run.stderr
    assert handler.data_attempts == 3
    assert len(server.received) == 1


def test_rejected_recipient_is_reported_and_the_others_delivered(cli, make_brief, smtp_server):
    server = smtp_server(Handler(reject={"gov@example.org"}))
    brief = make_brief()
    run = send(cli, brief, server.env)
    assert run.returncode == 1
    assert sorted(r.rcpt_tos[0] for r in server.received) == ["gov-office@example.org", "leader@example.org"]
    [line] = [l for l in run.stderr.splitlines() if "gov@example.org" in l]
    assert line.startswith("book.yaml:2:") or "book.yaml:2:" in line  # where the address is written
    assert "550" in line and "区政府办公室" in line
    assert "2 sent, 0 already sent, 1 failed" in run.stdout

    # the mailbox is fixed: only the copy that failed goes out
    server.handler.reject.clear()
    again = send(cli, brief, server.env)
    assert again.returncode == 0
    assert [r.rcpt_tos[0] for r in server.received[2:]] == ["gov@example.org"]


def test_unreachable_server_gives_up_after_retries(cli, make_brief):
    from .conftest import free_port

    brief = make_brief(email="  to: [leader@example.org]")
    env = {"BRIEFMAKER_SMTP_HOST": "127.0.0.1", "BRIEFMAKER_SMTP_PORT": str(free_port()),
           "BRIEFMAKER_SMTP_SECURITY": "none", "BRIEFMAKER_SMTP_FROM": "office@example.org",
           "BRIEFMAKER_SMTP_RETRY_DELAY": "0.01", "BRIEFMAKER_SMTP_RETRIES": "3"}
    run = send(cli, brief, env)
    assert run.returncode == 1
    assert "after 3 attempts" in run.stderr
    rows = sqlite3.connect(brief.parent / "out" / ".deliveries.sqlite").execute("SELECT * FROM deliveries").fetchall()
    assert rows == []  # nothing recorded: the next run sends it


def test_chinese_messages(cli, make_brief, smtp_server):
    server = smtp_server(Handler(reject={"leader@example.org"}))
    brief = make_brief(email="  to: [leader@example.org]")
    run = cli("send", brief, "-o", brief.parent / "out", env=server.env, lang="zh_CN.UTF-8")
    assert run.returncode == 1
    assert "未送达" in run.stderr and "失败 1 封" in run.stdout


def test_implicit_tls(cli, make_brief, smtp_server, tls):
    context, cafile = tls
    server = smtp_server(security="ssl", tls=context, cafile=cafile)
    brief = make_brief(email="  to: [leader@example.org]")
    run = send(cli, brief, server.env)
    assert run.returncode == 0, run.stderr
    assert server.received[0].message["Subject"] == TITLE
