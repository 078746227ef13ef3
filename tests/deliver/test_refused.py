"""Bad input is refused with located errors before any connection; --dry-run writes .eml files."""
from __future__ import annotations

from email import message_from_bytes, policy

import pytest

from .conftest import TITLE


def send(cli, brief, env, *extra, lang="C.UTF-8"):
    return cli("send", brief, "-o", brief.parent / "out", *extra, env=env, lang=lang)


def refused(run, server, *needles):
    assert run.returncode == 1, run.stdout + run.stderr
    assert "Traceback" not in run.stderr
    assert server.received == [] and server.handler.data_attempts == 0
    for needle in needles:
        assert needle in run.stderr, run.stderr
    return run.stderr


def test_subject_that_expands_to_a_line_break_is_header_injection(cli, make_brief, smtp_server):
    server = smtp_server()
    brief = make_brief(email="  to: [leader@example.org]\n  subject: \"总结 {{ note }}\"",
                       note="x\\nBcc: victim@example.org")
    err = refused(send(cli, brief, server.env), server, "changxing.yaml:16:12: email.subject:", "line break")
    assert "victim" in err  # the offending text is shown, escaped


def test_recipient_name_with_a_line_break_is_refused(cli, make_brief, smtp_server):
    server = smtp_server()
    brief = make_brief(email='  to: [{name: "区委\\nBcc: x@example.org", address: leader@example.org}]')
    refused(send(cli, brief, server.env), server, "email.to[0].name", "line break")


def test_malformed_addresses_are_located(cli, make_brief, smtp_server):
    server = smtp_server()
    brief = make_brief(email="  to: [leader@example.org, bad@@example.org, {address: 'no-domain@localhost'}]")
    err = refused(send(cli, brief, server.env), server)
    assert "changxing.yaml:15:28: email.to[1]: 'bad@@example.org' is not an email address" in err
    assert "email.to[2].address: 'no-domain@localhost' is not an email address" in err


def test_malformed_address_in_the_book_points_into_the_book(cli, make_brief, smtp_server):
    server = smtp_server()
    brief = make_brief(book="区委办公室: leader@example.org\n区政府办公室: gov at example.org\n")
    refused(send(cli, brief, server.env), server, "book.yaml:2:9: 区政府办公室: 'gov at example.org'")


def test_unknown_name_gets_a_suggestion(cli, make_brief, smtp_server):
    server = smtp_server()
    brief = make_brief(email="  address_book: book.yaml\n  to: [区委办公厅]")
    refused(send(cli, brief, server.env), server, "email.to[0]: '区委办公厅' is not in the address book book.yaml",
            "did you mean '区委办公室'?")


def test_to_on_the_command_line_is_checked(cli, make_brief, smtp_server):
    server = smtp_server()
    brief = make_brief()
    refused(send(cli, brief, server.env, "--to", "a@example.org\r\nBcc: b@example.org"), server,
            "--to: ", "line break")
    refused(send(cli, brief, server.env, "--to", "nobody"), server, "--to: 'nobody' is not an email address")


def test_brief_that_fails_to_build_sends_nothing_for_any_brief(cli, make_brief, smtp_server):
    server = smtp_server()
    good = make_brief(email="  to: [leader@example.org]")
    bad = make_brief(name="broken.yaml")
    bad.write_text(bad.read_text(encoding="utf-8").replace("disputes.found", "disputes.fonud"), encoding="utf-8")
    err = refused(cli("send", good, bad, "-o", good.parent / "out", env=server.env), server,
                  "broken.yaml:11:", "no data named 'disputes.fonud'")
    assert "changxing" not in err


def test_no_recipients_and_no_book(cli, make_brief, smtp_server):
    server = smtp_server()
    brief = make_brief(email="  subject: 总结")
    refused(send(cli, brief, server.env), server, "'区委办公室' is not an email address, and the brief names no address book")


