"""`briefmaker send`: build each brief, check every message, then send each copy exactly once.

:func:`plan` does everything that can fail on the user's input — building, recipients,
subject, attachments — and refuses the whole run with located errors before any connection.
:func:`deliver` then sends (or writes .eml files) and returns one :class:`Outcome` per copy.
"""
from __future__ import annotations

import hashlib
import os
import time
from dataclasses import dataclass
from email.utils import parseaddr
from pathlib import Path

from ..errors import BriefError, Location, Problem
from .addresses import Recipient, header_problem, parse_recipient
from .message import attachment_name, build_message, default_body, message_id
from .recipients import resolve_recipients
from .settings import KEYS, SmtpSettings, require
from .templates import brief_expander, expand, one_line

ATTACH_FORMATS = ("pdf", "docx")


@dataclass(frozen=True)
class Planned:
    """One brief's message, checked and ready: who it goes to, what it says, what it carries."""

    brief: Path
    recipients: tuple[Recipient, ...]
    subject: str
    body: str
    attachments: tuple[tuple[Path, str], ...]  # the file and the name the recipient sees
    content_hash: str  # of the attachments' names and bytes: the delivery log's key
    warnings: tuple[Problem, ...] = ()
    unit: str = ""  # how the user knows it: the brief's file name, or the table row
    stem: str = ""  # the outputs' name without suffix


@dataclass(frozen=True)
class Outcome:
    """What happened to one copy: 'sent', 'skipped' (sent before), 'written' (.eml), 'failed' (not
    delivered) or 'in_doubt' (its text went out but the server's answer never came)."""

    brief: Path
    recipient: Recipient
    status: str
    problem: Problem | None = None
    path: Path | None = None
    unit: str = ""


def parse_attach(text: str) -> tuple[str, ...]:
    """``pdf,docx`` → ('pdf', 'docx'); raises a BriefError located at --attach for unknown ones."""
    formats = tuple(dict.fromkeys(f.strip().lower() for f in text.split(",") if f.strip()))
    unknown = [f for f in formats if f not in ATTACH_FORMATS]
    if unknown or not formats:
        raise BriefError([Problem(Location("--attach"), "email_attach_unknown", {"name": unknown[0] if unknown else text})])
    return formats


def plan(briefs: list[str | os.PathLike], outdir: str | os.PathLike, attach: tuple[str, ...] = ("pdf",),
         to: list[str] | None = None, *, data: str | os.PathLike | None = None,
         name: str | None = None) -> list[Planned]:
    """Build every brief into ``outdir`` and check every message; raises BriefError with all problems.

    With ``data`` (a CSV/XLSX table) the one brief is a template built once per row, as
    ``briefmaker build --data`` does (``name``: the output-name pattern); its recipients may quote
    the row, e.g. ``to: ["{{ unit.leader }} <{{ unit.email }}>"]``. Nothing is sent here: a brief
    that fails to build, an unusable address, a subject with a line break or a missing attachment
    refuses the whole run.
    """
    from .log import check_log

    check_log(outdir)  # a log that cannot be used refuses the run before anything is built
    problems: list[Problem] = []
    planned = []
    for brief, row, stem, unit, known in _units(briefs, data, name, outdir, attach, problems):
        if known:
            problems += known
            continue
        try:
            item = _plan_one(brief, row, stem, unit, outdir, attach, to, problems)
        except BriefError as exc:
            problems += exc.problems
            continue
        if item:
            planned.append(item)
    if problems:
        raise BriefError(problems)
    return planned


def _units(briefs, data, name, outdir, attach, problems):
    """(brief, row, output stem, label, problems found already) for each message to plan."""
    if data is None:
        return [(b, None, None, Path(b).name, ()) for b in briefs]
    from ..batch import row_tasks
    from ..brief.table import read_table

    try:
        rows = read_table(data)
    except BriefError as exc:
        problems += exc.problems
        return []
    return [(t.brief, t.row, t.name, t.label, t.problems)
            for brief in briefs for t in row_tasks(str(brief), rows, name, outdir=str(outdir), formats=attach)]


