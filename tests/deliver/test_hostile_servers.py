"""`briefmaker send` against SMTP servers that misbehave on purpose (tests/deliver/hostile.py).

Whatever the server does, every recipient ends with exactly one copy, or none and the run
says so, or the copy is reported *in doubt* (exit status 3); and the run ends within its
deadlines. Times are asserted only as generous upper bounds on a whole run.
"""
from __future__ import annotations

import subprocess
import sys
import time

import pytest

from ..conftest import ROOT
from .hostile import HostileServer

ADDRESSES = [f"u{i:02d}@example.org" for i in range(1, 4)]


def brief_to(make_brief, addresses):
    return make_brief(email="  to: [" + ", ".join(addresses) + "]")


def timed(cli, brief, env, *extra):
    """Run ``send`` to the end; returns (CompletedProcess, seconds it took)."""
    started = time.monotonic()
    run = cli("send", brief, "-o", brief.parent / "out", *extra, env=env)
    assert "Traceback" not in run.stderr, run.stderr
    return run, time.monotonic() - started


def rows(brief):
    from briefmaker.deliver.log import DeliveryLog

    with DeliveryLog(brief.parent / "out") as log:
        return {address: state for _, address, state, _, _ in log.rows()}


def test_silent_and_trickling_servers_fail_the_run_within_a_minute_at_the_defaults(make_brief, tmp_path):
    # the cases with the shipped defaults: a server that accepts and says nothing, and one
    # that sends its greeting one byte per 25 s (each byte well within any per-read timeout)
    with HostileServer("silent") as silent, HostileServer("trickle", interval=25) as trickle:
        runs = {}
        for name, server in (("silent", silent), ("trickle", trickle)):
            folder = tmp_path / name
            folder.mkdir()
            brief = (folder / "b.yaml")
            brief.write_text(brief_to(make_brief, ADDRESSES).read_text(encoding="utf-8"), encoding="utf-8")
            (folder / "book.yaml").write_text("{}\n", encoding="utf-8")
            runs[name] = (subprocess.Popen(
                [sys.executable, "-m", "briefmaker", "send", str(brief), "-o", str(folder / "out")],
                env=_env(server.env()), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True),
                time.monotonic())
        for name, (proc, started) in runs.items():
            out, err = proc.communicate(timeout=120)
            took = time.monotonic() - started
            assert proc.returncode == 1, err
            assert took < 60, (name, took)
            assert "Traceback" not in err
            assert err.count("the server did not answer within 30 s (BRIEFMAKER_SMTP_TIMEOUT)") == 3, err
            assert "0 sent, 0 already sent, 3 failed, 0 in doubt" in out
        assert silent.connections == 1 and trickle.connections == 1  # no retry of a server that stays silent


def _env(extra):
    import os

    env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES", "LANGUAGE")}
    env.update(LANG="C.UTF-8", PYTHONPATH=str(ROOT / "src"), **extra)
    return env


def test_trickled_greeting_times_out_as_a_whole(cli, make_brief):
    with HostileServer("trickle", interval=0.5) as server:  # every byte within 2 s, the greeting not
        run, took = timed(cli, brief_to(make_brief, ADDRESSES[:1]), server.env(timeout=2))
    assert run.returncode == 1 and took < 40
    assert "did not answer within 2 s" in run.stderr


def test_endless_ehlo_answer_is_cut_off(cli, make_brief):
    with HostileServer("endless") as server:
        run, took = timed(cli, brief_to(make_brief, ADDRESSES), server.env(timeout=10))
    assert run.returncode == 1 and took < 60
    assert run.stderr.count("the server's answer ran past 100 lines") == 3
    assert server.connections == 1


def test_dead_server_fails_three_recipients_quickly_at_the_defaults(cli, make_brief):
    from .conftest import free_port

    env = {"BRIEFMAKER_SMTP_HOST": "127.0.0.1", "BRIEFMAKER_SMTP_PORT": str(free_port()),
           "BRIEFMAKER_SMTP_SECURITY": "none", "BRIEFMAKER_SMTP_FROM": "office@example.org"}
    run, took = timed(cli, brief_to(make_brief, ADDRESSES), env)
    assert run.returncode == 1 and took < 60
    assert "not delivered after 4 attempts" in run.stderr  # 2 + 4 + 8 s of backoff, once for the run
    assert run.stderr.count("(earlier in this run)") == 2