def test_bad_settings_are_refused_with_the_variable_named(cli, make_brief, smtp_server):
    server = smtp_server()
    brief = make_brief()
    run = send(cli, brief, {**server.env, "BRIEFMAKER_SMTP_SECURITY": "tls", "BRIEFMAKER_SMTP_PORT": "99999"})
    err = refused(run, server, "BRIEFMAKER_SMTP_SECURITY: ", "'tls'", "BRIEFMAKER_SMTP_PORT: ")
    assert not (brief.parent / "out").exists()  # refused before building
    run = send(cli, brief, {**server.env, "BRIEFMAKER_SMTP_FROM": ""}, lang="zh_CN.UTF-8")
    refused(run, server, "BRIEFMAKER_SMTP_FROM: 未设置")
    assert "out" not in err


def test_unknown_attachment_format(cli, make_brief, smtp_server):
    server = smtp_server()
    refused(send(cli, make_brief(), server.env, "--attach", "pdf,odt"), server, "--attach: unknown attachment format 'odt'")


def test_dry_run_writes_eml_files_and_sends_nothing(cli, make_brief, smtp_server):
    server = smtp_server()
    brief = make_brief()
    env = {**server.env, "BRIEFMAKER_SMTP_PASSWORD": "do-not-leak"}
    run = send(cli, brief, env, "--dry-run")
    assert run.returncode == 0, run.stderr
    assert server.received == [] and server.handler.data_attempts == 0
    out = brief.parent / "out"
    emls = sorted(out.glob("*.eml"))
    assert [p.name for p in emls] == ["changxing.gov-office@example.org.eml", "changxing.gov@example.org.eml",
                                      "changxing.leader@example.org.eml"]
    assert not (out / ".deliveries.sqlite").exists()
    for path in emls:
        raw = path.read_bytes()
        assert b"do-not-leak" not in raw
        msg = message_from_bytes(raw, policy=policy.default)
        assert msg["Subject"] == TITLE
        [attachment] = msg.iter_attachments()
        assert attachment.get_filename() == f"{TITLE}.pdf"
        assert attachment.get_content() == (out / "changxing.pdf").read_bytes()
    # a dry run needs no SMTP settings at all
    bare = cli("send", brief, "-o", out, "--dry-run", "--to", "张三 <zhang@example.org>")
    assert bare.returncode == 0, bare.stderr
    msg = message_from_bytes((out / "changxing.zhang@example.org.eml").read_bytes(), policy=policy.default)
    assert str(msg["To"]) == "张三 <zhang@example.org>"


def test_subject_and_body_templates(cli, make_brief, smtp_server):
    server = smtp_server()
    brief = make_brief(email="  to: [leader@example.org]\n"
                             "  subject: \"{{ meta.unit }}{{ meta.year }}年工作总结（报送稿）\"\n"
                             "  body: |\n    各位领导：\n      全年化解纠纷{{ disputes.resolved }}起，详见附件。\n")
    run = send(cli, brief, server.env)
    assert run.returncode == 0, run.stderr
    msg = server.received[0].message
    assert msg["Subject"] == "长兴路街道办事处2020年工作总结（报送稿）"
    assert msg.get_body(("plain",)).get_content().replace("\r\n", "\n") == "各位领导：\n  全年化解纠纷241起，详见附件。\n"


def test_template_error_in_body_is_located(cli, make_brief, smtp_server):
    server = smtp_server()
    brief = make_brief(email="  to: [leader@example.org]\n  body: \"化解{{ disputes.resolvd }}起\"")
    refused(send(cli, brief, server.env), server, "changxing.yaml:16:9: email.body:",
            "no data named 'disputes.resolvd' (did you mean 'disputes.resolved'?)")


