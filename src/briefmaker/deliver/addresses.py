"""Checking one email address (and display name) before it can reach a mail header."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ..errors import Location, Problem
from ..i18n import LocalText

_LOCAL = re.compile(r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+$")
_LABEL = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$")
_NAMED = re.compile(r"^\s*(.*?)\s*<([^<>]*)>\s*$", re.S)

MAX_HEADER_CHARS = 998  # RFC 5322's longest line: far beyond any real subject or name
# what str.splitlines() breaks at: the email package refuses these in a header
_LINE_BREAKS = frozenset("\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029")
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")

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


def unsafe_character(text: str) -> str | None:
    """The first character that may not stand in a mail header, or None.

    Line breaks of any kind (also U+0085, U+2028, U+2029), control characters other than tab,
    lone surrogates and the bidirectional overrides that make a name read backwards.
    """
    for char in text:
        if char in _LINE_BREAKS or char in _BIDI_CONTROLS:
            return char
        if char != "\t" and unicodedata.category(char) in ("Cc", "Cs"):
            return char
    return None


def header_problem(text: str, where: Location) -> Problem | None:
    """Why ``text`` cannot be a header value (subject, display name, address), or None when it can."""
    bad = unsafe_character(text)
    if bad is not None and bad in _LINE_BREAKS:
        return Problem(where, "email_newline", {"what": repr(text[:200])})
    if bad is not None:
        return Problem(where, "email_control_char", {"codepoint": f"U+{ord(bad):04X}", "what": repr(text[:200])})
    if len(text) > MAX_HEADER_CHARS:
        return Problem(where, "email_header_long", {"length": len(text), "limit": MAX_HEADER_CHARS})
    return None


def address_problem(address: str, where: Location) -> Problem | None:
    """Why ``address`` cannot be used as a plain ASCII ``local@domain``, or None when it can."""
    unsafe = header_problem(address, where)
    if unsafe is not None:
        return unsafe
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
    unsafe = header_problem(name, where)
    if unsafe is not None:
        problems.append(unsafe)
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