def _plan_one(brief, row, stem, unit, outdir, attach, to, problems) -> Planned | None:
    from ..build import build, prepare

    loaded, style, document = prepare(brief, row=row)
    expander = brief_expander(loaded, style)
    recipients = resolve_recipients(loaded, expander, to)
    email = loaded.brief.email
    title = document.meta.title
    if email and email.subject:
        subject, errs = one_line(expander, loaded, ("email", "subject"), email.subject)
    else:
        subject = title.strip()
        bad = header_problem(subject, loaded.locate(("meta", "title")))
        errs = [bad] if bad else []
    body, body_errs = (expand(expander, loaded, ("email", "body"), email.body)
                       if email and email.body else (default_body(subject, loaded.brief.meta.unit), []))
    if errs or body_errs:
        problems += errs + body_errs
        return None
    for rec in recipients:  # every header of every copy, exactly as it will be written
        try:
            build_message("briefmaker@localhost", rec, subject, body, [], message_id="<check@localhost>").as_bytes()
        except Exception as exc:  # noqa: BLE001 - whatever the email package refuses is the user's input
            problems.append(Problem(rec.source, "email_header_bad", {"recipient": str(rec), "detail": str(exc)}))
            return None
    result = build(brief, outdir, attach, row=row, name=stem)
    files = tuple(p for fmt in ATTACH_FORMATS for p in result.outputs if p.suffix == f".{fmt}")
    missing = [Problem(Location(str(p)), "email_attachment_missing", {"name": p.name})
               for p in files if not p.is_file()]
    if missing:
        problems += missing
        return None
    named = tuple((p, attachment_name(title, p)) for p in files)
    return Planned(Path(brief), tuple(recipients), subject, body, named, _content_hash(named),
                   tuple(result.warnings), unit=unit, stem=stem or Path(brief).stem)