HEADER_CASES = {
    "line separator": ('  subject: "总结\\u2028Bcc: victim@example.org"', "email.subject:", "line break"),
    "next line": ('  subject: "总\\x85结"', "email.subject:", "line break"),
    "escape": ('  subject: "总结\\e[31m"', "email.subject:", "U+001B"),
    "bidi override": ('  subject: "总结\\u202Efdp.exe"', "email.subject:", "U+202E"),
    "over-long": ("  subject: " + "长" * 1000, "email.subject:", "1000 characters is too long"),
    "name": ('  to: [{name: "区委\\u2029办公室", address: leader@example.org}]', "email.to[0].name:", "line break"),
    "address": ('  to: ["leader@exam\\u2028ple.org"]', "email.to[0]:", "line break"),
}


def test_every_header_of_every_brief_is_checked_before_the_first_message(cli, make_brief, smtp_server):
    server = smtp_server()
    good = make_brief(email="  to: [leader@example.org]", name="a-good.yaml")
    bad = {}
    for case, (email, where, needle) in HEADER_CASES.items():
        name = f"z-{case.replace(' ', '-')}.yaml"
        bad[name] = (where, needle)
        make_brief(email=("  to: [leader@example.org]\n" if "subject" in email else "") + email, name=name)
    briefs = [good] + [good.parent / name for name in bad]
    err = refused(cli("send", *briefs, "-o", good.parent / "out", env=server.env), server)
    lines = err.splitlines()
    assert len(lines) == len(bad), err  # every problem of every brief at once, one line each
    for name, (where, needle) in bad.items():
        [line] = [line for line in lines if f"{name}:" in line]
        assert where in line and needle in line, line
    assert "a-good" not in err


def test_sender_with_a_control_character_is_refused(cli, make_brief, smtp_server):
    server = smtp_server()
    brief = make_brief(email="  to: [leader@example.org]")
    run = send(cli, brief, {**server.env, "BRIEFMAKER_SMTP_FROM": "街\u2028道办 <office@example.org>"})
    refused(run, server, "BRIEFMAKER_SMTP_FROM: ", "line break")


def _log_refused(run, server, needle):
    err = refused(run, server, ".deliveries.sqlite: ", needle)
    assert err.count("\n") == 1, err  # one located line, nothing else
    return err


def test_delivery_log_that_is_garbage_is_refused(cli, make_brief, smtp_server):
    server = smtp_server()
    brief = make_brief()
    (brief.parent / "out").mkdir()
    (brief.parent / "out" / ".deliveries.sqlite").write_bytes(b"\x00garbage" * 1000)
    _log_refused(send(cli, brief, server.env), server, "is not an SQLite database")
    (brief.parent / "out" / ".deliveries.sqlite").write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    _log_refused(send(cli, brief, server.env), server, "not an SQLite database")


def test_delivery_log_that_is_a_directory_is_refused(cli, make_brief, smtp_server):
    server = smtp_server()
    brief = make_brief()
    (brief.parent / "out" / ".deliveries.sqlite").mkdir(parents=True)
    _log_refused(send(cli, brief, server.env), server, "the delivery log is not a file")


def test_delivery_log_of_another_program_is_refused(cli, make_brief, smtp_server):
    import sqlite3

    server = smtp_server()
    brief = make_brief()
    (brief.parent / "out").mkdir()
    db = sqlite3.connect(brief.parent / "out" / ".deliveries.sqlite")
    db.execute("CREATE TABLE deliveries (id INTEGER)")
    db.commit()
    db.close()
    _log_refused(send(cli, brief, server.env), server, "not one briefmaker wrote")


def test_locked_delivery_log_is_refused_after_the_timeout(cli, make_brief, smtp_server):
    import sqlite3

    from briefmaker.deliver.log import DeliveryLog

    server = smtp_server()
    brief = make_brief()
    DeliveryLog(brief.parent / "out").close()
    holder = sqlite3.connect(brief.parent / "out" / ".deliveries.sqlite", isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        run = send(cli, brief, {**server.env, "BRIEFMAKER_SMTP_TIMEOUT": "1"})
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    _log_refused(run, server, "locked by another program (waited 1 s)")
