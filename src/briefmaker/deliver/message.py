"""Building one email: UTF-8 subject and text, attachments whose Chinese names every client shows."""
from __future__ import annotations

import hashlib
import mimetypes
import re
from email import policy
from email.header import Header
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import formatdate, parseaddr
from pathlib import Path

from .addresses import Recipient, unsafe_character

MIME_TYPES = {
    ".pdf": ("application", "pdf"),
    ".docx": ("application", "vnd.openxmlformats-officedocument.wordprocessingml.document"),
}


# SMTP line endings; a header stored raw (the legacy name=) is written as given, never refolded
_POLICY = policy.SMTP.clone(refold_source="none")


def default_body(title: str, unit: str | None) -> str:
    """The cover note used when the brief gives no ``email.body``."""
    return f"您好！\n\n附件是《{title}》，请查收。\n" + (f"\n{unit}\n" if unit else "")


def attachment_name(title: str, path: Path) -> str:
    """The name a recipient sees: the document's title (``长兴路街道办事处2020年工作总结.pdf``).

    Characters Windows forbids in file names are dropped; an empty result falls back to the file's name.
    """
    text = "".join(c for c in " ".join(title.split()) if unsafe_character(c) is None)
    clean = re.sub(r'[\\/:*?"<>|\x00-\x1f\x7f]', "", text).strip(" .")
    return f"{clean[:120]}{path.suffix}" if clean else path.name


def message_id(content_hash: str, address: str, sender: str) -> str:
    """The Message-ID of one version of a brief to one recipient: the same on every attempt and run.

    A receiving system that has the copy already can recognise a resent one (``--force``) and drop it.
    """
    digest = hashlib.sha256(f"{content_hash}\0{address.lower()}".encode()).hexdigest()[:40]
    domain = parseaddr(sender)[1].rpartition("@")[2] or "briefmaker.invalid"
    return f"<{digest}@{domain}>"


def build_message(sender: str, to: Recipient, subject: str, body: str, attachments: list[tuple[Path, str]],
                  *, message_id: str, date: str | None = None) -> EmailMessage:
    """A complete message (``message_id``, Date, UTF-8 text) with ``attachments`` read from disk.

    Each attachment's name is given twice: RFC 2231 (``filename*=utf-8''…``, read by current
    clients) and as an RFC 2047 encoded word in ``Content-Type; name=`` (read by older Outlook
    and Foxmail). Header values must already be checked to hold no line breaks.
    """
    msg = EmailMessage(policy=_POLICY)
    msg["Subject"] = subject
    msg["From"] = sender
    msg["To"] = Address(display_name=to.name, addr_spec=to.address) if to.name else to.address
    msg["Date"] = date or formatdate(localtime=True)
    msg["Message-ID"] = message_id
    msg.set_content(body if body.endswith("\n") else body + "\n", charset="utf-8", cte="base64")
    for path, name in attachments:
        maintype, subtype = MIME_TYPES.get(path.suffix.lower()) or _guess(path)
        msg.add_attachment(path.read_bytes(), maintype=maintype, subtype=subtype, filename=name)
        part = list(msg.iter_attachments())[-1]
        _legacy_name(part, f"{maintype}/{subtype}", name)
    return msg


def _guess(path: Path) -> tuple[str, str]:
    kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    main, _, sub = kind.partition("/")
    return main, sub


def _legacy_name(part: EmailMessage, content_type: str, name: str) -> None:
    """Replace Content-Type with one whose ``name=`` is an encoded word, folded by hand.

    The email package would rewrite such a parameter as RFC 2231 (which old clients cannot
    read), so the header is stored raw with set_raw, folded here (encoded words of ≤ 70 characters).
    """
    if name.isascii():
        encoded = name.replace("\\", "\\\\").replace('"', '\\"')
    else:
        encoded = Header(name, "utf-8", header_name="Content-Type").encode(maxlinelen=70, linesep="\r\n")
    del part["Content-Type"]
    part.set_raw("Content-Type", f'{content_type};\r\n name="{encoded}"')