def _content_hash(files: tuple[tuple[Path, str], ...]) -> str:
    digest = hashlib.sha256()
    for path, name in files:
        data = path.read_bytes()
        digest.update(f"{name}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()


def check_sender(settings: SmtpSettings, dry_run: bool) -> str:
    """The From address: checked for a real send (raises BriefError), a stand-in for a dry run."""
    if dry_run and not settings.sender:
        return "briefmaker@localhost"
    problems = require(settings) if not dry_run else []
    if settings.sender:
        rec, errs = parse_recipient(settings.sender, Location(KEYS["from"]))
        problems += errs
    if problems:
        raise BriefError(problems)
    return str(rec)


def deliver(planned: list[Planned], outdir: str | os.PathLike, settings: SmtpSettings, *, dry_run: bool = False,
            force: bool = False, sleep=time.sleep, on_outcome=None) -> list[Outcome]:
    """Send each planned copy exactly once, even with other runs on the same folder at the same time.

    Each copy is claimed in ``outdir``'s delivery log before it is sent, so another run skips it
    (or waits for it); it is recorded *sent* the moment the server accepts it, so a run that
    stops midway can be repeated. A copy whose text went out without an answer is *in doubt*:
    reported ('in_doubt'), and never sent again unless ``force`` (which also resends sent ones).
    ``dry_run`` writes ``outdir/<stem>.<address>.eml`` instead and neither connects nor touches
    the log. ``on_outcome`` (if given) is called with each Outcome as it happens. A log that
    cannot be used raises a located BriefError before anything is sent.
    """
    from ..infra.atomic import write_atomic
    from .log import DeliveryLog
    from .smtp import Transport

    sender = check_sender(settings, dry_run)
    outdir = Path(outdir)
    outcomes: list[Outcome] = []

    def done(outcome: Outcome) -> None:
        outcomes.append(outcome)
        if on_outcome:
            on_outcome(outcome)

    if dry_run:
        for item in planned:
            for rec in item.recipients:
                msg = build_message(sender, rec, item.subject, item.body, list(item.attachments),
                                    message_id=message_id(item.content_hash, rec.address, sender))
                target = outdir / f"{item.stem}.{rec.address}.eml"
                write_atomic(target, msg.as_bytes())
                done(Outcome(item.brief, rec, "written", path=target, unit=item.unit))
        return outcomes

    envelope = parseaddr(sender)[1]
    # a claim outlives the longest a holder may legitimately take: opening, one message, one backoff
    lease = 2 * settings.connection_deadline + settings.retry_delay * 2 ** max(0, settings.attempts - 2) + 30
    with DeliveryLog(outdir, busy_timeout=settings.timeout) as log, Transport(settings, sleep=sleep) as transport:

        def attempt(item: Planned, rec: Recipient) -> bool:
            """Claim and send one copy; False when another run holds it (try again later)."""
            key, address = item.content_hash, rec.address
            mid = message_id(key, address, sender)
            claim = log.claim(key, address, item.unit, mid, lease=lease, force=force)
            if claim.state == "held":
                return False
            if claim.state == "sent":
                done(Outcome(item.brief, rec, "skipped", unit=item.unit))
                return True
            if claim.state == "in_doubt":
                done(Outcome(item.brief, rec, "in_doubt", Problem(rec.source, "send_uncertain", {
                    "recipient": str(rec), "detail": claim.detail or "?"}), unit=item.unit))
                return True
            data = build_message(sender, rec, item.subject, item.body, list(item.attachments),
                                 message_id=mid).as_bytes()
            try:
                failure = transport.send(data, envelope, address,
                                         before_attempt=lambda: log.renew(key, address, lease),
                                         before_body=lambda: log.sending(key, address))
            except BaseException:  # interrupted: a copy whose text had started to go out is in doubt
                _abandon(log, key, address)
                raise
            if failure is None:
                log.sent(key, address)
                done(Outcome(item.brief, rec, "sent", unit=item.unit))
            elif failure.kind == "lost":
                return False
            elif failure.kind == "in_doubt":
                log.in_doubt(key, address, str(failure.detail))
                done(Outcome(item.brief, rec, "in_doubt", Problem(rec.source, "send_in_doubt", {
                    "recipient": str(rec), "detail": failure.detail}), unit=item.unit))
            else:
                log.release(key, address)
                done(Outcome(item.brief, rec, "failed", _failure_problem(rec, failure), unit=item.unit))
            return True

        waiting = [(item, rec) for item in planned for rec in item.recipients if not attempt(item, rec)]
        while waiting:  # copies another run holds: wait until it has sent them, given them up, or lapsed
            if time.monotonic() >= transport.run_ends:
                for item, rec in waiting:
                    done(Outcome(item.brief, rec, "failed", Problem(rec.source, "send_held", {
                        "recipient": str(rec)}), unit=item.unit))
                break
            sleep(0.2)
            waiting = [(item, rec) for item, rec in waiting if not attempt(item, rec)]
    return outcomes


def _abandon(log, key: str, address: str) -> None:
    """After an interrupt: give the claim back, or mark it in doubt if its text had started to go out."""
    try:
        if log.state(key, address) == "sending":
            log.in_doubt(key, address, "interrupted")
        else:
            log.release(key, address)
    except BriefError:
        pass  # the log itself failed; a later run finds the row and judges it


def _failure_problem(rec: Recipient, failure) -> Problem:
    params = {"recipient": str(rec), "detail": failure.detail}
    if failure.earlier:
        return Problem(rec.source, "send_not_tried", {**params, "detail": _detail(failure)})
    if failure.kind == "permanent":
        return Problem(rec.source, "send_rejected", {**params, "reply": failure.code or ""})
    if failure.kind == "temporary":
        return Problem(rec.source, "send_gave_up", {**params, "attempts": failure.attempts,
                                                     "detail": _detail(failure)})
    return Problem(rec.source, "send_failed", {**params, "detail": _detail(failure)})


def _detail(failure) -> str:
    return f"{failure.code} {failure.detail}" if failure.code else failure.detail

