"""Checking one email address (and display name) before it can reach a mail header."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import Location, Problem
from ..i18n import LocalText

_LOCAL = re.compile(r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+$")
_LABEL = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$")
_NAMED = re.compile(r"^\s*(.*?)\s*<([^<>]*)>\s*$", re.S)

_REASONS = {
    "at": ("it needs exactly one @", "应含且只含一个 @"),
    "local": ("the part before @ may hold only Latin letters, digits and . _ + - etc.",
              "@ 前只能有拉丁字母、数字和 . _ + - 等符号"),
    "domain": ("the part after @ must be a domain such as example.gov.cn", "@ 后应为域名，如 example.gov.cn"),
    "long": ("it is longer than 254 characters", "超过 254 个字符"),
}


@dataclass(frozen=True)
class Recipient:
    """One person or office to send to: a display name (may be empty) and a checked address."""

    name: str
    address: str
    source: Location

    def __str__(self) -> str:
        return f"{self.name} <{self.address}>" if self.name else self.address


def address_problem(address: str, where: Location) -> Problem | None:
    """Why ``address`` cannot be used as a plain ASCII ``local@domain``, or None when it can."""
    if "\n" in address or "\r" in address:
        return Problem(where, "email_newline", {"what": repr(address)})
    reason = None
    if len(address) > 254:
        reason = "long"
    elif address.count("@") != 1:
        reason = "at"
    else:
        local, domain = address.split("@")
        labels = domain.split(".")
        if not local or not _LOCAL.match(local) or local.startswith(".") or local.endswith(".") or ".." in local:
            reason = "local"
        elif len(labels) < 2 or not all(_LABEL.match(label) for label in labels) or labels[-1].isdigit():
            reason = "domain"
    if reason:
        return Problem(where, "email_bad_address", {"value": address, "reason": LocalText(*_REASONS[reason])})
    return None


def recipient(name: str | None, address: str, where: Location) -> tuple[Recipient | None, list[Problem]]:
    """A checked Recipient, or the problems with its name or address."""
    name = (name or "").strip()
    address = address.strip()
    problems = []
    if "\n" in name or "\r" in name:
        problems.append(Problem(where, "email_newline", {"what": repr(name)}))
    bad = address_problem(address, where)
    if bad:
        problems.append(bad)
    return (None, problems) if problems else (Recipient(name, address, where), [])


def parse_recipient(text: str, where: Location) -> tuple[Recipient | None, list[Problem]]:
    """``addr`` or ``Name <addr>`` (as given with --to) → a checked Recipient."""
    match = _NAMED.match(text)
    if match:
        return recipient(match.group(1).strip('"'), match.group(2), where)
    return recipient(None, text, where)