def test_drop_mid_data_is_retried_or_in_doubt_never_twice(cli, make_brief):
    with HostileServer("drop_mid_data") as server:
        brief = brief_to(make_brief, ADDRESSES)
        run, took = timed(cli, brief, server.env(retry_delay=0.01, timeout=5))
        copies = server.copies()
    assert took < 60
    assert server.dropped == set(ADDRESSES)  # each first attempt was cut off
    states = rows(brief)
    for address in ADDRESSES:
        # a drop noticed before the final "." is sent is retried; one noticed after it is in doubt
        assert (copies.get(address, 0), states.get(address)) in ((1, "sent"), (0, "in_doubt")), (address, run.stderr)
    assert run.returncode == (3 if "in_doubt" in states.values() else 0), run.stderr


def test_stored_then_silent_is_in_doubt_and_only_force_resends_it(cli, make_brief):
    brief = brief_to(make_brief, ADDRESSES)
    with HostileServer("store_then_silence") as server:
        run, took = timed(cli, brief, server.env(timeout=2))
        assert run.returncode == 3 and took < 60, run.stderr
        [(first, _)] = server.stored
        assert "in doubt: the message was sent but the server's answer never came" in run.stderr
        assert "did not answer within 2 s" in run.stderr
        assert "0 sent, 0 already sent, 2 failed, 1 in doubt" in run.stdout
        assert rows(brief) == {first: "in_doubt"}  # the others were never handed over: a rerun sends them

        server.mode = "normal"
        again, _ = timed(cli, brief, server.env(timeout=2))
        assert again.returncode == 3
        assert server.copies() == {a: 1 for a in ADDRESSES}  # the copy in doubt was not sent again
        assert f"<{first}>" not in again.stdout and "in doubt" in again.stderr

        forced, _ = timed(cli, brief, server.env(timeout=2), "--to", first, "--force")
        assert forced.returncode == 0, forced.stderr
        assert server.copies()[first] == 2
        one, two = server.message_ids(first)
        assert one == two  # the same Message-ID: the receiver can drop the duplicate
    assert rows(brief)[first] == "sent"


def test_421_and_451_are_retried_550_is_not(cli, make_brief):
    with HostileServer("busy", busy=2, reject={"u03@example.org"}) as server:
        brief = brief_to(make_brief, ADDRESSES)
        run, took = timed(cli, brief, server.env(retry_delay=0.01))
        assert run.returncode == 1 and took < 60
        assert server.copies() == {"u01@example.org": 1, "u02@example.org": 1}
        assert server.rcpt_attempts["u03@example.org"] == 1  # a 5xx answer is final
        assert "the server answered 550" in run.stderr
        assert "2 sent, 0 already sent, 1 failed, 0 in doubt" in run.stdout


def test_endless_4xx_gives_up_within_the_run_deadline(cli, make_brief):
    with HostileServer("busy", busy=10**6) as server:
        brief = brief_to(make_brief, ADDRESSES)
        run, took = timed(cli, brief, server.env(retry_delay=1, retries=20, run_deadline=4))
    assert run.returncode == 1 and took < 60
    assert server.stored == []
    assert "451" in run.stderr
    assert rows(brief) == {}


@pytest.mark.parametrize("trial", range(3))
def test_two_senders_at_once_send_each_copy_once(make_brief, smtp_server, trial):
    from .conftest import Handler

    server = smtp_server(Handler())
    addresses = [f"r{i:02d}@example.org" for i in range(30)]
    brief = brief_to(make_brief, addresses)
    args = [sys.executable, "-m", "briefmaker", "send", str(brief), "-o", str(brief.parent / "out")]
    procs = [subprocess.Popen(args, env=_env(server.env), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for _ in range(2)]
    results = [p.communicate(timeout=240) for p in procs]
    for proc, (out, err) in zip(procs, results):
        assert proc.returncode == 0, err
        assert "Traceback" not in err
    got = [r.rcpt_tos[0] for r in server.received]
    assert sorted(got) == sorted(addresses)  # every recipient exactly one copy
    sent = [int(out.rsplit("\n", 2)[-2].split(" sent")[0]) for out, _ in results]
    assert sum(sent) == 30
