"""`send --data units.csv`: one brief per row of a data table, each to the row's own recipients."""
from __future__ import annotations

TEMPLATE = """\
meta:
  title: "{{ unit.name }}2020年工作总结"
data:
  unit: {name: 示例街道, leader: 示例, email: x@example.org}
  disputes: {found: 1}
sections:
  - title: 社会大局保持和谐稳定
    body:
      - 排查矛盾{{ disputes.found }}起。
email:
  to: ["{{ unit.leader }} <{{ unit.email }}>"]
"""


def test_each_row_goes_to_its_own_recipient(cli, smtp_server, tmp_path):
    server = smtp_server()
    (tmp_path / "_template.yaml").write_text(TEMPLATE, encoding="utf-8")
    (tmp_path / "units.csv").write_text("unit.name,unit.leader,unit.email,disputes.found\n"
                                        "青桐路街道,王主任,qingtong@example.org,225\n"
                                        "枫林街道,李主任,fenglin@example.org,169\n", encoding="utf-8")
    args = ("send", tmp_path / "_template.yaml", "--data", tmp_path / "units.csv", "-o", tmp_path / "out")
    run = cli(*args, env=server.env)
    assert run.returncode == 0, run.stderr
    got = {r.rcpt_tos[0]: r.message for r in server.received}
    assert set(got) == {"qingtong@example.org", "fenglin@example.org"}
    msg = got["fenglin@example.org"]
    assert msg["Subject"] == "枫林街道2020年工作总结" and msg["To"].addresses[0].display_name == "李主任"
    [attachment] = msg.iter_attachments()
    assert attachment.get_filename() == "枫林街道2020年工作总结.pdf"
    assert attachment.get_content() == (tmp_path / "out" / "枫林街道.pdf").read_bytes()

    again = cli(*args, env=server.env)
    assert again.returncode == 0 and "0 sent, 2 already sent" in again.stdout
    assert len(server.received) == 2


def test_a_bad_row_address_refuses_the_run(cli, smtp_server, tmp_path):
    server = smtp_server()
    (tmp_path / "_template.yaml").write_text(TEMPLATE, encoding="utf-8")
    (tmp_path / "units.csv").write_text("unit.name,unit.email\n青桐路街道,qingtong@example.org\n"
                                        "枫林街道,fenglin.example.org\n", encoding="utf-8")
    run = cli("send", tmp_path / "_template.yaml", "--data", tmp_path / "units.csv", "-o", tmp_path / "out",
              env=server.env)
    assert run.returncode == 1
    assert "'fenglin.example.org' is not an email address" in run.stderr
    assert server.received == []
